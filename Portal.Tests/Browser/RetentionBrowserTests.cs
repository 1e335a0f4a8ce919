using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>/admin/retention in Chromium: reached from the admin hub, "run now" shows the run, axe in both languages.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class RetentionBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task An_administrator_runs_retention_now_from_the_admin_hub_and_sees_the_run()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var admin = await app.CreateAccountAsync(Role.Admin);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(admin);
        await browser.Page.GotoAsync("/admin");
        await browser.WaitUntilReadyAsync();

        await browser.Page.Locator("a[href='/admin/retention']").ClickAsync();
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/admin/retention");
        await browser.WaitUntilReadyAsync();
        await browser.Page.Locator("[data-testid=retention-run]").ClickAsync();

        await Expect(browser.Page.Locator("[data-testid=retention-result]")).ToContainTextAsync("実行しました");
        await Expect(browser.Page.Locator("[data-testid=retention-runs] tbody tr").First).ToContainTextAsync(admin.Email);
        await browser.CheckBothLanguagesAsync(_ => browser.WaitForTableRowsAsync());
    }
}
