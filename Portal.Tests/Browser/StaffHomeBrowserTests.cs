using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Queues;
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
}
