using Dapper;
using Portal.Core.Audit;
using Portal.Data.Database;

namespace Portal.Data.Audit;

public sealed class AuditLogRepository(PortalDatabase db) : IAuditLog
{
    private const string Columns = "Id, OccurredUtc, ActorId, ActorName, ActorRole, Action, EntityType, EntityId, Detail, IpAddress";

    public async Task AppendAsync(AuditEntry entry, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await AppendAsync(connection, null, entry, ct);
    }

    /// <summary>Appends inside the caller's transaction, for a change whose record must commit or fail with it.</summary>
    internal static Task AppendAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction? transaction, AuditEntry entry, CancellationToken ct)
    {
        const string sql = """
            INSERT INTO AuditEntry (OccurredUtc, ActorId, ActorName, ActorRole, Action, EntityType, EntityId, Detail, IpAddress)
            VALUES (@OccurredUtc, @ActorId, @ActorName, @ActorRole, @Action, @EntityType, @EntityId, @Detail, @IpAddress)
            """;
        return connection.ExecuteAsync(new CommandDefinition(sql, entry, transaction, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken ct)
    {
        var (where, parameters) = Filter(query);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<AuditRow>(new CommandDefinition(
            $"SELECT {Columns} FROM AuditEntry{where} ORDER BY OccurredUtc DESC, Id DESC{db.Dialect.Page}", parameters, cancellationToken: ct));
        return rows.Select(r => r.ToEntry()).ToList();
    }

    public async Task<int> CountAsync(AuditQuery query, CancellationToken ct)
    {
        var (where, parameters) = Filter(query);
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM AuditEntry{where}", parameters, cancellationToken: ct));
    }

    private static (string Where, DynamicParameters Parameters) Filter(AuditQuery q)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters(new { q.Skip, q.Take });
        if (!string.IsNullOrWhiteSpace(q.Actor)) { clauses.Add("ActorName LIKE @actor"); p.Add("actor", "%" + q.Actor.Trim() + "%"); }
        if (!string.IsNullOrWhiteSpace(q.Action)) { clauses.Add("Action LIKE @action"); p.Add("action", q.Action.Trim() + "%"); }
        if (!string.IsNullOrWhiteSpace(q.EntityType)) { clauses.Add("EntityType = @entityType"); p.Add("entityType", q.EntityType.Trim()); }
        if (!string.IsNullOrWhiteSpace(q.EntityId)) { clauses.Add("EntityId = @entityId"); p.Add("entityId", q.EntityId.Trim()); }
        if (q.FromUtc is { } from) { clauses.Add("OccurredUtc >= @from"); p.Add("from", from); }
        if (q.ToUtc is { } to) { clauses.Add("OccurredUtc < @to"); p.Add("to", to); }
        return (clauses.Count == 0 ? "" : " WHERE " + string.Join(" AND ", clauses), p);
    }

    private sealed class AuditRow
    {
        public long Id { get; set; }
        public DateTimeOffset OccurredUtc { get; set; }
        public long? ActorId { get; set; }
        public string ActorName { get; set; } = "";
        public string ActorRole { get; set; } = "";
        public string Action { get; set; } = "";
        public string EntityType { get; set; } = "";
        public string? EntityId { get; set; }
        public string? Detail { get; set; }
        public string? IpAddress { get; set; }

        public AuditEntry ToEntry() => new(Id, OccurredUtc, ActorId, ActorName, ActorRole, Action, EntityType, EntityId, Detail, IpAddress);
    }
}
