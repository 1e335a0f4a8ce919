using System.Globalization;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Localization;
using Microsoft.Data.Sqlite;
using MudBlazor.Services;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Data.Benefits;
using Portal.Web.Benefits;
using Portal.Core.Geography;
using Portal.Core.Notifications;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Supporters;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Offices;
using Portal.Data.Reports;
using Portal.Web.Accounts;
using Portal.Web.Notifications;
using Portal.Web.Queues;
using Portal.Web.Reports;
using Portal.Web.Reports.Photos;
using Portal.Web.Retention;
using Portal.Web.Points;
using Portal.Web.Languages;
using Portal.Web.Legal;
using Portal.Web.ScaleOut;
using Portal.Web.Security;
using Portal.Web.Shell.Display;
using Portal.Web.Shell.Pwa;

namespace Portal.Web.Hosting;

/// <summary>Wires the portal's services. Program.cs calls AddPortal and UsePortal and nothing else.</summary>
public static class PortalServices
{
    public static WebApplicationBuilder AddPortal(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        var env = builder.Environment;

        services.Configure<PortalOptions>(config.GetSection(PortalOptions.Section));
        services.Configure<SecurityOptions>(config.GetSection(SecurityOptions.Section));
        services.Configure<MapOptions>(config.GetSection(MapOptions.Section));
        services.Configure<ExternalProviderOptions>(config.GetSection(ExternalProviderOptions.Section));
        var portal = config.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var security = config.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var external = config.GetSection(ExternalProviderOptions.Section).Get<ExternalProviderOptions>() ?? new ExternalProviderOptions();
        var requireHttps = security.RequireHttps ?? !env.IsDevelopment();
        var dataFolder = portal.ResolveDataFolder(env.ContentRootPath);
        Directory.CreateDirectory(dataFolder);

        // Time and the database.
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => CreateDatabase(config, dataFolder));
        services.AddSingleton<IUserAccountRepository, UserAccountRepository>();
        services.AddSingleton<IAuditLog, AuditLogRepository>();
        services.AddSingleton<IOfficeRepository, OfficeRepository>();

        // Live signals from a change to the pages that show it, data-protection keys, attempt limits and job locks:
        // in this process on one node, shared through Redis when Redis:Configuration is set (Portal.Web/ScaleOut).
        services.AddScaleOut(config, dataFolder);

