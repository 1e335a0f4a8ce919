using FluentValidation.Results;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Notifications;
using Portal.Core.Reports.Alerts;
using Portal.Core.Rules;
using Portal.Core.Text;
using Portal.Core.Time;
using System.Globalization;

namespace Portal.Core.Reports;

public static class ReportAuditActions
{
    public const string Viewed = "report.viewed";
    public const string StatusChanged = "report.status-changed";
    public const string WardCorrected = "report.ward-corrected";
    public const string Assigned = "report.assigned";
    public const string NoteAdded = "report.note-added";
    public const string Moderated = "report.moderated";
    public const string PhotoPublished = "report.photo-published";
    public const string PhotoRedacted = "report.photo-redacted";
    /// <summary>Staff filed a report for a caller or visitor, or from their patrol.</summary>
    public const string FiledForResident = "report.filed-for-resident";
    public const string Entity = "report";
    public const string CategorySaved = "report-category.saved";
    public const string CategoryQuestionsSaved = "report-category.questions-saved";
    public const string CategoryEntity = "report-category";
}

/// <summary>The notices reports send.</summary>
public static class ReportNotices
{
    /// <summary>One notice per history line: "report:{id}:update:{updateId}".</summary>
    public static string DedupKey(long reportId, long updateId) =>
        string.Create(CultureInfo.InvariantCulture, $"report:{reportId}:update:{updateId}");

    /// <summary>"Is it fixed?" to one resident about the history line that fixed or closed the report.</summary>
    public static string FixedCheckKey(long reportId, long updateId, long accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"report:{reportId}:update:{updateId}:fixed-check:{accountId}");
}

/// <summary>
/// Told when staff accept a report, after it is saved (City Points credits the reporter where an admin switched
/// that on). A listener must not throw for its own rules: acceptance has already happened.
/// </summary>
public interface IReportAcceptedListener
{
    Task ReportAcceptedAsync(Report report, CancellationToken ct);
}

