using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Japanese first, every other language two presses away, and the forbidden pages stay forbidden in each.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class LanguageTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task The_language_menu_on_a_phone_names_every_language_in_itself_and_turns_the_page_into_each()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var page = browser.Page;
        await page.GotoAsync("/reports");
        await browser.WaitUntilReadyAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");

        foreach (var language in OfferedLanguages.Standard.All.Skip(1).Append(PortalCultures.Japanese))
        {
            // The menu, open: every language named in itself, the current one marked, 44 px targets, nothing off screen.
            await page.Locator(".language-menu-button").ClickAsync();
            var options = page.Locator("button.language-option");
            await Expect(options).ToHaveTextAsync(OfferedLanguages.Standard.All.Select(l => PortalText.Get("Language_Name", l)).ToArray());
            await Expect(page.Locator("button.language-option[aria-current=true]")).ToHaveAttributeAsync("value", browser.Language);
            foreach (var box in await options.EvaluateAllAsync<double[]>("els => els.map(e => e.getBoundingClientRect().height)"))
                Assert.True(box >= 44, $"A language is a target of {box} px, under 44.");
            await browser.AssertNoHorizontalOverflowAsync($"/reports with the language menu open ({browser.Language})");
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"/reports with the language menu open ({browser.Language})");

            await browser.SwitchLanguageAsync(language);
            Assert.Equal("/reports", new Uri(page.Url).AbsolutePath);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.HtmlLangOf(language));
            Assert.Equal(Ruby.Plain(PortalText.Get("Nav_Reports", language)), await browser.HeadingAsync());
            await Expect(page.Locator(".portal-brand")).ToHaveTextAsync(Ruby.Plain(PortalText.Get("App_Name", language)));
        }
    }

    [Fact]
    public async Task The_chosen_language_is_kept_and_the_static_pages_switch_too()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        // The sign-in page is static HTML with its own layout; it switches (ja, then en) like the interactive pages.
        await browser.VisitAndCheckAsync("/account/signin", async language =>
        {
            await Expect(browser.Page.Locator("html")).ToHaveAttributeAsync("lang", language);
            Assert.Equal(PortalText.Get("SignIn_Title", language), await browser.HeadingAsync());
            await Expect(browser.Page.Locator("label[for=password]")).ToHaveTextAsync(PortalText.Get("Field_Password", language));
        });
        Assert.Equal(PortalBrowser.English, browser.Language);

        // The next page opens in English without asking again (the cookie), and switches back to Japanese.
        var languages = new List<string>();
        await browser.VisitAndCheckAsync("/points", async language =>
        {
            languages.Add(language);
            Assert.Equal(PortalText.Get("Nav_Points", language), await browser.HeadingAsync());
        });
        Assert.Equal([PortalBrowser.English, PortalBrowser.Japanese], languages);
    }

    [Fact]
    public async Task A_resident_opening_back_office_pages_sees_the_not_allowed_page_in_both_languages()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var resident = await app.CreateAccountAsync(Role.Resident);
        await browser.SignInQuietlyAsync(resident);

        foreach (var path in new[] { "/staff", "/admin" })
        {
            await browser.VisitAndCheckAsync(path, async language =>
            {
                Assert.Equal("/not-allowed", new Uri(browser.Page.Url).AbsolutePath);
                Assert.Equal(PortalText.Get("NotAllowed_Title", language), await browser.HeadingAsync());
                var text = await browser.Page.Locator("main").InnerTextAsync();
                Assert.Contains(PortalText.Get("NotAllowed_Body", language), text);
                foreach (var backOfficeOnly in new[] { "StaffHome_Title", "StaffHome_AccountText", "AdminHome_Title", "AdminHome_Lead" })
                    Assert.DoesNotContain(PortalText.Get(backOfficeOnly, language), text);
            });
        }
    }
}
