using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;
using Portal.Web.Accounts;
using Portal.Web.Security;

namespace Portal.Web.Notifications.Line;

/// <summary>
/// Links a signed-in resident's LINE account through LINE Login (OAuth 2.0 authorization code with state and PKCE).
/// </summary>
/// <remarks>
/// A small handler of our own rather than ASP.NET's OAuth handler: that handler is a sign-in scheme, built to turn
/// the provider's answer into a principal and a cookie. Here the resident is already signed in and we only want
/// one value, the LINE user id, stored beside the account. The state, the PKCE verifier, the account and an expiry
/// travel in a short-lived cookie sealed with Data Protection, so the callback can check every one of them and
/// nothing is kept on the server between the two requests.
/// </remarks>
public static class LineLinking
{
    public const string CookieName = ".ChibaPortal.LineLink";
    public const string CallbackPath = "/notifications/line/callback";
    public const string DefaultReturnUrl = "/settings/channels";
    private const string Purpose = "Portal.Notifications.LineLink.v1";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public static void MapLineLinking(this IEndpointRouteBuilder app)
    {
        app.MapPost("/notifications/line/link", Start).RequireAuthorization(Policies.Resident)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
        app.MapGet(CallbackPath, CompleteAsync).RequireAuthorization(Policies.Resident);
        app.MapPost("/notifications/line/unlink", UnlinkAsync).RequireAuthorization(Policies.Resident)
            .WithMetadata(new RequireAntiforgeryTokenAttribute());
    }

    // A body keeps the status-page middleware from re-running the refusal of a form post as a page.
    private static IResult NotConfigured() => Results.NotFound("LINE linking is not configured.");

