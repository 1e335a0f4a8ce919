using Portal.Core.Geography;
using Portal.Core.Notifications;

namespace Portal.Core.Reports;

/// <summary>A photo attached to a report. Unpublished photos are seen only by staff and the reporter.</summary>
public sealed record ReportPhoto(long Id, long ReportId, string StorageKey, int Width, int Height, bool IsPublished, bool IsRedacted, int SortOrder);

/// <summary>A photo already processed and stored, to be attached when the report is submitted.</summary>
public sealed record NewPhoto(string StorageKey, int Width, int Height);

/// <summary>What the public map and list show of a published report: no personal data.</summary>
public sealed record ReportSummary(
    long Id,
    ReportKind Kind,
    string CategoryCode,
    string Description,
    double Latitude,
    double Longitude,
    string WardId,
    ReportStatus Status,
    int MeTooCount,
    DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc)
{
    /// <summary>A report as the map and lists show it, its description left out (a map marker does not need it).</summary>
    public static ReportSummary Of(Report report) => new(report.Id, report.Kind, report.CategoryCode, "", report.Location.Latitude,
        report.Location.Longitude, report.WardId, report.Status, report.MeTooCount, report.CreatedUtc, report.UpdatedUtc);

    public PublicStatus PublicStatus => ReportWorkflow.ToPublic(Status);
    public GeoPoint Location => new(Latitude, Longitude);
}

/// <summary>One of a resident's own open reports, as their home shows it.</summary>
/// <param name="Category">The category's name, a city text in every language it is written in.</param>
public sealed record ReportGlance(long Id, string CategoryCode, Languages.LocalizedText Category, ReportStatus Status, DateTimeOffset UpdatedUtc)
{
    public PublicStatus PublicStatus => ReportWorkflow.ToPublic(Status);
}

/// <summary>How many of a resident's reports are open, and the most recently changed of them.</summary>
public sealed record OpenReportsGlance(int Count, IReadOnlyList<ReportGlance> Latest);

/// <summary>Filters of the public map and list, and of the open data.</summary>
public sealed record ReportFilter(
    string? CategoryCode = null,
    ReportField? Field = null,
    PublicStatus? Status = null,
    string? WardId = null,
    DateTimeOffset? FromUtc = null,
    DateTimeOffset? ToUtc = null,
    BoundingBox? Area = null,
    int Skip = 0,
    int Take = 50,
    string? ThemeCode = null);

/// <summary>Filters of the staff triage inbox.</summary>
/// <param name="OverdueOnly">
/// Only open reports with no response yet, older than their category's response-time target
/// (the same rule as <see cref="Report.IsOverdue"/>, measured at the repository's clock).
/// </param>
/// <param name="Search">A report number (「123」 or 「#123」) or words of the description.</param>
/// <param name="Sort">Newest first unless staff choose otherwise.</param>
public sealed record InboxFilter(
    string? WardId = null,
    string? CategoryCode = null,
    IReadOnlyList<ReportStatus>? Statuses = null,
    long? AssignedToId = null,
    bool UnassignedOnly = false,
    bool OverdueOnly = false,
    int Skip = 0,
    int Take = 50,
    string? Search = null,
    InboxSort Sort = InboxSort.Newest,
    string? ThemeCode = null,
    long? SectionId = null);

/// <summary>The orders of the triage inbox.</summary>
public enum InboxSort
{
    Newest,
    Oldest,
    /// <summary>The most "me too" first: what most residents are waiting for.</summary>
    MostSupported,
    /// <summary>The latest changed first (a status, a note, a resident's follow-up).</summary>
    RecentlyUpdated,
}

public interface IReportRepository
{
    /// <summary>
    /// Stores a new report with its photos and first history line in one transaction. When a report with
    /// the same idempotency key exists, nothing is stored and that report is returned instead.
    /// </summary>
    Task<Report> SubmitAsync(Report report, IReadOnlyList<NewPhoto> photos, CancellationToken ct);

    /// <summary>
    /// Report_SubmitAssisted: as <see cref="SubmitAsync"/> for a report staff file, with how it came in (its report id is
    /// the new report's) and the first history line in the filing staff member's name, in the same transaction.
    /// </summary>
    Task<Report> SubmitAssistedAsync(Report report, IReadOnlyList<NewPhoto> photos, ReportIntake intake, CancellationToken ct);

    /// <summary>ReportIntake_Read: how a report staff filed came in; null for any other report.</summary>
    Task<ReportIntake?> IntakeAsync(long reportId, CancellationToken ct);

