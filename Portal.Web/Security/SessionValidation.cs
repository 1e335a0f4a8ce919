using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Portal.Core.Accounts;

namespace Portal.Web.Security;

/// <summary>
/// Ends sessions whose account was disabled or whose password changed: checked on HTTP requests
/// (cached briefly) and, for open interactive pages, by periodic revalidation of the circuit.
/// </summary>
public sealed class SessionValidator(AccountService accounts, IMemoryCache cache, IOptions<Hosting.SecurityOptions> options)
{
    // The cache holds each account's current stamp (empty when it may not sign in), not a verdict per session: so a
    // change made on this node (Forget) ends the account's other sessions here at once, and on other nodes within
    // SessionCheckSeconds.
    public async Task<bool> IsCurrentAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.AccountId() is not { } id || user.FindFirstValue(PortalClaims.Stamp) is not { } stamp) return false;
        var key = Key(id);
        if (!cache.TryGetValue(key, out string? current))
        {
            current = await accounts.CurrentStampAsync(id, ct) ?? "";
            var cacheFor = TimeSpan.FromSeconds(options.Value.SessionCheckSeconds);
            if (cacheFor > TimeSpan.Zero) cache.Set(key, current, cacheFor);
        }
        return !string.IsNullOrEmpty(current) && current == stamp;
    }

    /// <summary>Drops the cached stamp of this session's account, so a just-deleted account is checked again at once.</summary>
    public void Forget(ClaimsPrincipal user)
    {
        if (user.AccountId() is { } id) Forget(id);
    }

    /// <summary>Drops the cached stamp of an account whose password, two-factor setting or access just changed.</summary>
    public void Forget(long accountId) => cache.Remove(Key(accountId));

    private static string Key(long accountId) => "session-stamp:" + accountId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static async Task OnValidatePrincipal(CookieValidatePrincipalContext context)
    {
        if (context.Principal?.Identity?.IsAuthenticated != true) return;
        var validator = context.HttpContext.RequestServices.GetRequiredService<SessionValidator>();
        if (!await validator.IsCurrentAsync(context.Principal, context.HttpContext.RequestAborted))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        }
    }
}

public sealed class RevalidatingSessionStateProvider(ILoggerFactory loggerFactory, SessionValidator validator)
    : RevalidatingServerAuthenticationStateProvider(loggerFactory)
{
    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct) =>
        state.User.Identity?.IsAuthenticated != true || await validator.IsCurrentAsync(state.User, ct);
}