    private static IResult Start(HttpContext context, [FromForm] string? returnUrl, IOptions<LineOptions> options,
        IDataProtectionProvider protection, TimeProvider time)
    {
        var line = options.Value;
        if (!line.CanLink || context.User.AccountId() is not { } accountId) return NotConfigured();
        var state = RandomToken();
        var verifier = RandomToken();
        var sealedState = new LinkState(accountId, state, verifier, AccountEndpoints.SafeReturnUrl(returnUrl ?? DefaultReturnUrl),
            (time.GetUtcNow() + Lifetime).ToUnixTimeSeconds());
        context.Response.Cookies.Append(CookieName, protection.CreateProtector(Purpose).Protect(JsonSerializer.Serialize(sealedState)), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            // LINE sends the resident back with a top-level GET from its own site: Lax lets the cookie come along.
            SameSite = SameSiteMode.Lax,
            Path = "/notifications/line",
            MaxAge = Lifetime,
            IsEssential = true,
        });
        var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
        var authorize = QueryHelpers.AddQueryString(line.AuthorizeAddress, new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = line.LoginChannelId,
            ["redirect_uri"] = CallbackAddress(context, line),
            ["state"] = state,
            ["scope"] = "profile openid",
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
            // Offers to add the portal's official account as a friend on the consent screen: pushes need that.
            ["bot_prompt"] = "aggressive",
        });
        return Results.Redirect(authorize);
    }

    private static async Task<IResult> CompleteAsync(HttpContext context, [FromQuery] string? code, [FromQuery] string? state,
        [FromQuery] string? error, IOptions<LineOptions> options, IDataProtectionProvider protection, IHttpClientFactory clients,
        IChannelAddressRepository addresses, TimeProvider time, ILoggerFactory logs)
    {
        var line = options.Value;
        if (!line.CanLink || context.User.AccountId() is not { } accountId) return Results.NotFound();
        var sealedState = ReadState(context, protection);
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = "/notifications/line" });
        if (sealedState is null || sealedState.AccountId != accountId || sealedState.ExpiresUnix < time.GetUtcNow().ToUnixTimeSeconds()
            || state is null || !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(state), Encoding.ASCII.GetBytes(sealedState.State)))
            return Results.LocalRedirect(WithResult(DefaultReturnUrl, "failed"));
        if (error is not null || string.IsNullOrEmpty(code))
            return Results.LocalRedirect(WithResult(sealedState.ReturnUrl, "cancelled"));

        try
        {
            var lineUserId = await FetchLineUserAsync(clients.CreateClient(LineSender.HttpClientName), line, code,
                CallbackAddress(context, line), sealedState.Verifier, context.RequestAborted);
            var outcome = await addresses.LinkLineAsync(accountId, lineUserId, time.GetUtcNow(), context.RequestAborted);
            return Results.LocalRedirect(WithResult(sealedState.ReturnUrl, outcome == LineLinkOutcome.Linked ? "linked" : "taken"));
        }
        catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or TaskCanceledException
                                  && !context.RequestAborted.IsCancellationRequested)
        {
            logs.CreateLogger(typeof(LineLinking)).LogWarning(e, "Linking LINE for account {AccountId} failed.", accountId);
            return Results.LocalRedirect(WithResult(sealedState.ReturnUrl, "failed"));
        }
    }

    private static async Task<IResult> UnlinkAsync(HttpContext context, [FromForm] string? returnUrl, IChannelAddressRepository addresses)
    {
        if (context.User.AccountId() is not { } accountId) return NotConfigured();
        await addresses.UnlinkLineAsync(accountId, context.RequestAborted);
        return Results.LocalRedirect(WithResult(AccountEndpoints.SafeReturnUrl(returnUrl ?? DefaultReturnUrl), "unlinked"));
    }

    /// <summary>Trades the code for an access token (with the PKCE verifier), then asks the profile for the user id.</summary>
    private static async Task<string> FetchLineUserAsync(HttpClient client, LineOptions line, string code, string redirectUri,
        string verifier, CancellationToken ct)
    {
        using var tokenResponse = await client.PostAsync(line.TokenAddress, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["redirect_uri"] = redirectUri,
            ["client_id"] = line.LoginChannelId!,
            ["client_secret"] = line.LoginChannelSecret!,
            ["code_verifier"] = verifier,
        }), ct);
        tokenResponse.EnsureSuccessStatusCode();
        var token = await JsonSerializer.DeserializeAsync<TokenAnswer>(await tokenResponse.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        if (string.IsNullOrEmpty(token?.AccessToken)) throw new InvalidOperationException("LINE Login answered without an access token.");

        using var profileRequest = new HttpRequestMessage(HttpMethod.Get, line.ProfileAddress);
        profileRequest.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token.AccessToken);
        using var profileResponse = await client.SendAsync(profileRequest, ct);
        profileResponse.EnsureSuccessStatusCode();
        var profile = await JsonSerializer.DeserializeAsync<ProfileAnswer>(await profileResponse.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        var userId = profile?.UserId;
        // LINE user ids are "U" and 32 hexadecimal digits; anything else is not one we can push to.
        if (userId is null || userId.Length > 64 || !userId.All(char.IsAsciiLetterOrDigit))
            throw new InvalidOperationException("LINE Login answered without a usable user id.");
        return userId;
    }

    private static LinkState? ReadState(HttpContext context, IDataProtectionProvider protection)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value)) return null;
        try
        {
            return JsonSerializer.Deserialize<LinkState>(protection.CreateProtector(Purpose).Unprotect(value));
        }
        catch (Exception e) when (e is CryptographicException or JsonException)
        {
            return null;
        }
    }

    public static string CallbackAddress(HttpContext context, LineOptions line) =>
        string.IsNullOrWhiteSpace(line.CallbackAddress)
            ? $"{context.Request.Scheme}://{context.Request.Host}{CallbackPath}"
            : line.CallbackAddress;

    private static string WithResult(string returnUrl, string result) => QueryHelpers.AddQueryString(returnUrl, "line", result);

    private static string RandomToken() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    private sealed record LinkState(long AccountId, string State, string Verifier, string ReturnUrl, long ExpiresUnix);

    private sealed record TokenAnswer([property: JsonPropertyName("access_token")] string? AccessToken);

    private sealed record ProfileAnswer([property: JsonPropertyName("userId")] string? UserId);
}
