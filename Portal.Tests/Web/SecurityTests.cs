using System.Net;
using Portal.Core.Accounts;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

[Collection(PortalAppCollection.Name)]
public sealed class SecurityTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/")]
    [InlineData("/account/signin")]
    [InlineData("/healthz")]
    public async Task Every_response_carries_the_security_headers(string path)
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync(path, Ct);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.Contains("https://tile.openstreetmap.org", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Equal("strict-origin-when-cross-origin", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_session_cookie_is_HttpOnly_and_SameSite()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = app.CreateBrowserlessClient();
        using var response = await PortalAppFactory.PostSignInAsync(client, resident.Email, PortalAppFactory.Password);
        var cookie = response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".ChibaPortal.Session=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused()
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.PostAsync("/culture",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["culture"] = "en", ["returnUrl"] = "/" }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_language_switch_sets_the_cookie_and_returns_only_to_this_site()
    {
        using var client = app.CreateBrowserlessClient();
        var home = await client.GetStringAsync("/", Ct);
        using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(home, "__RequestVerificationToken"),
            ["culture"] = "en",
            ["returnUrl"] = "https://evil.example/",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
        var english = await client.GetStringAsync("/reports", Ct);
        Assert.Contains("<html lang=\"en\">", english);
        Assert.Contains("Tell the city about a pothole", english);
    }

    [Fact]
    public async Task The_language_switch_returns_without_a_culture_in_the_address_which_would_outrank_the_choice()
    {
        using var client = app.CreateBrowserlessClient();
        var home = await client.GetStringAsync("/", Ct);
        using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(home, "__RequestVerificationToken"),
            ["culture"] = "ja",
            ["returnUrl"] = "/reports?culture=en",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/reports", response.Headers.Location!.OriginalString);
        Assert.Contains("<html lang=\"ja\">", await client.GetStringAsync(response.Headers.Location.OriginalString, Ct));
    }

    [Theory]
    [InlineData("/queue/t/abc?culture=en", "/queue/t/abc")]
    [InlineData("/reports?status=open&culture=en&ui-culture=en#map", "/reports?status=open#map")]
    [InlineData("/reports?CULTURE=en&page=2", "/reports?page=2")]
    [InlineData("/reports?status=open", "/reports?status=open")]
    [InlineData("/", "/")]
    public void A_return_address_keeps_everything_but_its_culture(string returnUrl, string expected) =>
        Assert.Equal(expected, Portal.Web.Accounts.AccountEndpoints.WithoutCultureQuery(returnUrl));

    [Fact]
    public async Task A_locked_account_gets_the_answer_of_a_wrong_password_and_its_owner_a_notice()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = app.CreateBrowserlessClient();
        var answers = new List<string>();
        async Task SignInAsync(string email, string password)
        {
            using var response = await PortalAppFactory.PostSignInAsync(client, email, password);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(ErrorOf(await response.Content.ReadAsStringAsync(Ct)));
        }

        await SignInAsync($"nobody-{Guid.NewGuid():N}@example.jp", "wrong-password");
        for (var i = 0; i < 5; i++) await SignInAsync(resident.Email, "wrong-password"); // the fifth locks
        await SignInAsync(resident.Email, PortalAppFactory.Password); // the right one, while locked

        Assert.All(answers, a => Assert.Equal(PortalText.Ja("SignIn_Invalid"), a));
        var inbox = app.Services.GetRequiredService<INoticeInbox>();
        var notice = await Eventually.ValueAsync(async () =>
            (await inbox.ListAsync(resident.Id, 0, 10, Ct)).SingleOrDefault(n => n.Kind == NoticeKind.AccountLocked));
        Assert.Equal("/account/forgot", notice.Link);
    }

    private static string ErrorOf(string html)
    {
        var match = System.Text.RegularExpressions.Regex.Match(html, "<div[^>]*role=\"alert\"[^>]*>(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(match.Success, "The sign-in page shows no error.");
        return System.Net.WebUtility.HtmlDecode(match.Groups[1].Value).Trim();
    }

    [Fact]
    public async Task A_disabled_account_loses_its_open_session()
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        using var client = await app.SignedInClientAsync(staff);
        using (var before = await client.GetAsync("/staff", Ct))
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        var accounts = (AccountService)app.Services.GetService(typeof(AccountService))!;
        await accounts.SetDisabledAsync(Portal.Core.Audit.Actor.System, staff.Id, true, "異動のため停止", Ct);

        using var after = await client.GetAsync("/staff", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/signin", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Sign_in_posts_beyond_the_limit_get_429_with_a_localized_message()
    {
        using var limited = PortalAppFactory.With(new Dictionary<string, string?> { ["Security:SignInAttemptsPerMinute"] = "2" });
        using var client = limited.CreateBrowserlessClient();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await PortalAppFactory.PostSignInAsync(client, "nobody@example.jp", "wrong-password");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var refused = await PortalAppFactory.PostSignInAsync(client, "nobody@example.jp", "wrong-password");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("しばらく待って", await refused.Content.ReadAsStringAsync(Ct));
        // Showing the form is not limited.
        using var form = await client.GetAsync("/account/signin", Ct);
        Assert.Equal(HttpStatusCode.OK, form.StatusCode);
    }

    [Fact]
    public async Task Keys_survive_a_restart_so_people_stay_signed_in()
    {
        var folder = PortalAppFactory.NewDataFolder();
        var settings = new Dictionary<string, string?> { ["Portal:DataFolder"] = folder };
        string cookie;
        using (var first = PortalAppFactory.With(settings))
        {
            var resident = await first.CreateAccountAsync(Role.Resident);
            using var client = first.CreateBrowserlessClient();
            using var signIn = await PortalAppFactory.PostSignInAsync(client, resident.Email, PortalAppFactory.Password);
            cookie = signIn.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith(".ChibaPortal.Session=", StringComparison.Ordinal)).Split(';')[0];
            await first.DisposeAsync();
        }
        using var second = PortalAppFactory.With(settings);
        using var again = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = second.ServerAddress };
        using var request = new HttpRequestMessage(HttpMethod.Get, "/account");
        request.Headers.Add("Cookie", cookie);
        using var response = await again.SendAsync(request, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await second.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder, recursive: true);
    }
}
