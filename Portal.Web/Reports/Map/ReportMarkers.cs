using Microsoft.Extensions.Localization;
using Portal.Core.Offices;
using Portal.Core.Reports;

namespace Portal.Web.Reports.Map;

/// <summary>
/// The markers report-map.js draws: one per report, coloured by its public status. The public list's map asks for them
/// at <c>/reports/map-markers</c> with the list's own filters (the list is a static page, the map a script of its own);
/// the report and staff pages hand them to <see cref="ReportsOverviewMap"/>.
/// </summary>
public static class ReportMarkers
{
    /// <summary>At most this many on the public list's map.</summary>
    public const int MapLimit = 500;

    public static object[] Of(IEnumerable<ReportSummary> reports, Func<ReportSummary, string> titleOf) => Of(reports, titleOf, PublicPage);

    /// <summary>A report's public page, where a marker leads unless the page says otherwise (staff: their own report page).</summary>
    public static string PublicPage(ReportSummary report) => $"/reports/{report.Id}";

    public static object[] Of(IEnumerable<ReportSummary> reports, Func<ReportSummary, string> titleOf, Func<ReportSummary, string> hrefOf) => reports.Select(r => (object)new
    {
        latitude = r.Latitude, longitude = r.Longitude, href = hrefOf(r), title = titleOf(r),
        color = r.PublicStatus switch { PublicStatus.Received => "#b3261e", PublicStatus.InProgress => "#8a5a00", PublicStatus.Fixed => "#1b5e20", _ => "#555555" },
    }).ToArray();

    public static void MapReportMarkers(this IEndpointRouteBuilder app) =>
        app.MapGet("/reports/map-markers", ListAsync).AllowAnonymous();

    // Published reports only, as the list shows them; titles in the reader's language (the request's culture).
    private static async Task<IResult> ListAsync(string? category, string? status, string? ward, string? from, string? to, string? theme, HttpContext context,
        IReportRepository reports, IReportCategoryRepository categories, IOfficeRepository offices, IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        var filter = ReportsFilter.Parse(category, status, ward, from, to, theme);
        var text = new ReportText(l, await categories.ListAsync(includeInactive: true, ct), await offices.ListAsync(ct));
        var found = await reports.SearchPublishedAsync(filter.Page(0, MapLimit), ct);
        context.Response.Headers.CacheControl = "no-cache";
        return Results.Json(Of(found, r => text.Category(r.CategoryCode)));
    }
}
