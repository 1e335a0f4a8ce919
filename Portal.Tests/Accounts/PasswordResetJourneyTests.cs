using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Data.Notifications;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications.Email;

namespace Portal.Tests.Accounts;

/// <summary>
/// Forgetting a password, over HTTP against the whole portal, with its mail going to a local SMTP server: the link in
/// the mail sets a new password, ends the sessions signed in with the old one, and works only once. The session check
/// is cached here as in production (30 s), so "ends at once" is what is tested.
/// </summary>
public sealed partial class PasswordResetJourneyTests : IAsyncLifetime
{
    private const string NewPassword = "hanami-gawa-no-sakura-2026";
    private readonly LocalSmtpServer _smtp = new();
    private PortalAppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:FromAddress"] = "noreply@city.chiba.example",
            ["Notifications:PollSeconds"] = "1",
            ["PasswordReset:RequestsPerClientPerHour"] = "1000",
            ["Security:SessionCheckSeconds"] = "30",
        });
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex(@"/account/reset\?token=[A-Za-z0-9_\-]+")]
    private static partial Regex ResetLink();

    private async Task<UserAccount> VerifiedResidentAsync(string? name = null)
    {
        var resident = await _app.CreateAccountAsync(Role.Resident, name: name);
        Assert.True(await _app.Services.GetRequiredService<IChannelAddressRepository>().MarkEmailVerifiedAsync(resident.Id, resident.Email, DateTimeOffset.UtcNow, Ct));
        return resident;
    }

    /// <summary>Posts a static form as a browser does: its page first (for the antiforgery token), then the fields.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(HttpClient client, string path, string handler, IDictionary<string, string> fields)
    {
        var page = await client.GetStringAsync(path, Ct);
        var form = new Dictionary<string, string>(fields)
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(page, "__RequestVerificationToken"),
            ["_handler"] = handler,
        };
        return await client.PostAsync(path, new FormUrlEncodedContent(form), Ct);
    }

    private static Task<HttpResponseMessage> AskForLinkAsync(HttpClient client, string email) =>
        PostFormAsync(client, "/account/forgot", "forgot", new Dictionary<string, string> { ["Input.Email"] = email });

    private static Task<HttpResponseMessage> SetPasswordAsync(HttpClient client, string link, string password) =>
        PostFormAsync(client, link, "reset", new Dictionary<string, string>
        {
            ["Input.Token"] = link[(link.IndexOf('=') + 1)..],
            ["Input.New.Password"] = password,
            ["Input.New.ConfirmPassword"] = password,
        });

    private static string Answer(string html) => Regex.Match(html, "<div class=\"static-success\"[^>]*id=\"reset-requested\">(.*?)</div>", RegexOptions.Singleline).Groups[1].Value;

    [Fact]
    public async Task The_mailed_link_sets_a_new_password_ends_the_old_sessions_and_works_once()
    {
        var resident = await VerifiedResidentAsync("千葉 花子");
        using var oldSession = await _app.SignedInClientAsync(resident);
        using (var before = await oldSession.GetAsync("/account", Ct)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);

        using var phone = _app.CreateBrowserlessClient();
        using var asked = await AskForLinkAsync(phone, resident.Email);
        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        Assert.Contains(string.Format(PortalText.Get("Recovery_Sent", "ja"), resident.Email), Answer(await asked.Content.ReadAsStringAsync(Ct)));

        var (_, to, message) = await _smtp.NextAsync();
        Assert.Equal([resident.Email], to);
        Assert.Equal("パスワードの再設定 | ちばポータル", message.Subject);
        Assert.Contains("千葉 花子 様", message.TextBody);
        Assert.Contains("60 分", message.TextBody);
        Assert.Contains(PortalText.Get("Recovery_EmailFooter", "ja"), message.TextBody);
        var link = ResetLink().Match(message.TextBody!).Value;
        Assert.NotEmpty(link);

        using var mailApp = _app.CreateBrowserlessClient();
        Assert.Contains("id=\"new-password\"", await mailApp.GetStringAsync(link, Ct));
        using var set = await SetPasswordAsync(mailApp, link, NewPassword);
        var done = await set.Content.ReadAsStringAsync(Ct);
        Assert.Contains(PortalText.Get("Recovery_Done", "ja"), done);
        Assert.Contains(PortalText.Get("Recovery_SessionsEnded", "ja"), done);

        // The browser that was signed in with the old password is signed out at once, not after the session check's 30 s.
        using (var after = await oldSession.GetAsync("/account", Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
            Assert.StartsWith("/account/signin", after.Headers.Location!.PathAndQuery);
        }
        using (var oldPassword = await PortalAppFactory.PostSignInAsync(_app.CreateBrowserlessClient(), resident.Email, PortalAppFactory.Password))
            Assert.Equal(HttpStatusCode.OK, oldPassword.StatusCode);
        using (var newPassword = await PortalAppFactory.PostSignInAsync(_app.CreateBrowserlessClient(), resident.Email, NewPassword))
            Assert.Equal(HttpStatusCode.Redirect, newPassword.StatusCode);

        // The same link a second time: refused, and it says why.
        var again = await _app.CreateBrowserlessClient().GetStringAsync(link, Ct);
        Assert.Contains("data-state=\"Used\"", again);
        Assert.DoesNotContain("id=\"new-password\"", again);
    }

    /// <summary>
    /// The link goes out in the language the resident asked in: the portal's name for it ("zh-Hans", "ja-Easy"), not the
    /// culture's two letters, which sent a Chinese reader's mail as "zh" (no such language here) and an easy-Japanese
    /// reader's in plain Japanese.
    /// </summary>
    [Theory]
    [InlineData("zh-Hans", "重新设置密码 | 千叶门户")]
    [InlineData("ja-Easy", "パスワードを 新しく する | ちばポータル")]
    public async Task The_mail_is_written_in_the_language_the_resident_asked_in(string language, string subject)
    {
        var resident = await VerifiedResidentAsync();
        using var phone = _app.CreateBrowserlessClient();

        using var asked = await PostFormAsync(phone, $"/account/forgot?culture={language}", "forgot", new Dictionary<string, string> { ["Input.Email"] = resident.Email });

        Assert.Equal(HttpStatusCode.OK, asked.StatusCode);
        var (_, to, message) = await _smtp.NextAsync();
        Assert.Equal([resident.Email], to);
        Assert.Equal(subject, message.Subject);
    }

    [Fact]
    public async Task An_unknown_or_unconfirmed_address_gets_the_same_answer_and_no_mail()
    {
        var unconfirmed = await _app.CreateAccountAsync(Role.Resident);
        var confirmed = await VerifiedResidentAsync();
        var unknown = $"nobody-{Guid.NewGuid():N}@test.chiba-portal.jp";
        using var client = _app.CreateBrowserlessClient();

        var answers = new List<string>();
        foreach (var address in new[] { unknown, unconfirmed.Email, confirmed.Email })
        {
            using var response = await AskForLinkAsync(client, address);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            answers.Add(Answer(await response.Content.ReadAsStringAsync(Ct)).Replace(address, "ADDRESS", StringComparison.Ordinal));
        }
        Assert.NotEmpty(answers[0]);
        Assert.All(answers, a => Assert.Equal(answers[0], a));

        // Requests are looked up in order: once the confirmed address has its mail, the two before it were handled.
        var (_, to, _) = await _smtp.NextAsync();
        Assert.Equal([confirmed.Email], to);
        Assert.Single(_smtp.Received);
    }

    [Fact]
    public async Task Asking_too_often_is_limited_per_address_and_per_client()
    {
        using var client = _app.CreateBrowserlessClient();
        var address = $"nobody-{Guid.NewGuid():N}@test.chiba-portal.jp";
        for (var i = 0; i < 3; i++)
        {
            using var accepted = await AskForLinkAsync(client, address);
            Assert.Contains("id=\"reset-requested\"", await accepted.Content.ReadAsStringAsync(Ct));
        }
        using (var fourth = await AskForLinkAsync(client, address))
            Assert.Contains(PortalText.Get("Recovery_TooManyForAddress", "ja"), await fourth.Content.ReadAsStringAsync(Ct));

        await using var limited = PortalAppFactory.With(new Dictionary<string, string?> { ["PasswordReset:RequestsPerClientPerHour"] = "2" });
        using var flooding = limited.CreateBrowserlessClient();
        for (var i = 0; i < 2; i++)
        {
            using var allowed = await AskForLinkAsync(flooding, $"a{i}-{Guid.NewGuid():N}@test.chiba-portal.jp");
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }
        using var refused = await AskForLinkAsync(flooding, $"b-{Guid.NewGuid():N}@test.chiba-portal.jp");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal(PortalText.Get("Error_TooManyRequests", "ja"), await refused.Content.ReadAsStringAsync(Ct));
    }

    [Fact]
    public async Task A_code_from_the_ward_office_sets_a_new_password_and_ends_the_old_sessions()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        var staff = await _app.CreateAccountAsync(Role.Staff);
        using var oldSession = await _app.SignedInClientAsync(resident);
        using (var before = await oldSession.GetAsync("/account", Ct)) Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        var issued = await _app.Services.GetRequiredService<PasswordResetService>().IssueStaffCodeAsync(
            Actor.For(staff, "127.0.0.1"), resident.Id, "窓口で本人から依頼", IdentityCheck.ResidenceCard, Ct);

        using var home = _app.CreateBrowserlessClient();
        using var wrong = await PostFormAsync(home, "/account/reset-code", "reset-code", new Dictionary<string, string>
        {
            ["Input.Email"] = resident.Email, ["Input.Code"] = "AAAAA-AAAAA",
            ["Input.New.Password"] = NewPassword, ["Input.New.ConfirmPassword"] = NewPassword,
        });
        Assert.Contains(PortalText.Get("Recovery_CodeWrong", "ja"), await wrong.Content.ReadAsStringAsync(Ct));

        using var right = await PostFormAsync(home, "/account/reset-code", "reset-code", new Dictionary<string, string>
        {
            ["Input.Email"] = resident.Email, ["Input.Code"] = PasswordResetRules.FormatStaffCode(issued.Code!).ToLowerInvariant(),
            ["Input.New.Password"] = NewPassword, ["Input.New.ConfirmPassword"] = NewPassword,
        });
        Assert.Contains(PortalText.Get("Recovery_SessionsEnded", "ja"), await right.Content.ReadAsStringAsync(Ct));

        using var after = await oldSession.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        using var signIn = await PortalAppFactory.PostSignInAsync(_app.CreateBrowserlessClient(), resident.Email, NewPassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
    }

    [Fact]
    public async Task Changing_the_password_keeps_this_session_and_ends_the_others_at_once()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var laptop = await _app.SignedInClientAsync(resident);
        using var phone = await _app.SignedInClientAsync(resident);
        using (var seen = await phone.GetAsync("/account", Ct)) Assert.Equal(HttpStatusCode.OK, seen.StatusCode);

        using var changed = await PostFormAsync(laptop, "/account/password", "password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = PortalAppFactory.Password, ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword,
        });
        Assert.Contains(PortalText.Get("Password_Changed", "ja"), await changed.Content.ReadAsStringAsync(Ct));

        using (var stays = await laptop.GetAsync("/account", Ct)) Assert.Equal(HttpStatusCode.OK, stays.StatusCode);
        using (var ends = await phone.GetAsync("/account", Ct)) Assert.Equal(HttpStatusCode.Redirect, ends.StatusCode);
    }
}
