using Microsoft.Extensions.Localization;

namespace Portal.Web.Shell.Pwa;

/// <summary>
/// The installable app: the web manifest, the service worker and the offline page it keeps. All three are public and
/// hold nothing personal; each is revalidated on use (no-cache), so a new build reaches browsers at once.
/// </summary>
public static class PwaEndpoints
{
    public static IServiceCollection AddPwa(this IServiceCollection services)
    {
        services.AddSingleton(sp => new ShellAssets(sp.GetRequiredService<EndpointDataSource>()));
        services.AddSingleton<OfflinePage>();
        services.AddSingleton<ServiceWorkerScript>();
        return services;
    }

    public static void MapPwa(this IEndpointRouteBuilder app)
    {
        app.MapGet(WebManifest.Path, (IStringLocalizer<SharedResource> l, ShellAssets assets) =>
            Text(WebManifest.Write(l, assets), WebManifest.ContentType)).AllowAnonymous();
        app.MapGet(ServiceWorkerScript.Path, (ServiceWorkerScript worker) =>
            Text(worker.Text, "text/javascript; charset=utf-8")).AllowAnonymous();
        app.MapGet(OfflinePage.Path, (OfflinePage page) =>
            Text(page.Html, "text/html; charset=utf-8")).AllowAnonymous();
    }

    private static IResult Text(string text, string contentType) => new NoCacheText(text, contentType);

    private sealed class NoCacheText(string text, string contentType) : IResult
    {
        public Task ExecuteAsync(HttpContext context)
        {
            context.Response.Headers.CacheControl = "no-cache";
            context.Response.ContentType = contentType;
            return context.Response.WriteAsync(text, context.RequestAborted);
        }
    }
}
