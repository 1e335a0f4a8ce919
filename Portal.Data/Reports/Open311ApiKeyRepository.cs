using Dapper;
using Portal.Core.Reports.Open311;
using Portal.Data.Database;

namespace Portal.Data.Reports;

public sealed class Open311ApiKeyRepository(PortalDatabase db) : IOpen311ApiKeyRepository
{
    private const string Columns = "Id, Name, KeyHash, CreatedUtc, CreatedById, RevokedUtc";

    public Task<Open311ApiKey> CreateAsync(string name, string keyHash, long? createdById, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                "INSERT INTO Open311ApiKey (Name, KeyHash, CreatedUtc, CreatedById, RevokedUtc) VALUES (@name, @keyHash, @now, @createdById, NULL)" + db.Dialect.SelectInsertedId,
                new { name, keyHash, now, createdById }, transaction, cancellationToken: ct));
            return new Open311ApiKey(id, name, keyHash, now, createdById, null);
        }, ct);

    public async Task<Open311ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM Open311ApiKey WHERE KeyHash = @keyHash", new { keyHash }, cancellationToken: ct));
        return row?.ToKey();
    }

    public async Task<IReadOnlyList<Open311ApiKey>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<KeyRow>(new CommandDefinition(
            $"SELECT {Columns} FROM Open311ApiKey ORDER BY CreatedUtc DESC, Id DESC", cancellationToken: ct));
        return rows.Select(r => r.ToKey()).ToList();
    }

    public Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE Open311ApiKey SET RevokedUtc = @now WHERE Id = @id AND RevokedUtc IS NULL", new { id, now }, transaction, cancellationToken: ct)) == 1, ct);

    private sealed class KeyRow
    {
        public long Id { get; set; }
        public string Name { get; set; } = "";
        public string KeyHash { get; set; } = "";
        public DateTimeOffset CreatedUtc { get; set; }
        public long? CreatedById { get; set; }
        public DateTimeOffset? RevokedUtc { get; set; }

        public Open311ApiKey ToKey() => new(Id, Name, KeyHash.Trim(), CreatedUtc, CreatedById, RevokedUtc);
    }
}
