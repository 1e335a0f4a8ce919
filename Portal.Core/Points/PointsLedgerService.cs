using System.Globalization;
using Portal.Core.Notifications;
using Portal.Core.Rules;
using Portal.Core.Time;

namespace Portal.Core.Points;

/// <summary>What a resident sees first: what they can spend and what expires soon.</summary>
public sealed record WalletSummary(PointAccount Wallet, long Spendable, IReadOnlyList<ExpiringPoints> ExpiringSoon, IReadOnlyList<PointLot> Lots);

/// <summary>
/// The ledger's operations in the city's words: credit a resident from a programme, spend to a partner or a
/// non-profit, reverse, expire and remind. Other features (reports, benefits) credit points through
/// <see cref="CreditAsync"/> with a key that names their event, so a retry never pays twice.
/// </summary>
public sealed class PointsLedgerService(IPointLedger ledger, PointsOptions options, TimeProvider time)
{
    public const int ExpiryBatch = 500;

    public PointsOptions Options => options;

    public async Task<WalletSummary> SummaryAsync(long ownerAccountId, CancellationToken ct)
    {
        var wallet = await ledger.WalletOfAsync(ownerAccountId, ct);
        var lots = await ledger.LotsAsync(wallet.Id, ct);
        var now = time.GetUtcNow();
        var horizon = now.AddDays(options.ReminderDays);
        var soon = lots.Where(l => l.IsSpendable(now) && l.ExpiresUtc <= horizon)
            .GroupBy(l => l.LastDay)
            .Select(g => new ExpiringPoints(ownerAccountId, wallet.Id, g.Key, g.Sum(l => l.Remaining)))
            .OrderBy(e => e.LastDay).ToList();
        return new WalletSummary(wallet, lots.Where(l => l.IsSpendable(now)).Sum(l => l.Remaining), soon, lots);
    }

    /// <summary>Credits a resident from a funding (or adjustment) account. The key names the event being paid for.</summary>
    public async Task<LedgerResult> CreditAsync(long ownerAccountId, long fromAccountId, long points, string key, string memo, long? actorAccountId,
        CancellationToken ct, PointTransactionKind kind = PointTransactionKind.Earn)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        var walletId = await ledger.WalletIdOfAsync(ownerAccountId, ct);
        return await ledger.PostAsync(new LedgerRequest(key, kind, [new PostingLine(fromAccountId, -points), new PostingLine(walletId, points)], memo,
            actorAccountId), options.Expiry, time.GetUtcNow(), ct);
    }

    /// <summary>Spends from a resident's wallet, oldest expiry first, to a partner, a non-profit or the adjustment account.</summary>
    public async Task<LedgerResult> DebitAsync(long ownerAccountId, long toAccountId, long points, PointTransactionKind kind, string key, string memo,
        long? actorAccountId, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(points);
        var walletId = await ledger.WalletIdOfAsync(ownerAccountId, ct);
        return await ledger.PostAsync(new LedgerRequest(key, kind, [new PostingLine(walletId, -points), new PostingLine(toAccountId, points)], memo,
            actorAccountId), options.Expiry, time.GetUtcNow(), ct);
    }

    /// <summary>Undoes a transaction with one that names it; the original stays as it was.</summary>
    public async Task<LedgerResult> ReverseAsync(long transactionId, string key, string memo, long? actorAccountId, CancellationToken ct)
    {
        var original = await ledger.TransactionAsync(transactionId, ct) ?? throw new RuleException(PointsErrors.TransactionNotFound);
        return await ledger.PostAsync(new LedgerRequest(key, PointTransactionKind.Reverse, LedgerPosting.ReversalOf(original), memo, actorAccountId,
            transactionId), options.Expiry, time.GetUtcNow(), ct);
    }

    /// <summary>
    /// Moves what is left of every expired lot to the expiry account, one transaction per lot. The key names the
    /// lot, the Japan day and the points moved, so a second run (or a second server) on the same day moves nothing,
    /// while points given back to an expired lot later (a cancelled redemption) are moved by the next run.
    /// </summary>
    public async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var expiry = await ledger.AccountByCodeAsync(PointAccount.ExpiryCode, ct) ?? throw new RuleException(PointsErrors.AccountNotFound);
        var today = JapanTime.Today(time).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var moved = 0;
        while (true)
        {
            var lots = await ledger.ExpiredWithRemainderAsync(now, ExpiryBatch, ct);
            var posted = 0;
            foreach (var lot in lots)
            {
                var result = await ledger.PostAsync(new LedgerRequest($"expire:{lot.Id}:{today}:{lot.Remaining}", PointTransactionKind.Expire,
                    [new PostingLine(lot.WalletId, -lot.Remaining, lot.Id), new PostingLine(expiry.Id, lot.Remaining)],
                    $"{lot.LastDay:yyyy-MM-dd}"), options.Expiry, now, ct);
                if (!result.Replayed) posted++;
            }
            moved += posted;
            if (lots.Count < ExpiryBatch || posted == 0) return moved;
        }
    }

    /// <summary>Queues a reminder for points expiring within <see cref="PointsOptions.ReminderDays"/>, one per wallet and day.</summary>
    public Task<int> RemindExpiringAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return ledger.QueueExpiryRemindersAsync(now, now.AddDays(options.ReminderDays), ExpiringNotice, ct);
    }

    /// <summary>The notice for points about to expire. Values (NoticeValues): points, expiryDate (the last Japan day they can be used).</summary>
    public static Notice ExpiringNotice(ExpiringPoints points)
    {
        var day = points.LastDay.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return new Notice(NoticeKind.PointsExpiring, new NoticeRecipient.Account(points.OwnerAccountId),
            $"points:{points.OwnerAccountId.ToString(CultureInfo.InvariantCulture)}:expiring:{day}",
            new Dictionary<string, string> { [NoticeValues.Points] = points.Points.ToString("N0", CultureInfo.InvariantCulture), [NoticeValues.ExpiryDate] = day }, "/points");
    }

    public Task<IntegrityReport> CheckIntegrityAsync(CancellationToken ct) => ledger.CheckIntegrityAsync(time.GetUtcNow(), ct);
}
