using System.Security.Cryptography;
using System.Text;
using Portal.Core.Rules;

namespace Portal.Core.Points;

/// <summary>
/// One line of a transaction request: points into (positive) or out of (negative) an account. A line out of a
/// wallet names no lot: the ledger spends the wallet's lots oldest expiry first. <paramref name="LotId"/> is set
/// only where one lot is meant (expiry of that lot, a reversal that gives back to the same lots).
/// </summary>
public sealed record PostingLine(long AccountId, long Amount, long? LotId = null);

/// <summary>
/// A request to move points. The caller chooses <paramref name="IdempotencyKey"/> before sending
/// ("checkin:12:345", "redeem:9f2c..."): the same key posted again returns the first result and moves nothing.
/// </summary>
public sealed record LedgerRequest(
    string IdempotencyKey,
    PointTransactionKind Kind,
    IReadOnlyList<PostingLine> Lines,
    string Memo,
    long? ActorAccountId = null,
    long? ReversesId = null);

public enum PointTransactionKind
{
    Earn,
    Redeem,
    Donate,
    Expire,
    Adjust,
    Reverse,
}

/// <summary>A posting as stored: the lines of a wallet are split per lot.</summary>
public sealed record Posting(long Id, long TransactionId, long AccountId, long Amount, long? LotId);

/// <summary>A posted transaction. Never changed after posting; a mistake is corrected by a reversal that names it.</summary>
public sealed record PointTransaction(
    long Id,
    string IdempotencyKey,
    PointTransactionKind Kind,
    string Memo,
    long? ReversesId,
    long? ActorAccountId,
    DateTimeOffset CreatedUtc,
    IReadOnlyList<Posting> Postings);

/// <summary>The answer to a posting: the transaction, and whether it was already posted under the same key.</summary>
public sealed record LedgerResult(PointTransaction Transaction, bool Replayed);

/// <summary>
/// The rule every transaction obeys before it reaches the database: a key, at least two lines, whole non-zero
/// points on each, no account twice, and lines that sum to zero (double entry). The database checks the sum
/// and the bounds again.
/// </summary>
public static class LedgerPosting
{
    public const int MaxKeyLength = 120;
    public const int MaxMemoLength = 500;
    public const int MaxLines = 20;

    /// <summary>Throws <see cref="RuleException"/> naming the first rule the request breaks.</summary>
    public static void Check(LedgerRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.IdempotencyKey) || request.IdempotencyKey.Length > MaxKeyLength)
            throw new RuleException(PointsErrors.BadKey);
        if (request.Memo.Length > MaxMemoLength) throw new RuleException(PointsErrors.MemoTooLong);
        if (request.Lines.Count < 2 || request.Lines.Count > MaxLines) throw new RuleException(PointsErrors.Unbalanced);
        if (request.Lines.Any(l => l.Amount == 0)) throw new RuleException(PointsErrors.ZeroLine);
        if (request.Lines.Select(l => (l.AccountId, l.LotId)).Distinct().Count() != request.Lines.Count)
            throw new RuleException(PointsErrors.AccountTwice);
        long sum = 0;
        foreach (var line in request.Lines) sum = checked(sum + line.Amount);
        if (sum != 0) throw new RuleException(PointsErrors.Unbalanced);
        if (request.Kind == PointTransactionKind.Reverse != request.ReversesId.HasValue)
            throw new RuleException(PointsErrors.ReversalWithoutOriginal);
    }

    /// <summary>
    /// A fingerprint of what the request asks for, stored with the transaction: the same key sent with a
    /// different request is refused instead of silently answered with the first one.
    /// </summary>
    public static string Fingerprint(LedgerRequest request)
    {
        var text = new StringBuilder().Append(request.Kind).Append('|').Append(request.ReversesId).Append('|');
        foreach (var line in request.Lines.OrderBy(l => l.AccountId).ThenBy(l => l.LotId))
            text.Append(line.AccountId).Append(':').Append(line.Amount).Append(':').Append(line.LotId).Append(';');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
    }

    /// <summary>The lines that undo a transaction: every posting negated, back to or out of the same lots.</summary>
    public static IReadOnlyList<PostingLine> ReversalOf(PointTransaction original)
    {
        if (original.Kind == PointTransactionKind.Reverse) throw new RuleException(PointsErrors.CannotReverseReversal);
        return original.Postings.Select(p => new PostingLine(p.AccountId, -p.Amount, p.LotId)).ToList();
    }
}

