using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications.Line;

/// <summary>
/// Linking LINE through the whole portal against a fake LINE Login: the authorization redirect, the code traded
/// with the PKCE verifier, the profile read with the access token, and the link stored for the signed-in resident.
/// </summary>
public sealed class LineLinkingJourneyTests : IAsyncLifetime
{
    private const string ChannelId = "1650000000";
    private const string ChannelSecret = "test-login-secret";
    private LocalHttpServer _lineLogin = null!;
    private PortalAppFactory _app = null!;
    private string? _expectedChallenge;
    private readonly string _lineUserId = "U" + Guid.NewGuid().ToString("N");

    public async ValueTask InitializeAsync()
    {
        _lineLogin = await LocalHttpServer.StartAsync();
        _lineLogin.Respond = AnswerAsLineLogin;
        var fake = _lineLogin.Address.ToString().TrimEnd('/');
        _app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Notifications:Line:ChannelAccessToken"] = "push-token",
            ["Notifications:Line:LoginChannelId"] = ChannelId,
            ["Notifications:Line:LoginChannelSecret"] = ChannelSecret,
            ["Notifications:Line:AuthorizeAddress"] = fake + "/oauth2/v2.1/authorize",
            ["Notifications:Line:TokenAddress"] = fake + "/oauth2/v2.1/token",
            ["Notifications:Line:ProfileAddress"] = fake + "/v2/profile",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _lineLogin.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>LINE Login's token and profile endpoints, refusing anything but a correct request.</summary>
    private LocalHttpServer.Answer AnswerAsLineLogin(LocalHttpServer.Recorded request)
    {
        if (request.Path == "/oauth2/v2.1/token")
        {
            var form = QueryHelpers.ParseQuery(request.BodyText);
            var verifier = form["code_verifier"].ToString();
            var challenge = WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));
            var valid = form["grant_type"] == "authorization_code" && form["code"] == "code-from-line" && form["client_id"] == ChannelId
                        && form["client_secret"] == ChannelSecret && challenge == _expectedChallenge
                        && form["redirect_uri"] == new Uri(_app.ServerAddress, "/notifications/line/callback").AbsoluteUri;
            return valid
                ? new LocalHttpServer.Answer(200, """{"access_token":"line-access-token","token_type":"Bearer","expires_in":2592000,"scope":"profile openid","id_token":"ignored"}""")
                : new LocalHttpServer.Answer(400, """{"error":"invalid_grant"}""");
        }
        if (request.Path == "/v2/profile")
        {
            return request.Header("Authorization") == "Bearer line-access-token"
                ? new LocalHttpServer.Answer(200, $$"""{"userId":"{{_lineUserId}}","displayName":"花子"}""")
                : new LocalHttpServer.Answer(401, """{"message":"invalid token"}""");
        }
        return new LocalHttpServer.Answer(404);
    }

    /// <summary>Presses "Link LINE" on the settings page and returns the query LINE's authorization page got.</summary>
    private async Task<Dictionary<string, string>> PressLinkAsync(HttpClient client)
    {
        var page = await client.GetStringAsync("/settings/channels", Ct);
        Assert.Contains("action=\"/notifications/line/link\"", page);
        using var response = await client.PostAsync("/notifications/line/link", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/settings/channels",
        }), Ct);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.StartsWith(_lineLogin.Address + "oauth2/v2.1/authorize?", location.AbsoluteUri);
        return QueryHelpers.ParseQuery(location.Query).ToDictionary(p => p.Key, p => p.Value.ToString());
    }

    [Fact]
    public async Task A_resident_links_LINE_through_LINE_Login_and_unlinks_it_again()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var client = await _app.SignedInClientAsync(resident);

        var query = await PressLinkAsync(client);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal(ChannelId, query["client_id"]);
        Assert.Equal(new Uri(_app.ServerAddress, "/notifications/line/callback").AbsoluteUri, query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.Contains("profile", query["scope"]);
        Assert.True(query["state"].Length >= 32);
        _expectedChallenge = query["code_challenge"];

        // LINE sends the resident back with a code and the state.
        using var back = await client.GetAsync($"/notifications/line/callback?code=code-from-line&state={Uri.EscapeDataString(query["state"])}", Ct);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/settings/channels?line=linked", back.Headers.Location!.OriginalString);
        var addresses = _app.Services.GetRequiredService<IChannelAddressRepository>();
        Assert.Equal(_lineUserId, await addresses.GetLineUserAsync(resident.Id, Ct));
        Assert.Contains("LINEと連携しました", await client.GetStringAsync(back.Headers.Location, Ct));

        var page = await client.GetStringAsync("/settings/channels", Ct);
        using var unlinked = await client.PostAsync("/notifications/line/unlink", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(page, "__RequestVerificationToken"),
            ["returnUrl"] = "/settings/channels",
        }), Ct);
        Assert.Equal("/settings/channels?line=unlinked", unlinked.Headers.Location!.OriginalString);
        Assert.Null(await addresses.GetLineUserAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task A_callback_with_another_state_links_nothing()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var client = await _app.SignedInClientAsync(resident);
        var query = await PressLinkAsync(client);
        _expectedChallenge = query["code_challenge"];

        using var back = await client.GetAsync("/notifications/line/callback?code=code-from-line&state=forged-state", Ct);

        Assert.Equal("/settings/channels?line=failed", back.Headers.Location!.OriginalString);
        Assert.Null(await _app.Services.GetRequiredService<IChannelAddressRepository>().GetLineUserAsync(resident.Id, Ct));
        Assert.DoesNotContain(_lineLogin.Requests, r => r.Path == "/oauth2/v2.1/token");
    }

    [Fact]
    public async Task A_callback_in_another_residents_session_links_nothing()
    {
        var first = await _app.CreateAccountAsync(Role.Resident);
        var second = await _app.CreateAccountAsync(Role.Resident);
        using var firstClient = await _app.SignedInClientAsync(first);
        using var secondClient = await _app.SignedInClientAsync(second);
        var query = await PressLinkAsync(firstClient);
        _expectedChallenge = query["code_challenge"];

        // The state alone, without the first resident's sealed cookie, is worth nothing.
        using var back = await secondClient.GetAsync($"/notifications/line/callback?code=code-from-line&state={Uri.EscapeDataString(query["state"])}", Ct);

        Assert.Equal("/settings/channels?line=failed", back.Headers.Location!.OriginalString);
        var addresses = _app.Services.GetRequiredService<IChannelAddressRepository>();
        Assert.Null(await addresses.GetLineUserAsync(second.Id, Ct));
        Assert.Null(await addresses.GetLineUserAsync(first.Id, Ct));
    }

    [Fact]
    public async Task A_resident_who_cancels_on_LINE_comes_back_unlinked()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var client = await _app.SignedInClientAsync(resident);
        var query = await PressLinkAsync(client);

        using var back = await client.GetAsync($"/notifications/line/callback?error=access_denied&state={Uri.EscapeDataString(query["state"])}", Ct);

        Assert.Equal("/settings/channels?line=cancelled", back.Headers.Location!.OriginalString);
        Assert.Null(await _app.Services.GetRequiredService<IChannelAddressRepository>().GetLineUserAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task A_LINE_user_linked_to_one_account_cannot_be_linked_to_another()
    {
        var first = await _app.CreateAccountAsync(Role.Resident);
        var second = await _app.CreateAccountAsync(Role.Resident);
        await _app.Services.GetRequiredService<IChannelAddressRepository>().LinkLineAsync(first.Id, _lineUserId, DateTimeOffset.UnixEpoch, Ct);
        using var client = await _app.SignedInClientAsync(second);
        var query = await PressLinkAsync(client);
        _expectedChallenge = query["code_challenge"];

        using var back = await client.GetAsync($"/notifications/line/callback?code=code-from-line&state={Uri.EscapeDataString(query["state"])}", Ct);

        Assert.Equal("/settings/channels?line=taken", back.Headers.Location!.OriginalString);
        Assert.Null(await _app.Services.GetRequiredService<IChannelAddressRepository>().GetLineUserAsync(second.Id, Ct));
    }

    [Fact]
    public async Task A_link_or_unlink_post_without_the_forms_antiforgery_token_is_refused()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        await _app.Services.GetRequiredService<IChannelAddressRepository>().LinkLineAsync(resident.Id, _lineUserId, DateTimeOffset.UnixEpoch, Ct);
        using var client = await _app.SignedInClientAsync(resident);
        var noToken = new Dictionary<string, string> { ["returnUrl"] = "/settings/channels" };

        using var link = await client.PostAsync("/notifications/line/link", new FormUrlEncodedContent(noToken), Ct);
        using var unlink = await client.PostAsync("/notifications/line/unlink", new FormUrlEncodedContent(noToken), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, link.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, unlink.StatusCode);
        Assert.Equal(_lineUserId, await _app.Services.GetRequiredService<IChannelAddressRepository>().GetLineUserAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task The_content_security_policy_lets_the_link_form_lead_to_LINE_Login()
    {
        using var client = _app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/", Ct);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self' " + _lineLogin.Address.GetLeftPart(UriPartial.Authority), csp);
    }
}
