namespace Portal.Core.Points;

/// <summary>
/// A line of a wallet's history: one transaction seen from the wallet. <paramref name="Memo"/> is the ledger's record
/// as posted (in Japanese, never changed); <paramref name="Subject"/> is the city text of what the transaction was
/// about (the event, programme, catalogue item or non-profit) as it reads today in every language, when there is one.
/// </summary>
public sealed record WalletHistoryEntry(
    long TransactionId,
    PointTransactionKind Kind,
    string Memo,
    long Amount,
    string CounterpartyName,
    PointAccountKind CounterpartyKind,
    long? ReversesId,
    bool IsReversed,
    DateTimeOffset CreatedUtc,
    Languages.LocalizedText? Subject = null);

public sealed record WalletHistoryQuery(
    PointTransactionKind? Kind = null,
    DateTimeOffset? FromUtc = null,
    DateTimeOffset? ToUtc = null,
    int Skip = 0,
    int Take = 50);

/// <summary>Points of one wallet that expire on one day, for the reminder before they do.</summary>
public sealed record ExpiringPoints(long OwnerAccountId, long WalletId, DateOnly LastDay, long Points);

/// <summary>Spendable points of a wallet that lapse at one instant (the lots' expiry), for the resident's home.</summary>
public sealed record SpendablePoints(DateTimeOffset ExpiresUtc, long Points);

/// <summary>One finding of the integrity check.</summary>
public sealed record IntegrityProblem(string Kind, long Id, long Stored, long Recomputed);

/// <summary>What the integrity check looked at and what it found.</summary>
public sealed record IntegrityReport(int Accounts, int Lots, int Transactions, IReadOnlyList<IntegrityProblem> Problems, DateTimeOffset CheckedUtc)
{
    public bool IsClean => Problems.Count == 0;
}

/// <summary>
/// The double-entry ledger of City Points. The database keeps balances and lot remainders from the postings
/// (triggers), refuses unbalanced transactions, any change to a posted one, a wallet or lot below zero and a
/// second use of an idempotency key.
/// </summary>
public interface IPointLedger
{
    /// <summary>The wallet of a portal account, opened on first use.</summary>
    Task<PointAccount> WalletOfAsync(long ownerAccountId, CancellationToken ct);

    /// <summary>Just the id of the wallet (opened on first use); cheap to call before every posting.</summary>
    Task<long> WalletIdOfAsync(long ownerAccountId, CancellationToken ct);

    /// <summary>A programme's funding account, a partner or a non-profit; or the expiry and adjustment accounts.</summary>
    Task<PointAccount> OpenAccountAsync(PointAccountKind kind, string code, string name, CancellationToken ct);

    Task<PointAccount?> AccountAsync(long id, CancellationToken ct);
    Task<PointAccount?> AccountByCodeAsync(string code, CancellationToken ct);
    Task<IReadOnlyList<PointAccount>> AccountsAsync(PointAccountKind kind, CancellationToken ct);
    Task SetAccountActiveAsync(long id, string name, bool active, CancellationToken ct);

    /// <summary>Sets the public name and description residents read of a partner or non-profit.</summary>
    Task SetPublicTextsAsync(long id, Languages.LocalizedText publicName, Languages.LocalizedText? description, CancellationToken ct);

    /// <summary>Posts a transaction, or returns the one already posted under its key.</summary>
    Task<LedgerResult> PostAsync(LedgerRequest request, ExpiryPolicy policy, DateTimeOffset now, CancellationToken ct);

    Task<PointTransaction?> TransactionAsync(long id, CancellationToken ct);
    Task<PointTransaction?> TransactionByKeyAsync(string key, CancellationToken ct);
    Task<IReadOnlyList<PointLot>> LotsAsync(long walletId, CancellationToken ct);

    /// <summary>
    /// Points_ReadSpendableByExpiry: what the account's wallet can spend at <paramref name="now"/>, summed per expiry,
    /// soonest first; empty when the account has no wallet (a read never opens one).
    /// </summary>
    Task<IReadOnlyList<SpendablePoints>> SpendableByExpiryAsync(long ownerAccountId, DateTimeOffset now, CancellationToken ct);
    Task<IReadOnlyList<WalletHistoryEntry>> HistoryAsync(long walletId, WalletHistoryQuery query, CancellationToken ct);

    /// <summary>Lots past their expiry with points left, oldest first.</summary>
    Task<IReadOnlyList<PointLot>> ExpiredWithRemainderAsync(DateTimeOffset now, int take, CancellationToken ct);

    /// <summary>Writes one reminder per wallet and expiry day for points expiring before <paramref name="horizon"/>.</summary>
    Task<int> QueueExpiryRemindersAsync(DateTimeOffset now, DateTimeOffset horizon, Func<ExpiringPoints, Notifications.Notice> notice, CancellationToken ct);

    /// <summary>Issued, redeemed, donated, expired and adjusted per Japan month, and what wallets held at each month's end.</summary>
    Task<IReadOnlyList<PointsMonth>> MonthlyTotalsAsync(CancellationToken ct);

    /// <summary>
    /// Points issued in the Japan month <paramref name="month"/> (yyyy-MM), as <see cref="MonthlyTotalsAsync"/> counts
    /// them; with <paramref name="wardId"/>, only those credited to residents whose registered household lives in that ward.
    /// </summary>
    Task<long> IssuedInMonthAsync(string month, string? wardId, CancellationToken ct);

    /// <summary>Recomputes every balance and lot from the postings and compares.</summary>
    Task<IntegrityReport> CheckIntegrityAsync(DateTimeOffset now, CancellationToken ct);
}