    Task<Report?> GetAsync(long id, CancellationToken ct);

    /// <summary>Saves the report's changed state and appends the history line, in one transaction.</summary>
    Task SaveAsync(Report report, ReportUpdate update, CancellationToken ct) => SaveAsync(report, update, null, ct);

    /// <summary>
    /// Saves the report's changed state and appends the history line; when <paramref name="notices"/> is given, also
    /// writes the notices it makes from the new history line's id into the notification outbox. All in one
    /// transaction: a notice is never sent for a change that was not saved.
    /// </summary>
    Task SaveAsync(Report report, ReportUpdate update, Func<long, IReadOnlyList<Notice>>? notices, CancellationToken ct);

    /// <summary>Report_ReadMeTooAccounts: the accounts that said "me too" on the report.</summary>
    Task<IReadOnlyList<long>> MeTooAccountsAsync(long reportId, CancellationToken ct);

    /// <summary>ReportFollowUp_Read: the resident's answer about this closing of the report, if any.</summary>
    Task<ReportFollowUp?> FollowUpAsync(long reportId, long accountId, DateTimeOffset closedUtc, CancellationToken ct);

    /// <summary>
    /// ReportFollowUp_Save: records a resident's answer to "is it fixed?" and, for 「まだ直っていない」, the reopened report
    /// with its history line and the notices made from the line's id, all in one transaction. False, and nothing saved,
    /// when the resident already answered about this closing. <paramref name="photos"/>, the resident's pictures of what
    /// is still wrong, join the report's photos unpublished (staff publish them as any other) and leave the upload log.
    /// </summary>
    Task<bool> SaveFollowUpAsync(ReportFollowUp answer, Report? reopened, ReportUpdate? update, Func<long, IReadOnlyList<Notice>>? notices,
        IReadOnlyList<NewPhoto> photos, CancellationToken ct);

    Task<IReadOnlyList<ReportUpdate>> HistoryAsync(long reportId, CancellationToken ct);

    Task<IReadOnlyList<ReportPhoto>> PhotosAsync(long reportId, CancellationToken ct);

    Task<ReportPhoto?> GetPhotoAsync(long photoId, CancellationToken ct);

    /// <summary>ReportPhoto_Covers: the first photo of each of these reports that has one (report id to photo id), for thumbnails.</summary>
    Task<IReadOnlyDictionary<long, long>> CoverPhotosAsync(IReadOnlyCollection<long> reportIds, CancellationToken ct);

    Task SavePhotoAsync(ReportPhoto photo, CancellationToken ct);

    /// <summary>
    /// Report_ReadNearestOpen: open reports of a category inside a box, nearest to <paramref name="at"/> first (by
    /// <see cref="LocalPlane.SquaredMeters"/>; the newer first among equals), at most <paramref name="max"/>. The caller
    /// measures the exact distance of these few.
    /// </summary>
    Task<IReadOnlyList<Report>> NearestOpenAsync(string categoryCode, GeoPoint at, BoundingBox area, int max, CancellationToken ct);

    /// <summary>Published reports, newest first.</summary>
    Task<IReadOnlyList<ReportSummary>> SearchPublishedAsync(ReportFilter filter, CancellationToken ct);

    Task<int> CountPublishedAsync(ReportFilter filter, CancellationToken ct);

    Task<IReadOnlyList<Report>> ListByReporterAsync(long reporterId, CancellationToken ct);

    /// <summary>
    /// Report_ReadOpenOfReporter: how many of the reporter's reports are in one of <paramref name="open"/> (the
    /// workflow's open states), and the <paramref name="take"/> most recently changed, in one query.
    /// </summary>
    Task<OpenReportsGlance> OpenOfReporterAsync(long reporterId, IReadOnlyCollection<ReportStatus> open, int take, CancellationToken ct);

    /// <summary>Records a resident's "me too" once; false when they had already supported the report.</summary>
    Task<bool> AddMeTooAsync(long reportId, long accountId, DateTimeOffset now, CancellationToken ct);

    Task<bool> HasSaidMeTooAsync(long reportId, long accountId, CancellationToken ct);

    /// <summary>Reports for triage, oldest first.</summary>
    Task<IReadOnlyList<Report>> InboxAsync(InboxFilter filter, CancellationToken ct);

    Task<int> CountInboxAsync(InboxFilter filter, CancellationToken ct);
}
