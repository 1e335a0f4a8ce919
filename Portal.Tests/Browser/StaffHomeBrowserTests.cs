using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Queues;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The staff home counts the people waiting at the member of staff's office and follows new tickets live.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class StaffHomeBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private const string Office = "hanamigawa";

    [Fact]
    public async Task Staff_see_the_waiting_count_of_their_office_grow_when_a_ticket_is_issued_and_the_page_passes_axe()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var queues = app.Services.GetRequiredService<TicketService>();
        await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        var staff = await app.CreateAccountAsync(Role.Staff, Office);

        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        await browser.VisitAndCheckAsync("/staff");
        await browser.WaitUntilReadyAsync();
        var row = browser.Page.Locator($"[data-testid='waiting-{service.Code}'] [data-testid=count]");
        await Expect(row).ToHaveTextAsync("1");
        var total = browser.Page.Locator("[data-testid=staff-home-waiting] [data-testid=value]");
        var before = int.Parse(await total.TextContentAsync() ?? "0");

        await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);

        await Expect(row).ToHaveTextAsync("2");
        await Expect(total).ToHaveTextAsync((before + 1).ToString());
    }
    [Fact]
    public async Task A_new_report_in_the_ward_adds_one_to_the_new_reports_card()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        var reporter = await app.CreateAccountAsync(Role.Resident, name: "業務 花子");
        var reports = app.Services.GetRequiredService<ReportService>();
        var first = await reports.SubmitAsync(Draft(), reporter, "web", ct);
        Assert.True(first.Succeeded);
        var staff = await app.CreateAccountAsync(Role.Staff, first.Value!.WardId);

        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        await browser.Page.GotoAsync("/staff");
        await browser.WaitUntilReadyAsync();
        var card = browser.Page.Locator("[data-testid=staff-home-new-reports] [data-testid=value]");
        var before = int.Parse(await card.TextContentAsync() ?? "0");
        Assert.True(before >= 1);

        Assert.True((await reports.SubmitAsync(Draft(), reporter, "web", ct)).Succeeded);
        await browser.Page.ReloadAsync();
        await browser.WaitUntilReadyAsync();
        await Expect(card).ToHaveTextAsync((before + 1).ToString());
    }

    private static ReportDraft Draft() => new()
    {
        CategoryCode = "park-bench", Description = "ベンチが壊れています " + Guid.NewGuid().ToString("N")[..8],
        Latitude = 35.6083, Longitude = 140.1233,
    };
}
