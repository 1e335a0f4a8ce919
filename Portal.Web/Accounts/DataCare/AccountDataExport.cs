using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Core.Support;
using Portal.Core.Time;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Web.Accounts.DataCare;

/// <summary>A time in the export: the stored UTC instant and the same instant in Japan time, both ISO-8601.</summary>
public sealed record ExportTime(string Utc, string Japan)
{
    public static ExportTime Of(DateTimeOffset instant) => new(
        instant.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
        JapanTime.ToJapan(instant).ToString("yyyy-MM-dd'T'HH:mm:ssK", CultureInfo.InvariantCulture));

    public static ExportTime? Of(DateTimeOffset? instant) => instant is { } i ? Of(i) : null;
}

/// <summary>The shape of data.json (documented in docs/privacy.md). Version 1.</summary>
public sealed record AccountDataDocument(
    int FormatVersion,
    ExportTime ExportedAt,
    AccountPart Account,
    IReadOnlyList<ReportPart> Reports,
    PointsPart Points,
    IReadOnlyList<LinkedTicketRow> QueueTickets,
    ForYouPart ForYou,
    NotificationsPart Notifications,
    IReadOnlyList<AuditPart> AuditAboutYou,
    IReadOnlyList<PolicyAcceptancePart> PolicyAcceptances,
    ReportAlertsPart ReportAlerts);

/// <summary>The reports the resident follows and their area alerts (what each watches, what it tells, its last digest's Japan day).</summary>
public sealed record ReportAlertsPart(IReadOnlyList<FollowPart> Follows, IReadOnlyList<AlertPart> Alerts);

public sealed record FollowPart(long ReportId, ExportTime Since);

public sealed record AlertPart(long Id, string Area, string? WardId, string? CategoryCode, double? Latitude, double? Longitude, int? RadiusMeters,
    string Events, ExportTime CreatedAt, string? LastDigestDayJapan);

/// <summary>A version of the terms of use ("terms") or privacy policy ("privacy") the resident accepted, and when.</summary>
public sealed record PolicyAcceptancePart(string Document, int Version, ExportTime AcceptedAt);

public sealed record AccountPart(long Id, string Email, string DisplayName, string Role, string? PreferredCulture, ExportTime CreatedAt,
    ExportTime? LastSignInAt, IReadOnlyList<string> ExternalSignIns);

public sealed record ReportPart(long Id, string Kind, string CategoryCode, string Description, double Latitude, double Longitude, string WardId,
    string Status, string? PublicName, string? ContactEmail, int SupportCount, ExportTime CreatedAt, ExportTime UpdatedAt,
    IReadOnlyList<ReportHistoryPart> History, IReadOnlyList<ReportPhotoPart> Photos, IReadOnlyDictionary<string, string> Answers);

/// <summary>A line of a report's history as the resident may see it: internal staff notes are not included.</summary>
public sealed record ReportHistoryPart(ExportTime At, string Kind, string? FromStatus, string? ToStatus, string? PublicResponse, bool ByYou);

public sealed record ReportPhotoPart(long Id, bool Published, bool Redacted, string? File);

public sealed record PointsPart(long Balance, long Spendable, bool WalletOpen, IReadOnlyList<LotPart> Lots, IReadOnlyList<LedgerEntryPart> Ledger,
    IReadOnlyList<VoucherPart> Vouchers, IReadOnlyList<LedgerEntryPart> Donations);

public sealed record LotPart(long Id, long Amount, long Remaining, ExportTime EarnedAt, ExportTime ExpiresAt, string LastDayJapan);

public sealed record LedgerEntryPart(long TransactionId, string Kind, long Amount, string Counterparty, string Memo, bool Reversed, ExportTime At);

public sealed record VoucherPart(long Id, string Code, string Item, long Price, ExportTime IssuedAt, ExportTime? UsedAt, ExportTime? CancelledAt);

public sealed record ForYouPart(bool RegisterLinked, IReadOnlyList<ConsentPart> Consents, IReadOnlyList<StoredResultPart> StoredResults);