        // Notifications: the outbox that every service writes its notices to, and the external channels that
        // configuration switches on (in-app always; e-mail and LINE when configured; Web Push when it has keys).
        services.AddNotificationChannels(config, dataFolder);
        services.AddSingleton<INoticeOutbox, NoticeOutbox>();
        // Notifications: delivery. The worker claims due deliveries, renders them from the resx templates in the
        // notice's language and sends each on its channel's INoticeSender; in-app is always on, so Development
        // needs no outside service. Enqueuers call IOutboxSignal after their commit to wake the worker at once.
        services.Configure<NotificationOptions>(config.GetSection(NotificationOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<INoticeQueue, NoticeQueue>();
        services.AddSingleton<INoticeTemplates, Portal.Web.Notifications.ResourceNoticeTemplates>();
        services.AddSingleton<NoticeRenderer>();
        services.AddSingleton<INoticeSender, Portal.Web.Notifications.InAppNoticeSender>();
        services.AddSingleton<INoticeDeliveryRepository, NoticeDeliveryRepository>();
        services.AddSingleton<INoticeInbox, NoticeInboxRepository>();
        services.AddSingleton<INoticeStatistics, NoticeStatisticsRepository>(); // staff home: For You notices this month
        services.AddSingleton<INoticePreferences, NoticePreferenceRepository>();
        services.AddSingleton<NoticeAdminService>();
        services.AddHostedService<Portal.Web.Notifications.NoticeDeliveryWorker>();

        // Civic reports.
        services.AddSingleton<IReportRepository, ReportRepository>();
        services.AddSingleton<IReportCategoryRepository, ReportCategoryRepository>();
        services.AddSingleton<IWardLocator>(sp => CreateWardLocator(sp, config));
        services.AddSingleton<DuplicateFinder>();
        services.AddSingleton<ReportService>();
        services.AddSingleton<ISupporterTaskRepository, SupporterTaskRepository>();
        services.AddSingleton<SupporterService>();
        // Supporter tasks: the daily reminder of tomorrow's tasks (Japan time), through the notification outbox.
        services.AddHostedService<Portal.Web.Reports.Supporters.SupporterReminderJob>();
        services.AddPhotoPipeline(dataFolder);
        services.AddSingleton<Portal.Core.Reports.Photos.PhotoRedaction>();
        services.AddSingleton<Portal.Core.Reports.Photos.ReportPhotoService>();
        services.AddReportInterfaces();

        // For You: the register, consents, benefit rules and the nightly evaluation.
        services.AddSingleton<IResidentRegister, ResidentRegisterRepository>();
        services.AddSingleton<IConsentStore, ConsentRepository>();
        services.AddSingleton<IBenefitCatalog, BenefitCatalogRepository>();
        services.AddSingleton<IEligibilityResults, EligibilityResultRepository>();
        services.AddSingleton<ForYouService>();
        services.AddSingleton<RegisterImportService>();
        services.AddSingleton<BenefitTranslationService>();
        services.AddSingleton<BenefitAdminService>();
        services.AddSingleton<EligibilityRun>();
        services.AddSingleton<EligibilityRunner>();
        services.AddHostedService<NightlyEligibilityJob>();
        // Ward-office queues: tickets, counters, kiosks, boards (Portal.Web/Queues/QueueServices.cs).
        services.AddQueues(config, env);
        // City Points: the ledger, the city's policy (Points section) and the daily expiry run in Japan time.
        services.Configure<Portal.Core.Points.PointsOptions>(config.GetSection(Portal.Core.Points.PointsOptions.Section));
        services.AddSingleton(sp => sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<Portal.Core.Points.PointsOptions>>().Value);
        services.AddSingleton<Portal.Data.Points.PointLedgerRepository>();
        services.AddSingleton<Portal.Core.Points.IPointLedger>(sp => sp.GetRequiredService<Portal.Data.Points.PointLedgerRepository>());
        services.AddSingleton<Portal.Core.Points.PointsLedgerService>();
        services.AddSingleton<Portal.Data.Points.PointProgrammeRepository>();
        services.AddSingleton<Portal.Core.Points.IPointProgrammeRepository>(sp => sp.GetRequiredService<Portal.Data.Points.PointProgrammeRepository>());
        services.AddSingleton<Portal.Core.Points.IPointCatalogRepository, Portal.Data.Points.PointCatalogRepository>();
        services.AddSingleton<Portal.Core.Points.IPointAdjustmentRepository, Portal.Data.Points.PointAdjustmentRepository>();
        services.AddSingleton<Portal.Core.Points.ICheckInTokens, Portal.Web.Points.CheckInTokens>();
        services.AddSingleton<Portal.Core.Points.PointsEarningService>();
        services.AddSingleton<Portal.Core.Points.PointsShopService>();
        services.AddSingleton<Portal.Core.Points.PointsBackOfficeService>();
        services.AddSingleton<IReportAcceptedListener, Portal.Core.Points.ReportPointsListener>();
        services.AddHostedService<Portal.Web.Points.PointsExpiryWorker>();
        // The resident's home: each card's part read through its own service (Portal.Core/Home).
        services.AddSingleton<Portal.Core.Home.ResidentHomeService>();
        // Resident support: staff open one resident's record with a stated reason (audited); rules in Portal.Core/Support.
        services.AddSingleton<Portal.Core.Support.ResidentSupportService>();
        // Retention: the periods (Retention section) applied every night by a job, and /admin/retention.
        services.AddRetention(config);

        // Domain services.
        services.AddSingleton(LockoutPolicy.Default);
        services.AddSingleton<Portal.Core.Accounts.IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<AuditTrail>();
        services.AddSingleton<AccountService>();
        // Account recovery (forgot password, ward-office codes) and two-factor sign-in for staff and admins.
        services.AddAccountSecurity(config);
        // Data care: a resident's export and account deletion (docs/privacy.md).
        services.AddSingleton<Portal.Data.Accounts.AccountDataRepository>();
        services.AddSingleton<IAccountDeletionStore, Portal.Data.Accounts.AccountDeletionRepository>();
        services.AddSingleton<AccountDeletionService>();
        services.AddSingleton<Portal.Web.Accounts.DataCare.AccountDataExport>();
        // The terms of use, privacy policy and accessibility policy: versions, acceptances, sign-up (Portal.Web/Policies).
        services.AddPolicies();

        // Blazor, MudBlazor and localization.
        services.AddRazorComponents().AddInteractiveServerComponents(o => o.DetailedErrors = env.IsDevelopment());
        services.AddMudServices();
        // The installable app: manifest, service worker and offline page (Shell/Pwa).
        services.AddPwa();
        // Japanese text goes out as UTF-8, not as numeric character references.
        services.Configure<Microsoft.Extensions.WebEncoders.WebEncoderOptions>(o =>
            o.TextEncoderSettings = new System.Text.Encodings.Web.TextEncoderSettings(System.Text.Unicode.UnicodeRanges.All));
        // Pages get the interface's words without the readings easy Japanese marks over kanji (attributes, titles,
        // component parameters take plain text); L.Html("Key") shows them with <ruby>.
        services.AddPortalLocalization();
        // The portal's languages come from configuration (Portal:Languages); every list of languages follows them.
        var languages = PortalCultures.FromConfiguration(config);
        PortalCultures.Use(languages);
        services.AddSingleton(languages);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            var cultures = languages.Cultures.ToList();
            o.DefaultRequestCulture = new RequestCulture(PortalCultures.Japanese);
            o.SupportedCultures = cultures;
            o.SupportedUICultures = cultures;
            // Japanese unless the resident chose otherwise: the cookie set by the language switch, or ?culture= in a link.
            o.RequestCultureProviders = [new QueryStringRequestCultureProvider(), new CookieRequestCultureProvider()];
        });

