using System.Globalization;
using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Core.Points;

/// <summary>
/// The back office's view of points: a resident's ledger (every look audited), manual adjustments with a
/// second admin above the threshold, the integrity check and the monthly totals.
/// </summary>
public sealed class PointsBackOfficeService(
    IPointAdjustmentRepository adjustments,
    IPointLedger ledger,
    PointsLedgerService points,
    PointsOptions options,
    AuditTrail audit,
    TimeProvider time)
{
    public long Threshold => options.AdjustmentApprovalThreshold;

    /// <summary>A resident's lots and history for staff. The look is audited; <paramref name="recordView"/> is false only when
    /// the same page view was already recorded (prerendering, then the interactive circuit).</summary>
    public async Task<(WalletSummary Summary, IReadOnlyList<WalletHistoryEntry> History)> ResidentLedgerAsync(Actor staff, long ownerAccountId, bool recordView,
        CancellationToken ct)
    {
        var summary = await points.SummaryAsync(ownerAccountId, ct);
        var history = await ledger.HistoryAsync(summary.Wallet.Id, new WalletHistoryQuery(Take: 200), ct);
        if (recordView)
            await audit.RecordAsync(staff, PointsAuditActions.LedgerViewed, PointsAuditActions.Entity, $"account:{ownerAccountId}", null, ct);
        return (summary, history);
    }

    /// <summary>Records an adjustment; one within the threshold posts at once, a larger one waits for a second admin.</summary>
    public async Task<PointAdjustment> RequestAdjustmentAsync(Actor admin, long ownerAccountId, long delta, string reason, CancellationToken ct)
    {
        var adminId = admin.AccountId ?? throw new InvalidOperationException("Adjustments need a signed-in admin.");
        var adjustment = await adjustments.AddAsync(PointAdjustment.Request(ownerAccountId, delta, reason, adminId, time.GetUtcNow()), ct);
        await audit.RecordAsync(admin, PointsAuditActions.AdjustmentRequested, PointsAuditActions.Entity, $"adjustment:{adjustment.Id}",
            string.Create(CultureInfo.InvariantCulture, $"account={ownerAccountId} points={delta} reason={reason}"), ct);
        return adjustment.NeedsApproval(Threshold) ? adjustment : await PostAsync(admin, adjustment.Id, ct);
    }

    public async Task<PointAdjustment> ApproveAsync(Actor admin, long adjustmentId, CancellationToken ct) => await PostAsync(admin, adjustmentId, ct);

    public async Task<PointAdjustment> RejectAsync(Actor admin, long adjustmentId, CancellationToken ct)
    {
        var adminId = admin.AccountId ?? throw new InvalidOperationException("Adjustments need a signed-in admin.");
        var rejected = await adjustments.RejectAsync(adjustmentId, adminId, time.GetUtcNow(), ct);
        await audit.RecordAsync(admin, PointsAuditActions.AdjustmentRejected, PointsAuditActions.Entity, $"adjustment:{adjustmentId}", null, ct);
        return rejected;
    }

    public Task<IReadOnlyList<AdjustmentView>> AdjustmentsAsync(AdjustmentStatus? status, CancellationToken ct) => adjustments.ListAsync(status, 200, ct);

    public async Task<IntegrityReport> CheckIntegrityAsync(Actor admin, CancellationToken ct)
    {
        var report = await points.CheckIntegrityAsync(ct);
        await audit.RecordAsync(admin, PointsAuditActions.IntegrityChecked, PointsAuditActions.Entity, null,
            string.Create(CultureInfo.InvariantCulture, $"accounts={report.Accounts} lots={report.Lots} transactions={report.Transactions} problems={report.Problems.Count}"), ct);
        return report;
    }

    public Task<IReadOnlyList<PointsMonth>> MonthlyTotalsAsync(CancellationToken ct) => ledger.MonthlyTotalsAsync(ct);

    /// <summary>Points issued in a Japan month (yyyy-MM), city-wide or to the residents of one ward.</summary>
    public Task<long> IssuedInMonthAsync(string month, string? wardId, CancellationToken ct) => ledger.IssuedInMonthAsync(month, wardId, ct);

    private async Task<PointAdjustment> PostAsync(Actor admin, long adjustmentId, CancellationToken ct)
    {
        var adminId = admin.AccountId ?? throw new InvalidOperationException("Adjustments need a signed-in admin.");
        var pending = await adjustments.GetAsync(adjustmentId, ct) ?? throw new RuleException(PointsErrors.AdjustmentNotFound);
        var walletId = await ledger.WalletIdOfAsync(pending.OwnerAccountId, ct);
        var account = await ledger.AccountByCodeAsync(PointAccount.AdjustmentCode, ct) ?? throw new RuleException(PointsErrors.AccountNotFound);
        var posted = await adjustments.PostAsync(adjustmentId, adminId, Threshold, walletId, account.Id, options.Expiry, time.GetUtcNow(), ct);
        await audit.RecordAsync(admin, PointsAuditActions.AdjustmentPosted, PointsAuditActions.Entity, $"adjustment:{adjustmentId}",
            string.Create(CultureInfo.InvariantCulture, $"account={posted.OwnerAccountId} points={posted.Points} transaction={posted.TransactionId}"), ct);
        return posted;
    }
}
