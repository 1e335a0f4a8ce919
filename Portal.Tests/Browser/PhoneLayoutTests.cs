using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>
/// On a phone (390x844) no page is wider than the screen and nothing is cut off at its edge. Every visit checks
/// that (and axe-core) in both languages; these tests make their visits at phone size.
/// </summary>
[Collection(PhoneCollection.Name)]
public sealed class PhoneLayoutTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task Public_pages_fit_a_phone_screen()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        foreach (var path in new[] { "/", "/account/signin", "/account/signup", "/reports" })
            await browser.VisitAndCheckAsync(path);
    }

    [Fact]
    public async Task A_residents_pages_fit_a_phone_screen()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var resident = await app.CreateAccountAsync(Role.Resident, name: "千葉 太郎右衛門 長いお名前のテスト利用者");
        await browser.SignInQuietlyAsync(resident);
        await browser.VisitAndCheckAsync("/");
        await browser.VisitAndCheckAsync("/account");
    }

    [Fact]
    public async Task Back_office_pages_fit_a_phone_screen()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var admin = await app.CreateAccountAsync(Role.Admin);
        await browser.SignInQuietlyAsync(admin);
        await browser.VisitAndCheckAsync("/admin");
        await browser.VisitAndCheckAsync("/staff");
        await browser.VisitAndCheckAsync("/admin/accounts", _ => browser.WaitForTableRowsAsync());
        await browser.VisitAndCheckAsync("/admin/audit", _ => browser.WaitForTableRowsAsync());
    }
}