/// <summary>
/// FIFO by expiry: a spend takes from the lot that expires first, then the next, and never from an expired lot.
/// </summary>
public static class LotSpending
{
    public static IReadOnlyList<(long LotId, long Amount)> Allocate(IEnumerable<PointLot> lots, long amount, DateTimeOffset now)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amount);
        var taken = new List<(long, long)>();
        var left = amount;
        foreach (var lot in lots.Where(l => l.IsSpendable(now)).OrderBy(l => l.ExpiresUtc).ThenBy(l => l.Id))
        {
            var take = Math.Min(left, lot.Remaining);
            taken.Add((lot.Id, take));
            left -= take;
            if (left == 0) return taken;
        }
        throw new RuleException(PointsErrors.InsufficientPoints);
    }
}

public static class PointsErrors
{
    public const string BadKey = "Points_ErrorBadKey";
    public const string MemoTooLong = "Points_ErrorMemoTooLong";
    public const string Unbalanced = "Points_ErrorUnbalanced";
    public const string ZeroLine = "Points_ErrorZeroLine";
    public const string AccountTwice = "Points_ErrorAccountTwice";
    public const string ReversalWithoutOriginal = "Points_ErrorReversalWithoutOriginal";
    public const string CannotReverseReversal = "Points_ErrorCannotReverseReversal";
    public const string AlreadyReversed = "Points_ErrorAlreadyReversed";
    public const string InsufficientPoints = "Points_ErrorInsufficient";
    public const string KeyReused = "Points_ErrorKeyReused";
    public const string AccountNotFound = "Points_ErrorAccountNotFound";
    public const string TransactionNotFound = "Points_ErrorTransactionNotFound";
    public const string AccountClosed = "Points_ErrorAccountClosed";
    public const string DailyCapReached = "Points_ErrorDailyCap";
    public const string YearlyCapReached = "Points_ErrorYearlyCap";
    public const string ProgrammeNotRunning = "Points_ErrorProgrammeNotRunning";
    public const string EventNotFound = "Points_ErrorEventNotFound";
    public const string EventClosed = "Points_ErrorEventClosed";
    public const string CodeExpired = "Points_ErrorCodeExpired";
    public const string ItemNotFound = "Points_ErrorItemNotFound";
    public const string OutOfStock = "Points_ErrorOutOfStock";
    public const string PerPersonLimit = "Points_ErrorPerPersonLimit";
    public const string VoucherNotFound = "Points_ErrorVoucherNotFound";
    public const string VoucherUsed = "Points_ErrorVoucherUsed";
    public const string VoucherCancelled = "Points_ErrorVoucherCancelled";
    public const string CancellationPeriodOver = "Points_ErrorCancellationOver";
    public const string AdjustmentNotFound = "Points_ErrorAdjustmentNotFound";
    public const string AdjustmentDecided = "Points_ErrorAdjustmentDecided";
    public const string OwnApproval = "Points_ErrorOwnApproval";
    public const string NameRequired = "Points_ValidationNameRequired";
    public const string NameTooLong = "Points_ValidationNameTooLong";
    public const string PlaceRequired = "Points_ValidationPlaceRequired";
    public const string PointsRange = "Points_ValidationPointsRange";
    public const string CapsOrder = "Points_ValidationCapsOrder";
    public const string DatesRequired = "Points_ValidationDatesRequired";
    public const string DatesOrder = "Points_ValidationDatesOrder";
    public const string ProgrammeRequired = "Points_ValidationProgrammeRequired";
    public const string ReasonRequired = "Points_ValidationReasonRequired";
    public const string StockRange = "Points_ValidationStockRange";
}
