using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>Counts notices in the outbox by kind and creation time.</summary>
public sealed class NoticeStatisticsRepository(PortalDatabase db) : INoticeStatistics
{
    public async Task<int> CountCreatedAsync(NoticeKind kind, DateTimeOffset fromUtc, DateTimeOffset toUtc, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Notice WHERE Kind = @kind AND CreatedUtc >= @fromUtc AND CreatedUtc < @toUtc",
            new { kind = kind.ToString(), fromUtc, toUtc }, cancellationToken: ct));
    }
}
