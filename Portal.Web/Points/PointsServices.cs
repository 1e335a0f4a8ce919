using Microsoft.Extensions.Options;
using Portal.Core.Points;
using Portal.Core.Reports;

namespace Portal.Web.Points;

public static class PointsServices
{
    /// <summary>
    /// City Points: the ledger's services, the city's policy (Points section), rotating check-in codes, points for an
    /// accepted report, and the daily expiry run in Japan time.
    /// </summary>
    public static IServiceCollection AddPoints(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<PointsOptions>(config.GetSection(PointsOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<PointsOptions>>().Value);
        services.AddSingleton<PointsLedgerService>();
        services.AddSingleton<ICheckInTokens, CheckInTokens>();
        services.AddSingleton<PointsEarningService>();
        services.AddSingleton<PointsShopService>();
        services.AddSingleton<PointsBackOfficeService>();
        services.AddSingleton<IReportAcceptedListener, ReportPointsListener>();
        services.AddHostedService<PointsExpiryWorker>();
        return services;
    }
}
