namespace Portal.Core.Points;

/// <summary>What an account in the points ledger stands for.</summary>
public enum PointAccountKind
{
    /// <summary>A resident's wallet: never below zero, held in lots with expiry dates.</summary>
    Wallet,
    /// <summary>A programme's funding account: goes negative by what the programme has issued.</summary>
    Funding,
    /// <summary>A redemption partner (electronic money, a city facility): receives what residents exchange.</summary>
    Partner,
    /// <summary>A non-profit the city lists for donations.</summary>
    NonProfit,
    /// <summary>Where expired remainders go.</summary>
    Expiry,
    /// <summary>The other side of manual adjustments.</summary>
    Adjustment,
}

/// <summary>One account of the ledger. Balance is kept by the database from the postings.</summary>
public sealed record PointAccount(long Id, PointAccountKind Kind, string Code, string Name, long? OwnerAccountId, long Balance, bool IsActive)
{
    public const string ExpiryCode = "expiry";
    public const string AdjustmentCode = "adjustment";

    public static string WalletCode(long ownerAccountId) => $"wallet:{ownerAccountId}";
}

/// <summary>A lot: what one earning put into a wallet, with its own expiry, spent oldest expiry first.</summary>
public sealed record PointLot(long Id, long WalletId, long TransactionId, long Amount, long Remaining, DateTimeOffset ExpiresUtc, DateTimeOffset CreatedUtc)
{
    /// <summary>The last Japan calendar day on which the lot can be spent.</summary>
    public DateOnly LastDay => ExpiryPolicy.LastDayOf(ExpiresUtc);

    public bool IsSpendable(DateTimeOffset now) => Remaining > 0 && ExpiresUtc > now;
}
