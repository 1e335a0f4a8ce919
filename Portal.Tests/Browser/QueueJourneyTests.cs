using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A resident takes a ticket at the kiosk, follows it on their phone from the QR code's link, and a member of
/// staff calls and finishes it at the counter: the board and the ticket page change without anyone reloading.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class QueueJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private const string Office = "wakaba";

    [Fact]
    public async Task A_kiosk_ticket_is_called_from_the_counter_and_the_board_and_the_ticket_page_follow()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var counterName = "試験窓口" + service.Code[^4..];
        await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
            new Counter(0, Office, LocalizedText.Of(counterName), 99, true, [service.Id]), TestContext.Current.CancellationToken);
        app.Services.GetRequiredService<TicketService>().SetupChanged(Office);
        var kiosk = await app.CreateAccountAsync(Role.Kiosk, Office);
        var staff = await app.CreateAccountAsync(Role.Staff, Office);

        // The ticket machine.
        await using var kioskBrowser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await kioskBrowser.SignInQuietlyAsync(kiosk);
        var machine = kioskBrowser.Page;
        await machine.GotoAsync("/kiosk/tickets");
        await kioskBrowser.WaitUntilReadyAsync();
        await machine.Locator($"[data-testid=issue-{service.Code}]").ClickAsync();
        var number = machine.Locator("[data-testid=receipt-number]");
        await Expect(number).ToHaveTextAsync(new System.Text.RegularExpressions.Regex($"^{service.Prefix}\\d{{3}}$"));
        var display = await number.TextContentAsync() ?? "";
        await Expect(machine.Locator(".kiosk-qr svg")).ToBeVisibleAsync();
        var link = await machine.Locator("[data-testid=ticket-link]").GetAttributeAsync("href") ?? "";

        // The calling board, on the kiosk's second screen.
        var board = await kioskBrowser.Context.NewPageAsync();
        await board.GotoAsync("/kiosk/board");
        await Expect(board.Locator($"[data-testid=board-waiting-{service.Code}]")).ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 1));

        // The resident's phone, in a browser of its own, opens the QR code's link without signing in.
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.Page.GotoAsync(link);
        await phone.WaitUntilReadyAsync();
        await Expect(phone.Page.Locator("[data-testid=ticket-number]")).ToHaveTextAsync(display);
        await Expect(phone.Page.Locator("[data-testid=ticket-state]")).ToContainTextAsync(PortalText.Ja("Queue_StateWaiting"));
        await phone.AssertNoHorizontalOverflowAsync("ticket page on a phone");

        // The counter console: take the counter, call with the button.
        await using var staffBrowser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await staffBrowser.SignInQuietlyAsync(staff);
        var console = staffBrowser.Page;
        await console.GotoAsync("/staff/queue");
        await staffBrowser.WaitUntilReadyAsync();
        await console.Locator($"[data-testid='counter-{counterName}']").ClickAsync();
        await console.Locator("[data-testid=take-counter]").ClickAsync();
        await console.Locator("[data-testid=call-next]").ClickAsync();
        await Expect(console.Locator("[data-testid=desk-current]")).ToHaveTextAsync(display);

        await Expect(board.Locator($"[data-testid=board-{display}]")).ToContainTextAsync(counterName);
        await Expect(board.Locator($"[data-testid=board-{display}]")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("board-newest"));
        await Expect(phone.Page.Locator("[data-testid=ticket-state]")).ToContainTextAsync(string.Format(PortalText.Ja("Queue_CalledTo"), counterName));

        // Finished by its key: the ticket page says so and the board lets the number go.
        await console.Locator("h1").ClickAsync();
        await console.Keyboard.PressAsync("f");
        await Expect(phone.Page.Locator("[data-testid=ticket-state]")).ToContainTextAsync(PortalText.Ja("Queue_StateServed"));
        await Expect(board.Locator($"[data-testid=board-{display}]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_crowding_page_and_a_ticket_page_pass_the_accessibility_check_on_a_phone_in_both_languages()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var issued = await app.Services.GetRequiredService<TicketService>().IssueAsync(Office, service.Id, TicketLane.WalkIn, TestContext.Current.CancellationToken);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);

        await phone.VisitAndCheckAsync("/queue", _ => Expect(phone.Page.Locator($"[data-service={service.Code}]")).ToBeVisibleAsync());
        await phone.VisitAndCheckAsync($"/queue/t/{issued.Token}", _ => Expect(phone.Page.Locator("[data-testid=ticket-number]")).ToHaveTextAsync(issued.Ticket.Display));
        // The forecast's table is wider than a phone: it scrolls inside its own region, the page does not.
        await Queues.QueueHttpTests.PastDayAsync(app, service);
        await phone.VisitAndCheckAsync($"/queue/forecast/{Office}", _ => Expect(phone.Page.Locator($"section[data-service={service.Code}]")).ToBeVisibleAsync());
    }

    [Fact]
    public async Task A_phone_coming_back_from_the_lock_screen_shows_a_change_it_missed_without_a_touch()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var counterName = "復帰窓口" + service.Code[^4..];
        var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
            new Counter(0, Office, LocalizedText.Of(counterName), 98, true, [service.Id]), ct);
        var issued = await app.Services.GetRequiredService<TicketService>().IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.Page.GotoAsync($"/queue/t/{issued.Token}");
        await phone.WaitUntilReadyAsync();
        var state = phone.Page.Locator("[data-testid=ticket-state]");
        await Expect(state).ToContainTextAsync(PortalText.Ja("Queue_StateWaiting"));
        // The page has heard its stream: its script runs.
        await Expect(phone.Page.Locator("[data-ticket][data-version]")).ToBeAttachedAsync();

        // Called while the phone slept: written straight to the database, so no live signal reaches the page.
        var today = BusinessCalendar.BusinessDateOf(DateTimeOffset.UtcNow);
        await app.Services.GetRequiredService<ITicketRepository>().CallNextAsync(Office, today, counterId, [service.Id], null, DateTimeOffset.UtcNow, ct);
        // The screen comes back on: the page reads its snapshot at once.
        await phone.Page.EvaluateAsync("() => document.dispatchEvent(new Event('visibilitychange'))");

        await Expect(state).ToContainTextAsync(string.Format(PortalText.Ja("Queue_CalledTo"), counterName));
        await Expect(phone.Page.Locator("[data-ticket]")).ToHaveAttributeAsync("data-state", "called");
    }

    [Fact]
    public async Task A_resident_gives_a_ticket_back_from_the_phone_and_the_one_behind_sees_one_fewer_ahead_at_once()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var queues = app.Services.GetRequiredService<TicketService>();
        var mine = await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        var behind = await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await using var other = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await other.Page.GotoAsync($"/queue/t/{behind.Token}");
        await Expect(other.Page.Locator("[data-ticket][data-version]")).ToBeAttachedAsync();
        await Expect(other.Page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 1));
        await phone.Page.GotoAsync($"/queue/t/{mine.Token}");

        // Two steps: the disclosure, then its button.
        var button = phone.Page.Locator("[data-testid=give-back]");
        await Expect(button).ToBeHiddenAsync();
        await phone.Page.GetByText(PortalText.Ja("Queue_GiveBackTitle")).ClickAsync();
        await button.ClickAsync();

        await Expect(phone.Page.Locator("[data-testid=ticket-state]")).ToContainTextAsync(PortalText.Ja("Queue_StateGivenBack"));
        await Expect(phone.Page.Locator("[data-notify]")).ToHaveCountAsync(0);
        await Expect(other.Page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 0));
    }

    [Fact]
    public async Task A_ticket_called_while_its_page_is_open_no_longer_offers_to_be_given_back()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var queues = app.Services.GetRequiredService<TicketService>();
        var issued = await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.Page.GotoAsync($"/queue/t/{issued.Token}");
        await Expect(phone.Page.Locator("[data-ticket][data-version]")).ToBeAttachedAsync();
        await Expect(phone.Page.Locator("[data-give-back]")).ToBeVisibleAsync();

        var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
            new Counter(0, Office, LocalizedText.Of("返却窓口" + service.Code[^4..]), 96, true, [service.Id]), ct);
        var staff = Portal.Core.Audit.Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
        await queues.TakeCounterAsync(staff, Office, counterId, [service.Id], ct);
        await queues.CallNextAsync(staff, ct);

        await Expect(phone.Page.Locator("[data-ticket]")).ToHaveAttributeAsync("data-state", "called");
        await Expect(phone.Page.Locator("[data-give-back]")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task Without_JavaScript_the_ticket_page_shows_the_state_at_load_and_a_link_that_loads_it_again()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var ct = TestContext.Current.CancellationToken;
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var queues = app.Services.GetRequiredService<TicketService>();
        await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        var issued = await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, ct);
        var browser = await chromium.GetBrowserAsync();
        await using var context = await browser.NewContextAsync(new() { BaseURL = app.ServerAddress.ToString(), JavaScriptEnabled = false, ViewportSize = PortalBrowser.Phone });
        var page = await context.NewPageAsync();
        await page.GotoAsync($"/queue/t/{issued.Token}");
        await Expect(page.Locator("[data-testid=ticket-number]")).ToHaveTextAsync(issued.Ticket.Display);
        await Expect(page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 1));

        var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
            new Counter(0, Office, LocalizedText.Of("無JS窓口" + service.Code[^4..]), 97, true, [service.Id]), ct);
        var staff = Portal.Core.Audit.Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
        await queues.TakeCounterAsync(staff, Office, counterId, [service.Id], ct);
        await queues.CallNextAsync(staff, ct);
        await page.Locator("[data-testid=reload]").ClickAsync();

        await Expect(page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(string.Format(PortalText.Ja("Queue_PeopleCount"), 0));
    }
}
