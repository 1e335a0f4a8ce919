using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Data.Accounts;

/// <summary>Password resets (one per account, hashes only) and the e-mail that carries a link, in one transaction.</summary>
public sealed class PasswordResetRepository(PortalDatabase db, INoticeOutbox outbox) : IPasswordResetStore
{
    private const string Columns = "Id, AccountId, Kind, SecretHash, AccountStamp, CreatedUtc, ExpiresUtc, UsedUtc, IssuedBy";

    /// <summary>PasswordReset_Issue: the account's earlier reset goes, whatever its state; the e-mail joins the transaction.</summary>
    public Task<long> IssueAsync(PasswordResetTicket ticket, Notice? notice, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM PasswordReset WHERE AccountId = @AccountId", new { ticket.AccountId }, transaction, cancellationToken: ct));
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                INSERT INTO PasswordReset (AccountId, Kind, SecretHash, AccountStamp, CreatedUtc, ExpiresUtc, UsedUtc, IssuedBy)
                VALUES (@AccountId, @Kind, @SecretHash, @AccountStamp, @CreatedUtc, @ExpiresUtc, NULL, @IssuedBy){db.Dialect.SelectInsertedId}
                """,
                new { ticket.AccountId, Kind = ticket.Kind.ToString(), ticket.SecretHash, ticket.AccountStamp, ticket.CreatedUtc, ticket.ExpiresUtc, ticket.IssuedBy },
                transaction, cancellationToken: ct));
            if (notice is not null) await outbox.EnqueueAsync(connection, transaction, notice, ct);
            return id;
        }, ct);

    public Task<PasswordResetTicket?> FindBySecretHashAsync(string secretHash, CancellationToken ct) =>
        ReadOneAsync($"SELECT {Columns} FROM PasswordReset WHERE SecretHash = @secretHash", new { secretHash }, ct);

    public Task<PasswordResetTicket?> FindByAccountAsync(long accountId, CancellationToken ct) =>
        ReadOneAsync($"SELECT {Columns} FROM PasswordReset WHERE AccountId = @accountId", new { accountId }, ct);

    /// <summary>
    /// PasswordReset_Complete: both rows are read under the write lock and checked in code (one clock, one place for
    /// the rule's comparisons), then written together.
    /// </summary>
    public Task<bool> CompleteAsync(long ticketId, UserAccount account, string expectedStamp, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM PasswordReset{db.Dialect.LockForUpdate} WHERE Id = @ticketId",
                new { ticketId }, transaction, cancellationToken: ct));
            if (row is null || row.AccountId != account.Id || row.UsedUtc is not null || now >= row.ExpiresUtc) return false;
            var stamp = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
                $"SELECT SecurityStamp FROM UserAccount{db.Dialect.LockForUpdate} WHERE Id = @Id", new { account.Id }, transaction, cancellationToken: ct));
            if (stamp != expectedStamp) return false;
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE PasswordReset SET UsedUtc = @now WHERE Id = @ticketId", new { now, ticketId }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE UserAccount SET PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp,
                    FailedSignInCount = @FailedSignInCount, LockoutEndUtc = @LockoutEndUtc
                WHERE Id = @Id
                """, new { account.PasswordHash, account.SecurityStamp, account.FailedSignInCount, account.LockoutEndUtc, account.Id },
                transaction, cancellationToken: ct));
            return true;
        }, ct);

    private async Task<PasswordResetTicket?> ReadOneAsync(string sql, object parameters, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return row?.ToTicket();
    }

    private sealed class Row
    {
        public long Id { get; set; }
        public long AccountId { get; set; }
        public string Kind { get; set; } = "";
        public string SecretHash { get; set; } = "";
        public string AccountStamp { get; set; } = "";
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset ExpiresUtc { get; set; }
        public DateTimeOffset? UsedUtc { get; set; }
        public long? IssuedBy { get; set; }

        public PasswordResetTicket ToTicket() =>
            new(Id, AccountId, Enum.Parse<ResetKind>(Kind), SecretHash, AccountStamp, CreatedUtc, ExpiresUtc, UsedUtc, IssuedBy);
    }
}
