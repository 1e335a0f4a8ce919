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
        var (conditions, parameters) = ReportRepository.PublicFilter(filter);
        await using var connection = await db.OpenAsync(ct);
        var rows = connection.QueryUnbufferedAsync<ReportSummaryRow>(
            $"SELECT {ReportSummaryRow.Columns} FROM Report WHERE {conditions} ORDER BY CreatedUtc DESC, Id DESC", parameters);
        await foreach (var r in rows.WithCancellation(ct))
            yield return r.ToSummary();
    }
}
