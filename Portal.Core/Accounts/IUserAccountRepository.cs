namespace Portal.Core.Accounts;

public sealed record AccountQuery(string? Text = null, Role? Role = null, string? OfficeId = null, bool? Disabled = null, int Skip = 0, int Take = 50);

public sealed record ExternalLogin(string Provider, string Subject);

public interface IUserAccountRepository
{
    Task<UserAccount?> GetByIdAsync(long id, CancellationToken ct);
    Task<UserAccount?> GetByEmailAsync(string email, CancellationToken ct);
    Task<UserAccount?> GetByExternalLoginAsync(ExternalLogin login, CancellationToken ct);
    /// <summary>Stores a new account and sets its id. Returns false, storing nothing, when the e-mail is taken.</summary>
    Task<bool> CreateAsync(UserAccount account, CancellationToken ct);
    Task LinkExternalLoginAsync(long accountId, ExternalLogin login, CancellationToken ct);
    /// <summary>
    /// Saves the mutable state: name, hash, stamp, disabled flag, sign-in counters, culture. Never the two-factor columns:
    /// those change only through <see cref="ITwoFactorStore"/>, so a sign-in that read the row earlier cannot undo them.
    /// </summary>
    Task UpdateAsync(UserAccount account, CancellationToken ct);
    /// <summary>
    /// Account_SetCityWide: stores the city-wide permission alone (never through <see cref="UpdateAsync"/>, so a sign-in
    /// that read the row before an administrator's change cannot undo it).
    /// </summary>
    Task SetCityWideAsync(long accountId, bool cityWide, CancellationToken ct);
    Task<IReadOnlyList<UserAccount>> SearchAsync(AccountQuery query, CancellationToken ct);
    Task<int> CountAsync(AccountQuery query, CancellationToken ct);
}
