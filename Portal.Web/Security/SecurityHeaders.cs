using Microsoft.Extensions.Options;
using Portal.Web.Hosting;

namespace Portal.Web.Security;

/// <summary>
/// Security headers on every response. The Content-Security-Policy allows only the portal's own scripts
/// (Blazor Server needs no eval), inline styles (MudBlazor sets style attributes), the configured map tiles,
/// and the external identity provider as a form target when one is configured.
/// </summary>
public sealed class SecurityHeaders
{
    private readonly RequestDelegate _next;
    private readonly string _policy;

    public SecurityHeaders(RequestDelegate next, IOptions<MapOptions> maps, IOptions<ExternalProviderOptions> external)
    {
        _next = next;
        _policy = BuildPolicy(maps.Value.TileOrigin, external.Value.Enabled ? external.Value.Authority : null);
    }

    public static string BuildPolicy(string? tileOrigin, string? identityProvider)
    {
        var idp = identityProvider is not null && Uri.TryCreate(identityProvider, UriKind.Absolute, out var uri)
            ? " " + uri.GetLeftPart(UriPartial.Authority)
            : "";
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
