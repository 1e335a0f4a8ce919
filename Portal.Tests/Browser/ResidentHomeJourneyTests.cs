using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A resident opens the portal on a phone: their points, their report, their ticket (live as the counter calls)
/// and their unread notice, each card leading on; a newcomer's empty cards say what to do. Both languages, axe.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class ResidentHomeJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private const string Office = "hanamigawa";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Text(string language, string key, params object[] args) =>
        string.Format(System.Globalization.CultureInfo.GetCultureInfo(language), PortalText.Get(key, language), args);

    [Fact]
    public async Task A_resident_s_home_shows_their_own_points_report_ticket_and_notices_and_the_ticket_follows_the_counter_live()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var resident = await app.CreateAccountAsync(Role.Resident, name: "千葉 花子");
        var ledger = app.Services.GetRequiredService<IPointLedger>();
        var funding = await ledger.OpenAccountAsync(PointAccountKind.Funding, $"funding:home-{Guid.NewGuid():N}", "ビーチクリーン事業", Ct);
        await app.Services.GetRequiredService<PointsLedgerService>().CreditAsync(resident.Id, funding.Id, 1_200, Guid.NewGuid().ToString("N"), "ビーチクリーン", null, Ct);
        var report = await Reports.ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow.AddHours(-2), "ベンチの板が割れています", reporterId: resident.Id);
        var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
        var queues = app.Services.GetRequiredService<TicketService>();
        var first = await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, Ct);
        var mine = await queues.IssueAsync(Office, service.Id, TicketLane.WalkIn, Ct);
        // Asked on the ticket's page, signed in: one ahead is already near, so the notice is written at once.
        Assert.True(await queues.SubscribeAsync(mine.Token, TicketNoticeKind.Near, new NoticeRecipient.Account(resident.Id), Ct));
        var counterName = "試験窓口" + service.Code[^4..];
        var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(new Counter(0, Office, Portal.Core.Languages.LocalizedText.Of(counterName), 98, true, [service.Id]), Ct);
        queues.SetupChanged(Office);
        var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
        await queues.TakeCounterAsync(staff, Office, counterId, [service.Id], Ct);

        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.SignInQuietlyAsync(resident);
        var page = phone.Page;
        await phone.VisitAndCheckAsync("/", async language =>
        {
            await Expect(page.Locator("[data-testid=points-balance]")).ToHaveTextAsync("1,200 pt");
            await Expect(page.Locator("[data-testid=reports-count]")).ToHaveTextAsync(Text(language, "HomeGlance_ReportsOpen", 1));
            await Expect(page.Locator($"li[data-report='{report.Id}'] a")).ToHaveAttributeAsync("href", $"/reports/{report.Id}");
            await Expect(page.Locator("[data-testid=ticket-number]")).ToHaveTextAsync(mine.Ticket.Display);
            await Expect(page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(Text(language, "Queue_PeopleCount", 1));
            await Expect(page.Locator("[data-testid=ticket-page]")).ToHaveAttributeAsync("href", $"/queue/t/{mine.Token}");
            await Expect(page.Locator("[data-testid=for-you-intro]")).ToHaveTextAsync(Text(language, "HomeGlance_ForYouIntro"));
            await Expect(page.Locator("[data-testid=notices-unread]")).ToHaveTextAsync(Text(language, "Notices_UnreadCount", 1));
            // The active ticket comes first, in the markup as on the screen.
            await Expect(page.Locator(".glance-grid > .glance-card").First).ToHaveAttributeAsync("data-card", "ticket");
        });

        // The counter calls the ticket ahead, then this one: the card follows without a reload.
        await page.EvaluateAsync("() => window.__sameDocument = true");
        await queues.CallNextAsync(staff, Ct);
        await Expect(page.Locator("[data-testid=people-ahead]")).ToHaveTextAsync(Text(phone.Language, "Queue_PeopleCount", 0));
        await Expect(page.Locator("[data-testid=now-calling]")).ToHaveTextAsync(first.Ticket.Display);
        await queues.FinishAsync(staff, first.Ticket.Id, Ct);
        await queues.CallNextAsync(staff, Ct);
        await Expect(page.Locator("[data-testid=ticket-state]")).ToHaveTextAsync(Text(phone.Language, "Queue_CalledTo", counterName));
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"));

        await page.Locator("[data-testid=ticket-page]").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/queue/t/{mine.Token}$"));
        await Expect(page.Locator("[data-testid=ticket-number]")).ToHaveTextAsync(mine.Ticket.Display);
    }

    [Fact]
    public async Task A_newcomer_s_empty_cards_say_what_to_do_next()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.SignInQuietlyAsync(resident);
        var page = phone.Page;

        await phone.VisitAndCheckAsync("/", async language =>
        {
            await Expect(page.Locator("[data-testid=points-empty]")).ToHaveTextAsync(Text(language, "HomeGlance_PointsEmpty"));
            await Expect(page.Locator("[data-card=points] .glance-card-links a")).ToHaveAttributeAsync("href", "/points/events");
            await Expect(page.Locator("[data-testid=reports-empty]")).ToHaveTextAsync(Text(language, "HomeGlance_ReportsEmpty"));
            await Expect(page.Locator("[data-card=reports] .glance-card-links a")).ToHaveAttributeAsync("href", "/reports/new");
            await Expect(page.Locator("[data-testid=ticket-empty]")).ToHaveTextAsync(Text(language, "HomeGlance_TicketEmpty"));
            await Expect(page.Locator("[data-testid=for-you-intro]")).ToHaveTextAsync(Text(language, "HomeGlance_ForYouIntro"));
            await Expect(page.Locator("[data-testid=notices-none]")).ToHaveTextAsync(Text(language, "HomeGlance_NoticesNone"));
            await Expect(page.Locator(".glance-grid > .glance-card").First).ToHaveAttributeAsync("data-card", "points");
            // The services of today's home stay below the resident's own cards.
            await Expect(page.Locator(".service-card")).ToHaveCountAsync(4);
        });

        await page.Locator("[data-card=reports] .glance-card-links a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/reports/new$"));
    }
}
