using Dapper;
using Portal.Core.Notifications;
using Portal.Data.Database;

namespace Portal.Data.Notifications;

/// <summary>Counts notices in the outbox by kind and creation time.</summary>
public sealed class NoticeStatisticsRepository(PortalDatabase db) : INoticeStatistics
{
    public async Task<int> CountCreatedAsync(NoticeKind kind, DateTimeOffset fromUtc, DateTimeOffset toUtc, string? wardId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        // A resident's ward is their registered household's; a notice to someone not on the register counts city-wide only.
        var inWard = wardId is null ? "" : """
             AND EXISTS (SELECT 1 FROM RegisterResident r JOIN RegisterHousehold h ON h.Id = r.HouseholdId
                         WHERE r.AccountId = Notice.AccountId AND h.WardId = @wardId)
            """;
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM Notice WHERE Kind = @kind AND CreatedUtc >= @fromUtc AND CreatedUtc < @toUtc" + inWard,
            new { kind = kind.ToString(), fromUtc, toUtc, wardId }, cancellationToken: ct));
    }
}
