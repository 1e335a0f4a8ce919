using Portal.Core.Notifications;

namespace Portal.Core.Reports.Alerts;

/// <summary>Follows of reports and area alerts, and the events the digests tell of.</summary>
public interface IReportAlertRepository
{
    /// <summary>ReportFollow_Insert: false when the account already follows the report.</summary>
    Task<bool> FollowAsync(ReportFollow follow, CancellationToken ct);

    /// <summary>ReportFollow_Delete: false when the account did not follow the report.</summary>
    Task<bool> UnfollowAsync(long reportId, long accountId, CancellationToken ct);

    Task<bool> IsFollowingAsync(long reportId, long accountId, CancellationToken ct);

    /// <summary>ReportFollow_ReadFollowers: the accounts following the report, oldest follow first.</summary>
    Task<IReadOnlyList<long>> FollowersAsync(long reportId, CancellationToken ct);

    /// <summary>ReportFollow_ReadOfAccount: the reports an account follows (its data export).</summary>
    Task<IReadOnlyList<ReportFollow>> FollowsOfAsync(long accountId, CancellationToken ct);

    /// <summary>ReportAlert_ReadOfAccount: an account's area alerts, oldest first.</summary>
    Task<IReadOnlyList<AlertSubscription>> ListAsync(long accountId, CancellationToken ct);

    Task<AlertSubscription?> GetAsync(long id, CancellationToken ct);

    /// <summary>
    /// ReportAlert_Insert: adds the alert unless the account already has <paramref name="max"/> (counted in the same write
    /// transaction, so two tabs cannot pass the limit together); null when it has.
    /// </summary>
    Task<AlertSubscription?> AddAsync(AlertSubscription subscription, int max, CancellationToken ct);

    /// <summary>ReportAlert_Delete: false when the account has no such alert.</summary>
    Task<bool> DeleteAsync(long accountId, long id, CancellationToken ct);

    /// <summary>ReportAlert_ReadAll: every area alert, for the digest run.</summary>
    Task<IReadOnlyList<AlertSubscription>> AllAsync(CancellationToken ct);

    /// <summary>
    /// ReportEvent_Read: new reports and status lines from after <paramref name="afterUtc"/> up to <paramref name="untilUtc"/>,
    /// with where each report stands now.
    /// </summary>
    Task<IReadOnlyList<ReportEvent>> EventsAsync(DateTimeOffset afterUtc, DateTimeOffset untilUtc, CancellationToken ct);

    /// <summary>
    /// ReportAlert_RecordDigest: the alert has looked up to <paramref name="coveredUntilUtc"/>; with a digest, it is marked
    /// sent on <paramref name="day"/> and the notice written to the outbox, in one transaction. False, and nothing written,
    /// when the alert is gone or already had its digest that day.
    /// </summary>
    Task<bool> RecordDigestAsync(long id, DateTimeOffset coveredUntilUtc, DateOnly? day, Notice? digest, CancellationToken ct);
}
