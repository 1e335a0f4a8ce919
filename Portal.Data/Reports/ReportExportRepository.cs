using System.Runtime.CompilerServices;
using Dapper;
using Portal.Core.Reports;
using Portal.Core.Reports.OpenData;
using Portal.Data.Database;

namespace Portal.Data.Reports;

/// <summary>The open data export: the public list's filter, unbuffered, so the file streams row by row.</summary>
public sealed class ReportExportRepository(PortalDatabase db) : IReportExportRepository
{
    public async IAsyncEnumerable<ReportSummary> StreamPublishedAsync(ReportFilter filter, [EnumeratorCancellation] CancellationToken ct)
    {
        var (where, parameters) = ReportRepository.PublicFilter(filter);
        await using var connection = await db.OpenAsync(ct);
        var rows = connection.QueryUnbufferedAsync<SummaryRow>($"""
            SELECT Id, Kind, CategoryCode, Description, Latitude, Longitude, WardId, Status, SupportCount, CreatedUtc, UpdatedUtc
            FROM Report{where} ORDER BY CreatedUtc DESC, Id DESC
            """, parameters);
        await foreach (var r in rows.WithCancellation(ct))
        {
            yield return new ReportSummary(r.Id, Enum.Parse<ReportKind>(r.Kind), r.CategoryCode, r.Description, r.Latitude, r.Longitude,
                r.WardId, Enum.Parse<ReportStatus>(r.Status), r.SupportCount, r.CreatedUtc, r.UpdatedUtc);
        }
    }

    private sealed class SummaryRow
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string CategoryCode { get; set; } = "";
        public string Description { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string WardId { get; set; } = "";
        public string Status { get; set; } = "";
        public int SupportCount { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset UpdatedUtc { get; set; }
    }
}
