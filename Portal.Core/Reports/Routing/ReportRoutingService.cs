using System.Globalization;
using FluentValidation.Results;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Notifications;
using Portal.Core.Offices;
using Portal.Core.Rules;
using Portal.Core.Text;

namespace Portal.Core.Reports.Routing;

/// <summary>Routes reports as they come in or move: <see cref="ReportService"/> calls it on every way in and after a change of category or ward.</summary>
public sealed class ReportRouter(IReportRoutingRepository routing)
{
    public async Task RouteAsync(Report report, CancellationToken ct)
    {
        var section = RoutingTable.SectionFor(await routing.RoutesAsync(ct), report.CategoryCode, report.WardId);
        if (await routing.SectionOfAsync(report.Id, ct) != section) await routing.SetSectionAsync(report.Id, section, ct);
    }
}

/// <summary>
/// Routing and referral (issue 17, item 3): the admins' sections, routing table and outside bodies (each change audited);
/// staff re-routing a report and referring it to an outside body (in their ward scope, audited, in the report's history);
/// who handles a report now, as its public page and Open311 say.
/// </summary>
public sealed class ReportRoutingService(
    IReportRoutingRepository routing,
    IReportRepository reports,
    IReportCategoryRepository categories,
    IOfficeRepository offices,
    IUserAccountRepository accounts,
    ReportService reportService,
    StaffScopes scopes,
    AuditTrail audit,
    TimeProvider time,
    ISecretProtector protector,
    NotificationOptions links,
    Gazetteer? places = null)
{
    public const string SecretPurpose = "reports.webhook-secret.v1";

    public Task<IReadOnlyList<ReportSection>> SectionsAsync(CancellationToken ct) => routing.SectionsAsync(ct);

    public Task<IReadOnlyList<ReportRoute>> RoutesAsync(CancellationToken ct) => routing.RoutesAsync(ct);

    public Task<IReadOnlyList<OutsideBody>> BodiesAsync(CancellationToken ct) => routing.BodiesAsync(ct);

    public Task<OutsideBody?> BodyAsync(long id, CancellationToken ct) => routing.BodyAsync(id, ct);

    public async Task<CommandResult<ReportSection>> SaveSectionAsync(Actor admin, SectionInput input, CancellationToken ct)
    {
        var validation = await new SectionInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<ReportSection>.Fail(validation.Errors);
        if (input.WardId is { Length: > 0 } ward && await offices.GetAsync(ward, ct) is null)
            return CommandResult<ReportSection>.Fail(nameof(SectionInput.WardId), RoutingKeys.UnknownWard);
        var section = input.ToSection();
        if (await routing.SaveSectionAsync(section, ct) is not { } id)
            return CommandResult<ReportSection>.Fail(nameof(SectionInput.Code), RoutingKeys.CodeTaken);
        await audit.RecordAsync(admin, RoutingAuditActions.SectionSaved, RoutingAuditActions.SectionEntity, id.ToString(CultureInfo.InvariantCulture),
            $"{(input.Id == 0 ? "created" : "updated")} code={section.Code} ward={section.WardId ?? "city"} active={section.IsActive}", ct);
        return CommandResult<ReportSection>.Ok(section with { Id = id });
    }

    /// <summary>An admin sets one cell of the routing table (a null ward: the category's city-wide default; a null section clears it).</summary>
    public async Task<CommandResult<ReportRoute>> SetRouteAsync(Actor admin, string categoryCode, string? wardId, long? sectionId, CancellationToken ct)
    {
        if (await categories.GetAsync(categoryCode, ct) is null) return CommandResult<ReportRoute>.Fail("CategoryCode", ReportErrors.UnknownCategory);
        if (wardId is not null && await offices.GetAsync(wardId, ct) is null) return CommandResult<ReportRoute>.Fail("WardId", RoutingKeys.UnknownWard);
        if (sectionId is { } id && !(await routing.SectionsAsync(ct)).Any(s => s.Id == id))
            return CommandResult<ReportRoute>.Fail("SectionId", RoutingKeys.UnknownSection);
        await routing.SetRouteAsync(categoryCode, wardId, sectionId, ct);
        await audit.RecordAsync(admin, RoutingAuditActions.RouteSaved, RoutingAuditActions.RouteEntity, $"{categoryCode}/{wardId ?? "city"}",
            $"section={sectionId?.ToString(CultureInfo.InvariantCulture) ?? "none"}", ct);
        return CommandResult<ReportRoute>.Ok(new ReportRoute(categoryCode, wardId, sectionId ?? 0));
    }

    /// <summary>An admin adds or changes an outside body; a new webhook secret is sealed before it is stored, and never recorded.</summary>
    public async Task<CommandResult<OutsideBody>> SaveBodyAsync(Actor admin, OutsideBodyInput input, CancellationToken ct)
    {
        var existing = input.Id == 0 ? null : await routing.BodyAsync(input.Id, ct);
        if (input.Id != 0 && existing is null) return CommandResult<OutsideBody>.Fail(nameof(OutsideBodyInput.Code), RoutingKeys.UnknownBody);
        input.HasSecret = existing?.SealedSecret is not null;
        var validation = await new OutsideBodyInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<OutsideBody>.Fail(validation.Errors);
        var webhook = input.Delivery == ReferralDelivery.Webhook;
        var sealedSecret = webhook && !string.IsNullOrEmpty(input.NewSecret) ? protector.Protect(SecretPurpose, input.NewSecret) : null;
        var body = new OutsideBody(input.Id, input.Code.Trim(), Languages.CityTextFields.ToText(input.Name), input.Kind, input.Delivery,
            webhook ? null : input.Email!.Trim(), webhook ? input.WebhookUrl!.Trim() : null, sealedSecret, input.IsActive);
        if (await routing.SaveBodyAsync(body, ct) is not { } id)
            return CommandResult<OutsideBody>.Fail(nameof(OutsideBodyInput.Code), RoutingKeys.CodeTaken);
        await audit.RecordAsync(admin, RoutingAuditActions.BodySaved, RoutingAuditActions.BodyEntity, id.ToString(CultureInfo.InvariantCulture),
            $"{(input.Id == 0 ? "created" : "updated")} code={body.Code} kind={body.Kind} delivery={body.Delivery} to={body.Destination}"
            + (sealedSecret is null ? "" : " secret=changed") + $" active={body.IsActive}", ct);
        return CommandResult<OutsideBody>.Ok((await routing.BodyAsync(id, ct))!);
    }

    /// <summary>The webhook secret of a body, opened for signing; null when it cannot be opened (the key is gone).</summary>
    public string? OpenSecret(OutsideBody body) => body.SealedSecret is { } s ? protector.Unprotect(SecretPurpose, s) : null;

    /// <summary>What the admin page shows of a secret: that one is kept, and its last four characters.</summary>
    public string? SecretHint(OutsideBody body) => OpenSecret(body) is { Length: >= 4 } s ? "…" + s[^4..] : null;

    public Task<long?> StaffSectionAsync(long accountId, CancellationToken ct) => routing.StaffSectionAsync(accountId, ct);

    public Task<IReadOnlyDictionary<long, long>> StaffSectionsAsync(CancellationToken ct) => routing.StaffSectionsAsync(ct);

    /// <summary>An admin puts a staff account in a section (or none), audited.</summary>
    public async Task<CommandResult<long?>> SetStaffSectionAsync(Actor admin, long accountId, long? sectionId, CancellationToken ct)
    {
        if (await accounts.GetByIdAsync(accountId, ct) is not { Role: Role.Staff }) return CommandResult<long?>.Fail("AccountId", RoutingKeys.NotStaff);
        if (sectionId is { } id && !(await routing.SectionsAsync(ct)).Any(s => s.Id == id))
            return CommandResult<long?>.Fail("SectionId", RoutingKeys.UnknownSection);
        await routing.SetStaffSectionAsync(accountId, sectionId, ct);
        await audit.RecordAsync(admin, RoutingAuditActions.StaffSectionSet, AuditEntities.Account, accountId.ToString(CultureInfo.InvariantCulture),
            $"section={sectionId?.ToString(CultureInfo.InvariantCulture) ?? "none"}", ct);
        return CommandResult<long?>.Ok(sectionId);
    }

    /// <summary>The section a report is routed to now (staff page).</summary>
    public Task<long?> SectionOfAsync(long reportId, CancellationToken ct) => routing.SectionOfAsync(reportId, ct);

    /// <summary>Staff send a report to another section: in their ward scope, a history line naming both, audited.</summary>
    public async Task<CommandResult<Report>> RerouteAsync(Actor staff, long reportId, long? sectionId, CancellationToken ct)
    {
        var report = await reports.GetAsync(reportId, ct);
        if (report is null) return CommandResult<Report>.Fail("Id", ReportErrors.NotFound);
        if (!(await scopes.OfAsync(staff, ct)).Covers(report.WardId)) return CommandResult<Report>.Fail("Id", ScopeErrors.OtherOffice);
        var sections = await routing.SectionsAsync(ct);
        if (sectionId is { } id && !sections.Any(s => s.Id == id && s.IsActive)) return CommandResult<Report>.Fail("SectionId", RoutingKeys.UnknownSection);
        var current = await routing.SectionOfAsync(reportId, ct);
        if (current == sectionId) return CommandResult<Report>.Ok(report);
        string CodeOf(long? s) => sections.FirstOrDefault(x => x.Id == s)?.Code ?? "-";
        var update = report.Reroute(staff.AccountId ?? throw new InvalidOperationException("Staff actions need a signed-in staff member."),
            $"{CodeOf(current)} → {CodeOf(sectionId)}", time.GetUtcNow());
        await routing.RerouteAsync(report, sectionId, update, ct);
        await audit.RecordAsync(staff, RoutingAuditActions.Rerouted, ReportAuditActions.Entity, reportId.ToString(CultureInfo.InvariantCulture),
            $"section={CodeOf(current)}->{CodeOf(sectionId)}", ct);
        return CommandResult<Report>.Ok(report);
    }

    /// <summary>
    /// Staff refer a report to an outside body: the workflow's move to Referred (refused where the workflow refuses it), the
    /// report carried to the body by e-mail or webhook through the outbox, the reporter told who handles it, the referral
    /// recorded and audited.
    /// </summary>
    public async Task<CommandResult<ReportReferral>> ReferAsync(Actor staff, long reportId, ReferralInput input, CancellationToken ct)
    {
        input.Message = string.IsNullOrWhiteSpace(input.Message) ? null : SubmittedText.Clean(input.Message.Trim());
        var validation = await new ReferralInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<ReportReferral>.Fail(validation.Errors);
        var body = await routing.BodyAsync(input.OutsideBodyId!.Value, ct);
        if (body is not { IsActive: true }) return CommandResult<ReportReferral>.Fail(nameof(ReferralInput.OutsideBodyId), RoutingKeys.UnknownBody);
        var photos = await reports.PhotosAsync(reportId, ct);
        var category = await categories.GetAsync((await reports.GetAsync(reportId, ct))?.CategoryCode ?? "", ct);
        var wardOffices = await offices.ListAsync(ct);
        var note = $"→ {body.Code}" + (input.Message is null ? "" : $": {input.Message}");
        var moved = await reportService.ReferAsync(staff, reportId, body.Name, note,
            (report, updateId) => BodyNotice(report, updateId, body, category, photos, wardOffices, input.Message), ct);
        if (!moved.Succeeded) return CommandResult<ReportReferral>.Fail(moved.Errors);
        var referral = new ReportReferral(0, reportId, body.Id, staff.AccountId!.Value, time.GetUtcNow(), input.Message,
            ReferralNotices.BodyKey(reportId, moved.Value));
        var id = await routing.AddReferralAsync(referral, ct);
        await audit.RecordAsync(staff, RoutingAuditActions.Referred, ReportAuditActions.Entity, reportId.ToString(CultureInfo.InvariantCulture),
            $"body={body.Code} delivery={body.Delivery}", ct);
        return CommandResult<ReportReferral>.Ok(referral with { Id = id });
    }

    /// <summary>The report as the body gets it: number, category, description, place in words, position, published photos' links, the message.</summary>
    private Notice BodyNotice(Report report, long updateId, OutsideBody body, ReportCategory? category, IReadOnlyList<ReportPhoto> photos,
        IReadOnlyList<WardOffice> wardOffices, string? message)
    {
        var values = new Dictionary<string, string>
        {
            [NoticeValues.ReportId] = report.Id.ToString(CultureInfo.InvariantCulture),
            [NoticeValues.Category] = category is null ? report.CategoryCode : Languages.RubyText.Plain(category.Name.Japanese),
            [ReferralValues.CategoryCode] = report.CategoryCode,
            [NoticeValues.Description] = report.Description,
            [NoticeValues.Place] = PlaceInWords(report, wardOffices),
            [ReferralValues.Ward] = report.WardId,
            [ReferralValues.Latitude] = report.Location.Latitude.ToString("0.######", CultureInfo.InvariantCulture),
            [ReferralValues.Longitude] = report.Location.Longitude.ToString("0.######", CultureInfo.InvariantCulture),
            // Only what the public may see already: published photos, by their public address.
            [NoticeValues.Photos] = string.Join('\n', photos.Where(p => p.IsPublished)
                .Select(p => links.AbsoluteUrl(string.Create(CultureInfo.InvariantCulture, $"/reports/photos/{p.Id}/display")))),
            [NoticeValues.Message] = message ?? "",
            [NoticeValues.Body] = Languages.RubyText.Plain(body.Name.Japanese),
        };
        var recipient = body.Delivery == ReferralDelivery.Email
            ? new NoticeRecipient.Address(NoticeChannel.Email, body.Email!, Languages.Language.Japanese)
            : new NoticeRecipient.Address(NoticeChannel.Webhook, body.Id.ToString(CultureInfo.InvariantCulture), Languages.Language.Japanese);
        return new Notice(NoticeKind.ReportReferral, recipient, ReferralNotices.BodyKey(report.Id, updateId), values,
            string.Create(CultureInfo.InvariantCulture, $"/reports/{report.Id}"));
    }

    /// <summary>The town or landmark (Japanese), else "near" the ward office, with the ward.</summary>
    private string PlaceInWords(Report report, IReadOnlyList<WardOffice> wardOffices)
    {
        var ward = wardOffices.FirstOrDefault(o => o.Id == report.WardId)?.Name.Japanese ?? report.WardId;
        return places?.Name(report.Location) switch
        {
            { Kind: PlaceKind.Town } town => $"{Languages.RubyText.Plain(town.Name.Japanese)}（{ward}）",
            { } landmark => $"{Languages.RubyText.Plain(landmark.Name.Japanese)}付近（{ward}）",
            null => $"{ward}付近",
        };
    }

    /// <summary>Who handles each report now, by name (Open311's agency_responsible): reports without a section are left out.</summary>
    public Task<IReadOnlyDictionary<long, Languages.LocalizedText>> HandlerNamesAsync(IReadOnlyCollection<long> reportIds, CancellationToken ct) =>
        routing.HandlerNamesAsync(reportIds, ct);

    /// <summary>A report's referrals for staff (newest first, with their delivery state), in their scope.</summary>
    public async Task<IReadOnlyList<ReportReferral>> ReferralsAsync(Actor staff, long reportId, CancellationToken ct) =>
        await reportService.GetForStaffAsync(staff, reportId, ct) is null ? [] : await routing.ReferralsAsync(reportId, ct);

    /// <summary>
    /// Who handles the report now, as the public sees it: the outside body of its latest referral while it stays referred,
    /// else the section it is routed to, with that section's ward office.
    /// </summary>
    public async Task<ReportHandler> HandlerAsync(Report report, CancellationToken ct) =>
        await HandlerAsync(report.Id, report.Status, ct);

    public async Task<ReportHandler> HandlerAsync(long reportId, ReportStatus status, CancellationToken ct)
    {
        if (status == ReportStatus.Referred && (await routing.ReferralsAsync(reportId, ct)).FirstOrDefault() is { } latest
            && await routing.BodyAsync(latest.OutsideBodyId, ct) is { } body)
            return new ReportHandler(null, body, null);
        if (await routing.SectionOfAsync(reportId, ct) is not { } sectionId
            || (await routing.SectionsAsync(ct)).FirstOrDefault(s => s.Id == sectionId) is not { } section)
            return ReportHandler.None;
        var ward = section.WardId is { } w ? (await offices.GetAsync(w, ct))?.Name : null;
        return new ReportHandler(section, null, ward);
    }
}
