using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The kiosk's two screens on the screens they are made for, a full-HD panel on its side or upright: the calling board
/// with every counter calling fits with nothing cut in each of its languages, the ticket machine speaks the language
/// its visitor chooses, and neither draws a focus box on its heading when it opens.
/// </summary>
[Collection(KioskCollection.Name)]
public sealed class KioskBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private const string Office = "midori";

    public static readonly ViewportSize Landscape = new() { Width = 1920, Height = 1080 };
    public static readonly ViewportSize Portrait = new() { Width = 1080, Height = 1920 };

    public static TheoryData<string> Screens => ["landscape", "portrait"];

    private static ViewportSize Screen(string name) => name == "landscape" ? Landscape : Portrait;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    // The services of a busy ward office, with the city's longest names; the last one near the 100 characters a name may have.
    private static readonly (string Code, string Ja, string En, bool FastLane)[] Services =
    [
        ("moving", "転入・転出・転居", "Moving in, out or within the city", true),
        ("certificates", "住民票・戸籍・印鑑証明", "Residence, family register and seal certificates", false),
        ("insurance", "国民健康保険・年金", "National health insurance and pension", true),
        ("children", "子ども・家庭（児童手当など）", "Children and families (child allowance)", true),
        ("tax", "市税・税証明", "City tax and tax certificates", false),
        ("welfare", "介護保険・高齢者福祉・障害者福祉のご相談と申請", "Long-term care, welfare for older people and people with disabilities: advice and applications", false),
    ];

    /// <summary>The office's services, saved by the first test that needs them (this class has a server of its own).</summary>
    private async Task<IReadOnlyList<OfficeService>> ServicesAsync()
    {
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var saved = await setup.ListServicesAsync(Office, Ct);
        var order = saved.Count;
        foreach (var (code, ja, en, fastLane) in Services.Where(s => saved.All(o => o.Code != s.Code)))
            await setup.SaveServiceAsync(new OfficeService(0, Office, code, LocalizedText.Of(ja, en), (char)('A' + order), fastLane, 10, true, ++order), Ct);
        app.Services.GetRequiredService<TicketService>().SetupChanged(Office);
        return await setup.ListServicesAsync(Office, Ct);
    }

    /// <summary>Every counter of a full hall calling a number: eight new counters, each with a member of staff who calls the next ticket.</summary>
    private async Task CallAtEightCountersAsync(IReadOnlyList<OfficeService> services)
    {
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var queues = app.Services.GetRequiredService<TicketService>();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var ids = services.Select(s => s.Id).ToList();
        for (var i = 0; i < 8; i++)
            await queues.IssueAsync(Office, services[i % services.Count].Id, TicketLane.WalkIn, Ct);
        for (var i = 1; i <= 8; i++)
        {
            // Counter names as the city writes them; one long, to wrap.
            var name = i == 8 ? $"福祉・介護の相談コーナー {tag}" : $"{i}番窓口 {tag}";
            var counterId = await setup.SaveCounterAsync(new Counter(0, Office, LocalizedText.Of(name), 100 + i, true, ids), Ct);
            var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
            await queues.TakeCounterAsync(staff, Office, counterId, ids, Ct);
            Assert.NotNull(await queues.CallNextAsync(staff, Ct));
        }
    }

    private async Task<PortalBrowser> KioskAsync(ViewportSize screen)
    {
        var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, screen);
        await browser.SignInQuietlyAsync(await app.CreateAccountAsync(Role.Kiosk, Office));
        return browser;
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_board_with_every_counter_calling_fits_the_screen_in_each_of_its_languages(string screen)
    {
        ChromiumFixture.SkipUnlessInstalled();
        var services = await ServicesAsync();
        await CallAtEightCountersAsync(services);
        await using var kiosk = await KioskAsync(Screen(screen));
        var page = kiosk.Page;

        await page.GotoAsync("/kiosk/board");
        await kiosk.WaitUntilReadyAsync();

        await Expect(page.Locator("[data-testid=board-called] li")).ToHaveCountAsync(TicketService.BoardCalledCount);
        // Japanese and English by default, in turn, a few seconds each: wait for each and check the screen as it is then.
        foreach (var language in new[] { PortalCultures.Japanese, PortalCultures.English })
        {
            await Expect(page.Locator(".board")).ToHaveAttributeAsync("data-language", language, new() { Timeout = 30_000 });
            var where = $"/kiosk/board ({language}, {screen})";
            foreach (var service in services)
                await Expect(page.Locator($"[data-testid=board-service-{service.Code}]")).ToHaveTextAsync(service.Name.Text(language));
            // Drawn with data-language in one render: the words without easy Japanese's readings over them.
            Assert.Equal(PortalText.Get("Queue_NowCalling", language), await page.Locator("#board-called-title").ShownTextAsync());
            await kiosk.AssertFitsTheScreenAsync(where, ".board");
            await Accessibility.AssertNoSeriousViolationsAsync(page, where);
        }
    }

    [Theory]
    [MemberData(nameof(Screens))]
    public async Task The_ticket_machine_fits_the_screen_and_gives_each_visitor_a_ticket_in_their_language(string screen)
    {
        ChromiumFixture.SkipUnlessInstalled();
        var services = await ServicesAsync();
        await using var kiosk = await KioskAsync(Screen(screen));
        var page = kiosk.Page;
        await page.GotoAsync("/kiosk/tickets");
        await kiosk.WaitUntilReadyAsync();
        var machine = page.Locator(".kiosk-machine");

        foreach (var language in OfferedLanguages.Standard.All)
        {
            var where = $"/kiosk/tickets ({language}, {screen})";
            await page.Locator($"[data-testid=language-{language}]").ClickAsync();
            await Expect(machine).ToHaveAttributeAsync("data-language", language);
            // Drawn with data-language in one render: the words without easy Japanese's readings over them.
            Assert.Equal(PortalText.Get("Queue_MachineLead", language), await page.Locator("[data-testid=machine-lead]").ShownTextAsync());
            await kiosk.AssertFitsTheScreenAsync(where, ".kiosk-machine");
            await Accessibility.AssertNoSeriousViolationsAsync(page, where);

            await page.Locator($"[data-testid=issue-{services[1].Code}]").ClickAsync();
            await Expect(page.Locator("[data-testid=receipt-service]")).ToHaveTextAsync(services[1].Name.Text(language));
            await Expect(page.Locator(".kiosk-qr svg")).ToBeVisibleAsync();
            var link = await page.Locator("[data-testid=ticket-link]").GetAttributeAsync("href") ?? "";
            Assert.EndsWith($"?culture={language}", link);
            await kiosk.AssertFitsTheScreenAsync(where + " receipt", ".kiosk-machine");
            await Accessibility.AssertNoSeriousViolationsAsync(page, where + " receipt");

            // The phone that reads the QR code opens the ticket in the visitor's language, whatever its own.
            await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
            await phone.Page.GotoAsync(link);
            await Expect(phone.Page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.HtmlLangOf(language));
            await Expect(phone.Page.Locator("[data-testid=ticket-number]")).ToHaveTextAsync(await page.Locator("[data-testid=receipt-number]").InnerTextAsync());

            await page.Locator("[data-testid=receipt-done]").ClickAsync();
            await Expect(page.Locator("[data-testid=receipt]")).ToHaveCountAsync(0);
        }
        // The visitors' choices were the screen's: the kiosk itself still opens pages in Japanese.
        await page.GotoAsync("/kiosk");
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.Japanese);
    }

    /// <summary>The element that has focus draws no outline and no shadow.</summary>
    private static Task<bool> DrawsAFocusIndicatorAsync(ILocator element) => element.EvaluateAsync<bool>("""
        e => {
            const style = getComputedStyle(e);
            return (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
        }
        """);

    private static async Task AssertHeadingFocusedWithoutABoxAsync(IPage page, string where)
    {
        var heading = page.Locator("h1");
        await Expect(heading).ToBeFocusedAsync();
        Assert.False(await DrawsAFocusIndicatorAsync(heading), $"The heading of {where} has focus after navigation and draws a focus box.");
    }

    /// <summary>
    /// The screen's speech, recorded instead of spoken (a test machine has no voices): each sentence the page gives
    /// speechSynthesis lands in window.said with its language.
    /// </summary>
    private const string RecordSpeech = """
        window.said = [];
        if (!window.SpeechSynthesisUtterance) window.SpeechSynthesisUtterance = class { constructor(text) { this.text = text; } };
        Object.defineProperty(window, "speechSynthesis", {
            configurable: true,
            value: { speak: sentence => window.said.push({ lang: sentence.lang, text: sentence.text }), getVoices: () => [] },
        });
        """;

    [Fact]
    public async Task With_sound_on_the_board_says_a_call_aloud_in_Japanese_and_English_and_its_voice_can_be_switched_off()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var services = await ServicesAsync();
        await using var kiosk = await KioskAsync(Landscape);
        var page = kiosk.Page;
        await page.AddInitScriptAsync(RecordSpeech);
        await page.GotoAsync("/kiosk/board");
        await kiosk.WaitUntilReadyAsync();
        await page.Locator(".board-sound").ClickAsync();
        var voice = page.Locator("[data-testid=board-voice]");
        await Expect(voice).ToHaveAttributeAsync("aria-pressed", "true");

        var queues = app.Services.GetRequiredService<TicketService>();
        var setup = app.Services.GetRequiredService<IQueueSetupRepository>();
        var ids = services.Select(s => s.Id).ToList();
        var tag = Guid.NewGuid().ToString("N")[..4];
        var counterId = await setup.SaveCounterAsync(new Counter(0, Office, LocalizedText.Of($"9番窓口 {tag}", $"Counter 9 {tag}"), 200, true, ids), Ct);
        var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, Office), "127.0.0.1");
        await queues.TakeCounterAsync(staff, Office, counterId, ids, Ct);
        await queues.IssueAsync(Office, services[0].Id, TicketLane.WalkIn, Ct);
        var called = await queues.CallNextAsync(staff, Ct);

        await page.WaitForFunctionAsync("() => window.said.length >= 2", null, new() { Timeout = 30_000 });
        var said = System.Text.Json.JsonSerializer.Deserialize<Said[]>(await page.EvaluateAsync<string>("() => JSON.stringify(window.said)"),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        var number = Portal.Web.Queues.Kiosk.BoardCallOut.Number(called!.Display);
        Assert.Equal([new Said("ja-JP", $"{number}番の方、9番窓口 {tag}へお越しください。"), new Said("en-US", $"Number {number}, please come to Counter 9 {tag}.")], said);

        // Switched off, this board only chimes; its choice outlives a reload.
        await voice.ClickAsync();
        await Expect(voice).ToHaveAttributeAsync("aria-pressed", "false");
        await page.ReloadAsync();
        await kiosk.WaitUntilReadyAsync();
        await page.Locator(".board-sound").ClickAsync();
        await Expect(voice).ToHaveAttributeAsync("aria-pressed", "false");
        await queues.FinishAsync(staff, called.Id, Ct);
        await queues.IssueAsync(Office, services[0].Id, TicketLane.WalkIn, Ct);
        var next = await queues.CallNextAsync(staff, Ct);
        await Expect(page.Locator($"[data-testid=board-{next!.Display}]")).ToBeVisibleAsync();
        // The finished number stays listed as called a few minutes ago.
        await Expect(page.Locator($"[data-testid=board-recent-{called.Display}]")).ToBeVisibleAsync();
        Assert.Equal(0, await page.EvaluateAsync<int>("() => window.said.length"));
        await queues.FinishAsync(staff, next.Id, Ct);
    }

    private sealed record Said(string Lang, string Text);

    [Fact]
    public async Task After_navigation_the_heading_has_focus_without_a_box_and_the_keyboard_still_shows_where_it_is()
    {
        ChromiumFixture.SkipUnlessInstalled();
        await ServicesAsync();
        await using var kiosk = await KioskAsync(Landscape);
        var page = kiosk.Page;

        // An ordinary page of the portal's main layout, opened afresh.
        await page.GotoAsync("/kiosk");
        await kiosk.WaitUntilReadyAsync();
        await AssertHeadingFocusedWithoutABoxAsync(page, "/kiosk");

        // By keyboard to the ticket machine: Tab from the heading reaches a control that shows its focus.
        await page.Keyboard.PressAsync("Tab");
        var link = page.Locator("a[href='/kiosk/tickets']");
        await Expect(link).ToBeFocusedAsync();
        Assert.True(await DrawsAFocusIndicatorAsync(link), "The link the keyboard reached on /kiosk shows no focus.");
        await page.Keyboard.PressAsync("Enter");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/kiosk/tickets");
        await AssertHeadingFocusedWithoutABoxAsync(page, "/kiosk/tickets");
        await page.Keyboard.PressAsync("Tab");
        var language = page.Locator(".kiosk-language").First;
        await Expect(language).ToBeFocusedAsync();
        Assert.True(await DrawsAFocusIndicatorAsync(language), "The first language button the keyboard reached shows no focus.");

        // The board, opened afresh.
        await page.GotoAsync("/kiosk/board");
        await kiosk.WaitUntilReadyAsync();
        await AssertHeadingFocusedWithoutABoxAsync(page, "/kiosk/board");
    }
}
