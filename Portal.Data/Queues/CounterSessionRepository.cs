using System.Globalization;
using Dapper;
using Portal.Core.Queues;
using Portal.Data.Database;

namespace Portal.Data.Queues;

public sealed class CounterSessionRepository(PortalDatabase db) : ICounterSessionRepository
{
    private const string Columns = "s.Id, s.CounterId, s.AccountId, s.ServiceIds, s.Paused, s.StartedUtc, s.EndedUtc";

    public Task<CounterSession> OpenAsync(long counterId, long accountId, IReadOnlyList<long> serviceIds, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            // One person per counter and one counter per person: taking a counter ends what was open before.
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE QueueCounterSession SET EndedUtc = @now WHERE EndedUtc IS NULL AND (CounterId = @counterId OR AccountId = @accountId)",
                new { now, counterId, accountId }, transaction, cancellationToken: ct));
            var ids = string.Join(',', serviceIds.Select(i => i.ToString(CultureInfo.InvariantCulture)));
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO QueueCounterSession (CounterId, AccountId, ServiceIds, Paused, StartedUtc, EndedUtc)
                VALUES (@counterId, @accountId, @ids, 0, @now, NULL)
                """ + db.Dialect.SelectInsertedId, new { counterId, accountId, ids, now }, transaction, cancellationToken: ct));
            return new CounterSession(id, counterId, accountId, serviceIds, false, now, null);
        }, ct);

    public async Task SetPausedAsync(long sessionId, bool paused, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE QueueCounterSession SET Paused = @paused WHERE Id = @sessionId AND EndedUtc IS NULL",
            new { sessionId, paused }, cancellationToken: ct));
    }

    public async Task EndAsync(long sessionId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("UPDATE QueueCounterSession SET EndedUtc = @now WHERE Id = @sessionId AND EndedUtc IS NULL",
            new { sessionId, now }, cancellationToken: ct));
    }

    public async Task<CounterSession?> OpenOfAccountAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QueryFirstOrDefaultAsync<SessionRow>(new CommandDefinition(
            $"SELECT {Columns} FROM QueueCounterSession s WHERE s.AccountId = @accountId AND s.EndedUtc IS NULL ORDER BY s.Id DESC",
            new { accountId }, cancellationToken: ct));
        return row?.ToSession();
    }

    public async Task<IReadOnlyList<CounterSession>> ListOpenAsync(string officeId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SessionRow>(new CommandDefinition($"""
            SELECT {Columns} FROM QueueCounterSession s JOIN QueueCounter c ON c.Id = s.CounterId
            WHERE c.OfficeId = @officeId AND s.EndedUtc IS NULL ORDER BY s.Id
            """, new { officeId }, cancellationToken: ct));
        return rows.Select(r => r.ToSession()).ToList();
    }

    private sealed class SessionRow
    {
        public long Id { get; set; }
        public long CounterId { get; set; }
        public long AccountId { get; set; }
        public string ServiceIds { get; set; } = "";
        public bool Paused { get; set; }
        public DateTimeOffset StartedUtc { get; set; }
        public DateTimeOffset? EndedUtc { get; set; }

        public CounterSession ToSession() => new(Id, CounterId, AccountId,
            ServiceIds.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(s => long.Parse(s, CultureInfo.InvariantCulture)).ToList(),
            Paused, StartedUtc, EndedUtc);
    }
}
