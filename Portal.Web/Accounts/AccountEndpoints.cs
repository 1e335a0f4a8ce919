using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Web.Hosting;
using Portal.Web.Security;

namespace Portal.Web.Accounts;

/// <summary>
/// The HTTP endpoints that set or clear cookies, which an interactive page cannot do:
/// sign-out, the language switch and the return from an external identity provider.
/// </summary>
public static class AccountEndpoints
{
    public const string ExternalScheme = "External";

    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapPost("/account/signout", SignOut).RequireAuthorization(Policies.SignedIn);
        app.MapPost("/culture", SetCulture).AllowAnonymous();
        app.MapPost("/account/external", (HttpContext context, [FromForm] string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = "/account/external/complete?returnUrl=" + Uri.EscapeDataString(SafeReturnUrl(returnUrl)) },
                [OpenIdConnectSetup.Scheme]))
            .AllowAnonymous();
        app.MapGet("/account/external/complete", CompleteExternal).AllowAnonymous();
    }

    private static async Task<IResult> SignOut(HttpContext context, IAntiforgery antiforgery, AuditTrail audit)
    {
        // The portal's own sign-out forms carry the token; a page elsewhere cannot sign a resident out (the handler
        // binds no form field, so nothing else would check it).
        if (!await antiforgery.IsRequestValidAsync(context)) return Results.BadRequest();
        await audit.RecordAsync(context.User.ToActor(RequestOrigin.From(context)), AuditActions.SignOut, AuditEntities.Account,
            context.User.AccountId()?.ToString(System.Globalization.CultureInfo.InvariantCulture), null, context.RequestAborted);
        await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        return Results.LocalRedirect("/");
    }

    private static async Task<IResult> SetCulture(HttpContext context, [FromForm] string culture, [FromForm] string? returnUrl,
        AccountService accounts, Portal.Core.Languages.OfferedLanguages languages, TimeProvider time)
    {
        if (!languages.IsOffered(culture)) return Results.BadRequest();
        // The configured spelling ("ja-Easy", not "JA-EASY"), as the cookie and the resident's preference keep it.
        culture = languages.Of(culture);
        context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
            new CookieOptions
            {
                Expires = time.GetUtcNow().AddYears(1),
                IsEssential = true,
                HttpOnly = true,
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });
        if (context.User.AccountId() is { } id)
            await accounts.SetPreferredCultureAsync(id, culture, context.RequestAborted);
        return Results.LocalRedirect(WithoutCultureQuery(SafeReturnUrl(returnUrl)));
    }

    /// <summary>
    /// The page to return to without a ?culture= of its own (a kiosk ticket's link carries the visitor's language):
    /// the query outranks the cookie, so left in place it would undo the language just chosen.
    /// </summary>
    public static string WithoutCultureQuery(string url)
    {
        var queryAt = url.IndexOf('?', StringComparison.Ordinal);
        if (queryAt < 0) return url;
        var fragmentAt = url.IndexOf('#', queryAt);
        var fragment = fragmentAt < 0 ? "" : url[fragmentAt..];
        var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(fragmentAt < 0 ? url[queryAt..] : url[queryAt..fragmentAt]);
        var kept = query.Where(p => !CultureQueryKeys.Contains(p.Key, StringComparer.OrdinalIgnoreCase));
        return url[..queryAt] + QueryString.Create(kept) + fragment;
    }

    private static readonly string[] CultureQueryKeys = ["culture", "ui-culture"];

    private static async Task<IResult> CompleteExternal(HttpContext context, [FromQuery] string? returnUrl, AccountService accounts,
        Microsoft.Extensions.Options.IOptions<ExternalProviderOptions> options)
    {
        var external = await context.AuthenticateAsync(ExternalScheme);
        await context.SignOutAsync(ExternalScheme);
        if (!external.Succeeded || external.Principal is null)
            return Results.LocalRedirect("/account/signin?error=external");
        var subject = external.Principal.FindFirst(System.Security.Claims.ClaimTypes.NameIdentifier)?.Value
                      ?? external.Principal.FindFirst("sub")?.Value;
        if (subject is null) return Results.LocalRedirect("/account/signin?error=external");
        var account = await accounts.ExternalSignInAsync(new ExternalLogin(options.Value.ProviderKey, subject),
            external.Principal.FindFirst(System.Security.Claims.ClaimTypes.Email)?.Value,
            external.Principal.FindFirst("name")?.Value ?? external.Principal.Identity?.Name,
            RequestOrigin.From(context), context.RequestAborted);
        if (account is null) return Results.LocalRedirect("/account/signin?error=external");
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            PortalClaims.For(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return Results.LocalRedirect(returnUrl is null or "/" ? Policies.HomeOf(account.Role) : SafeReturnUrl(returnUrl));
    }

    /// <summary>Only paths on this site: never an absolute or protocol-relative address (open-redirect guard).</summary>
    public static string SafeReturnUrl(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal)
            && !returnUrl.StartsWith("/\\", StringComparison.Ordinal)
            ? returnUrl
            : "/";
}
