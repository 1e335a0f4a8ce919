using System.Data.Common;
using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Data.Audit;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Points;

namespace Portal.Data.Accounts;

/// <summary>
/// A resident's account deletion in one write transaction (SQLite: BEGIN IMMEDIATE; SQL Server: the account row
/// held with UPDLOCK, HOLDLOCK), so a double submit waits for the first and then finds the tombstone.
/// </summary>
public sealed class AccountDeletionRepository(PortalDatabase db, PointLedgerRepository ledger) : IAccountDeletionStore
{
    public Task<DeletionSummary?> DeleteAsync(Tombstone tombstone, ExpiryPolicy expiry, Func<DeletionSummary, AuditEntry> audit, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var id = tombstone.AccountId;
            var now = tombstone.DeletedUtc;
            var found = await connection.QuerySingleOrDefaultAsync<StateRow>(new CommandDefinition(
                $"SELECT Role, DeletedUtc FROM UserAccount{db.Dialect.LockForUpdate} WHERE Id = @id", new { id }, transaction, cancellationToken: ct));
            if (found is null || found.DeletedUtc is not null) return null;
            if (!AccountDeletionRules.MayDelete(Enum.Parse<Role>(found.Role)))
                throw new InvalidOperationException("Only a resident's account is deleted this way.");

            var (reports, history) = await AnonymiseReportsAsync(connection, transaction, id, now, ct);
            var (points, closings) = await CloseWalletAsync(connection, transaction, id, expiry, now, ct);
            var consents = await ConsentRepository.RevokeAsync(connection, transaction, id, null, now, ct);
            await Execute(connection, transaction, "UPDATE RegisterResident SET AccountId = NULL WHERE AccountId = @id", new { id }, ct);
            var channels = await RemoveChannelsAsync(connection, transaction, id, ct);
            var cancelled = await CancelDeliveriesAsync(connection, transaction, id, ct);

            var rows = await Execute(connection, transaction, """
                UPDATE UserAccount SET
                    Email = @Email, DisplayName = @DisplayName, PasswordHash = @PasswordHash, SecurityStamp = @SecurityStamp,
                    IsDisabled = 1, FailedSignInCount = 0, LockoutEndUtc = NULL, PreferredCulture = NULL, EmailVerifiedUtc = NULL,
                    DeletedUtc = @DeletedUtc
                WHERE Id = @AccountId
                """, tombstone, ct);
            if (rows != 1) throw new InvalidOperationException($"Account {id} vanished while being deleted.");

            var summary = new DeletionSummary(reports, history, points, closings, consents, channels, cancelled);
            await AuditLogRepository.AppendAsync(connection, transaction, audit(summary), ct);
            return (DeletionSummary?)summary;
        }, ct);

    /// <summary>
    /// Reports stay public with what staff need (place, category, description, photos, history), but lose the link to
    /// the person, the public name and the contact address; the resident's own history lines lose their author.
    /// </summary>
    private static async Task<(int Reports, int History)> AnonymiseReportsAsync(DbConnection connection, DbTransaction transaction, long id,
        DateTimeOffset now, CancellationToken ct)
    {
        var history = await Execute(connection, transaction, "UPDATE ReportUpdate SET ActorId = NULL WHERE ActorId = @id", new { id }, ct);
        var reports = await Execute(connection, transaction,
            "UPDATE Report SET ReporterId = NULL, ReporterName = NULL, ContactEmail = NULL WHERE ReporterId = @id", new { id }, ct);
        // A place kept in a volunteer task that has not started is given back; past ones stay as what happened.
        await Execute(connection, transaction, """
            DELETE FROM SupporterSignup
            WHERE AccountId = @id AND TaskId IN (SELECT Id FROM SupporterTask WHERE StartUtc > @now)
            """, new { id, now }, ct);
        return (reports, history);
    }

    /// <summary>Moves every point left in the wallet to the closure account by postings, then closes the wallet.</summary>
    private async Task<(long Points, int Transactions)> CloseWalletAsync(DbConnection connection, DbTransaction transaction, long id,
        ExpiryPolicy expiry, DateTimeOffset now, CancellationToken ct)
    {
        var walletId = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT Id FROM PointAccount WHERE OwnerAccountId = @id AND Kind = 'Wallet'", new { id }, transaction, cancellationToken: ct));
        if (walletId is not { } wallet) return (0, 0);
        var closure = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT Id FROM PointAccount WHERE Code = @code", new { code = AccountDeletionRules.ClosureAccountCode }, transaction, cancellationToken: ct))
            ?? throw new RuleException(PointsErrors.AccountNotFound);
        var lots = (await connection.QueryAsync<(long Id, long TransactionId, long Amount, long Remaining, DateTimeOffset ExpiresUtc, DateTimeOffset CreatedUtc)>(
            new CommandDefinition($"""
                SELECT Id, TransactionId, Amount, Remaining, ExpiresUtc, CreatedUtc FROM PointLot{db.Dialect.LockForUpdate}
                WHERE WalletId = @wallet AND Remaining > 0
                """, new { wallet }, transaction, cancellationToken: ct)))
            .Select(l => new PointLot(l.Id, wallet, l.TransactionId, l.Amount, l.Remaining, l.ExpiresUtc, l.CreatedUtc)).ToList();
        var requests = AccountDeletionRules.ClosingRequests(id, wallet, closure, lots);
        foreach (var request in requests)
            await ledger.PostAsync(connection, transaction, request, expiry, now, ct);
        // Closed: nothing is credited to it again (a reversal still may, as for any closed account).
        await Execute(connection, transaction, "UPDATE PointAccount SET IsActive = 0 WHERE Id = @wallet", new { wallet }, ct);
        return (lots.Sum(l => l.Remaining), requests.Count);
    }

    private static async Task<int> RemoveChannelsAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken ct)
    {
        var email = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM UserAccount WHERE Id = @id AND EmailVerifiedUtc IS NOT NULL", new { id }, transaction, cancellationToken: ct));
        var line = await Execute(connection, transaction, "DELETE FROM LineLink WHERE AccountId = @id", new { id }, ct);
        var push = await Execute(connection, transaction, "DELETE FROM PushSubscription WHERE AccountId = @id", new { id }, ct);
        await Execute(connection, transaction, "DELETE FROM ExternalLogin WHERE AccountId = @id", new { id }, ct);
        await Execute(connection, transaction, "DELETE FROM NoticePreference WHERE AccountId = @id", new { id }, ct);
        // A pending password reset of the account is void by the tombstone's new stamp; it goes with the rest.
        await Execute(connection, transaction, "DELETE FROM PasswordReset WHERE AccountId = @id", new { id }, ct);
        await Execute(connection, transaction, "DELETE FROM QueueNoticeSubscription WHERE AccountId = @id", new { id }, ct);
        // Reports followed and area alerts: nothing is told to a deleted account.
        await Execute(connection, transaction, "DELETE FROM ReportFollow WHERE AccountId = @id", new { id }, ct);
        await Execute(connection, transaction, "DELETE FROM ReportAlert WHERE AccountId = @id", new { id }, ct);
        return email + line + push;
    }

    /// <summary>
    /// Deliveries still waiting become dead letters that say why; every delivery of the account's notices forgets the
    /// address it went to, and the notices forget their values (names, places), keeping kind and time for statistics.
    /// </summary>
    private static async Task<int> CancelDeliveriesAsync(DbConnection connection, DbTransaction transaction, long id, CancellationToken ct)
    {
        var cancelled = await Execute(connection, transaction, """
            UPDATE NoticeDelivery SET Status = 'Dead', LeaseUntilUtc = NULL, LastError = 'account deleted'
            WHERE Status IN ('Pending', 'Sending') AND NoticeId IN (SELECT Id FROM Notice WHERE AccountId = @id)
            """, new { id }, ct);
        var deliveries = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT Id FROM NoticeDelivery WHERE NoticeId IN (SELECT Id FROM Notice WHERE AccountId = @id)", new { id }, transaction, cancellationToken: ct));
        foreach (var delivery in deliveries)
            await Execute(connection, transaction, "UPDATE NoticeDelivery SET Destination = @destination WHERE Id = @delivery",
                new { delivery, destination = "deleted:" + delivery.ToString(System.Globalization.CultureInfo.InvariantCulture) }, ct);
        await Execute(connection, transaction, "UPDATE Notice SET ValuesJson = '{}', Link = NULL WHERE AccountId = @id", new { id }, ct);
        return cancelled;
    }

    private static Task<int> Execute(DbConnection connection, DbTransaction transaction, string sql, object parameters, CancellationToken ct) =>
        connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct));

    private sealed class StateRow
    {
        public string Role { get; set; } = "";
        public DateTimeOffset? DeletedUtc { get; set; }
    }
}
