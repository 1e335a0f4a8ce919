using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>A member of staff answers a resident's report, and the public sees the answer.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class StaffJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task Staff_accept_a_report_from_the_inbox_and_the_public_reads_the_response()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var description = $"街灯が消えています {Guid.NewGuid().ToString("N")[..6]}";
        var report = await Reports.ReportSeeds.SubmitAsync(app, "road-street-light", DateTimeOffset.UtcNow.AddDays(-3), description);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        var page = browser.Page;

        await page.GotoAsync($"/staff/reports/{report.Id}");
        await browser.WaitUntilReadyAsync();
        await Expect(page.Locator("#report-description")).ToHaveTextAsync(description);
        await page.Locator($".move-button[data-status={ReportStatus.Accepted}]").ClickAsync();
        var response = page.Locator("#move-public-response");
        await Expect(response).ToHaveValueAsync(PortalText.Ja("Reports_Template_Accepted"));
        await response.FillAsync("現地を確認し、修理を手配します。");
        await page.Locator("#move-confirm").ClickAsync();
        await Expect(page.Locator($".move-button[data-status={ReportStatus.InProgress}]")).ToBeVisibleAsync();

        await using var resident = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await resident.Page.GotoAsync($"/reports/{report.Id}");
        await resident.WaitUntilReadyAsync();
        await Expect(resident.Page.Locator(".report-response")).ToHaveTextAsync("現地を確認し、修理を手配します。");
        await Expect(resident.Page.GetByText(PortalText.Ja("PublicStatus_InProgress")).First).ToBeVisibleAsync();

        var audit = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(
            new AuditQuery(EntityType: ReportAuditActions.Entity, EntityId: report.Id.ToString()), TestContext.Current.CancellationToken);
        Assert.Contains(audit, e => e.Action == ReportAuditActions.StatusChanged && e.ActorId == staff.Id);
        Assert.Contains(audit, e => e.Action == ReportAuditActions.Viewed && e.ActorId == staff.Id);
    }
}
