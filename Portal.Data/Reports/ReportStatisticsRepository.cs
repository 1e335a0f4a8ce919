using Dapper;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Data.Database;

namespace Portal.Data.Reports;

/// <summary>The aggregate queries behind the staff statistics. Medians are worked out in Core (MedianDays).</summary>
public sealed class ReportStatisticsRepository(PortalDatabase db) : IReportStatisticsRepository
{
    public async Task<ReportCounts> CountAsync(StatisticsQuery query, CancellationToken ct)
    {
        var where = " WHERE Status <> @withdrawn AND CreatedUtc >= @from AND CreatedUtc < @to" + (query.WardId is null ? "" : " AND WardId = @ward");
        var p = new { withdrawn = nameof(ReportStatus.Withdrawn), from = query.FromUtc, to = query.ToUtc, ward = query.WardId };
        var month = db.Dialect.JapanMonth("CreatedUtc");

        await using var connection = await db.OpenAsync(ct);
        async Task<IReadOnlyList<CountBy>> By(string expression)
        {
            var rows = await connection.QueryAsync<CountRow>(new CommandDefinition(
                $"SELECT {expression} AS Code, COUNT(*) AS Total FROM Report{where} GROUP BY {expression}", p, cancellationToken: ct));
            return rows.Select(r => new CountBy(r.Code, r.Total)).ToList();
        }

        var byCategory = await By("CategoryCode");
        var byStatus = await By("Status");
        var byWard = await By("WardId");
        var byMonth = await By(month);
        var responses = await connection.QueryAsync<ResponseRow>(new CommandDefinition(
            $"SELECT CreatedUtc, FirstResponseUtc, FixedUtc FROM Report{where} AND (FirstResponseUtc IS NOT NULL OR FixedUtc IS NOT NULL)", p, cancellationToken: ct));
        // ReportFollowUp_CountByAnswer: residents' answers to "is it fixed?" about the same reports.
        var followUps = await connection.QueryAsync<CountRow>(new CommandDefinition(
            $"SELECT f.Answer AS Code, COUNT(*) AS Total FROM ReportFollowUp f WHERE f.ReportId IN (SELECT Id FROM Report{where}) GROUP BY f.Answer",
            p, cancellationToken: ct));
        // Report_CountByTheme: the theme reports among them, by theme, status and category.
        var byTheme = await connection.QueryAsync<ThemeRow>(new CommandDefinition(
            $"SELECT ThemeCode, Status, CategoryCode, COUNT(*) AS Total FROM Report{where} AND ThemeCode IS NOT NULL GROUP BY ThemeCode, Status, CategoryCode",
            p, cancellationToken: ct));
        return new ReportCounts(byCategory, byStatus, byWard, byMonth,
            responses.Select(r => new ResponseTimes(r.CreatedUtc, r.FirstResponseUtc, r.FixedUtc)).ToList(),
            followUps.Select(r => new CountBy(r.Code, r.Total)).ToList(),
            byTheme.Select(r => new ThemeCount(r.ThemeCode, r.Status, r.CategoryCode, r.Total)).ToList());
    }

    private sealed class CountRow
    {
        public string Code { get; set; } = "";
        public int Total { get; set; }
    }

    private sealed class ThemeRow
    {
        public string ThemeCode { get; set; } = "";
        public string Status { get; set; } = "";
        public string CategoryCode { get; set; } = "";
        public int Total { get; set; }
    }

    private sealed class ResponseRow
    {
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset? FirstResponseUtc { get; set; }
        public DateTimeOffset? FixedUtc { get; set; }
    }
}
