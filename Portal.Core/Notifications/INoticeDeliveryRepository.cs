namespace Portal.Core.Notifications;

/// <summary>
/// A delivery the worker claimed, with what it needs to render and send it. <paramref name="Claim"/> names this claim:
/// the worker records an outcome only while its claim still holds the row.
/// </summary>
public sealed record ClaimedDelivery(
    long DeliveryId,
    string Claim,
    long NoticeId,
    NoticeKind Kind,
    NoticeChannel Channel,
    string Destination,
    int Attempts,
    string Culture,
    IReadOnlyDictionary<string, string> Values,
    string? Link);

/// <summary>One line of the admins' delivery log.</summary>
public sealed record DeliveryLogEntry(
    long DeliveryId,
    long NoticeId,
    NoticeKind Kind,
    NoticeChannel Channel,
    string Destination,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptUtc,
    string? LastError,
    DateTimeOffset? SentUtc,
    DateTimeOffset CreatedUtc,
    long? AccountId,
    string? AccountEmail,
    string? AccountName);

/// <summary>Filters of the delivery log. <paramref name="Recipient"/> matches the account's e-mail or name, or the destination.</summary>
public sealed record DeliveryFilter(
    NoticeKind? Kind = null,
    NoticeChannel? Channel = null,
    DeliveryStatus? Status = null,
    DateTimeOffset? FromUtc = null,
    DateTimeOffset? ToUtc = null,
    string? Recipient = null,
    int Skip = 0,
    int Take = 50);

/// <summary>The outbox's deliveries, as the worker and the admins see them.</summary>
public interface INoticeDeliveryRepository
{
    /// <summary>
    /// Deliveries in Sending whose lease ran out before <paramref name="now"/>: a worker stopped with them. Those
    /// never tried (the worker stopped before <see cref="BeginAttemptAsync"/>) go back to Pending; for the others
    /// <paramref name="decide"/> (channel, attempts) says whether to retry or give up. One write transaction.
    /// Returns how many were recovered.
    /// </summary>
    Task<int> RecoverExpiredAsync(DateTimeOffset now, Func<NoticeChannel, int, DeliveryDecision> decide, CancellationToken ct);

    /// <summary>
    /// Takes up to <paramref name="max"/> due Pending deliveries (NextAttemptUtc at or before <paramref name="now"/>),
    /// oldest due first, setting them to Sending until <paramref name="leaseUntil"/> in one write transaction, so
    /// no other worker can take the same row.
    /// </summary>
    Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>
    /// Counts a try just before the send and renews the lease until <paramref name="leaseUntil"/>. False when the
    /// delivery is no longer held by <paramref name="claim"/>: then it must not be sent.
    /// </summary>
    Task<bool> BeginAttemptAsync(ClaimedDelivery claim, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct);

    /// <summary>Records a send. Only a delivery still held by the claim moves; false otherwise.</summary>
    Task<bool> MarkSentAsync(ClaimedDelivery claim, DateTimeOffset now, CancellationToken ct);

    /// <summary>Back to Pending until <paramref name="nextAttemptUtc"/>, with the error.</summary>
    Task<bool> MarkRetryAsync(ClaimedDelivery claim, DateTimeOffset nextAttemptUtc, string error, CancellationToken ct);

    Task<bool> MarkDeadAsync(ClaimedDelivery claim, string reason, CancellationToken ct);

    /// <summary>Removes an address the provider says is gone: a Web Push subscription (by id) or a LINE link (by user id).</summary>
    Task ForgetAddressAsync(NoticeChannel channel, string destination, CancellationToken ct);

    Task<IReadOnlyList<DeliveryLogEntry>> SearchAsync(DeliveryFilter filter, CancellationToken ct);

    Task<int> CountAsync(DeliveryFilter filter, CancellationToken ct);

    /// <summary>Dead deliveries back to Pending with no tries counted, due at <paramref name="now"/>. Returns the ids that moved.</summary>
    Task<IReadOnlyList<long>> RetryDeadAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset now, CancellationToken ct);
}
