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

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        Assert.Equal(PortalText.Ja("Nav_Reports"), await browser.HeadingAsync());
        await Expect(page.Locator(".portal-brand")).ToHaveTextAsync(PortalText.Ja("App_Name"));
        await Expect(page.Locator(".language-button")).ToHaveTextAsync("English");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/reports (ja)");

        await page.Locator(".language-button").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal("/reports", new Uri(page.Url).AbsolutePath);
        Assert.Equal(PortalText.En("Nav_Reports"), await browser.HeadingAsync());
        await Expect(page.Locator(".portal-brand")).ToHaveTextAsync(PortalText.En("App_Name"));
        await Expect(page.Locator(".resident-nav")).ToContainTextAsync(PortalText.En("Nav_Benefits"));
        await Expect(page.Locator(".language-button")).ToHaveTextAsync("日本語");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/reports (en)");

        // The choice is kept: the sign-in page (static HTML, another layout) opens in English too, and switches back.
        await page.GotoAsync("/account/signin");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        Assert.Equal(PortalText.En("SignIn_Title"), await browser.HeadingAsync());
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync(PortalText.En("Field_Password"));
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/account/signin (en)");

        await page.Locator(".language-button").ClickAsync();
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ja");
        Assert.Equal("/account/signin", new Uri(page.Url).AbsolutePath);
        Assert.Equal(PortalText.Ja("SignIn_Title"), await browser.HeadingAsync());
        await Expect(page.Locator("label[for=password]")).ToHaveTextAsync(PortalText.Ja("Field_Password"));
        await Expect(page.Locator(".language-button")).ToHaveTextAsync("English");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/account/signin (ja)");
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
