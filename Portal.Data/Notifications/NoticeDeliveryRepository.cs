using System.Data.Common;
using System.Text.Json;
using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>The outbox's deliveries: what the worker claims and records, what admins read and send again.</summary>
public sealed class NoticeDeliveryRepository(PortalDatabase db) : INoticeDeliveryRepository
{
    public Task<int> RecoverExpiredAsync(DateTimeOffset now, Func<NoticeChannel, int, DeliveryDecision> decide, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var expired = (await connection.QueryAsync<ExpiredRow>(new CommandDefinition($"""
                SELECT Id, Channel, Attempts, AttemptStartedUtc, ClaimToken FROM NoticeDelivery{db.Dialect.LockForUpdate}
                WHERE Status = 'Sending' AND LeaseUntilUtc < @now
                """, new { now }, transaction, cancellationToken: ct))).ToList();
            foreach (var row in expired)
            {
                if (row.AttemptStartedUtc is null)
                {
                    // Claimed but never tried: nothing can have gone out.
                    await connection.ExecuteAsync(new CommandDefinition("""
                        UPDATE NoticeDelivery SET Status = 'Pending', LeaseUntilUtc = NULL, ClaimToken = NULL WHERE Id = @Id AND Status = 'Sending'
                        """, new { row.Id }, transaction, cancellationToken: ct));
                    continue;
                }
                await ApplyAsync(connection, transaction, row.Id, row.ClaimToken, decide(Enum.Parse<NoticeChannel>(row.Channel), row.Attempts), ct);
            }
            return expired.Count;
        }, ct);

    public Task<IReadOnlyList<ClaimedDelivery>> ClaimDueAsync(DateTimeOffset now, int max, DateTimeOffset leaseUntil, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<ClaimedDelivery>>(async (connection, transaction) =>
        {
            // The write transaction (BEGIN IMMEDIATE on SQLite, update locks on SQL Server) and the status check in
            // each UPDATE keep a second worker from taking a row this one took.
            var due = await connection.QueryAsync<long>(new CommandDefinition($"""
                SELECT Id FROM NoticeDelivery{db.Dialect.LockForUpdate}
                WHERE Status = 'Pending' AND NextAttemptUtc <= @now
                ORDER BY NextAttemptUtc, Id{db.Dialect.Page}
                """, new { now, Skip = 0, Take = max }, transaction, cancellationToken: ct));
            var claim = Guid.NewGuid().ToString("N");
            var claimed = new List<long>();
            foreach (var id in due)
            {
                var rows = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE NoticeDelivery SET Status = 'Sending', LeaseUntilUtc = @leaseUntil, AttemptStartedUtc = NULL, ClaimToken = @claim
                    WHERE Id = @id AND Status = 'Pending'
                    """, new { id, leaseUntil, claim }, transaction, cancellationToken: ct));
                if (rows == 1) claimed.Add(id);
            }
            if (claimed.Count == 0) return [];
            var details = await connection.QueryAsync<ClaimedRow>(new CommandDefinition("""
                SELECT d.Id, d.ClaimToken, d.NoticeId, n.Kind, d.Channel, d.Destination, d.Attempts, n.Culture, n.ValuesJson, n.Link
                FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId
                WHERE d.Id IN @claimed
                ORDER BY d.NextAttemptUtc, d.Id
                """, new { claimed }, transaction, cancellationToken: ct));
            return details.Select(r => r.ToClaimed()).ToList();
        }, ct);

    public Task<bool> BeginAttemptAsync(ClaimedDelivery claim, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken ct) =>
        ExecuteOneAsync("""
            UPDATE NoticeDelivery SET Attempts = Attempts + 1, AttemptStartedUtc = @now, LeaseUntilUtc = @leaseUntil
            WHERE Id = @DeliveryId AND Status = 'Sending' AND ClaimToken = @Claim
            """, new { claim.DeliveryId, claim.Claim, now, leaseUntil }, ct);

    public Task<bool> MarkSentAsync(ClaimedDelivery claim, DateTimeOffset now, CancellationToken ct) =>
        ExecuteOneAsync("""
            UPDATE NoticeDelivery SET Status = 'Sent', SentUtc = @now, LeaseUntilUtc = NULL, ClaimToken = NULL
            WHERE Id = @DeliveryId AND Status = 'Sending' AND ClaimToken = @Claim
            """, new { claim.DeliveryId, claim.Claim, now }, ct);

    public Task<bool> MarkRetryAsync(ClaimedDelivery claim, DateTimeOffset nextAttemptUtc, string error, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) =>
            ApplyAsync(connection, transaction, claim.DeliveryId, claim.Claim, new DeliveryDecision.Retry(nextAttemptUtc, error), ct), ct);

    public Task<bool> MarkDeadAsync(ClaimedDelivery claim, string reason, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => ApplyAsync(connection, transaction, claim.DeliveryId, claim.Claim, new DeliveryDecision.Dead(reason), ct), ct);

    public Task ForgetAddressAsync(NoticeChannel channel, string destination, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => channel switch
        {
            NoticeChannel.WebPush when long.TryParse(destination, out var subscriptionId) => await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM PushSubscription WHERE Id = @subscriptionId", new { subscriptionId }, transaction, cancellationToken: ct)),
            NoticeChannel.Line => await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM LineLink WHERE LineUserId = @destination", new { destination }, transaction, cancellationToken: ct)),
            _ => 0,
        }, ct);

    public async Task<IReadOnlyList<DeliveryLogEntry>> SearchAsync(DeliveryFilter filter, CancellationToken ct)
    {
        var (where, parameters) = Where(filter);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LogRow>(new CommandDefinition($"""
            SELECT d.Id, d.NoticeId, n.Kind, d.Channel, d.Destination, d.Status, d.Attempts, d.NextAttemptUtc, d.LastError, d.SentUtc,
                   n.CreatedUtc, n.AccountId, a.Email AS AccountEmail, a.DisplayName AS AccountName
            FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId LEFT JOIN UserAccount a ON a.Id = n.AccountId
            {where}
            ORDER BY d.Id DESC{db.Dialect.Page}
            """, parameters, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<int> CountAsync(DeliveryFilter filter, CancellationToken ct)
    {
        var (where, parameters) = Where(filter);
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"""
            SELECT COUNT(*) FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId LEFT JOIN UserAccount a ON a.Id = n.AccountId
            {where}
            """, parameters, cancellationToken: ct));
    }

    public Task<IReadOnlyList<long>> RetryDeadAsync(IReadOnlyCollection<long> deliveryIds, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync<IReadOnlyList<long>>(async (connection, transaction) =>
        {
            var moved = new List<long>();
            foreach (var id in deliveryIds.Distinct())
            {
                var rows = await connection.ExecuteAsync(new CommandDefinition("""
                    UPDATE NoticeDelivery SET Status = 'Pending', Attempts = 0, NextAttemptUtc = @now, LeaseUntilUtc = NULL, AttemptStartedUtc = NULL, ClaimToken = NULL
                    WHERE Id = @id AND Status = 'Dead'
                    """, new { id, now }, transaction, cancellationToken: ct));
                if (rows == 1) moved.Add(id);
            }
            return moved;
        }, ct);

    private static (string Where, DynamicParameters Parameters) Where(DeliveryFilter f)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters(new { f.Skip, f.Take });
        if (f.Kind is { } kind) { clauses.Add("n.Kind = @kind"); p.Add("kind", kind.ToString()); }
        if (f.Channel is { } channel) { clauses.Add("d.Channel = @channel"); p.Add("channel", channel.ToString()); }
        if (f.Status is { } status) { clauses.Add("d.Status = @status"); p.Add("status", status.ToString()); }
        if (f.FromUtc is { } from) { clauses.Add("n.CreatedUtc >= @from"); p.Add("from", from); }
        if (f.ToUtc is { } to) { clauses.Add("n.CreatedUtc < @to"); p.Add("to", to); }
        if (!string.IsNullOrWhiteSpace(f.Recipient))
        {
            clauses.Add("(a.Email LIKE @recipient OR a.DisplayName LIKE @recipient OR d.Destination LIKE @recipient)");
            p.Add("recipient", "%" + f.Recipient.Trim() + "%");
        }
        return (clauses.Count == 0 ? "" : "WHERE " + string.Join(" AND ", clauses), p);
    }

    /// <summary>Records a decision on a delivery in Sending, only while <paramref name="claim"/> still holds it.</summary>
    private static async Task<bool> ApplyAsync(DbConnection connection, DbTransaction transaction, long id, string? claim, DeliveryDecision decision, CancellationToken ct)
    {
        var rows = decision switch
        {
            DeliveryDecision.Retry r => await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE NoticeDelivery SET Status = 'Pending', NextAttemptUtc = @NextAttemptUtc, LastError = @error, LeaseUntilUtc = NULL, ClaimToken = NULL
                WHERE Id = @id AND Status = 'Sending' AND ClaimToken = @claim
                """, new { id, claim, r.NextAttemptUtc, error = Trim(r.Error) }, transaction, cancellationToken: ct)),
            DeliveryDecision.Dead d => await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE NoticeDelivery SET Status = 'Dead', LastError = @reason, LeaseUntilUtc = NULL, ClaimToken = NULL
                WHERE Id = @id AND Status = 'Sending' AND ClaimToken = @claim
                """, new { id, claim, reason = Trim(d.Reason) }, transaction, cancellationToken: ct)),
            _ => throw new ArgumentOutOfRangeException(nameof(decision)),
        };
        return rows == 1;
    }

    private async Task<bool> ExecuteOneAsync(string sql, object parameters, CancellationToken ct) =>
        await db.WriteAsync((connection, transaction) =>
            connection.ExecuteAsync(new CommandDefinition(sql, parameters, transaction, cancellationToken: ct)), ct) == 1;

    /// <summary>Errors are kept short: enough for an admin to see what went wrong.</summary>
    private static string Trim(string text) => text.Length <= 1000 ? text : text[..1000];

    internal static IReadOnlyDictionary<string, string> ReadValues(string json) =>
        JsonSerializer.Deserialize<Dictionary<string, string>>(json) ?? new Dictionary<string, string>();

    private sealed class ExpiredRow
    {
        public long Id { get; set; }
        public string Channel { get; set; } = "";
        public int Attempts { get; set; }
        public DateTimeOffset? AttemptStartedUtc { get; set; }
        public string? ClaimToken { get; set; }
    }

    private sealed class ClaimedRow
    {
        public long Id { get; set; }
        public string ClaimToken { get; set; } = "";
        public long NoticeId { get; set; }
        public string Kind { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Destination { get; set; } = "";
        public int Attempts { get; set; }
        public string Culture { get; set; } = "";
        public string ValuesJson { get; set; } = "{}";
        public string? Link { get; set; }

        public ClaimedDelivery ToClaimed() => new(Id, ClaimToken, NoticeId, Enum.Parse<NoticeKind>(Kind), Enum.Parse<NoticeChannel>(Channel), Destination, Attempts,
            Culture, ReadValues(ValuesJson), Link);
    }

    private sealed class LogRow
    {
        public long Id { get; set; }
        public long NoticeId { get; set; }
        public string Kind { get; set; } = "";
        public string Channel { get; set; } = "";
        public string Destination { get; set; } = "";
        public string Status { get; set; } = "";
        public int Attempts { get; set; }
        public DateTimeOffset NextAttemptUtc { get; set; }
        public string? LastError { get; set; }
        public DateTimeOffset? SentUtc { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
        public long? AccountId { get; set; }
        public string? AccountEmail { get; set; }
        public string? AccountName { get; set; }

        public DeliveryLogEntry ToEntry() => new(Id, NoticeId, Enum.Parse<NoticeKind>(Kind), Enum.Parse<NoticeChannel>(Channel), Destination,
            Enum.Parse<DeliveryStatus>(Status), Attempts, NextAttemptUtc, LastError, SentUtc, CreatedUtc, AccountId, AccountEmail, AccountName);
    }
}
