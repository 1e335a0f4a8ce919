using System.Globalization;
using Portal.Core.Audit;

namespace Portal.Core.Notifications;

public static class NoticeAuditActions
{
    public const string DeliveryRetried = "notice-delivery.retried";
    public const string Entity = "notice-delivery";
}

/// <summary>What admins do with the outbox: read the delivery log and send dead letters again (audited).</summary>
public sealed class NoticeAdminService(INoticeDeliveryRepository deliveries, IOutboxSignal signal, AuditTrail audit, TimeProvider time)
{
    public Task<IReadOnlyList<DeliveryLogEntry>> SearchAsync(DeliveryFilter filter, CancellationToken ct) => deliveries.SearchAsync(filter, ct);

    public Task<int> CountAsync(DeliveryFilter filter, CancellationToken ct) => deliveries.CountAsync(filter, ct);

    /// <summary>
    /// Dead deliveries go back to Pending with their tries reset; each one that moved is recorded in the audit trail.
    /// Returns how many moved (a delivery that is not dead any more is left alone).
    /// </summary>
    public async Task<int> RetryAsync(Actor admin, IReadOnlyCollection<long> deliveryIds, CancellationToken ct)
    {
        if (deliveryIds.Count == 0) return 0;
        var moved = await deliveries.RetryDeadAsync(deliveryIds, time.GetUtcNow(), ct);
        foreach (var id in moved)
            await audit.RecordAsync(admin, NoticeAuditActions.DeliveryRetried, NoticeAuditActions.Entity, id.ToString(CultureInfo.InvariantCulture), null, ct);
        if (moved.Count > 0) signal.Notify();
        return moved.Count;
    }
}