/// <summary>
/// Everything residents and staff do with reports. Staff actions go to the audit trail; a staff move that changes
/// what the reporter sees (the public status, or a public response) notifies the reporter, written to the outbox
/// in the move's own transaction. Staff read and act only on reports of a ward their scope covers
/// (<see cref="StaffScope"/>: their own ward office, or every ward with the city-wide permission); the check is here, so a
/// page that forgets it is refused all the same.
/// </summary>
public sealed class ReportService(
    IReportRepository reports,
    IReportCategoryRepository categories,
    IWardLocator wards,
    DuplicateFinder duplicates,
    AuditTrail audit,
    TimeProvider time,
    StaffScopes scopes,
    IOutboxSignal? outboxSignal = null,
    IEnumerable<IReportAcceptedListener>? acceptedListeners = null,
    ReportFollowUpOptions? followUp = null,
    ReportFollowNotices? follows = null,
    Themes.IReportThemeRepository? themes = null,
    Routing.ReportRouter? router = null)
{
    private readonly int _followUpDays = (followUp ?? new ReportFollowUpOptions()).FollowUpDays;

    public async Task<CommandResult<Report>> SubmitAsync(ReportDraft draft, UserAccount? reporter, string source, CancellationToken ct)
    {
        var validation = await new ReportDraftValidator().ValidateAsync(draft, ct);
        if (!validation.IsValid) return CommandResult<Report>.Fail(validation.Errors);
        var category = await categories.GetAsync(draft.CategoryCode!, ct);
        if (category is not { IsActive: true })
            return CommandResult<Report>.Fail(nameof(ReportDraft.CategoryCode), ReportErrors.UnknownCategory);
        var (answers, unanswered) = ReportAnswers.Check(category.Questions, draft.Answers);
        if (unanswered.Count > 0) return CommandResult<Report>.Fail(unanswered);

        var location = draft.Location!.Value;
        var ward = wards.Locate(location);
        var now = time.GetUtcNow();
        if (await ThemeRefusalAsync(draft, category.Code, location, ward, now, ct) is { } refused) return CommandResult<Report>.Fail([refused]);
        var report = Report.Submit(draft.IdempotencyKey, reporter?.Id, draft.ShowName ? reporter?.DisplayName : null, reporter?.Email,
            draft.Kind, category.Code, draft.Description, location, ward, source, now, answers, draft.ThemeCode);
        var stored = await reports.SubmitAsync(report, draft.Photos, ct);
        if (stored.ReporterId != reporter?.Id)
            throw new RuleException(ReportErrors.NotYours);
        await RouteAsync(stored, ct);
        return CommandResult<Report>.Ok(stored);
    }

    /// <summary>
    /// Why the draft cannot go into the theme it names, checked at the moment it is submitted (a theme may close while the
    /// resident types): the theme unknown, not open, not asking for the category, or the place outside its area. The
    /// failure names the field it is about: the place's is shown beside the map, the others above the form.
    /// </summary>
    private async Task<ValidationFailure?> ThemeRefusalAsync(ReportDraft draft, string category, GeoPoint location, string ward, DateTimeOffset now,
        CancellationToken ct)
    {
        if (string.IsNullOrEmpty(draft.ThemeCode)) return null;
        var theme = themes is null ? null : await themes.GetAsync(draft.ThemeCode, ct);
        var refusal = theme is null ? Themes.ThemeErrors.Unknown : theme.Refusal(now, category, location, ward);
        return refusal switch
        {
            null => null,
            Themes.ThemeErrors.OutsideArea => new ValidationFailure(nameof(ReportDraft.Latitude), refusal),
            Themes.ThemeErrors.CategoryNotInTheme => new ValidationFailure(nameof(ReportDraft.CategoryCode), refusal),
            _ => new ValidationFailure(nameof(ReportDraft.ThemeCode), refusal),
        };
    }

    /// <summary>Whether a place is in the theme's area, in the ward the portal would place a report there: null, or the refusal's key.</summary>
    public string? ThemePlaceRefusal(Themes.ReportTheme theme, GeoPoint at) =>
        theme.Area.Contains(at, wards.Locate(at)) ? null : Themes.ThemeErrors.OutsideArea;

    /// <summary>
    /// A report from a partner app (Open311): no portal account, the contact e-mail kept private and never
    /// published, and the 4,000 characters GeoReport v2 allows.
    /// </summary>
    public async Task<CommandResult<Report>> SubmitFromPartnerAsync(ReportDraft draft, string? contactEmail, string source, CancellationToken ct)
    {
        var validation = await new ReportDraftValidator(ReportDraftValidator.PartnerMaxDescriptionLength).ValidateAsync(draft, ct);
        if (!validation.IsValid) return CommandResult<Report>.Fail(validation.Errors);
        var category = await categories.GetAsync(draft.CategoryCode!, ct);
        if (category is not { IsActive: true })
            return CommandResult<Report>.Fail(nameof(ReportDraft.CategoryCode), ReportErrors.UnknownCategory);
        var (answers, unanswered) = ReportAnswers.Check(category.Questions, draft.Answers);
        if (unanswered.Count > 0) return CommandResult<Report>.Fail(unanswered);

        var location = draft.Location!.Value;
        var report = Report.Submit(draft.IdempotencyKey, null, null, string.IsNullOrWhiteSpace(contactEmail) ? null : contactEmail.Trim(),
            draft.Kind, category.Code, draft.Description, location, wards.Locate(location), source, time.GetUtcNow(), answers);
        var stored = await reports.SubmitAsync(report, [], ct);
        if (stored.ReporterId is not null || stored.Source != source)
            throw new RuleException(ReportErrors.NotYours);
        // A retry is answered with the report it made; the same key with another request is the client's mistake,
        // and answering it with the first report would lose the second without a word.
        if (!ReferenceEquals(stored, report) && !IsSameRequest(stored, report))
            throw new RuleException(ReportErrors.KeyReused);
        await RouteAsync(stored, ct);
        return CommandResult<Report>.Ok(stored);
    }

    /// <summary>
    /// Staff file a report for a caller, a visitor at the counter, or what they saw on patrol (issue 17, item 4): the report
    /// form's rules and <see cref="AssistedReportValidator"/>, in a ward their scope covers, stored with how it came in
    /// (<see cref="ReportIntake"/>, in the report's transaction) and audited. No account is its reporter; the contact stays
    /// with staff. A resident who said no to publishing their photos keeps them unpublished for good.
    /// </summary>
    public async Task<CommandResult<Report>> FileForResidentAsync(Actor staff, AssistedReport input, CancellationToken ct)
    {
        var validation = await new AssistedReportValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<Report>.Fail(validation.Errors);
        var draft = input.Draft;
        var category = await categories.GetAsync(draft.CategoryCode!, ct);
        if (category is not { IsActive: true })
            return CommandResult<Report>.Fail($"{nameof(AssistedReport.Draft)}.{nameof(ReportDraft.CategoryCode)}", ReportErrors.UnknownCategory);
        var (answers, unanswered) = ReportAnswers.Check(category.Questions, draft.Answers);
        if (unanswered.Count > 0)
            return CommandResult<Report>.Fail(unanswered.Select(f => new ValidationFailure($"{nameof(AssistedReport.Draft)}.{f.PropertyName}", f.ErrorMessage)).ToList());
        var location = draft.Location!.Value;
        var ward = wards.Locate(location);
        if (!(await scopes.OfAsync(staff, ct)).Covers(ward))
            return CommandResult<Report>.Fail($"{nameof(AssistedReport.Draft)}.{nameof(ReportDraft.Latitude)}", ScopeErrors.OtherOffice);

        var source = input.Source!.Value;
        var now = time.GetUtcNow();
        var report = Report.Submit(draft.IdempotencyKey, null, null, Given(input.ContactEmail), draft.Kind, category.Code, draft.Description, location, ward,
            source.Code(), now, answers);
        var consent = draft.Photos.Count > 0 && source.HasResident() ? input.PhotoConsent : null;
        var intake = new ReportIntake(0, source, StaffId(staff), Given(input.ContactName), Given(input.ContactPhone), consent, now);
        var stored = await reports.SubmitAssistedAsync(report, draft.Photos, intake, ct);
        if (stored.ReporterId is not null || stored.Source != source.Code())
            throw new RuleException(ReportErrors.NotYours);
        await RouteAsync(stored, ct);
        // A retry of the same filing answers with the report it made, recorded once.
        if (ReferenceEquals(stored, report))
            await audit.RecordAsync(staff, ReportAuditActions.FiledForResident, ReportAuditActions.Entity, stored.Id.ToString(CultureInfo.InvariantCulture),
                string.Create(CultureInfo.InvariantCulture,
                    $"source={source.Code()} photos={draft.Photos.Count} photo-consent={consent?.ToString() ?? "n/a"} contact={((intake.ContactName ?? intake.ContactPhone ?? report.ContactEmail) is null ? "none" : "given")}"),
                ct);
        return CommandResult<Report>.Ok(stored);
    }

    /// <summary>How a report staff filed came in; null for a report a resident or a partner app sent. Staff of its ward only.</summary>
    /// <exception cref="RuleException">The report belongs to another ward office.</exception>
    public async Task<ReportIntake?> IntakeAsync(Actor staff, long reportId, CancellationToken ct) =>
        await GetForStaffAsync(staff, reportId, ct) is null ? null : await reports.IntakeAsync(reportId, ct);

    private static string? Given(string? text) => string.IsNullOrWhiteSpace(text) ? null : SubmittedText.Clean(text.Trim(), multiline: false);

    private static bool IsSameRequest(Report stored, Report retry) =>
        stored.CategoryCode == retry.CategoryCode && stored.Description == retry.Description && stored.Location == retry.Location
        && string.Equals(stored.ContactEmail, retry.ContactEmail, StringComparison.OrdinalIgnoreCase) && stored.Answers.SequenceEqual(retry.Answers);

    public Task<IReadOnlyList<DuplicateCandidate>> FindDuplicatesAsync(string categoryCode, GeoPoint at, long? excludeReportId, CancellationToken ct) =>
        duplicates.FindAsync(categoryCode, at, excludeReportId, ct);

    /// <summary>"Me too": a resident adds their support to an open report instead of filing another.</summary>
    public async Task<CommandResult<Report>> MeTooAsync(long reportId, long accountId, CancellationToken ct)
    {
        var report = await reports.GetAsync(reportId, ct);
        if (report is not { IsPublished: true }) return CommandResult<Report>.Fail("Id", ReportErrors.NotFound);
        if (report.ReporterId == accountId) return CommandResult<Report>.Fail("Id", ReportErrors.CannotMeTooOwn);
        if (!report.IsOpen) return CommandResult<Report>.Fail("Id", ReportErrors.NotOpen);
        if (await reports.AddMeTooAsync(reportId, accountId, time.GetUtcNow(), ct)) report.CountMeToo();
        return CommandResult<Report>.Ok(report);
    }

    public Task<CommandResult<Report>> WithdrawAsync(long reportId, long reporterId, CancellationToken ct) =>
        ChangeAsync(reportId, r => r.Withdraw(reporterId, time.GetUtcNow()), null, ct);

    public async Task<CommandResult<Report>> EditAsync(long reportId, long reporterId, string categoryCode, string description, GeoPoint location, CancellationToken ct)
    {
        // A person's own words, typed or pasted on a form: what no writer can carry is taken out (it is invisible).
        description = SubmittedText.Clean(description);
        var category = await categories.GetAsync(categoryCode, ct);
        if (category is not { IsActive: true }) return CommandResult<Report>.Fail(nameof(ReportDraft.CategoryCode), ReportErrors.UnknownCategory);
        if (string.IsNullOrWhiteSpace(description) || description.Length > ReportDraftValidator.MaxDescriptionLength)
            return CommandResult<Report>.Fail(nameof(ReportDraft.Description), ReportValidationKeys.DescriptionRequired);
        if (!CityArea.Contains(location)) return CommandResult<Report>.Fail(nameof(ReportDraft.Latitude), ReportErrors.OutsideCity);
        // A report sent into a theme stays one the theme takes: its categories, its area (its period was met when it came in).
        if ((await reports.GetAsync(reportId, ct))?.ThemeCode is { } themeCode && themes is not null && await themes.GetAsync(themeCode, ct) is { } theme)
        {
            if (!theme.Accepts(category.Code)) return CommandResult<Report>.Fail(nameof(ReportDraft.CategoryCode), Themes.ThemeErrors.CategoryNotInTheme);
            if (ThemePlaceRefusal(theme, location) is { } outside) return CommandResult<Report>.Fail(nameof(ReportDraft.Latitude), outside);
        }
        return await RoutedAgainAsync(await ChangeAsync(reportId,
            r => r.EditByReporter(reporterId, categoryCode, description, location, wards.Locate(location), time.GetUtcNow()), null, ct), ct);
    }

    /// <summary>
    /// A new report goes to the section its category and ward route it to (<see cref="Routing.RoutingTable"/>); a retried
    /// submission is routed again to the same. Also after its category or ward changed.
    /// </summary>
    private async Task RouteAsync(Report report, CancellationToken ct)
    {
        if (router is not null) await router.RouteAsync(report, ct);
    }

    private async Task<CommandResult<Report>> RoutedAgainAsync(CommandResult<Report> changed, CancellationToken ct)
    {
        if (changed is { Succeeded: true, Value: { } report }) await RouteAsync(report, ct);
        return changed;
    }

    public Task<CommandResult<Report>> RemovePersonalDetailsAsync(long reportId, long reporterId, CancellationToken ct) =>
        ChangeAsync(reportId, r => r.RemovePersonalDetails(reporterId, time.GetUtcNow()), null, ct);

    /// <summary>
    /// A staff member opens a report with the reporter's details: recorded in the audit trail. A report of a ward outside
    /// their scope is refused (<see cref="ScopeErrors.OtherOffice"/>), and the refusal is not recorded as a view.
    /// </summary>
    /// <exception cref="RuleException">The report belongs to another ward office.</exception>
    public async Task<Report?> OpenForStaffAsync(Actor staff, long reportId, CancellationToken ct)
    {
        var report = await GetForStaffAsync(staff, reportId, ct);
        if (report is not null)
            await audit.RecordAsync(staff, ReportAuditActions.Viewed, ReportAuditActions.Entity, reportId.ToString(System.Globalization.CultureInfo.InvariantCulture), null, ct);
        return report;
    }

    /// <summary>The report as staff see it again after opening it (not recorded again), only within their scope.</summary>
    /// <exception cref="RuleException">The report belongs to another ward office.</exception>
    public async Task<Report?> GetForStaffAsync(Actor staff, long reportId, CancellationToken ct)
    {
        var report = await reports.GetAsync(reportId, ct);
        if (report is not null && !(await scopes.OfAsync(staff, ct)).Covers(report.WardId))
            throw new RuleException(ScopeErrors.OtherOffice);
        return report;
    }

    /// <summary>
    /// The triage inbox: reports of the reader's own ward office whatever ward the filter names, or of any ward (the one
    /// named, or all) with the city-wide permission.
    /// </summary>
    public async Task<IReadOnlyList<Report>> InboxAsync(Actor staff, InboxFilter filter, CancellationToken ct) =>
        await ScopedAsync(staff, filter, ct) is { } scoped ? await reports.InboxAsync(scoped, ct) : [];

    /// <summary>How many reports <see cref="InboxAsync"/> holds with the same filter.</summary>
    public async Task<int> CountInboxAsync(Actor staff, InboxFilter filter, CancellationToken ct) =>
        await ScopedAsync(staff, filter, ct) is { } scoped ? await reports.CountInboxAsync(scoped, ct) : 0;

    private async Task<InboxFilter?> ScopedAsync(Actor staff, InboxFilter filter, CancellationToken ct)
    {
        var scope = await scopes.OfAsync(staff, ct);
        return scope.IsNone ? null : filter with { WardId = scope.Limit(filter.WardId) };
    }

    public async Task<CommandResult<Report>> MoveAsync(Actor staff, long reportId, ReportStatus to, string? publicResponse, string? internalNote, long? duplicateOfId, CancellationToken ct)
    {
        // The original of a duplicate must be a report the same staff member may act on: closing a report as a
        // duplicate of another ward's report would point residents at work this office cannot see or follow.
        if (to == ReportStatus.Duplicate && duplicateOfId is { } originalId)
        {
            if (await reports.GetAsync(originalId, ct) is not { } original) return CommandResult<Report>.Fail("DuplicateOfId", ReportErrors.NotFound);
            if (!(await scopes.OfAsync(staff, ct)).Covers(original.WardId)) return CommandResult<Report>.Fail("DuplicateOfId", ScopeErrors.OtherOffice);
        }
        var result = await ChangeAsync(reportId, r => r.MoveTo(to, StaffId(staff), publicResponse, internalNote, time.GetUtcNow(), duplicateOfId),
            (staff, ReportAuditActions.StatusChanged, $"to={to}"), ct, notifyReporter: true);
        if (result.Succeeded && to == ReportStatus.Accepted && result.Value is { } accepted)
            foreach (var listener in acceptedListeners ?? [])
                await listener.ReportAcceptedAsync(accepted, ct);
        return result;
    }

    /// <summary>
    /// The notices about a staff move, made from the history line's id once it is known: to the reporter when the move
    /// changed what they see; when the move fixed or closed the report, "is it fixed?" to the reporter and everyone
    /// who said "me too"; and, for a change the public sees on a report still public, to its followers who hear of it no
    /// other way (<see cref="AlertRules.FollowersToTell"/>): nobody is told of one change twice.
    /// </summary>
    private async Task<Func<long, IReadOnlyList<Notice>>?> MoveNoticesAsync(Report report, ReportUpdate update, PublicStatus before, CancellationToken ct,
        Languages.LocalizedText? referredTo = null)
    {
        var after = ReportWorkflow.ToPublic(report.Status);
        var publicChange = after != before || !string.IsNullOrWhiteSpace(update.PublicResponse);
        var statusChanged = report.ReporterId is not null && publicChange;
        var asked = update.FromStatus != update.ToStatus && report.AsksIfFixed(time.GetUtcNow(), _followUpDays)
            ? FollowUpRecipients(report, await reports.MeTooAccountsAsync(report.Id, ct)) : new List<long>();
        var followers = publicChange && report.IsPublished && follows is not null
            ? AlertRules.FollowersToTell(await follows.FollowersAsync(report.Id, ct), report.ReporterId, asked) : Array.Empty<long>();
        if (!statusChanged && asked.Count == 0 && followers.Count == 0) return null;
        var values = await ReportValuesAsync(report, ct);
        values[NoticeValues.Status] = after.ToString();
        var referred = referredTo is null ? null : new Dictionary<string, string>(values);
        if (referred is not null) NoticeValues.AddText(referred, NoticeValues.Body, referredTo!);
        var question = asked.Count == 0 ? values : new Dictionary<string, string>(values)
        {
            // The last Japan day of the follow-up period.
            [NoticeValues.Until] = JapanTime.ToJapan(report.FollowUpEndsUtc(_followUpDays)!.Value.AddTicks(-1))
                .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };
        var link = $"/reports/{values[NoticeValues.ReportId]}";
        return updateId =>
        {
            var notices = new List<Notice>();
            if (statusChanged)
                notices.Add(new Notice(referred is null ? NoticeKind.ReportStatusChanged : NoticeKind.ReportReferred,
                    new NoticeRecipient.Account(report.ReporterId!.Value), ReportNotices.DedupKey(report.Id, updateId), referred ?? values, link));
            notices.AddRange(asked.Select(accountId => new Notice(NoticeKind.ReportFixedCheck, new NoticeRecipient.Account(accountId),
                ReportNotices.FixedCheckKey(report.Id, updateId, accountId), question, link)));
            notices.AddRange(followers.Select(accountId => follows!.For(accountId, report.Id, updateId, values)));
            return notices;
        };
    }

    /// <summary>Who is asked "is it fixed?": the reporter (with an account) and everyone who said "me too".</summary>
    private static List<long> FollowUpRecipients(Report report, IReadOnlyList<long> meToo) =>
        [.. (report.ReporterId is { } reporter ? meToo.Prepend(reporter) : meToo).Distinct()];

    /// <summary>The report's number and its category's name in every language it is written in (its code when it is gone).</summary>
    private async Task<Dictionary<string, string>> ReportValuesAsync(Report report, CancellationToken ct)
    {
        var category = await categories.GetAsync(report.CategoryCode, ct);
        var values = new Dictionary<string, string>
        {
            [NoticeValues.ReportId] = report.Id.ToString(CultureInfo.InvariantCulture),
            [NoticeValues.Category] = report.CategoryCode,
        };
        if (category is not null) NoticeValues.AddText(values, NoticeValues.Category, category.Name);
        return values;
    }

    /// <summary>
    /// What the report page offers a signed-in resident: "is it fixed?" while the follow-up period runs, to the reporter
    /// and to those who said "me too", once per closing; and their answer once given.
    /// </summary>
    public async Task<FollowUpState> FollowUpStateAsync(Report report, long accountId, CancellationToken ct)
    {
        if (report.ClosedUtc is not { } closed || !ReportWorkflow.AsksIfFixed(report.Status)) return FollowUpState.None;
        var isReporter = report.ReporterId == accountId;
        if (!isReporter && !await reports.HasSaidMeTooAsync(report.Id, accountId, ct)) return FollowUpState.None;
        var answer = await reports.FollowUpAsync(report.Id, accountId, closed, ct);
        var open = report.AsksIfFixed(time.GetUtcNow(), _followUpDays);
        return new FollowUpState(open && answer is null, answer?.Answer, report.FollowUpEndsUtc(_followUpDays));
    }

    /// <summary>
    /// A resident answers "is it fixed?". 「直りました」 is recorded for the statistics; 「まだ直っていない」, with an optional
    /// comment for staff, opens the report again as <see cref="ReportStatus.ReopenRequested"/> (the workflow's resident
    /// move) and tells the staff member it is assigned to, in the same transaction. Only the reporter and those who said
    /// "me too" are asked, in the follow-up period, once per closing. With 「まだ直っていない」 the resident may add a photo of
    /// what is still wrong (<see cref="MaxFollowUpPhotos"/>, kept by <see cref="Photos.ReportPhotoService"/>): it joins
    /// the report's photos unpublished, for staff to look at and publish.
    /// </summary>
    public async Task<CommandResult<Report>> AnswerFollowUpAsync(long reportId, long accountId, FollowUpAnswer answer, string? comment, CancellationToken ct) =>
        await AnswerFollowUpAsync(reportId, accountId, answer, comment, [], ct);

    public const int MaxFollowUpPhotos = 1;

    /// <inheritdoc cref="AnswerFollowUpAsync(long, long, FollowUpAnswer, string?, CancellationToken)"/>
    public async Task<CommandResult<Report>> AnswerFollowUpAsync(long reportId, long accountId, FollowUpAnswer answer, string? comment,
        IReadOnlyList<NewPhoto> photos, CancellationToken ct)
    {
        if (photos.Count > MaxFollowUpPhotos || (photos.Count > 0 && answer == FollowUpAnswer.Fixed))
            return CommandResult<Report>.Fail("Photos", ReportValidationKeys.TooManyPhotos);
        comment = string.IsNullOrWhiteSpace(comment) ? null : SubmittedText.Clean(comment);
        if (comment is { Length: > ReportDraftValidator.MaxDescriptionLength })
            return CommandResult<Report>.Fail("Comment", ReportValidationKeys.DescriptionTooLong);
        var report = await reports.GetAsync(reportId, ct);
        if (report is not { IsPublished: true }) return CommandResult<Report>.Fail("Id", ReportErrors.NotFound);
        var state = await FollowUpStateAsync(report, accountId, ct);
        if (state.Answered is not null) return CommandResult<Report>.Fail("Id", ReportErrors.AlreadyAnswered);
        if (!state.Asked) return CommandResult<Report>.Fail("Id", ReportErrors.NotAsked);
        var now = time.GetUtcNow();
        var record = new ReportFollowUp(report.Id, accountId, report.ClosedUtc!.Value, answer, comment, now);
        if (answer == FollowUpAnswer.Fixed)
            return await reports.SaveFollowUpAsync(record, null, null, null, [], ct)
                ? CommandResult<Report>.Ok(report) : CommandResult<Report>.Fail("Id", ReportErrors.AlreadyAnswered);

        ReportUpdate update;
        try
        {
            update = report.RequestReopen(accountId, report.ReporterId == accountId, comment, now, _followUpDays);
        }
        catch (RuleException e)
        {
            return CommandResult<Report>.Fail("Id", e.Key);
        }
        Func<long, IReadOnlyList<Notice>>? notices = null;
        if (report.AssignedToId is { } assignee)
        {
            var values = await ReportValuesAsync(report, ct);
            notices = updateId => [new Notice(NoticeKind.ReportReopenRequested, new NoticeRecipient.Account(assignee),
                ReportNotices.DedupKey(report.Id, updateId), values, $"/staff/reports/{report.Id}")];
        }
        if (!await reports.SaveFollowUpAsync(record, report, update, notices, photos, ct))
            return CommandResult<Report>.Fail("Id", ReportErrors.AlreadyAnswered);
        if (notices is not null) outboxSignal?.Notify();
        return CommandResult<Report>.Ok(report);
    }

    public async Task<CommandResult<Report>> CorrectWardAsync(Actor staff, long reportId, string wardId, CancellationToken ct) =>
        await RoutedAgainAsync(await ChangeAsync(reportId, r => r.CorrectWard(StaffId(staff), wardId, time.GetUtcNow()),
            (staff, ReportAuditActions.WardCorrected, $"ward={wardId}"), ct), ct);

    /// <summary>
    /// Staff refer the report to an outside body (issue 17, item 3): the workflow's move to <see cref="ReportStatus.Referred"/>,
    /// audited as any move; the reporter hears who handles it now (<see cref="NoticeKind.ReportReferred"/>, with the body's
    /// name) instead of the plain status notice; <paramref name="bodyNotice"/>, made from the new history line's id, carries
    /// the report to the body through the outbox, all in the move's transaction. Returns the history line's id.
    /// </summary>
    public async Task<CommandResult<long>> ReferAsync(Actor staff, long reportId, Languages.LocalizedText bodyName, string note,
        Func<Report, long, Notice> bodyNotice, CancellationToken ct)
    {
        long updateId = 0;
        var result = await ChangeAsync(reportId, r => r.MoveTo(ReportStatus.Referred, StaffId(staff), null, note, time.GetUtcNow()),
            (staff, ReportAuditActions.StatusChanged, $"to={ReportStatus.Referred}"), ct, notifyReporter: true,
            referredTo: bodyName, extra: (report, id) =>
            {
                updateId = id;
                return bodyNotice(report, id);
            });
        return result.Succeeded ? CommandResult<long>.Ok(updateId) : CommandResult<long>.Fail(result.Errors);
    }

    /// <summary>Assigns the report to a staff member whose scope covers its ward (nobody can be given a report they may not open).</summary>
    public async Task<CommandResult<Report>> AssignAsync(Actor staff, long reportId, long? assigneeId, CancellationToken ct)
    {
        if (assigneeId is { } assignee && await reports.GetAsync(reportId, ct) is { } report
            && !(await scopes.OfAccountAsync(assignee, ct)).Covers(report.WardId))
            return CommandResult<Report>.Fail("AssigneeId", ScopeErrors.OtherOffice);
        return await ChangeAsync(reportId, r => r.AssignTo(StaffId(staff), assigneeId, time.GetUtcNow()), (staff, ReportAuditActions.Assigned, $"assignee={assigneeId}"), ct);
    }

    public Task<CommandResult<Report>> AddNoteAsync(Actor staff, long reportId, string note, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(note = SubmittedText.Clean(note))
            ? Task.FromResult(CommandResult<Report>.Fail("Note", ReportErrors.NoteRequired))
            : ChangeAsync(reportId, r => r.AddInternalNote(StaffId(staff), note, time.GetUtcNow()), (staff, ReportAuditActions.NoteAdded, null), ct);

    /// <summary>Moderation needs a new text and a reason, so the audit trail says why the resident's words changed.</summary>
    public Task<CommandResult<Report>> ModerateAsync(Actor staff, long reportId, string description, string reason, CancellationToken ct)
    {
        (description, reason) = (SubmittedText.Clean(description), SubmittedText.Clean(reason, multiline: false));
        if (string.IsNullOrWhiteSpace(description) || description.Length > ReportDraftValidator.MaxDescriptionLength)
            return Task.FromResult(CommandResult<Report>.Fail(nameof(Report.Description), ReportValidationKeys.DescriptionRequired));
        if (string.IsNullOrWhiteSpace(reason)) return Task.FromResult(CommandResult<Report>.Fail("Reason", ReportErrors.ReasonRequired));
        return ChangeAsync(reportId, r => r.Moderate(StaffId(staff), description, reason, time.GetUtcNow()), (staff, ReportAuditActions.Moderated, reason), ct);
    }

    /// <summary>Staff publish a photo once they have checked it shows no faces, names or number plates, or take it down again.</summary>
    public async Task<CommandResult<Report>> SetPhotoPublishedAsync(Actor staff, long reportId, long photoId, bool published, CancellationToken ct)
    {
        var report = await reports.GetAsync(reportId, ct);
        if (report is null) return CommandResult<Report>.Fail("Id", ReportErrors.NotFound);
        if (!(await scopes.OfAsync(staff, ct)).Covers(report.WardId)) return CommandResult<Report>.Fail("Id", ScopeErrors.OtherOffice);
        var photo = (await reports.PhotosAsync(reportId, ct)).FirstOrDefault(p => p.Id == photoId);
        if (photo is null) return CommandResult<Report>.Fail("PhotoId", ReportErrors.PhotoNotFound);
        // The resident who gave the photo to staff said no to publishing it.
        if (published && !photo.IsPublished && await reports.IntakeAsync(reportId, ct) is { PhotoConsent: false })
            return CommandResult<Report>.Fail("PhotoId", ReportErrors.NoPhotoConsent);
        if (photo.IsPublished != published)
        {
            await reports.SavePhotoAsync(photo with { IsPublished = published }, ct);
            await audit.RecordAsync(staff, ReportAuditActions.PhotoPublished, ReportAuditActions.Entity, reportId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                string.Create(System.Globalization.CultureInfo.InvariantCulture, $"photo={photoId} published={published}"), ct);
        }
        return CommandResult<Report>.Ok(report);
    }

    /// <summary>An administrator adds a category or changes one; the code of an existing category never changes.</summary>
    public async Task<CommandResult<ReportCategory>> SaveCategoryAsync(Actor admin, ReportCategoryInput input, bool creating, CancellationToken ct)
    {
        var validation = await new ReportCategoryValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<ReportCategory>.Fail(validation.Errors);
        var existing = await categories.GetAsync(input.Code, ct);
        if (creating && existing is not null)
            return CommandResult<ReportCategory>.Fail([new ValidationFailure(nameof(ReportCategoryInput.Code), ReportCategoryKeys.CodeTaken)]);
        if (!creating && existing is null)
            return CommandResult<ReportCategory>.Fail([new ValidationFailure(nameof(ReportCategoryInput.Code), ReportErrors.UnknownCategory)]);
        var category = input.ToCategory();
        await categories.SaveAsync(category, ct);
        await audit.RecordAsync(admin, ReportAuditActions.CategorySaved, ReportAuditActions.CategoryEntity, category.Code,
            string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"{(creating ? "created" : "updated")} field={category.Field} target={category.ResponseTargetDays} order={category.SortOrder} active={category.IsActive}"), ct);
        return CommandResult<ReportCategory>.Ok(category);
    }

    /// <summary>
    /// Replaces the questions the report form asks with a category (issue 17, item 6), checked by
    /// <see cref="CategoryQuestionsValidator"/>, and records the change under the administrator. Reports already in keep
    /// their answers; a question removed is no longer asked.
    /// </summary>
    public async Task<CommandResult<ReportCategory>> SaveQuestionsAsync(Actor admin, string categoryCode, List<QuestionInput> input, CancellationToken ct)
    {
        var validation = await new CategoryQuestionsValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<ReportCategory>.Fail(validation.Errors);
        var questions = input.Select(q => q.ToQuestion()).ToList();
        if (!await categories.SaveQuestionsAsync(categoryCode, questions, ct))
            return CommandResult<ReportCategory>.Fail(nameof(ReportCategory.Code), ReportErrors.UnknownCategory);
        await audit.RecordAsync(admin, ReportAuditActions.CategoryQuestionsSaved, ReportAuditActions.CategoryEntity, categoryCode,
            string.Create(CultureInfo.InvariantCulture,
                $"questions={questions.Count} {string.Join(' ', questions.Select(q => $"{q.Code}:{q.Kind}{(q.Required ? ":required" : "")}"))}").TrimEnd(), ct);
        return CommandResult<ReportCategory>.Ok((await categories.GetAsync(categoryCode, ct))!);
    }

    private async Task<CommandResult<Report>> ChangeAsync(long reportId, Func<Report, ReportUpdate> change, (Actor Actor, string Action, string? Detail)? audited,
        CancellationToken ct, bool notifyReporter = false, Languages.LocalizedText? referredTo = null, Func<Report, long, Notice>? extra = null)
    {
        var report = await reports.GetAsync(reportId, ct);
        if (report is null) return CommandResult<Report>.Fail("Id", ReportErrors.NotFound);
        // Every staff move is audited, and only a ward in the actor's scope is theirs to move (a ward correction is
        // checked against the ward the report leaves: afterwards it belongs to the new ward's office).
        if (audited is { } staffMove && !(await scopes.OfAsync(staffMove.Actor, ct)).Covers(report.WardId))
            return CommandResult<Report>.Fail("Id", ScopeErrors.OtherOffice);
        var before = ReportWorkflow.ToPublic(report.Status);
        ReportUpdate update;
        try
        {
            update = change(report);
        }
        catch (RuleException e)
        {
            return CommandResult<Report>.Fail("Id", e.Key);
        }
        var notice = notifyReporter ? await MoveNoticesAsync(report, update, before, ct, referredTo) : null;
        if (extra is not null)
        {
            var moved = notice;
            notice = updateId => [.. moved?.Invoke(updateId) ?? [], extra(report, updateId)];
        }
        await reports.SaveAsync(report, update, notice, ct);
        if (notice is not null) outboxSignal?.Notify();
        if (audited is { } a)
            await audit.RecordAsync(a.Actor, a.Action, ReportAuditActions.Entity, reportId.ToString(System.Globalization.CultureInfo.InvariantCulture), a.Detail, ct);
        return CommandResult<Report>.Ok(report);
    }

    private static long StaffId(Actor staff) => staff.AccountId ?? throw new InvalidOperationException("Staff actions need a signed-in staff member.");
}
