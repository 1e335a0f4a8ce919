using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Portal.Core.Accounts;
using Portal.Web.Security;

namespace Portal.Web.Accounts;

/// <summary>
/// A sign-in halfway through: the password was right and a second step follows (a code, or setting up two-factor
/// sign-in when it is required). It lives in a short-lived encrypted cookie, not in a session: until the second step
/// passes there is no session at all. It names the account's security stamp, so a password changed meanwhile ends it.
/// </summary>
public sealed class PendingSignIn(IDataProtectionProvider protection, TwoFactorOptions options, TimeProvider time)
{
    public const string CookieName = ".ChibaPortal.SignInStep";
    public const string VerifyPath = "/account/signin/verify";
    public const string EnrolPath = "/account/signin/enrol";

    private readonly IDataProtector _protector = protection.CreateProtector("Portal.Accounts.PendingSignIn.v1");

    public sealed record Pending(long AccountId, string Stamp, string ReturnUrl, SignInStep Step, long ExpiresUnix);

    /// <summary>Starts the second step and returns the page that asks for it.</summary>
    public string Start(HttpContext context, UserAccount account, string? returnUrl, SignInStep step)
    {
        var pending = new Pending(account.Id, account.SecurityStamp, AccountEndpoints.SafeReturnUrl(returnUrl), step,
            (time.GetUtcNow() + options.PendingLifetime).ToUnixTimeSeconds());
        context.Response.Cookies.Append(CookieName, _protector.Protect(JsonSerializer.Serialize(pending)), new CookieOptions
        {
            HttpOnly = true,
            IsEssential = true,
            SameSite = SameSiteMode.Strict,
            Secure = context.Request.IsHttps,
            Path = "/account/signin",
            MaxAge = options.PendingLifetime,
        });
        return step == SignInStep.Enrol ? EnrolPath : VerifyPath;
    }

    /// <summary>The pending step of this browser for <paramref name="step"/>, unless it is missing, changed or past its time.</summary>
    public Pending? Read(HttpContext context, SignInStep step)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            var pending = JsonSerializer.Deserialize<Pending>(_protector.Unprotect(value));
            return pending is not null && pending.Step == step && DateTimeOffset.FromUnixTimeSeconds(pending.ExpiresUnix) > time.GetUtcNow()
                ? pending
                : null;
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return null;
        }
    }

    /// <summary>True when the account can still sign in as it could when the password was checked.</summary>
    public static bool StillFor(Pending pending, UserAccount? account) =>
        account is { IsDisabled: false, IsDeleted: false } && account.Id == pending.AccountId && account.SecurityStamp == pending.Stamp;

    /// <summary>Ends the pending step and signs the browser in: the session cookie, and where it goes next.</summary>
    public async Task<string> CompleteAsync(HttpContext context, UserAccount account, Pending pending)
    {
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/account/signin" });
        await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme,
            PortalClaims.For(account, CookieAuthenticationDefaults.AuthenticationScheme));
        return pending.ReturnUrl == "/" ? Policies.HomeOf(account.Role) : pending.ReturnUrl;
    }
}
