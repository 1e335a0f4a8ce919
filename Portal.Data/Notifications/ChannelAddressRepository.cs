using System.Security.Cryptography;
using System.Text;
using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

public sealed class ChannelAddressRepository(PortalDatabase db) : IChannelAddressRepository
{
    public Task<bool> MarkEmailVerifiedAsync(long accountId, string email, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            // Lower-cased on both sides: the address is stored as typed at sign-up, the token carries it as issued.
            "UPDATE UserAccount SET EmailVerifiedUtc = @at WHERE Id = @accountId AND LOWER(Email) = LOWER(@email)",
            new { accountId, email, at }, transaction, cancellationToken: ct)) == 1, ct);

    public async Task<DateTimeOffset?> GetEmailVerifiedAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<DateTimeOffset?>(new CommandDefinition(
            "SELECT EmailVerifiedUtc FROM UserAccount WHERE Id = @accountId", new { accountId }, cancellationToken: ct));
    }

    public async Task<string?> GetLineUserAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "SELECT LineUserId FROM LineLink WHERE AccountId = @accountId", new { accountId }, cancellationToken: ct));
    }

    public Task<LineLinkOutcome> LinkLineAsync(long accountId, string lineUserId, DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var owner = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"SELECT AccountId FROM LineLink{db.Dialect.LockForUpdate} WHERE LineUserId = @lineUserId",
                new { lineUserId }, transaction, cancellationToken: ct));
            if (owner is { } other && other != accountId) return LineLinkOutcome.TakenByAnotherAccount;
            if (owner == accountId) return LineLinkOutcome.Linked;
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM LineLink WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO LineLink (AccountId, LineUserId, LinkedUtc) VALUES (@accountId, @lineUserId, @at)",
                new { accountId, lineUserId, at }, transaction, cancellationToken: ct));
            return LineLinkOutcome.Linked;
        }, ct);

    public Task<bool> UnlinkLineAsync(long accountId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM LineLink WHERE AccountId = @accountId", new { accountId }, transaction, cancellationToken: ct)) > 0, ct);

    public Task<long> SavePushSubscriptionAsync(long? accountId, string endpoint, string p256dh, string auth, string? deviceLabel,
        DateTimeOffset at, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"SELECT Id FROM PushSubscription{db.Dialect.LockForUpdate} WHERE Endpoint = @endpoint",
                new { endpoint }, transaction, cancellationToken: ct));
            if (existing is { } id)
            {
                await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE PushSubscription
                    SET P256dh = @p256dh, Auth = @auth, AccountId = COALESCE(@accountId, AccountId), DeviceLabel = COALESCE(@deviceLabel, DeviceLabel)
                    WHERE Id = @id
                    """, new { id, p256dh, auth, accountId, deviceLabel }, transaction, cancellationToken: ct));
                return id;
            }
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, DeviceLabel, CreatedUtc)
                VALUES (@accountId, @endpoint, @p256dh, @auth, @deviceLabel, @at){db.Dialect.SelectInsertedId}
                """, new { accountId, endpoint, p256dh, auth, deviceLabel, at }, transaction, cancellationToken: ct));
        }, ct);

    public Task<long?> RenewPushSubscriptionAsync(string oldEndpoint, string oldAuth, string endpoint, string p256dh, string auth,
        CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var old = await connection.QuerySingleOrDefaultAsync<RenewalRow>(new CommandDefinition(
                $"SELECT Id, AccountId, Auth FROM PushSubscription{db.Dialect.LockForUpdate} WHERE Endpoint = @oldEndpoint",
                new { oldEndpoint }, transaction, cancellationToken: ct));
            if (old is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(old.Auth), Encoding.ASCII.GetBytes(oldAuth)))
                return (long?)null;
            var taken = await connection.QuerySingleOrDefaultAsync<RenewalRow>(new CommandDefinition(
                $"SELECT Id, AccountId, Auth FROM PushSubscription{db.Dialect.LockForUpdate} WHERE Endpoint = @endpoint AND Id <> @id",
                new { endpoint, id = old.Id }, transaction, cancellationToken: ct));
            if (taken is not null)
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM PushSubscription WHERE Id = @id", new { id = taken.Id }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE PushSubscription
                SET Endpoint = @endpoint, P256dh = @p256dh, Auth = @auth, AccountId = COALESCE(AccountId, @takenAccount)
                WHERE Id = @id
                """, new { endpoint, p256dh, auth, takenAccount = taken?.AccountId, id = old.Id }, transaction, cancellationToken: ct));
            return (long?)old.Id;
        }, ct);

    private sealed class RenewalRow
    {
        public long Id { get; set; }
        public long? AccountId { get; set; }
        public string Auth { get; set; } = "";
    }

    private const string SubscriptionColumns = "Id, AccountId, Endpoint, P256dh, Auth, DeviceLabel, CreatedUtc";

    public async Task<PushSubscriptionRecord?> GetPushSubscriptionAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM PushSubscription WHERE Id = @id", new { id }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task<IReadOnlyList<PushSubscriptionRecord>> ListPushSubscriptionsAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SubscriptionRow>(new CommandDefinition(
            $"SELECT {SubscriptionColumns} FROM PushSubscription WHERE AccountId = @accountId ORDER BY Id", new { accountId }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public Task<bool> DeletePushSubscriptionByEndpointAsync(string endpoint, long? accountId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM PushSubscription WHERE Endpoint = @endpoint AND (AccountId IS NULL OR AccountId = @accountId)",
            new { endpoint, accountId }, transaction, cancellationToken: ct)) > 0, ct);

    public Task<bool> DeletePushSubscriptionAsync(long id, long accountId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM PushSubscription WHERE Id = @id AND AccountId = @accountId",
            new { id, accountId }, transaction, cancellationToken: ct)) > 0, ct);

    public Task<bool> ForgetPushSubscriptionAsync(long id, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM PushSubscription WHERE Id = @id", new { id }, transaction, cancellationToken: ct)) > 0, ct);

    private sealed class SubscriptionRow
    {
        public long Id { get; set; }
        public long? AccountId { get; set; }
        public string Endpoint { get; set; } = "";
        public string P256dh { get; set; } = "";
        public string Auth { get; set; } = "";
        public string? DeviceLabel { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }

        public PushSubscriptionRecord ToRecord() => new(Id, AccountId, Endpoint, P256dh, Auth, DeviceLabel, CreatedUtc);
    }
}
