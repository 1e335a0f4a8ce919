using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Japanese first, English one press away, and the forbidden pages stay forbidden in both.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class LanguageTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task The_language_switch_turns_the_page_to_English_and_back_to_Japanese()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var page = browser.Page;
        await page.GotoAsync("/reports");
        await browser.WaitUntilReadyAsync();

        // Japanese by default.
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        Assert.Equal(PortalText.Ja("Nav_Reports"), await browser.HeadingAsync());
        await Expect(page.Locator(".portal-brand")).ToHaveTextAsync(PortalText.Ja("App_Name"));
        await Expect(page.Locator(".language-button")).ToHaveTextAsync("English");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/reports (ja)");

        // One press: the same page in English.
        await browser.SwitchLanguageAsync(PortalBrowser.English);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("/reports", new Uri(page.Url).AbsolutePath);
        Assert.Equal(PortalText.En("Nav_Reports"), await browser.HeadingAsync());
        await Expect(page.Locator(".portal-brand")).ToHaveTextAsync(PortalText.En("App_Name"));
        await Expect(page.Locator(".portal-lead")).ToHaveTextAsync(PortalText.En("Reports_Lead"));
        await Expect(page.Locator(".resident-nav")).ToContainTextAsync(PortalText.En("Nav_Benefits"));
        await Expect(page.Locator(".language-button")).ToHaveTextAsync("日本語");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/reports (en)");

        // And back.
        await browser.SwitchLanguageAsync(PortalBrowser.Japanese);
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        Assert.Equal("/reports", new Uri(page.Url).AbsolutePath);
        Assert.Equal(PortalText.Ja("Nav_Reports"), await browser.HeadingAsync());
        await Expect(page.Locator(".portal-lead")).ToHaveTextAsync(PortalText.Ja("Reports_Lead"));
        await Expect(page.Locator(".language-button")).ToHaveTextAsync("English");
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
