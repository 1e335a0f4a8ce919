using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Portal.Core.Points;
using Portal.Web.Security;

namespace Portal.Web.Points;

/// <summary>The monthly points totals as CSV for admins, headed in the reader's language.</summary>
public static class PointsEndpoints
{
    public static IEndpointRouteBuilder MapPoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/admin/points/reports.csv", WriteCsvAsync).RequireAuthorization(Policies.Admin);
        return app;
    }

    private static async Task WriteCsvAsync(HttpContext context, PointsBackOfficeService backOffice, IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        var months = await backOffice.MonthlyTotalsAsync(ct);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"points-monthly.csv\"";
        await using var csv = CsvWriter.Create(context.Response.Body, Reports.OpenData.OpenDataEndpoints.CsvOptions, leaveOpen: true);
        await csv.WriteRecordAsync([l["Points_Month"], l["Points_Issued"], l["Points_Redeemed"], l["Points_Donated"], l["Points_Expired"], l["Points_Adjusted"], l["Points_Outstanding"]], ct);
        static string N(long n) => n.ToString(CultureInfo.InvariantCulture);
        foreach (var m in months)
            await csv.WriteRecordAsync([m.Month, N(m.Issued), N(m.Redeemed), N(m.Donated), N(m.Expired), N(m.Adjusted), N(m.Outstanding)], ct);
        await csv.FlushAsync(ct);
    }
}
