using Portal.Core.Reports.Open311;
using Portal.Core.Reports.OpenData;
using Portal.Core.Reports.Statistics;
using Portal.Data.Reports;
using Portal.Web.Reports.Open311;
using Portal.Web.Reports.OpenData;
using Portal.Web.Reports.Statistics;

namespace Portal.Web.Reports;

/// <summary>
/// The ways out of ChibaRepo for other systems and for staff: Open311 GeoReport v2, the open data files
/// and the statistics. Wired by PortalServices with one call each.
/// </summary>
public static class ReportInterfaces
{
    public static IServiceCollection AddReportInterfaces(this IServiceCollection services)
    {
        services.AddSingleton<IOpen311ApiKeyRepository, Open311ApiKeyRepository>();
        services.AddSingleton<IOpen311RequestRepository, Open311RequestRepository>();
        services.AddSingleton<Open311ApiKeyService>();
        services.AddSingleton<IReportExportRepository, ReportExportRepository>();
        services.AddSingleton<IReportStatisticsRepository, ReportStatisticsRepository>();
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
