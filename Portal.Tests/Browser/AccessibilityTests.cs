using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The portal's pages, as each kind of visitor sees them on a desktop screen, pass axe-core's WCAG 2.1 A/AA rules
/// in both languages (every visit is checked; see <see cref="PortalBrowser.VisitAndCheckAsync"/>). The role home
/// pages (/staff, /admin, /kiosk) are checked by the sign-in tests, which land on them.
/// </summary>
[Collection(AccessibilityCollection.Name)]
public sealed class AccessibilityTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task Pages_open_to_everyone_are_accessible()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        foreach (var path in new[] { "/", "/account/signin", "/account/signup", "/reports", "/points", "/queue", "/benefits", "/not-allowed",
                                     "/terms", "/privacy", "/accessibility", "/contact", "/not-found", "/account/deleted", "/account/email-verified" })
            await browser.VisitAndCheckAsync(path, async _ => Assert.Equal(path, new Uri(browser.Page.Url).AbsolutePath));
    }

    [Fact]
    public async Task A_residents_pages_are_accessible()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var resident = await app.CreateAccountAsync(Role.Resident);
        await browser.SignInQuietlyAsync(resident);
        var report = await Reports.ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow.AddDays(-2), "ベンチの板が割れています", resident.Id);
        await Reports.ReportSeeds.MoveAsync(app, report, Portal.Core.Reports.ReportStatus.Accepted, DateTimeOffset.UtcNow.AddDays(-1), "現地を確認します。");
        foreach (var path in new[] { "/", "/account", "/account/password", "/reports/mine", $"/reports/{report.Id}", $"/reports/{report.Id}/edit", "/reports/new", "/reports/supporters",
                                     "/for-you/my-data", "/points/checkin", "/reports/alerts" })
            await browser.VisitAndCheckAsync(path, async _ => Assert.Equal(path, new Uri(browser.Page.Url).AbsolutePath));
        // A theme report: its card on the reports home, its page, and the report form reporting into it (its banner above the form).
        var theme = await Reports.ReportSeeds.OpenThemeAsync(app);
        await browser.VisitAndCheckAsync("/reports", async _ => await Expect(browser.Page.Locator($"article[data-theme='{theme.Code}']")).ToBeVisibleAsync());
        await browser.VisitAndCheckAsync($"/reports/themes/{theme.Code}", async _ => await Expect(browser.Page.Locator("#theme-report")).ToBeVisibleAsync());
        await browser.VisitAndCheckAsync($"/reports/new?theme={theme.Code}", async _ => await Expect(browser.Page.Locator("section.theme-banner")).ToBeVisibleAsync());
        // The one-click page of a followed report's messages, before it is used.
        var alerts = app.Services.GetRequiredService<Portal.Core.Reports.Alerts.ReportAlertService>();
        Assert.True((await alerts.FollowAsync(report.Id, resident.Id, CancellationToken.None)).Succeeded);
        var stop = Portal.Core.Reports.Alerts.UnsubscribeLinks.Path(app.Services.GetRequiredService<ISecretProtector>(),
            new Portal.Core.Reports.Alerts.UnsubscribeTarget(Portal.Core.Reports.Alerts.UnsubscribeKind.Follow, resident.Id, report.Id));
        await browser.VisitAndCheckAsync(stop, async _ => await Expect(browser.Page.Locator("#unsubscribe-confirm")).ToBeVisibleAsync());
    }

    [Fact]
    public async Task Staff_pages_are_accessible()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        // With the city-wide permission, so the register import's form is there to check.
        var staff = await app.CreateCityWideStaffAsync();
        await browser.SignInQuietlyAsync(staff);
        // Their own home page is checked by the sign-in tests. This is the residents' home page as staff see it,
        // with a note that leads to their own.
        await browser.VisitAndCheckAsync("/", async language =>
            await Expect(browser.Page.Locator(".mud-alert a[href='/staff']")).ToHaveTextAsync(PortalText.Get("Home_GoToYourHome", language)));

        // ChibaRepo's back office: the inbox with a report in it, the report's page, the statistics, filing for a resident.
        var report = await Reports.ReportSeeds.SubmitAsync(app, "road-pothole", DateTimeOffset.UtcNow.AddDays(-10), "交差点の手前に穴があります");
        await browser.VisitAndCheckAsync("/staff/reports", _ => browser.WaitForTableRowsAsync());
        await browser.VisitAndCheckAsync($"/staff/reports/{report.Id}", async _ =>
            await Expect(browser.Page.Locator("#report-description")).ToHaveTextAsync("交差点の手前に穴があります"));
        await browser.VisitAndCheckAsync("/staff/reports/statistics");
        // Filing a report for a caller or visitor.
        await browser.VisitAndCheckAsync("/staff/reports/new", async _ => await Expect(browser.Page.Locator("#assisted-file")).ToBeVisibleAsync());

        // The ward office's counter console and queue statistics, the register import, and resident support: the search
        // and a resident's page, which asks for the reason before showing anything.
        var resident = await app.CreateAccountAsync(Role.Resident);
        foreach (var path in new[] { "/staff/queue", "/staff/queue/stats", "/staff/register", "/staff/residents", $"/staff/residents/{resident.Id}" })
            await browser.VisitAndCheckAsync(path, async _ => Assert.Equal(path, new Uri(browser.Page.Url).AbsolutePath));
    }

    [Fact]
    public async Task Administration_pages_are_accessible()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var admin = await app.CreateAccountAsync(Role.Admin);
        await browser.SignInQuietlyAsync(admin);

        await browser.VisitAndCheckAsync("/admin/audit", _ => browser.WaitForTableRowsAsync());
        await browser.VisitAndCheckAsync("/admin/report-categories");
        // A category's questions, with the street light's two (a text, and a choice with its options) on the page.
        await browser.VisitAndCheckAsync("/admin/report-categories/road-street-light/questions",
            _ => Expect(browser.Page.Locator("[data-testid='question-1-option-0']")).ToBeVisibleAsync());
        // Theme reports: the list with a theme in it, a new theme's form, and a theme's own (with "close now").
        var theme = await Reports.ReportSeeds.OpenThemeAsync(app);
        await browser.VisitAndCheckAsync("/admin/report-themes", _ => browser.WaitForTableRowsAsync());
        await browser.VisitAndCheckAsync("/admin/report-themes/new", async _ => await Expect(browser.Page.Locator("#theme-save")).ToBeVisibleAsync());
        await browser.VisitAndCheckAsync($"/admin/report-themes/{theme.Code}", async _ => await Expect(browser.Page.Locator("#theme-close")).ToBeVisibleAsync());
        // Routing: sections, the category × ward table (a select per cell), outside bodies.
        await browser.VisitAndCheckAsync("/admin/report-routing", _ => Expect(browser.Page.Locator("#route-road-pothole-city")).ToBeVisibleAsync());
        await browser.VisitAndCheckAsync("/admin/open311");
        await browser.VisitAndCheckAsync("/admin/queues");
        await browser.VisitAndCheckAsync("/admin/points/residents");
        await browser.VisitAndCheckAsync("/admin/benefits");
        await browser.VisitAndCheckAsync($"/admin/benefits/{Portal.Core.Benefits.StandardBenefits.All[0].Code}");

        // The account list once its rows have loaded, and the new-account dialog over it.
        await browser.VisitAndCheckAsync("/admin/accounts", async language =>
        {
            var page = browser.Page;
            await Expect(page.Locator("td", new() { HasText = admin.Email })).ToBeVisibleAsync();
            // The pager speaks the page's language too (MudBlazor's own default is English).
            var pagerInfo = string.Join(@"\d+", Regex.Split(PortalText.Get("Common_PagerInfo", language), @"\{\w+\}").Select(Regex.Escape));
            await Expect(page.Locator(".mud-table-page-number-information")).ToHaveTextAsync(new Regex("^" + pagerInfo + "$"));
            await page.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = PortalText.Get("Accounts_New", language) }).ClickAsync();
            var dialog = page.Locator(".mud-dialog");
            await Expect(dialog).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"/admin/accounts, new-account dialog ({language})");
            await dialog.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = PortalText.Get("Common_Cancel", language) }).ClickAsync();
            await Expect(dialog).ToBeHiddenAsync();
        });
    }
}
