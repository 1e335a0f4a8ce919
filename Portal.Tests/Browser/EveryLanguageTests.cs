using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Tests.Queues;
using Portal.Web.Hosting;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// What a resident reads on a phone (390x844), in each of the portal's languages: the resident pages, the ticket and
/// crowding pages and the kiosk's ticket machine pass axe with no serious finding, fit the screen, and show no resource
/// key and no reading notation (《》) where a translation or a city text should be.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class EveryLanguageTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static readonly string[] ResidentPages =
        ["/", "/reports", "/reports/new", "/points", "/for-you", "/for-you/check", "/notifications", "/settings/notifications", "/account", "/queue"];

    /// <summary>The route of each page checked here in every language (the accessibility audit expects them so).</summary>
    public static IReadOnlySet<string> Routes { get; } =
        ResidentPages.Append("/queue/t/ticket").Append("/kiosk/tickets").Select(p => Portal.Web.Legal.RouteTemplates.Portal.Match(p)!).ToHashSet();

    public static TheoryData<string> Languages => new(OfferedLanguages.Standard.All);

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_resident_reads_every_page_in_their_language_on_a_phone(string language)
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        var service = await QueueHttpTests.ServiceAsync(app);
        var ticket = await app.Services.GetRequiredService<TicketService>().IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, TestContext.Current.CancellationToken);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync("/");
        await browser.WaitUntilReadyAsync();
        if (language != browser.Language) await browser.SwitchLanguageAsync(language);

        foreach (var path in ResidentPages.Append($"/queue/t/{ticket.Token}"))
        {
            await browser.Page.GotoAsync(path);
            await browser.WaitUntilReadyAsync();
            await CheckAsync(browser, $"{path} ({language}, 390x844)");
        }
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_visitor_at_the_kiosk_reads_the_ticket_machine_in_the_language_they_touch(string language)
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(await app.CreateAccountAsync(Role.Kiosk, "hanamigawa"));
        var page = browser.Page;
        await page.GotoAsync("/kiosk/tickets");
        await browser.WaitUntilReadyAsync();
        await page.Locator($"[data-testid=language-{language}]").ClickAsync();
        await Expect(page.Locator(".kiosk-machine")).ToHaveAttributeAsync("data-language", language);
        await CheckAsync(browser, $"/kiosk/tickets ({language}, 390x844)");
    }

    private static async Task CheckAsync(PortalBrowser browser, string where)
    {
        // What the reader sees as text: readings over kanji are <rt>, not the notation they are written in.
        var text = await browser.Page.EvaluateAsync<string>("() => document.body.innerText");
        var keys = System.Text.RegularExpressions.Regex.Matches(text, @"\b[A-Z][A-Za-z]+_[A-Za-z0-9_]+\b").Select(m => m.Value).Distinct().ToList();
        Assert.True(keys.Count == 0, $"{where} shows resource keys instead of text: {string.Join(", ", keys)}");
        Assert.False(text.Contains('《') || text.Contains('》'), $"{where} shows the reading notation 《》 instead of readings over the kanji.");
        await browser.AssertNoHorizontalOverflowAsync(where);
        await Accessibility.AssertNoSeriousViolationsAsync(browser.Page, where);
    }
}
