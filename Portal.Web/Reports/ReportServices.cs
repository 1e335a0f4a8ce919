using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;
using Portal.Core.Reports.Photos;
using Portal.Core.Reports.Supporters;
using Portal.Web.Reports.Alerts;
using Portal.Web.Reports.Photos;
using Portal.Web.Reports.Supporters;

namespace Portal.Web.Reports;

public static class ReportServices
{
    /// <summary>
    /// ChibaRepo: reports and their workflow, the ward a place belongs to, duplicates, supporter tasks with their daily
    /// reminder (Japan time), the photo pipeline, and the ways out for other systems (<see cref="ReportInterfaces"/>).
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        services.AddSingleton(sp => CreateWardLocator(sp, config));
        services.AddSingleton(_ => CreateGazetteer(config));
        services.AddSingleton<DuplicateFinder>();
        // "Is it fixed?": how long after fixed or closed the question stays open (Reports:FollowUpDays).
        services.AddSingleton(config.GetSection(ReportFollowUpOptions.Section).Get<ReportFollowUpOptions>() ?? new ReportFollowUpOptions());
        // Following reports and area alerts (ReportAlerts:MaxSubscriptions, ReportAlerts:DigestAt), their daily digests.
        services.AddSingleton(config.GetSection(ReportAlertOptions.Section).Get<ReportAlertOptions>() ?? new ReportAlertOptions());
        services.AddSingleton<ReportFollowNotices>();
        services.AddSingleton<ReportAlertService>();
        services.AddHostedService<ReportAlertDigestJob>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<Portal.Core.Reports.Themes.ReportThemeService>();
        // Routing to sections and referral to outside bodies (issue 17, item 3); referrals by webhook go out through the outbox.
        services.AddSingleton<Portal.Core.Reports.Routing.ReportRouter>();
        services.AddSingleton(sp => ActivatorUtilities.CreateInstance<Portal.Core.Reports.Routing.ReportRoutingService>(sp,
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.Core.Notifications.NotificationOptions>>().Value));
        services.AddHttpClient(Routing.WebhookSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<Portal.Core.Notifications.INoticeSender, Routing.WebhookSender>();
        services.AddSingleton<SupporterService>();
        services.AddHostedService<SupporterReminderJob>();
        services.AddPhotoPipeline(dataFolder);
        services.AddSingleton<PhotoRedaction>();
        services.AddSingleton<ReportPhotoService>();
        services.AddReportInterfaces();
        return services;
    }

    /// <summary>The nearest ward office, unless Reports:WardBoundariesGeoJson names a file of ward polygons.</summary>
    private static IWardLocator CreateWardLocator(IServiceProvider services, IConfiguration config)
    {
        var offices = Task.Run(() => services.GetRequiredService<IOfficeRepository>().ListAsync(CancellationToken.None)).GetAwaiter().GetResult();
        var nearest = new NearestOfficeLocator(offices);
        var boundaries = config["Reports:WardBoundariesGeoJson"];
        return string.IsNullOrWhiteSpace(boundaries) ? nearest : new BoundaryWardLocator(File.ReadAllText(boundaries), nearest);
    }

    /// <summary>
    /// The towns and landmarks that name a report's place (Reports:PlacesGeoJson, a path relative to the app's folder
    /// or absolute); none when the setting is empty, and then pages say "near" the ward office.
    /// </summary>
    private static Gazetteer CreateGazetteer(IConfiguration config)
    {
        var file = config["Reports:PlacesGeoJson"];
        if (string.IsNullOrWhiteSpace(file)) return Gazetteer.None;
        return Gazetteer.FromGeoJson(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, file)));
    }
}