        // Who you are.
        services.AddMemoryCache();
        services.AddHttpContextAccessor();
        services.AddSingleton<SessionValidator>();
        services.AddScoped<RequestOrigin>();
        services.AddScoped<CurrentActor>();
        services.AddScoped<CircuitHandler, RequestOriginCircuitHandler>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingSessionStateProvider>();
        services.AddScoped<Microsoft.AspNetCore.Components.Server.Circuits.CircuitHandler, SessionEndCircuitHandler>();
        services.AddScoped<RoutedCircuit>();
        services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme)
            .AddCookie(o =>
            {
                o.Cookie.Name = ".ChibaPortal.Session";
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.LoginPath = "/account/signin";
                o.AccessDeniedPath = "/not-allowed";
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.Events.OnValidatePrincipal = SessionValidator.OnValidatePrincipal;
            })
            .AddExternalProvider(external, requireHttps);
        services.AddAuthorization(Policies.Add);

        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = ".ChibaPortal.Antiforgery";
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        services.AddRateLimiter(o => RateLimits.Add(o, security));
        // A bad form post (a stale antiforgery token, say) throws, so ErrorPage answers it with a localized 400
        // instead of an empty one that the not-found page would re-run as a second post.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = security.MaxRequestBodyBytes);
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o => o.MultipartBodyLengthLimit = security.MaxRequestBodyBytes);
        if (requireHttps)
            services.AddHsts(o => { o.MaxAge = TimeSpan.FromDays(365); o.IncludeSubDomains = true; });

        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }

    /// <summary>The nearest ward office, unless Reports:WardBoundariesGeoJson names a file of ward polygons.</summary>
    private static IWardLocator CreateWardLocator(IServiceProvider services, IConfiguration config)
    {
        var offices = Task.Run(() => services.GetRequiredService<IOfficeRepository>().ListAsync(CancellationToken.None)).GetAwaiter().GetResult();
        var nearest = new NearestOfficeLocator(offices);
        var boundaries = config["Reports:WardBoundariesGeoJson"];
        return string.IsNullOrWhiteSpace(boundaries) ? nearest : new BoundaryWardLocator(File.ReadAllText(boundaries), nearest);
    }

    public static PortalDatabase CreateDatabase(IConfiguration config, string dataFolder)
    {
        var options = config.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var connectionString = options.Provider switch
        {
            DatabaseProvider.SqlServer => string.IsNullOrWhiteSpace(options.ConnectionString)
                ? throw new InvalidOperationException("Database:ConnectionString is required when Database:Provider is SqlServer.")
                : options.ConnectionString,
            _ => string.IsNullOrWhiteSpace(options.ConnectionString)
                ? new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "portal.db"), Pooling = true }.ToString()
                : options.ConnectionString,
        };
        return new PortalDatabase(SqlDialect.For(options.Provider, options.BusyTimeoutMilliseconds), connectionString);
    }

    public static async Task<WebApplication> UsePortalAsync(this WebApplication app)
    {
        var security = app.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var requireHttps = security.RequireHttps ?? !app.Environment.IsDevelopment();

        await PrepareDatabaseAsync(app);

        if (!app.Environment.IsDevelopment())
            app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = ErrorPage.WriteAsync });
        if (requireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
        app.UseMiddleware<SecurityHeaders>();
        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseRequestLocalization();
        app.Use((context, next) =>
        {
            context.RequestServices.GetRequiredService<RequestOrigin>().IpAddress = RequestOrigin.From(context);
            return next(context);
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { ResponseWriter = HealthText.WriteAsync }).AllowAnonymous();
        app.MapAccountEndpoints();
        Portal.Web.Accounts.DataCare.DataCareEndpoints.MapDataCare(app);
        app.MapReportPhotos();
        Portal.Web.Reports.Map.ReportMarkers.MapReportMarkers(app);
        app.MapReportInterfaces();
        app.MapNotificationChannels();
        app.MapQueueEndpoints();
        app.MapPoints();
        app.MapPwa();
        app.MapDisplayPreferences();
        app.MapRazorComponents<Shell.App>().AddInteractiveServerRenderMode();
        return app;
    }

    private static async Task PrepareDatabaseAsync(WebApplication app)
    {
        var db = app.Services.GetRequiredService<PortalDatabase>();
        var options = app.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Database");
        if (options.MigrateOnStartup)
            db.Migrate(message => log.LogInformation("{Message}", message));
        var portal = app.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        // The city's standard benefits are reference data: added as first versions where missing, and their standard
        // translations where a version still has the standard Japanese texts, in every environment.
        await StandardBenefits.SeedAsync(app.Services.GetRequiredService<IBenefitCatalog>(), CancellationToken.None);
        if (app.Environment.IsDevelopment() && portal.SeedDemoData)
        {
            await DemoData.SeedAsync(app.Services, CancellationToken.None);
            await DemoReports.SeedAsync(app.Services, CancellationToken.None);
            await DemoChannels.SeedAsync(app.Services, CancellationToken.None);
            await DemoForYou.SeedAsync(app.Services, CancellationToken.None);
            await DemoNotices.SeedAsync(app.Services, CancellationToken.None);
            await DemoQueues.SeedAsync(app.Services, CancellationToken.None);
            await DemoPoints.SeedAsync(app.Services, CancellationToken.None);
        }
    }
}
