using Dapper;
using Portal.Core.Reports;
using Portal.Core.Reports.Open311;
using Portal.Data.Database;

namespace Portal.Data.Reports;

/// <summary>Published reports as Open311 requests, with the latest public response and the first published photo.</summary>
public sealed class Open311RequestRepository(PortalDatabase db) : IOpen311RequestRepository
{
    private static readonly ReportStatus[] Published = Enum.GetValues<ReportStatus>().Where(ReportWorkflow.IsPublished).ToArray();

    public async Task<IReadOnlyList<Open311Request>> SearchAsync(Open311RequestQuery q, CancellationToken ct)
    {
        var statuses = Published.Where(s => q.Open is not { } open || ReportWorkflow.IsOpen(s) == open).Select(s => s.ToString()).ToArray();
        var clauses = new List<string> { "r.Status IN @statuses" };
        var p = new DynamicParameters(new { statuses, Skip = 0, Take = q.Max });
        if (q.Ids is { Count: > 0 } ids) { clauses.Add("r.Id IN @ids"); p.Add("ids", ids); }
        if (q.ServiceCode is { } code) { clauses.Add("r.CategoryCode = @code"); p.Add("code", code); }
        if (q.StartUtc is { } start) { clauses.Add("r.CreatedUtc >= @start"); p.Add("start", start); }
        if (q.EndUtc is { } end) { clauses.Add("r.CreatedUtc <= @end"); p.Add("end", end); }

        // Latest public response: the highest update id, as updates are appended in time order.
        var sql = $"""
            SELECT r.Id, r.CategoryCode, r.Description, r.Latitude, r.Longitude, r.WardId, r.Status, r.CreatedUtc, r.UpdatedUtc,
                   (SELECT u.PublicResponse FROM ReportUpdate u
                    WHERE u.Id = (SELECT MAX(v.Id) FROM ReportUpdate v WHERE v.ReportId = r.Id AND v.PublicResponse IS NOT NULL)) AS StatusNotes,
                   (SELECT MIN(ph.Id) FROM ReportPhoto ph
                    WHERE ph.ReportId = r.Id AND ph.IsPublished = 1
                      AND ph.SortOrder = (SELECT MIN(x.SortOrder) FROM ReportPhoto x WHERE x.ReportId = r.Id AND x.IsPublished = 1)) AS PhotoId
            FROM Report r
            WHERE {string.Join(" AND ", clauses)}
            ORDER BY r.CreatedUtc DESC, r.Id DESC{db.Dialect.Page}
            """;
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<RequestRow>(new CommandDefinition(sql, p, cancellationToken: ct));
        return rows.Select(r => new Open311Request(r.Id, r.CategoryCode, r.Description, r.Latitude, r.Longitude, r.WardId,
            Enum.Parse<ReportStatus>(r.Status), r.CreatedUtc, r.UpdatedUtc, r.StatusNotes, r.PhotoId)).ToList();
    }

    private sealed class RequestRow
    {
        public long Id { get; set; }
        public string CategoryCode { get; set; } = "";
        public string Description { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string WardId { get; set; } = "";
        public string Status { get; set; } = "";
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset UpdatedUtc { get; set; }
        public string? StatusNotes { get; set; }
        public long? PhotoId { get; set; }
    }
}
