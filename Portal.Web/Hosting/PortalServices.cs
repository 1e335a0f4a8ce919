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
using Portal.Web.Benefits;
using Portal.Web.Home;
using Portal.Core.Geography;
using Portal.Core.Notifications;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Supporters;
using Portal.Data;
using Portal.Data.Database;
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

        // Time and the database: every repository, by capability, over one database (Portal.Data/DataServices.cs).
        services.AddSingleton(TimeProvider.System);
        services.AddPortalData(_ => CreateDatabase(config, dataFolder));

        // Live signals from a change to the pages that show it, data-protection keys, attempt limits and job locks:
        // in this process on one node, shared through Redis when Redis:Configuration is set (Portal.Web/ScaleOut).
        services.AddScaleOut(config, dataFolder);

        // The capabilities, each with its Core services, pages' helpers and background jobs.
        services.AddNotifications(config, dataFolder);
        services.AddAccounts(config);
        services.AddReports(config, dataFolder);
        services.AddForYou();
        services.AddQueues(config, env);
        services.AddPoints(config);
        services.AddHome();
        services.AddRetention(config);
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
        // The portal's languages come from configuration (Portal:Languages); every list of languages follows them.
        var languages = PortalCultures.FromConfiguration(config);
        services.AddPortalLocalization(languages);
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
        Portal.Web.Reports.Alerts.UnsubscribeEndpoints.MapUnsubscribe(app);
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
            await DemoThemes.SeedAsync(app.Services, CancellationToken.None);
            await DemoReports.SeedAsync(app.Services, CancellationToken.None);
            await DemoRouting.SeedAsync(app.Services, CancellationToken.None);
            await DemoChannels.SeedAsync(app.Services, CancellationToken.None);
            await DemoForYou.SeedAsync(app.Services, CancellationToken.None);
            await DemoNotices.SeedAsync(app.Services, CancellationToken.None);
            await DemoQueues.SeedAsync(app.Services, CancellationToken.None);
            await DemoPoints.SeedAsync(app.Services, CancellationToken.None);
        }
    }
}
