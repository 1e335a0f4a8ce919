using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;

namespace Portal.Web.Reports.Map;

/// <summary>
/// The markers report-map.js draws: one per report, coloured by its public status. The public list's map asks for them
/// at <c>/reports/map-markers</c> with the list's own filters (the list is a static page, the map a script of its own);
/// the report and staff pages hand them to <see cref="ReportsOverviewMap"/>. Once the reader pans or zooms, the map asks
/// again with its view (<c>bbox=west,south,east,north</c>): the newest reports in what they look at, not the city's newest
/// ones of which a street holds few or none.
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
    private static async Task<IResult> ListAsync(string? category, string? status, string? ward, string? from, string? to, string? theme, string? bbox,
        HttpContext context, IReportRepository reports, IReportCategoryRepository categories, IOfficeRepository offices, IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        if (!TryParseView(bbox, out var view))
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, detail: "bbox must be four numbers: west,south,east,north (degrees).");
        context.Response.Headers.CacheControl = "no-cache";
        if (view is { } seen && Clip(seen) is null) return Results.Json(Array.Empty<object>());
        var filter = ReportsFilter.Parse(category, status, ward, from, to, theme).Page(0, MapLimit) with { Area = view is { } v ? Clip(v) : null };
        var text = new ReportText(l, await categories.ListAsync(includeInactive: true, ct), await offices.ListAsync(ct));
        var found = await reports.SearchPublishedAsync(filter, ct);
        return Results.Json(Of(found, r => text.Category(r.CategoryCode)));
    }

    /// <summary>
    /// The map's view as it sends it, "west,south,east,north" in degrees (GeoJSON's order for a bbox); none when absent.
    /// False for anything else: not four numbers, out of the world, or west of its west or south of its south.
    /// </summary>
    internal static bool TryParseView(string? text, out BoundingBox? view)
    {
        view = null;
        if (string.IsNullOrEmpty(text)) return true;
        var parts = text.Split(',');
        if (parts.Length != 4) return false;
        var values = new double[4];
        for (var i = 0; i < 4; i++)
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out values[i]) || !double.IsFinite(values[i])) return false;
        var (west, south, east, north) = (values[0], values[1], values[2], values[3]);
        if (west > east || south > north || west < -180 || east > 180 || south < -90 || north > 90) return false;
        view = new BoundingBox(south, west, north, east);
        return true;
    }

    /// <summary>The part of a view inside the city (no report lies outside it), or null when it shows none of the city.</summary>
    internal static BoundingBox? Clip(BoundingBox view)
    {
        var city = CityArea.Bounds;
        var clipped = new BoundingBox(Math.Max(view.South, city.South), Math.Max(view.West, city.West), Math.Min(view.North, city.North), Math.Min(view.East, city.East));
        return clipped.South <= clipped.North && clipped.West <= clipped.East ? clipped : null;
    }
}
