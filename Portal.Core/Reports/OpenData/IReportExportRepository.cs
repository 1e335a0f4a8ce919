namespace Portal.Core.Reports.OpenData;

/// <summary>Published reports for the open data files, read as a stream so a large export never sits in memory.</summary>
public interface IReportExportRepository
{
    /// <summary>Published reports matching the filter (its paging ignored), newest first.</summary>
    IAsyncEnumerable<ReportSummary> StreamPublishedAsync(ReportFilter filter, CancellationToken ct);
}
