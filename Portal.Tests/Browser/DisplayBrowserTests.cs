using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using Portal.Web.Shell.Display;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Text size and contrast on a phone: the menu in the bar of a static and an interactive page, the choice kept on
/// every page, and the resident's main pages at the largest size in high contrast: no overflow at 390x844, axe-core,
/// and every text at the enhanced contrast of WCAG AAA.
/// </summary>
[Collection(PhoneCollection.Name)]
public sealed class DisplayBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static Task<string?> RootFontSizeAsync(IPage page) =>
        page.EvaluateAsync<string?>("() => getComputedStyle(document.documentElement).fontSize");

    [Fact]
    public async Task The_menu_changes_the_text_size_and_contrast_from_a_static_page_and_every_page_keeps_them()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var page = browser.Page;
        var html = page.Locator("html");

        // The sign-in page is static HTML: the menu works without a circuit.
        await browser.VisitAndCheckAsync("/account/signin");
        Assert.Equal("16px", await RootFontSizeAsync(page));
        await page.Locator(".display-menu-button").ClickAsync();
        await browser.AssertNoHorizontalOverflowAsync("/account/signin with the display menu open");
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/account/signin with the display menu open");
        await page.Locator("button[data-size='x-large']").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-text-size", "x-large");
        await browser.WaitUntilReadyAsync();
        Assert.Equal("24px", await RootFontSizeAsync(page));
        Assert.EndsWith("/account/signin", page.Url);

        // An interactive page comes with it, and its own menu (on the circuit) shows the choice and adds contrast.
        await page.GotoAsync("/reports");
        await browser.WaitUntilReadyAsync();
        await Expect(html).ToHaveAttributeAsync("data-text-size", "x-large");
        await page.Locator(".display-menu-button").ClickAsync();
        await Expect(page.Locator("button[data-size='x-large']")).ToHaveAttributeAsync("aria-pressed", "true");
        await Expect(page.Locator("button[data-contrast-toggle]")).ToHaveAttributeAsync("aria-pressed", "false");
        await page.Locator("button[data-contrast-toggle]").ClickAsync();
        await Expect(html).ToHaveAttributeAsync("data-contrast", "high");
        await browser.WaitUntilReadyAsync();
        Assert.EndsWith("/reports", page.Url);
        Assert.Equal("rgb(0, 0, 0)", await page.EvaluateAsync<string>("() => getComputedStyle(document.body).color"));

        // Back to the standard size: the attribute goes, the contrast stays.
        await page.Locator(".display-menu-button").ClickAsync();
        await page.Locator("button[data-size='standard']").ClickAsync();
        await Expect(html).Not.ToHaveAttributeAsync("data-text-size", "x-large");
        await browser.WaitUntilReadyAsync();
        Assert.Equal("16px", await RootFontSizeAsync(page));
        await Expect(html).ToHaveAttributeAsync("data-contrast", "high");
    }

    [Fact]
    public async Task A_residents_main_pages_fit_a_phone_at_the_largest_text_in_high_contrast_with_AAA_text_contrast()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var resident = await app.CreateAccountAsync(Role.Resident, name: "千葉 太郎右衛門 長いお名前のテスト利用者");
        await browser.Context.AddCookiesAsync(
        [
            new Cookie
            {
                Name = DisplayPreferences.CookieName, Value = new DisplayPreferences(TextSize.ExtraLarge, HighContrast: true).CookieValue,
                Url = app.ServerAddress.GetLeftPart(UriPartial.Authority) + "/", SameSite = SameSiteAttribute.Lax,
            },
        ]);

        async Task Largest(string _)
        {
            Assert.Equal("24px", await RootFontSizeAsync(browser.Page));
            await Accessibility.AssertEnhancedContrastAsync(browser.Page, $"{browser.CurrentPath} ({browser.Language}, high contrast)");
        }

        foreach (var path in new[] { "/account/signin", "/account/signup", "/reports" })
            await browser.VisitAndCheckAsync(path, Largest);
        await browser.SignInQuietlyAsync(resident);
        foreach (var path in new[] { "/", "/reports/new", "/reports/mine", "/points", "/points/history", "/queue", "/for-you", "/for-you/check",
                     "/notifications", "/settings/channels", "/account" })
            await browser.VisitAndCheckAsync(path, Largest);
    }
}
