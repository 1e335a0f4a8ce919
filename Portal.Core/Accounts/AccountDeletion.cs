using System.Globalization;
using Portal.Core.Audit;
using Portal.Core.Points;

namespace Portal.Core.Accounts;

/// <summary>Why a deletion request was refused, or that it went through.</summary>
public enum DeletionOutcome
{
    Deleted,
    /// <summary>The account was deleted before (a double submit or a retry): nothing more happened.</summary>
    AlreadyDeleted,
    NotFound,
    /// <summary>Staff, admin and kiosk accounts are closed by an administrator, not by themselves.</summary>
    NotAResident,
    WrongPassword,
    ConfirmationMismatch,
}

/// <summary>What a deletion changed, in counts only: this is what the audit record says, with no personal data.</summary>
public sealed record DeletionSummary(
    int ReportsAnonymised,
    int HistoryLinesAnonymised,
    long PointsClosed,
    int ClosingTransactions,
    int ConsentsRevoked,
    int ChannelsRemoved,
    int DeliveriesCancelled)
{
    public static DeletionSummary Nothing { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public string ToAuditDetail() => string.Create(CultureInfo.InvariantCulture,
        $"reports={ReportsAnonymised}; history={HistoryLinesAnonymised}; points={PointsClosed}; closing-transactions={ClosingTransactions}; consents={ConsentsRevoked}; channels={ChannelsRemoved}; deliveries-cancelled={DeliveriesCancelled}");
}

/// <summary>What the store writes over the account row: replaced sign-in data that nobody knows.</summary>
public sealed record Tombstone(long AccountId, string Email, string DisplayName, string PasswordHash, string SecurityStamp, DateTimeOffset DeletedUtc);

/// <summary>
/// The rules of deleting one's own account. Only residents may; the password and a typed word confirm it. The row
/// stays as a tombstone so that the ledger, the audit trail and the reports' history still resolve, and the
/// points left in the wallet lapse into the <see cref="ClosureAccountCode"/> account by postings, never by deletes.
/// </summary>
public static class AccountDeletionRules
{
    /// <summary>The ledger account (kind Expiry) that receives a deleted resident's remaining points.</summary>
    public const string ClosureAccountCode = "account-deleted";
    public const string ClosingMemo = "account-deleted";
    public const string TombstoneName = "deleted";

    /// <summary>The words a resident types to confirm, in either language (compared without case or surrounding spaces).</summary>
    public static IReadOnlyList<string> ConfirmationWords { get; } = ["削除", "DELETE"];

    public static bool MayDelete(Role role) => role == Role.Resident;

    public static bool IsConfirmed(string? typed) =>
        typed is not null && ConfirmationWords.Any(w => string.Equals(typed.Trim(), w, StringComparison.OrdinalIgnoreCase));

    /// <summary>An address under the reserved .invalid domain: unique per account, never deliverable, never an address someone has.</summary>
    public static string TombstoneEmail(long accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"deleted-{accountId}@deleted.invalid");

    /// <summary>
    /// The postings that move every point left in a wallet (each lot with a remainder, spendable or already past its
    /// expiry but not yet swept) to the closure account. A transaction holds at most <see cref="LedgerPosting.MaxLines"/>
    /// lines, so many lots take several transactions. The key names the account and the first lot, so a retry posts nothing twice.
    /// </summary>
    public static IReadOnlyList<LedgerRequest> ClosingRequests(long ownerAccountId, long walletId, long closureAccountId, IEnumerable<PointLot> lots)
    {
        var open = lots.Where(l => l.Remaining > 0).OrderBy(l => l.ExpiresUtc).ThenBy(l => l.Id).ToList();
        var requests = new List<LedgerRequest>();
        foreach (var chunk in open.Chunk(LedgerPosting.MaxLines - 1))
        {
            var lines = chunk.Select(l => new PostingLine(walletId, -l.Remaining, l.Id)).ToList();
            lines.Add(new PostingLine(closureAccountId, chunk.Sum(l => l.Remaining)));
            requests.Add(new LedgerRequest(
                string.Create(CultureInfo.InvariantCulture, $"account-deleted:{ownerAccountId}:{chunk[0].Id}"),
                PointTransactionKind.Expire, lines, ClosingMemo, ownerAccountId));
        }
        return requests;
    }
}

/// <summary>Writes a deletion in one write transaction; see <see cref="AccountDeletionService"/>.</summary>
public interface IAccountDeletionStore
{
    /// <summary>
    /// In one transaction: anonymises the reports, closes the wallet by postings, revokes the For You consents (deleting
    /// stored results) and the register link, removes channels, preferences and queue subscriptions, cancels pending
    /// deliveries, writes the tombstone and appends <paramref name="audit"/>. Returns null, changing nothing, when
    /// the account was already deleted.
    /// </summary>
    Task<DeletionSummary?> DeleteAsync(Tombstone tombstone, ExpiryPolicy expiry, Func<DeletionSummary, AuditEntry> audit, CancellationToken ct);
}

/// <summary>Deletes a resident's own account after checking who asks and that they mean it. Safe to repeat.</summary>
public sealed class AccountDeletionService(
    IUserAccountRepository accounts,
    IPasswordHasher hasher,
    IAccountDeletionStore store,
    PointsOptions points,
    TimeProvider time)
{
    public const string AuditAction = "account.deleted";

    public async Task<DeletionOutcome> DeleteAsync(long accountId, string? password, string? confirmation, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null) return DeletionOutcome.NotFound;
        if (account.IsDeleted) return DeletionOutcome.AlreadyDeleted;
        if (!AccountDeletionRules.MayDelete(account.Role)) return DeletionOutcome.NotAResident;
        if (string.IsNullOrEmpty(password) || hasher.Verify(account.PasswordHash, password) == PasswordCheck.Failed)
            return DeletionOutcome.WrongPassword;
        if (!AccountDeletionRules.IsConfirmed(confirmation)) return DeletionOutcome.ConfirmationMismatch;

        var now = time.GetUtcNow();
        var tombstone = new Tombstone(account.Id, AccountDeletionRules.TombstoneEmail(account.Id), AccountDeletionRules.TombstoneName,
            hasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))),
            Guid.NewGuid().ToString("N"), now);
        // The actor is named by id only, without e-mail or address: the record outlives the person's data.
        var id = account.Id.ToString(CultureInfo.InvariantCulture);
        var summary = await store.DeleteAsync(tombstone, points.Expiry, s => new AuditEntry(0, now, account.Id, $"account:{id}", Roles.Resident,
            AuditAction, AuditEntities.Account, id, s.ToAuditDetail(), null), ct);
        return summary is null ? DeletionOutcome.AlreadyDeleted : DeletionOutcome.Deleted;
    }
}
