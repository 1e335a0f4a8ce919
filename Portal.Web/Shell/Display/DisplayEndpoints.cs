using Microsoft.AspNetCore.Mvc;
using Portal.Web.Accounts;

namespace Portal.Web.Shell.Display;

/// <summary>
/// Where the display menu posts: a cookie can only be set by an HTTP response, not from a page's circuit, so the menu is
/// a form like the language switch, and the answer goes back to the page it came from, now drawn with the new choice.
/// </summary>
public static class DisplayEndpoints
{
    public const string Path = "/display";

    public static void MapDisplayPreferences(this IEndpointRouteBuilder app) =>
        app.MapPost(Path, Set).AllowAnonymous();

    private static IResult Set(HttpContext context, [FromForm] string? size, [FromForm] string? contrast, [FromForm] string? returnUrl,
        TimeProvider time)
    {
        var current = DisplayPreferences.From(context.Request);
        if (size is not null && DisplayPreferences.ParseSize(size) is null) return Results.BadRequest();
        if (contrast is not (null or "high" or "normal")) return Results.BadRequest();
        var chosen = new DisplayPreferences(
            size is null ? current.TextSize : DisplayPreferences.ParseSize(size)!.Value,
            contrast is null ? current.HighContrast : contrast == "high");
        context.Response.Cookies.Append(DisplayPreferences.CookieName, chosen.CookieValue, new CookieOptions
        {
            Expires = time.GetUtcNow().AddYears(1),
            IsEssential = true, // an accessibility setting the reader asked for, not tracking
            HttpOnly = false, // the offline page, which has no server, reads it
            SameSite = SameSiteMode.Lax,
            Secure = context.Request.IsHttps,
        });
        return Results.LocalRedirect(AccountEndpoints.SafeReturnUrl(returnUrl));
    }
}
