using Dapper;
using Portal.Core.Accounts;
using Portal.Data.Database;

namespace Portal.Data.Accounts;

public sealed class UserAccountRepository(PortalDatabase db) : IUserAccountRepository
{
    private const string Columns =
        "Id, Email, DisplayName, PasswordHash, Role, OfficeId, IsDisabled, FailedSignInCount, LockoutEndUtc, SecurityStamp, CreatedUtc, LastSignInUtc, PreferredCulture, DeletedUtc, " +
        "EmailVerifiedUtc, TwoFactorSecret, TwoFactorEnabledUtc, CityWide";

    public Task<UserAccount?> GetByIdAsync(long id, CancellationToken ct) =>
        ReadOneAsync($"SELECT {Columns} FROM UserAccount WHERE Id = @id", new { id }, ct);

    public Task<UserAccount?> GetByEmailAsync(string email, CancellationToken ct) =>
        ReadOneAsync($"SELECT {Columns} FROM UserAccount WHERE Email = @email", new { email = UserAccount.NormalizeEmail(email) }, ct);

    public Task<UserAccount?> GetByExternalLoginAsync(ExternalLogin login, CancellationToken ct) =>
        ReadOneAsync($"""
            SELECT {Columns} FROM UserAccount
            WHERE Id = (SELECT AccountId FROM ExternalLogin WHERE Provider = @Provider AND Subject = @Subject)
            """, login, ct);

    public async Task<bool> CreateAsync(UserAccount account, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO UserAccount (Email, DisplayName, PasswordHash, Role, OfficeId, IsDisabled, FailedSignInCount,
                                     LockoutEndUtc, SecurityStamp, CreatedUtc, LastSignInUtc, PreferredCulture)
            VALUES (@Email, @DisplayName, @PasswordHash, @Role, @OfficeId, @IsDisabled, @FailedSignInCount,
                    @LockoutEndUtc, @SecurityStamp, @CreatedUtc, @LastSignInUtc, @PreferredCulture)
            """;
        try
        {
            await using var connection = await db.OpenAsync(ct);
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(sql + db.Dialect.SelectInsertedId, Parameters(account), cancellationToken: ct));
            account.AssignId(id);
            return true;
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task LinkExternalLoginAsync(long accountId, ExternalLogin login, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO ExternalLogin (Provider, Subject, AccountId) VALUES (@Provider, @Subject, @accountId)",
            new { login.Provider, login.Subject, accountId }, cancellationToken: ct));
    }

    public async Task UpdateAsync(UserAccount account, CancellationToken ct)
    {
        const string sql = """
            UPDATE UserAccount SET
                DisplayName = @DisplayName, PasswordHash = @PasswordHash, IsDisabled = @IsDisabled,
                FailedSignInCount = @FailedSignInCount, LockoutEndUtc = @LockoutEndUtc, SecurityStamp = @SecurityStamp,
                LastSignInUtc = @LastSignInUtc, PreferredCulture = @PreferredCulture
            WHERE Id = @Id
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(account), cancellationToken: ct));
        if (rows != 1) throw new InvalidOperationException($"Account {account.Id} does not exist.");
    }

    public async Task SetCityWideAsync(long accountId, bool cityWide, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE UserAccount SET CityWide = @cityWide WHERE Id = @accountId", new { accountId, cityWide }, cancellationToken: ct));
        if (rows != 1) throw new InvalidOperationException($"Account {accountId} does not exist.");
    }

    public async Task<IReadOnlyList<UserAccount>> SearchAsync(AccountQuery query, CancellationToken ct)
    {
        var (where, parameters) = Filter(query);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"SELECT {Columns} FROM UserAccount{where} ORDER BY Email{db.Dialect.Page}", parameters, cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task<int> CountAsync(AccountQuery query, CancellationToken ct)
    {
        var (where, parameters) = Filter(query);
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM UserAccount{where}", parameters, cancellationToken: ct));
    }

    private static (string Where, DynamicParameters Parameters) Filter(AccountQuery query)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters(new { query.Skip, query.Take });
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            clauses.Add("(Email LIKE @text OR DisplayName LIKE @text)");
            p.Add("text", "%" + query.Text.Trim() + "%");
        }
        if (query.Role is { } role) { clauses.Add("Role = @role"); p.Add("role", role.ToString()); }
        if (query.OfficeId is { } office) { clauses.Add("OfficeId = @office"); p.Add("office", office); }
        if (query.Disabled is { } disabled) { clauses.Add("IsDisabled = @disabled"); p.Add("disabled", disabled); }
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), p);
    }

    private async Task<UserAccount?> ReadOneAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return row?.ToAccount();
    }

    private static object Parameters(UserAccount a) => new
    {
        a.Id, a.Email, a.DisplayName, a.PasswordHash, Role = a.Role.ToString(), a.OfficeId, a.IsDisabled,
        a.FailedSignInCount, a.LockoutEndUtc, a.SecurityStamp, a.CreatedUtc, a.LastSignInUtc, a.PreferredCulture,
    };

    private sealed class AccountRow
    {
        public long Id { get; set; }
        public string Email { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public string Role { get; set; } = "";
        public string? OfficeId { get; set; }
        public bool IsDisabled { get; set; }
        public int FailedSignInCount { get; set; }
        public DateTimeOffset? LockoutEndUtc { get; set; }
        public string SecurityStamp { get; set; } = "";
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset? LastSignInUtc { get; set; }
        public string? PreferredCulture { get; set; }
        public DateTimeOffset? DeletedUtc { get; set; }
        public DateTimeOffset? EmailVerifiedUtc { get; set; }
        public string? TwoFactorSecret { get; set; }
        public DateTimeOffset? TwoFactorEnabledUtc { get; set; }
        public bool CityWide { get; set; }

        public UserAccount ToAccount() => UserAccount.Restore(Id, Email, DisplayName, PasswordHash, Enum.Parse<Role>(Role), OfficeId,
            IsDisabled, FailedSignInCount, LockoutEndUtc, SecurityStamp, CreatedUtc, LastSignInUtc, PreferredCulture, DeletedUtc,
            EmailVerifiedUtc, TwoFactorSecret, TwoFactorEnabledUtc, CityWide);
    }
}
