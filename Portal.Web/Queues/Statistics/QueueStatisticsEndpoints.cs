using System.Globalization;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Portal.Core.Queues;
using Portal.Core.Time;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Security;
using Portal.Web.Shell;
using Portal.Core.Rules;

namespace Portal.Web.Queues.Statistics;

/// <summary>The queue statistics as CSV: one row per service, in the language of the reader.</summary>
public static class QueueStatisticsEndpoints
{
    public const int DefaultDays = 30;

    public static IEndpointRouteBuilder MapQueueStatisticsCsv(this IEndpointRouteBuilder app)
    {
        app.MapGet("/staff/queue/stats.csv", WriteCsvAsync).RequireAuthorization(Policies.BackOffice);
        return app;
    }

    /// <summary>from and to as Japan dates (yyyy-MM-dd, both included); by default the last 30 days.</summary>
    public static bool TryReadPeriod(string? from, string? to, TimeProvider time, out DateOnly first, out DateOnly last)
    {
        last = JapanTime.Today(time);
        first = last.AddDays(-(DefaultDays - 1));
        if (!string.IsNullOrWhiteSpace(from) && !DateOnly.TryParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out first)) return false;
        if (!string.IsNullOrWhiteSpace(to) && !DateOnly.TryParseExact(to, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out last)) return false;
        return first <= last && last.DayNumber - first.DayNumber <= QueueStatisticsService.MaxDays;
    }

    private static async Task WriteCsvAsync(HttpContext context, QueueStatisticsService statistics, IQueueSetupRepository setup, TimeProvider time,
        IStringLocalizer<SharedResource> l, Portal.Core.Accounts.StaffScopes scopes)
    {
        var ct = context.RequestAborted;
        var q = context.Request.Query;
        var actor = context.User.ToActor(RequestOrigin.From(context));
        // Staff see their own office whatever they ask; with the city-wide permission (and as admins) they choose.
        var scope = await scopes.OfAsync(actor, ct);
        var office = scope.CityWide && !string.IsNullOrWhiteSpace(q["office"]) ? q["office"].ToString() : scope.OfficeId ?? "chuo";
        if (!TryReadPeriod(q["from"], q["to"], time, out var from, out var to))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(l["Queue_StatsBadPeriod"], ct);
            return;
        }
        QueueStatistics stats;
        try
        {
            stats = await statistics.ComputeAsync(actor, office, from, to, ct);
        }
        catch (RuleException e)
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(l[e.Key], ct);
            return;
        }
        var names = (await setup.ListServicesAsync(office, ct)).ToDictionary(s => s.Id, s => (s.Code, Name: s.Name.Text()));

        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"queue-statistics-{office}.csv\"";
        await using var csv = CsvWriter.Create(context.Response.Body, Reports.OpenData.OpenDataEndpoints.CsvOptions, leaveOpen: true);
        static string D(double? d) => d?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";
        static string N(int n) => n.ToString(CultureInfo.InvariantCulture);
        await csv.WriteRecordAsync(["office", "from", "to", "service", "name", "issued", "called", "served", "noShows", "waitMedianMinutes", "waitP90Minutes",
            "serviceMedianMinutes", "noShowRate", "estimateErrorMeanMinutes", "estimateErrorAbsMeanMinutes"], ct);
        foreach (var s in stats.Services)
        {
            var (code, name) = names.GetValueOrDefault(s.ServiceId, ("", ""));
            await csv.WriteRecordAsync([office, from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                code, name, N(s.Issued), N(s.Called), N(s.Served), N(s.NoShows), D(s.WaitMedian), D(s.WaitP90), D(s.ServiceMedian),
                s.NoShowRate?.ToString("0.000", CultureInfo.InvariantCulture) ?? "", D(s.EstimateErrorMean), D(s.EstimateErrorAbsMean)], ct);
        }
    }
}
