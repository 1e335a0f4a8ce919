using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Tests.Live;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A live update keeps the reader's language: a phone open on the ticket page or the crowding page in each of the
/// portal's languages, and a change made by a member of staff whose screen is in another language (the publisher's
/// culture is the one the change runs in). After the change the page still speaks its reader's language, in the
/// portal's own words and in the names the city writes (office, service, counter).
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class QueueLanguageTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private const string Office = "midori";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TicketService Tickets => app.Services.GetRequiredService<TicketService>();

    private static string Another(string language) => OfferedLanguages.Standard.All.First(c => c != language);


    private async Task<PortalBrowser> PhoneInAsync(string language, string path)
    {
        var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.Page.GotoAsync(path);
        await phone.WaitUntilReadyAsync();
        if (language != phone.Language) await phone.SwitchLanguageAsync(language);
        return phone;
    }

    [Fact]
    public async Task A_ticket_page_keeps_its_reader_s_language_after_a_call_made_in_another()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var office = (await app.Services.GetRequiredService<IOfficeRepository>().GetAsync(Office, Ct))!;
        foreach (var language in OfferedLanguages.Standard.All)
        {
            var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
            var counter = "言語窓口" + service.Code[^4..];
            var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
                new Counter(0, Office, LocalizedText.Of(counter), 95, true, [service.Id]), Ct);
            var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
            await Tickets.TakeCounterAsync(staff, Office, counterId, [service.Id], Ct);
            var ahead = await Tickets.IssueAsync(Office, service.Id, TicketLane.WalkIn, Ct);
            var mine = await Tickets.IssueAsync(Office, service.Id, TicketLane.WalkIn, Ct);
            await using var phone = await PhoneInAsync(language, $"/queue/t/{mine.Token}");
            var page = phone.Page;
            await page.ExpectShownAsync("[data-testid=people-ahead]", string.Format(PortalText.Get("Queue_PeopleCount", language), 1));

            // The ticket ahead is called by staff working in another language: the line moves.
            await ReaderCulture.ElsewhereAsync(Another(language), () => Tickets.CallNextAsync(staff, Ct));
            await Expect(page.Locator("[data-testid=now-calling]")).ToContainTextAsync(ahead.Ticket.Display);
            await page.ExpectShownAsync("[data-testid=people-ahead]", string.Format(PortalText.Get("Queue_PeopleCount", language), 0));
            await page.ExpectShownAsync("[data-testid=ticket-state]", PortalText.Get("Queue_StateWaiting", language), contains: true);
            await page.ExpectShownAsync(".queue-ticket-where", $"{office.Name.Text(language)} · {service.Name.Text(language)}");
            // Easy Japanese keeps its readings over kanji in what the update wrote, as the page was drawn.
            Assert.Equal(Ruby.Html(string.Format(PortalText.Raw("Queue_PeopleCount", language), 0)).Value, await page.Locator("[data-testid=people-ahead]").InnerHTMLAsync());
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.HtmlLangOf(language));

            // Then this ticket, at the counter whose name the city wrote.
            await Tickets.FinishAsync(staff, ahead.Ticket.Id, Ct);
            await ReaderCulture.ElsewhereAsync(Another(language), () => Tickets.CallNextAsync(staff, Ct));
            await page.ExpectShownAsync("[data-testid=ticket-state]", string.Format(PortalText.Get("Queue_CalledTo", language), counter), contains: true);
            await page.ExpectShownAsync(".queue-ticket-where", $"{office.Name.Text(language)} · {service.Name.Text(language)}");
            Assert.Equal(Ruby.Html(string.Format(PortalText.Raw("Queue_CalledTo", language), counter)).Value, await page.Locator("[data-field=headline]").InnerHTMLAsync());
            Assert.Equal(Ruby.Html(PortalText.Raw("Queue_CalledHint", language)).Value, await page.Locator("[data-field=hint]").InnerHTMLAsync());
            await Expect(page.Locator("[data-testid=now-calling]")).ToContainTextAsync(counter);
        }
    }

    [Fact]
    public async Task The_crowding_page_keeps_its_reader_s_language_after_a_change_made_in_another()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var office = (await app.Services.GetRequiredService<IOfficeRepository>().GetAsync(Office, Ct))!;
        foreach (var language in OfferedLanguages.Standard.All)
        {
            var service = await Queues.QueueHttpTests.ServiceAsync(app, Office);
            var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
                new Counter(0, Office, LocalizedText.Of("混雑窓口" + service.Code[^4..]), 94, true, [service.Id]), Ct);
            var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
            await Tickets.TakeCounterAsync(staff, Office, counterId, [service.Id], Ct);
            await Tickets.IssueAsync(Office, service.Id, TicketLane.WalkIn, Ct);
            await Tickets.IssueAsync(Office, service.Id, TicketLane.WalkIn, Ct);
            await using var phone = await PhoneInAsync(language, "/queue");
            var rowSelector = $"[data-service='{service.Code}']";
            var row = phone.Page.Locator(rowSelector);
            await phone.Page.ExpectShownAsync($"{rowSelector} [data-testid=waiting]", string.Format(PortalText.Get("Queue_PeopleCount", language), 2));

            // Staff working in another language call the first of the line.
            await ReaderCulture.ElsewhereAsync(Another(language), () => Tickets.CallNextAsync(staff, Ct));

            await phone.Page.ExpectShownAsync($"{rowSelector} [data-testid=waiting]", string.Format(PortalText.Get("Queue_PeopleCount", language), 1));
            await phone.Page.ExpectShownAsync($"{rowSelector} th", service.Name.Text(language));
            await phone.Page.ExpectShownAsync($"[data-office='{Office}'] h2", office.Name.Text(language), contains: true);
            // Easy Japanese keeps its readings over kanji in the rows the update wrote, as the page was drawn.
            Assert.Equal(Ruby.Html(string.Format(PortalText.Raw("Queue_PeopleCount", language), 1)).Value, await row.Locator("[data-testid=waiting]").InnerHTMLAsync());
            Assert.Contains(await row.Locator(".queue-band").InnerHTMLAsync(),
                new[] { "Queue_BandUnder20", "Queue_Band20To40", "Queue_BandOver40" }.Select(key => Ruby.Html(PortalText.Raw(key, language)).Value));
            Assert.Equal(PortalText.Get("Queue_CrowdingTitle", language), await phone.Page.Locator("h1").ShownTextAsync());
        }
    }
}
