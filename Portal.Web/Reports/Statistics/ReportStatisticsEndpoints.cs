using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Core.Time;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Security;

namespace Portal.Web.Reports.Statistics;

/// <summary>The staff statistics as CSV: one row per figure, in the language of the reader.</summary>
public static class ReportStatisticsEndpoints
{
    public static IEndpointRouteBuilder MapReportStatistics(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/reports/statistics.csv", WriteCsvAsync).RequireAuthorization(Policies.BackOffice);
        return app;
    }

    /// <summary>from and to as Japan dates (yyyy-MM-dd, both days included) and an optional ward; by default the last twelve months.</summary>
    internal static bool TryReadQuery(string? from, string? to, string? ward, TimeProvider time, out StatisticsQuery query)
    {
        var (first, last) = StatisticsQuery.DefaultDays(JapanTime.Today(time));
        query = StatisticsQuery.ForJapanDays(first, last);
        if (!string.IsNullOrWhiteSpace(from) && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)) return false;
        if (!string.IsNullOrWhiteSpace(to) && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last)) return false;
        if (last < first) return false;
        query = StatisticsQuery.ForJapanDays(first, last, string.IsNullOrWhiteSpace(ward) ? null : ward.Trim());
        return true;
    }

    private static async Task WriteCsvAsync(HttpContext context, ReportStatisticsService statistics, IReportCategoryRepository categories,
        IOfficeRepository offices, Portal.Core.Reports.Themes.ReportThemeService themes, TimeProvider time, IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        var q = context.Request.Query;
        if (!TryReadQuery(q["from"], q["to"], q["ward"], time, out var query))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(l["ReportStats_BadPeriod"], ct);
            return;
        }
        // Without the city-wide permission the service counts the reader's own ward whatever ward the query names.
        var stats = await statistics.ComputeAsync(context.User.ToActor(RequestOrigin.From(context)), query, ct);
        var categoryNames = (await categories.ListAsync(includeInactive: true, ct)).ToDictionary(c => c.Code, c => c.Name.Text());
        var wardNames = (await offices.ListAsync(ct)).ToDictionary(o => o.Id, o => o.Name.Text());
        var themeNames = (await themes.ListAsync(ct)).ToDictionary(t => t.Code, t => t.Title.Text());

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"report-statistics.csv\"";
        await using var csv = CsvWriter.Create(context.Response.Body, OpenData.OpenDataEndpoints.CsvOptions, leaveOpen: true);
        ValueTask Row(string section, string key, string name, string value) => csv.WriteRecordAsync([section, key, name, value], ct);
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        static string D(double? d) => d?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";

        await Row("section", "key", "name", "value");
        await Row("total", "", l["ReportStats_Total"], N(stats.Total));
        foreach (var c in stats.ByCategory) await Row("category", c.Key, categoryNames.GetValueOrDefault(c.Key, c.Key), N(c.Count));
        foreach (var (status, count) in stats.ByPublicStatus) await Row("status", status.ToString(), l["ReportStats_Status_" + status], N(count));
        foreach (var w in stats.ByWard) await Row("ward", w.Key, wardNames.GetValueOrDefault(w.Key, w.Key), N(w.Count));
        foreach (var m in stats.ByMonth) await Row("month", m.Key, m.Key, N(m.Count));
        await Row("median_days", "first_response", l["ReportStats_MedianFirstResponse"], D(stats.MedianDaysToFirstResponse));
        await Row("median_days", "fixed", l["ReportStats_MedianFix"], D(stats.MedianDaysToFix));
        await Row("follow_up", "fixed", l["ReportStats_ConfirmedFixed"], N(stats.ConfirmedFixed));
        await Row("follow_up", "not_fixed", l["ReportStats_ReportedNotFixed"], N(stats.ReportedNotFixed));
        // Theme reports: a theme's total, then its counts by public status and by category, keyed "theme/status" and "theme/category".
        foreach (var t in stats.ByTheme ?? [])
        {
            var name = themeNames.GetValueOrDefault(t.ThemeCode, t.ThemeCode);
            await Row("theme", t.ThemeCode, name, N(t.Total));
            foreach (var (status, count) in t.ByPublicStatus)
                await Row("theme_status", $"{t.ThemeCode}/{status}", $"{name} / {l["ReportStats_Status_" + status]}", N(count));
            foreach (var c in t.ByCategory)
                await Row("theme_category", $"{t.ThemeCode}/{c.Key}", $"{name} / {categoryNames.GetValueOrDefault(c.Key, c.Key)}", N(c.Count));
        }
        await csv.FlushAsync(ct);
    }
}
