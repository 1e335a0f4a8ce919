using Portal.Core.Reports.Open311;
using Portal.Core.Reports.OpenData;
using Portal.Core.Reports.Statistics;
using Portal.Web.Reports.Open311;
using Portal.Web.Reports.OpenData;
using Portal.Web.Reports.Statistics;

namespace Portal.Web.Reports;

/// <summary>
/// The ways out of ChibaRepo for other systems and for staff: Open311 GeoReport v2, the open data files
/// and the statistics. Wired by <see cref="ReportServices.AddReports"/>; mapped by PortalServices.
/// </summary>
public static class ReportInterfaces
{
    public static IServiceCollection AddReportInterfaces(this IServiceCollection services)
    {
        services.AddSingleton<Open311ApiKeyService>();
        services.AddSingleton<ReportStatisticsService>();
        return services;
    }

    public static IEndpointRouteBuilder MapReportInterfaces(this IEndpointRouteBuilder app)
    {
        app.MapOpen311();
        app.MapOpenData();
        app.MapReportStatistics();
        return app;
    }
}