public sealed record ConsentPart(string Purpose, string TextVersion, ExportTime GivenAt, ExportTime? WithdrawnAt);

public sealed record StoredResultPart(string BenefitCode, int Version, ExportTime FirstSeenAt, string YourMark);

public sealed record NotificationsPart(string? Culture, IReadOnlyList<string> SwitchedOff, ExportTime? EmailVerifiedAt, ExportTime? LineLinkedAt,
    IReadOnlyList<PushDevicePart> PushDevices, IReadOnlyList<NoticePart> Notices);

public sealed record PushDevicePart(long Id, string? Label, ExportTime AddedAt);

public sealed record NoticePart(long Id, string Kind, IReadOnlyDictionary<string, string> Values, string? Link, ExportTime At, ExportTime? ReadAt);

public sealed record AuditPart(ExportTime At, string Action, string ActorRole, string ActorName, string? Detail);

/// <summary>
/// Collects everything the portal holds about one resident and writes it as a ZIP: data.json, README.txt in the
/// resident's language and the stored (processed) photos of their own reports. Each export is audited.
/// </summary>
public sealed class AccountDataExport(
    IUserAccountRepository accounts,
    IAccountDataReader accountData,
    IReportRepository reports,
    IPhotoStore photos,
    IPointLedger ledger,
    PointsShopService shop,
    IEligibilityResults results,
    INoticePreferences preferences,
    INoticeInbox inbox,
    IChannelAddressRepository channels,
    IAuditLog auditLog,
    Portal.Core.Legal.IPolicyAcceptanceStore policyAcceptances,
    Portal.Core.Reports.Alerts.IReportAlertRepository reportAlerts,
    AuditTrail audit,
    IStringLocalizer<SharedResource> localizer,
    TimeProvider time)
{
    public const string AuditAction = "account.exported";
    private const int Page = 200;

    public static JsonSerializerOptions Json { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public async Task<AccountDataDocument?> CollectAsync(long accountId, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null || account.IsDeleted) return null;
        var links = await accountData.LinksAsync(accountId, ct);
        var settings = await preferences.GetAsync(accountId, ct);
        return new AccountDataDocument(1, ExportTime.Of(time.GetUtcNow()),
            new AccountPart(account.Id, account.Email, account.DisplayName, account.Role.ToString(), account.PreferredCulture,
                ExportTime.Of(account.CreatedUtc), ExportTime.Of(account.LastSignInUtc), links.ExternalProviders),
            await ReportsAsync(accountId, ct),
            await PointsAsync(accountId, ct),
            await accountData.LinkedTicketsAsync(accountId, ct),
            new ForYouPart(links.RegisterLinked,
                [.. (await accountData.ConsentHistoryAsync(accountId, ct)).Select(c => new ConsentPart(c.Purpose, c.TextVersion, ExportTime.Of(c.GivenUtc), ExportTime.Of(c.RevokedUtc)))],
                [.. (await results.ForAccountAsync(accountId, ct)).Select(r => new StoredResultPart(r.BenefitCode, r.Version, ExportTime.Of(r.FirstSeenUtc), r.Status.ToString()))]),
            new NotificationsPart(settings.Culture,
                [.. settings.SwitchedOff.Select(s => $"{s.Kind}/{s.Channel}").Order(StringComparer.Ordinal)],
                ExportTime.Of(links.EmailVerifiedUtc), ExportTime.Of(links.LineLinkedUtc),
                [.. (await channels.ListPushSubscriptionsAsync(accountId, ct)).Select(p => new PushDevicePart(p.Id, p.DeviceLabel, ExportTime.Of(p.CreatedUtc)))],
                await NoticesAsync(accountId, ct)),
            await AuditAboutAsync(accountId, ct),
            [.. (await policyAcceptances.ListAsync(accountId, ct)).Select(a =>
                new PolicyAcceptancePart(Portal.Core.Legal.PolicyKinds.Code(a.Kind), a.Version, ExportTime.Of(a.AcceptedUtc)))],
            new ReportAlertsPart(
                [.. (await reportAlerts.FollowsOfAsync(accountId, ct)).Select(f => new FollowPart(f.ReportId, ExportTime.Of(f.CreatedUtc)))],
                [.. (await reportAlerts.ListAsync(accountId, ct)).Select(a => new AlertPart(a.Id, a.Area.ToString(), a.WardId, a.CategoryCode, a.Latitude,
                    a.Longitude, a.RadiusMeters, a.Events.ToString(), ExportTime.Of(a.CreatedUtc),
                    a.LastDigestDay?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))]));
    }

    /// <summary>Writes the ZIP to <paramref name="output"/> and records the export; false when there is no such account.</summary>
    public async Task<bool> WriteZipAsync(Actor resident, long accountId, Stream output, CancellationToken ct)
    {
        var document = await CollectAsync(accountId, ct);
        if (document is null) return false;
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            await WriteEntryAsync(zip, "data.json", JsonSerializer.SerializeToUtf8Bytes(document, Json), ct);
            await WriteEntryAsync(zip, "README.txt", Encoding.UTF8.GetBytes(Readme(document)), ct);
            foreach (var report in document.Reports)
            foreach (var photo in report.Photos.Where(p => p.File is not null))
            {
                var stored = await reports.GetPhotoAsync(photo.Id, ct);
                await using var stream = stored is null ? null : await photos.OpenReadAsync(stored.StorageKey, PhotoVersion.Display, ct);
                if (stream is null) continue;
                var entry = zip.CreateEntry(photo.File!, CompressionLevel.NoCompression);
                await using var target = await entry.OpenAsync(ct);
                await stream.CopyToAsync(target, ct);
            }
        }
        await audit.RecordAsync(resident, AuditAction, AuditEntities.Account, accountId.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"reports={document.Reports.Count}; ledger={document.Points.Ledger.Count}"), ct);
        return true;
    }

    private static async Task WriteEntryAsync(ZipArchive zip, string name, byte[] content, CancellationToken ct)
    {
        var entry = zip.CreateEntry(name, CompressionLevel.Optimal);
        await using var stream = await entry.OpenAsync(ct);
        await stream.WriteAsync(content, ct);
    }

    private async Task<IReadOnlyList<ReportPart>> ReportsAsync(long accountId, CancellationToken ct)
    {
        var parts = new List<ReportPart>();
        foreach (var report in await reports.ListByReporterAsync(accountId, ct))
        {
            var history = (await reports.HistoryAsync(report.Id, ct))
                .Where(u => u.Kind is not (ReportUpdateKind.Note or ReportUpdateKind.Assignment))
                .Select(u => new ReportHistoryPart(ExportTime.Of(u.OccurredUtc), u.Kind.ToString(), u.FromStatus?.ToString(), u.ToStatus?.ToString(),
                    u.PublicResponse, u.ActorId == accountId))
                .ToList();
            var photoParts = (await reports.PhotosAsync(report.Id, ct))
                .Select(p => new ReportPhotoPart(p.Id, p.IsPublished, p.IsRedacted, string.Create(CultureInfo.InvariantCulture, $"photos/report-{report.Id}-{p.Id}.jpg")))
                .ToList();
            parts.Add(new ReportPart(report.Id, report.Kind.ToString(), report.CategoryCode, report.Description, report.Location.Latitude,
                report.Location.Longitude, report.WardId, report.Status.ToString(), report.ReporterName, report.ContactEmail, report.MeTooCount,
                ExportTime.Of(report.CreatedUtc), ExportTime.Of(report.UpdatedUtc), history, photoParts,
                report.Answers.ToDictionary(a => a.QuestionCode, a => a.Value)));
        }
        return parts;
    }

    private async Task<PointsPart> PointsAsync(long accountId, CancellationToken ct)
    {
        // Read only: an export never opens a wallet the resident does not have.
        var wallet = await ledger.AccountByCodeAsync(PointAccount.WalletCode(accountId), ct);
        var vouchers = (await shop.VouchersAsync(accountId, ct))
            .Select(v => new VoucherPart(v.Id, v.Code, v.ItemName.Text(), v.Price, ExportTime.Of(v.CreatedUtc), ExportTime.Of(v.UsedUtc), ExportTime.Of(v.CancelledUtc)))
            .ToList();
        if (wallet is null) return new PointsPart(0, 0, false, [], [], vouchers, []);
        var now = time.GetUtcNow();
        var lots = await ledger.LotsAsync(wallet.Id, ct);
        var entries = new List<LedgerEntryPart>();
        for (var skip = 0; ; skip += Page)
        {
            var page = await ledger.HistoryAsync(wallet.Id, new WalletHistoryQuery(Skip: skip, Take: Page), ct);
            entries.AddRange(page.Select(h => new LedgerEntryPart(h.TransactionId, h.Kind.ToString(), h.Amount, h.CounterpartyName, h.Memo, h.IsReversed,
                ExportTime.Of(h.CreatedUtc))));
            if (page.Count < Page) break;
        }
        return new PointsPart(wallet.Balance, lots.Where(l => l.IsSpendable(now)).Sum(l => l.Remaining), wallet.IsActive,
            [.. lots.Select(l => new LotPart(l.Id, l.Amount, l.Remaining, ExportTime.Of(l.CreatedUtc), ExportTime.Of(l.ExpiresUtc),
                l.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)))],
            entries, vouchers, [.. entries.Where(e => e.Kind == nameof(PointTransactionKind.Donate))]);
    }

    private async Task<IReadOnlyList<NoticePart>> NoticesAsync(long accountId, CancellationToken ct)
    {
        var notices = new List<NoticePart>();
        for (var skip = 0; ; skip += Page)
        {
            var page = await inbox.ListAsync(accountId, skip, Page, ct);
            notices.AddRange(page.Select(n => new NoticePart(n.Id, n.Kind.ToString(), n.Values, n.Link, ExportTime.Of(n.CreatedUtc), ExportTime.Of(n.ReadUtc))));
            if (page.Count < Page) return notices;
        }
    }

    /// <summary>Records whose subject is the account: sign-ins, changes, staff openings of the resident's record with their reason, ledger views.</summary>
    private async Task<IReadOnlyList<AuditPart>> AuditAboutAsync(long accountId, CancellationToken ct)
    {
        var id = accountId.ToString(CultureInfo.InvariantCulture);
        var subjects = new (string Type, string Id)[]
        {
            (AuditEntities.Account, id),
            (SupportAuditActions.Entity, id),
            (PointsAuditActions.Entity, "account:" + id),
        };
        var entries = new List<AuditEntry>();
        foreach (var (type, entityId) in subjects)
            for (var skip = 0; ; skip += Page)
            {
                var page = await auditLog.SearchAsync(new AuditQuery(EntityType: type, EntityId: entityId, Skip: skip, Take: Page), ct);
                entries.AddRange(page);
                if (page.Count < Page) break;
            }
        return [.. entries.OrderBy(e => e.OccurredUtc).ThenBy(e => e.Id)
            .Select(e => new AuditPart(ExportTime.Of(e.OccurredUtc), e.Action, e.ActorRole, e.ActorName, e.Detail))];
    }

    private string Readme(AccountDataDocument document)
    {
        var text = new StringBuilder();
        text.AppendLine(localizer["DataExport_Readme_Title"]).AppendLine();
        text.AppendLine(string.Format(CultureInfo.CurrentCulture, localizer["DataExport_Readme_Intro"], document.ExportedAt.Japan)).AppendLine();
        foreach (var key in new[]
                 {
                     "DataExport_Readme_Times", "DataExport_Readme_Account", "DataExport_Readme_Reports", "DataExport_Readme_Points",
                     "DataExport_Readme_Queue", "DataExport_Readme_ForYou", "DataExport_Readme_Notifications", "DataExport_Readme_ReportAlerts", "DataExport_Readme_Audit", "Policies_DataExportReadme",
                     "DataExport_Readme_Photos",
                 })
            text.AppendLine("- " + localizer[key]);
        text.AppendLine().AppendLine(localizer["DataExport_Readme_Contact"]);
        return text.ToString();
    }
}
