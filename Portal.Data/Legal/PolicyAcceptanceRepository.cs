using Dapper;
using Portal.Core.Legal;
using Portal.Data.Database;

namespace Portal.Data.Legal;

/// <summary>Which versions of the terms of use and privacy policy each resident accepted, and when.</summary>
public sealed class PolicyAcceptanceRepository(PortalDatabase db) : IPolicyAcceptanceStore
{
    // PolicyAcceptance_ReadByAccount
    public async Task<IReadOnlyList<PolicyAcceptance>> ListAsync(long accountId, CancellationToken ct)
    {
        const string sql = """
            SELECT Kind, Version, AcceptedUtc FROM PolicyAcceptance
            WHERE AccountId = @accountId
            ORDER BY AcceptedUtc, Kind, Version
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(sql, new { accountId }, cancellationToken: ct));
        return [.. rows.Select(r => new PolicyAcceptance(Kind(r.Kind), r.Version, r.AcceptedUtc))];
    }

    // PolicyAcceptance_Record: a version already accepted keeps its first time (a double tap, two tabs).
    public async Task<int> RecordAsync(long accountId, IReadOnlyCollection<PolicyVersion> versions, DateTimeOffset acceptedUtc, CancellationToken ct)
    {
        var sql = $"""
            INSERT INTO PolicyAcceptance (AccountId, Kind, Version, AcceptedUtc)
            SELECT @accountId, @kind, @version, @acceptedUtc
            WHERE NOT EXISTS (SELECT 1 FROM PolicyAcceptance{db.Dialect.LockForUpdate}
                              WHERE AccountId = @accountId AND Kind = @kind AND Version = @version)
            """;
        try
        {
            return await db.WriteAsync(async (connection, transaction) =>
            {
                var added = 0;
                foreach (var version in versions)
                    added += await connection.ExecuteAsync(new CommandDefinition(sql,
                        new { accountId, kind = PolicyKinds.Code(version.Kind), version = version.Number, acceptedUtc }, transaction, cancellationToken: ct));
                return added;
            }, ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // Another request recorded the same versions at the same moment: they are recorded.
            return 0;
        }
    }

    private static PolicyKind Kind(string code) =>
        PolicyKinds.TryParse(code, out var kind) ? kind : throw new InvalidOperationException($"Unknown policy document '{code}' in PolicyAcceptance.");

    private sealed class Row
    {
        public string Kind { get; set; } = "";
        public int Version { get; set; }
        public DateTimeOffset AcceptedUtc { get; set; }
    }
}
