using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Portal.Web.Hosting;

namespace Portal.Web.Accounts;

/// <summary>
/// An optional OpenID Connect provider (the city's identity provider, or LINE Login, which speaks OpenID
/// Connect), switched on by configuration alone. Its sign-in lands in a short-lived external cookie;
/// /account/external/complete then maps it to a portal account and issues the portal's own cookie.
/// </summary>
public static class OpenIdConnectSetup
{
    public const string Scheme = "oidc";

    public static AuthenticationBuilder AddExternalProvider(this AuthenticationBuilder auth, ExternalProviderOptions options, bool requireHttps)
    {
        auth.AddCookie(AccountEndpoints.ExternalScheme, o =>
        {
            o.Cookie.Name = ".ChibaPortal.External";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(5);
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        });
        if (!options.Enabled) return auth;
        return auth.AddOpenIdConnect(Scheme, options.DisplayName, o =>
        {
            o.SignInScheme = AccountEndpoints.ExternalScheme;
            o.Authority = options.Authority;
            o.ClientId = options.ClientId;
            o.ClientSecret = options.ClientSecret;
            o.ResponseType = "code";
            o.UsePkce = true;
            o.RequireHttpsMetadata = requireHttps;
            o.Scope.Clear();
            foreach (var scope in options.Scopes) o.Scope.Add(scope);
            o.MapInboundClaims = true;
            o.SaveTokens = false;
            o.CallbackPath = "/signin-oidc";
        });
    }
}
