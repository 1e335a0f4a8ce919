using Portal.Core.Rules;

namespace Portal.Core.Points;

public enum AdjustmentStatus
{
    Pending,
    Posted,
    Rejected,
}

/// <summary>
/// A manual correction of a resident's points with a reason. Small ones post at once; above the threshold a
/// second admin approves, and the one who asked cannot.
/// </summary>
public sealed class PointAdjustment
{
    private PointAdjustment() { }

    public long Id { get; private set; }
    public long OwnerAccountId { get; private set; }
    public long Points { get; private set; }
    public string Reason { get; private set; } = "";
    public AdjustmentStatus Status { get; private set; }
    public long RequestedById { get; private set; }
    public DateTimeOffset RequestedUtc { get; private set; }
    public long? DecidedById { get; private set; }
    public DateTimeOffset? DecidedUtc { get; private set; }
    public long? TransactionId { get; private set; }

    public static PointAdjustment Request(long ownerAccountId, long points, string reason, long requestedById, DateTimeOffset now)
    {
        if (points == 0) throw new RuleException(PointsErrors.ZeroLine);
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500) throw new RuleException(PointsErrors.ReasonRequired);
        return new PointAdjustment
        {
            OwnerAccountId = ownerAccountId, Points = points, Reason = reason.Trim(), Status = AdjustmentStatus.Pending,
            RequestedById = requestedById, RequestedUtc = now,
        };
    }

    public static PointAdjustment Restore(long id, long ownerAccountId, long points, string reason, AdjustmentStatus status, long requestedById,
        DateTimeOffset requestedUtc, long? decidedById, DateTimeOffset? decidedUtc, long? transactionId) => new()
    {
        Id = id, OwnerAccountId = ownerAccountId, Points = points, Reason = reason, Status = status, RequestedById = requestedById,
        RequestedUtc = requestedUtc, DecidedById = decidedById, DecidedUtc = decidedUtc, TransactionId = transactionId,
    };

    /// <summary>Whether this adjustment needs a second admin under the given threshold.</summary>
    public bool NeedsApproval(long threshold) => Math.Abs(Points) > threshold;

    public string Key => $"adjust:{Id}";

    /// <summary>Approve (by a second admin when needed) or post at once (a small one, by its requester).</summary>
    public void CheckPost(long byId, long threshold)
    {
        if (Status != AdjustmentStatus.Pending) throw new RuleException(PointsErrors.AdjustmentDecided);
        if (NeedsApproval(threshold) && byId == RequestedById) throw new RuleException(PointsErrors.OwnApproval);
    }

    public void Post(long byId, long threshold, long transactionId, DateTimeOffset now)
    {
        CheckPost(byId, threshold);
        Status = AdjustmentStatus.Posted;
        DecidedById = byId == RequestedById ? null : byId;
        DecidedUtc = now;
        TransactionId = transactionId;
    }

    public void Reject(long byId, DateTimeOffset now)
    {
        if (Status != AdjustmentStatus.Pending) throw new RuleException(PointsErrors.AdjustmentDecided);
        if (byId == RequestedById) throw new RuleException(PointsErrors.OwnApproval);
        Status = AdjustmentStatus.Rejected;
        DecidedById = byId;
        DecidedUtc = now;
    }
}

public sealed record AdjustmentView(PointAdjustment Adjustment, string ResidentName, string ResidentEmail, string RequestedByName);

/// <summary>Monthly totals of the ledger, in points; Outstanding is what wallets held at the month's end.</summary>
public sealed record PointsMonth(string Month, long Issued, long Redeemed, long Donated, long Expired, long Adjusted, long Outstanding);

public interface IPointAdjustmentRepository
{
    Task<PointAdjustment> AddAsync(PointAdjustment adjustment, CancellationToken ct);
    Task<PointAdjustment?> GetAsync(long id, CancellationToken ct);
    Task<IReadOnlyList<AdjustmentView>> ListAsync(AdjustmentStatus? status, int take, CancellationToken ct);

    /// <summary>Posts the adjustment's transaction and records the decision in one write transaction.</summary>
    Task<PointAdjustment> PostAsync(long id, long byId, long threshold, long walletId, long adjustmentAccountId, ExpiryPolicy policy, DateTimeOffset now,
        CancellationToken ct);

    Task<PointAdjustment> RejectAsync(long id, long byId, DateTimeOffset now, CancellationToken ct);
}
