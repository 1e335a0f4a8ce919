using Dapper;
using Portal.Core.Accounts;
using Portal.Data.Database;

namespace Portal.Data.Accounts;

/// <summary>The two-factor columns of UserAccount, the recovery codes and the security policy row.</summary>
public sealed class TwoFactorRepository(PortalDatabase db) : ITwoFactorStore
{
    /// <summary>TwoFactor_UseStep: one conditional update, so two posts of the same code cannot both pass.</summary>
    public Task<bool> TryUseStepAsync(long accountId, long step, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE UserAccount SET TwoFactorLastStep = @step
            WHERE Id = @accountId AND TwoFactorEnabledUtc IS NOT NULL AND (TwoFactorLastStep IS NULL OR TwoFactorLastStep < @step)
            """, new { accountId, step }, transaction, cancellationToken: ct)) == 1, ct);

    public Task EnableAsync(UserAccount account, long confirmedStep, IReadOnlyList<string> recoveryCodeHashes, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE UserAccount SET TwoFactorSecret = @TwoFactorSecret, TwoFactorEnabledUtc = @TwoFactorEnabledUtc,
                    TwoFactorLastStep = @confirmedStep, SecurityStamp = @SecurityStamp
                WHERE Id = @Id
                """, new { account.TwoFactorSecret, account.TwoFactorEnabledUtc, confirmedStep, account.SecurityStamp, account.Id },
                transaction, cancellationToken: ct));
            await ReplaceCodesAsync(connection, transaction, account.Id, recoveryCodeHashes, at, ct);
            return true;
        }, ct);

    public Task DisableAsync(UserAccount account, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE UserAccount SET TwoFactorSecret = NULL, TwoFactorEnabledUtc = NULL, TwoFactorLastStep = NULL, SecurityStamp = @SecurityStamp
                WHERE Id = @Id
                """, new { account.SecurityStamp, account.Id }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM TwoFactorRecoveryCode WHERE AccountId = @Id", new { account.Id }, transaction, cancellationToken: ct));
            return true;
        }, ct);

    public Task ReplaceRecoveryCodesAsync(long accountId, IReadOnlyList<string> hashes, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await ReplaceCodesAsync(connection, transaction, accountId, hashes, at, ct);
            return true;
        }, ct);

    /// <summary>TwoFactor_UseRecoveryCode: one conditional update, so a code works once however fast it is posted twice.</summary>
    public Task<bool> UseRecoveryCodeAsync(long accountId, string hash, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE TwoFactorRecoveryCode SET UsedUtc = @at WHERE AccountId = @accountId AND CodeHash = @hash AND UsedUtc IS NULL",
            new { accountId, hash, at }, transaction, cancellationToken: ct)) == 1, ct);

    public async Task<int> CountRecoveryCodesLeftAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM TwoFactorRecoveryCode WHERE AccountId = @accountId AND UsedUtc IS NULL", new { accountId }, cancellationToken: ct));
    }

    public async Task<bool> IsRequiredAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT RequireStaffTwoFactor FROM SecurityPolicy WHERE Id = 1", cancellationToken: ct));
    }

    /// <summary>SecurityPolicy_SetTwoFactor: the setting and the stamps of the accounts it locks out, together.</summary>
    public Task<int> SetRequiredAsync(bool required, long? changedBy, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE SecurityPolicy SET RequireStaffTwoFactor = @required, UpdatedUtc = @at, UpdatedBy = @changedBy WHERE Id = 1",
                new { required, at, changedBy }, transaction, cancellationToken: ct));
            if (!required) return 0;
            var ids = (await connection.QueryAsync<long>(new CommandDefinition("""
                SELECT Id FROM UserAccount
                WHERE Role IN ('Staff', 'Admin') AND TwoFactorEnabledUtc IS NULL AND DeletedUtc IS NULL
                """, transaction: transaction, cancellationToken: ct))).ToList();
            foreach (var id in ids)
                await connection.ExecuteAsync(new CommandDefinition("UPDATE UserAccount SET SecurityStamp = @stamp WHERE Id = @id",
                    new { stamp = Guid.NewGuid().ToString("N"), id }, transaction, cancellationToken: ct));
            return ids.Count;
        }, ct);

    private static async Task ReplaceCodesAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        long accountId, IReadOnlyList<string> hashes, DateTimeOffset at, CancellationToken ct)
    {
        await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM TwoFactorRecoveryCode WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct));
        foreach (var hash in hashes)
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO TwoFactorRecoveryCode (AccountId, CodeHash, CreatedUtc) VALUES (@accountId, @hash, @at)",
                new { accountId, hash, at }, transaction, cancellationToken: ct));
    }
}
