using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.Languages;

/// <summary>
/// Over HTTP, in each of the portal's languages: the language menu's post sets the cookie, the next pages come in that
/// language with the right &lt;html lang&gt;, the menu marks it, and the resident's choice is kept for their notices.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed partial class LanguageHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Languages => [.. OfferedLanguages.Standard.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Choosing_a_language_keeps_it_for_the_next_pages_with_their_html_lang(string language)
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);
        var home = await client.GetStringAsync("/", Ct);

        using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(home, "__RequestVerificationToken"),
            ["culture"] = language,
            ["returnUrl"] = "/reports",
        }), Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/reports", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Culture=", StringComparison.Ordinal));
        Assert.Contains(Uri.EscapeDataString($"c={language}|uic={language}"), cookie);

        var page = await client.GetStringAsync("/reports", Ct);
        Assert.Equal(PortalCultures.HtmlLangOf(language), HtmlLang().Match(page).Groups[1].Value);
        Assert.Contains($"class=\"language-menu-current\">{PortalText.Get("Language_Name", language)}<", WebUtility.HtmlDecode(page));
        Assert.Equal(language, CurrentInMenu().Match(page).Groups[1].Value);
        // Their notices go out in it too.
        var accounts = app.Services.GetRequiredService<IUserAccountRepository>();
        Assert.Equal(language, (await accounts.GetByIdAsync(resident.Id, Ct))!.PreferredCulture);
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("zh")]
    [InlineData("ja-Nope")]
    public async Task A_language_the_portal_does_not_offer_is_refused(string culture)
    {
        using var client = app.CreateBrowserlessClient();
        var home = await client.GetStringAsync("/", Ct);
        using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(home, "__RequestVerificationToken"),
            ["culture"] = culture,
            ["returnUrl"] = "/",
        }), Ct);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task The_static_and_light_pages_carry_the_language_menu_too()
    {
        using var client = app.CreateBrowserlessClient();
        foreach (var path in new[] { "/account/signin", "/queue" })
        {
            var page = await client.GetStringAsync(path + "?culture=vi", Ct);
            Assert.Equal("vi", HtmlLang().Match(page).Groups[1].Value);
            Assert.Equal(OfferedLanguages.Standard.All.Count, OptionCount().Matches(page).Count);
            Assert.Equal("vi", CurrentInMenu().Match(page).Groups[1].Value);
        }
    }

    /// <summary>
    /// The list of languages belongs to an application, not to the process: two servers in one process (as tests run
    /// them), one offering Japanese and English and one Japanese, Vietnamese and English, each list their own in the
    /// menu, whichever started last, and each takes its own languages and refuses the other's.
    /// </summary>
    [Fact]
    public async Task Two_applications_in_one_process_each_offer_their_own_languages()
    {
        await using var two = PortalAppFactory.With(LanguageSettings("ja", "en"));
        await using var three = PortalAppFactory.With(LanguageSettings("ja", "vi", "en"));
        Assert.NotEqual(two.ServerAddress, three.ServerAddress);

        foreach (var (server, offered, other) in new[] { (two, new[] { "ja", "en" }, "vi"), (three, new[] { "ja", "vi", "en" }, "ko"), (two, new[] { "ja", "en" }, "vi") })
        {
            using var client = server.CreateBrowserlessClient();
            var home = await client.GetStringAsync("/", Ct);
            Assert.Equal(offered, MenuOption().Matches(home).Select(m => m.Groups[1].Value));
            foreach (var (culture, status) in new[] { (offered[^1], HttpStatusCode.Redirect), (other, HttpStatusCode.BadRequest) })
            {
                using var response = await client.PostAsync("/culture", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(home, "__RequestVerificationToken"),
                    ["culture"] = culture,
                    ["returnUrl"] = "/",
                }), Ct);
                Assert.Equal(status, response.StatusCode);
            }
        }
    }

    /// <summary>Portal:Languages as given, the shipped list's further entries emptied (configuration merges arrays by index).</summary>
    private static Dictionary<string, string?> LanguageSettings(params string[] languages) =>
        Enumerable.Range(0, OfferedLanguages.Default.Count)
            .ToDictionary(i => $"{PortalCultures.ConfigurationKey}:{i}", string? (i) => i < languages.Length ? languages[i] : "");

    [GeneratedRegex("<button type=\"submit\" name=\"culture\" value=\"([^\"]*)\"")]
    private static partial Regex MenuOption();

    [GeneratedRegex("<html lang=\"([^\"]*)\"")]
    private static partial Regex HtmlLang();

    [GeneratedRegex("<button type=\"submit\" name=\"culture\" value=\"([^\"]*)\"[^>]*aria-current=\"true\"")]
    private static partial Regex CurrentInMenu();

    [GeneratedRegex("class=\"language-option\"")]
    private static partial Regex OptionCount();
}
