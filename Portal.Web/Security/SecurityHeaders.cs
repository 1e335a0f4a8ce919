using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only the portal's own scripts
/// (Blazor Server needs no eval), inline styles (MudBlazor sets style attributes), the configured map tiles,
/// and the external identity provider and LINE Login as form targets when they are configured (a form post that
/// redirects to another site is checked against form-action). The service worker (/sw.js: offline page, kept shell,
/// Web Push) and the web manifest are the portal's own: worker-src and manifest-src 'self'.
/// </summary>
public sealed class SecurityHeaders
{
    private readonly RequestDelegate _next;
    private readonly string _policy;

    public SecurityHeaders(RequestDelegate next, IOptions<MapOptions> maps, IOptions<ExternalProviderOptions> external,
        IOptions<Notifications.Line.LineOptions> line)
    {
        _next = next;
        _policy = BuildPolicy(maps.Value.TileOrigin, external.Value.Enabled ? external.Value.Authority : null, line.Value.AuthorizeOrigin);
    }

    public static string BuildPolicy(string? tileOrigin, string? identityProvider, string? lineLogin = null)
    {
        var idp = string.Concat(new[] { identityProvider, lineLogin }
            .Select(target => target is not null && Uri.TryCreate(target, UriKind.Absolute, out var uri) ? " " + uri.GetLeftPart(UriPartial.Authority) : "")
            .Distinct());
        var tiles = tileOrigin is null ? "" : " " + tileOrigin;
        return string.Join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self' 'unsafe-inline'",
            $"img-src 'self' data: blob:{tiles}",
            "font-src 'self' data:",
            "connect-src 'self'",
            "worker-src 'self'",
            "manifest-src 'self'",
            "object-src 'none'",
            "base-uri 'self'",
            $"form-action 'self'{idp}",
            "frame-ancestors 'none'");
    }

    public Task Invoke(HttpContext context)
    {
        context.Response.OnStarting(() =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = _policy;
            headers.XContentTypeOptions = "nosniff";
            headers.XFrameOptions = "DENY";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "geolocation=(self), camera=(self), microphone=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return _next(context);
    }
}
