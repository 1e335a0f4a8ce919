using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Tests.Live;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Queues.Kiosk;
using Portal.Web.Security;

namespace Portal.Tests.Queues;

/// <summary>The kiosk's ticket machine and calling board, bound to the kiosk account's office.</summary>
public sealed class KioskScreenTests : QueuePageTest
{
    private static readonly BoardLanguageCycle Cycle = new(BoardLanguageCycle.DefaultLanguages, BoardLanguageCycle.DefaultEach, OfferedLanguages.Standard);

    public static TheoryData<string> Languages => [.. OfferedLanguages.Standard.All];

    /// <summary>Each language of the screen with each language of the kiosk's own session (its cookie).</summary>
    public static TheoryData<string, string> ScreenAndKioskLanguages =>
        [.. OfferedLanguages.Standard.All.SelectMany(screen => OfferedLanguages.Standard.All.Select(kiosk => (screen, kiosk)))];

    /// <summary>Each language the board shows in turn with each language of the kiosk's own session.</summary>
    public static TheoryData<string, string> BoardAndKioskLanguages =>
        [.. Cycle.Languages.SelectMany(screen => OfferedLanguages.Standard.All.Select(kiosk => (screen, kiosk)))];

    protected override Task ConfigureAsync()
    {
        AddAuthorization().SetAuthorized("kiosk@city.chiba.jp").SetRoles("Kiosk").SetClaims(new Claim(PortalClaims.Office, World.OfficeId));
        Services.AddSingleton(Cycle);
        return Task.CompletedTask;
    }

    private static string Text(string key, string language) => PortalText.Get(key, language);

    private static string Other(string language) => OfferedLanguages.Standard.All.First(c => c != language);

    private IRenderedComponent<TicketMachine> RenderMachine()
    {
        var machine = Render<TicketMachine>();
        machine.WaitForAssertion(() => machine.Find("[data-testid=issue-moving]"));
        return machine;
    }

    [Fact]
    public async Task Touching_a_service_issues_a_ticket_with_its_number_QR_code_and_link_to_the_ticket_page()
    {
        await World.IssueAsync();
        var machine = Render<TicketMachine>();
        machine.WaitForAssertion(() => Assert.Contains("待ち1人", machine.Find("[data-testid=issue-moving]").ShownText()));

        machine.Find("[data-testid=issue-moving]").Click();

        machine.WaitForAssertion(() => Assert.Equal("A002", machine.Find("[data-testid=receipt-number]").ShownText()));
        Assert.Equal("1人", machine.Find("[data-testid=receipt-ahead]").ShownText());
        Assert.NotNull(machine.Find(".kiosk-qr svg"));
        var link = machine.Find("[data-testid=ticket-link]").GetAttribute("href")!;
        var token = Assert.Single(System.Text.RegularExpressions.Regex.Matches(link, @"/queue/t/([A-Za-z0-9_-]{22})\?culture=ja$")).Groups[1].Value;
        var status = await World.Service.StatusAsync(token, Ct);
        Assert.Equal("A002", status!.Ticket.Display);

        machine.Find("[data-testid=receipt-done]").Click();
        machine.WaitForAssertion(() => Assert.Contains("待ち2人", machine.Find("[data-testid=issue-moving]").ShownText()));
    }

    [Fact]
    public void The_machine_offers_every_language_of_the_portal_each_named_in_itself_Japanese_chosen()
    {
        var machine = RenderMachine();

        var buttons = machine.FindAll(".kiosk-language");
        Assert.Equal(OfferedLanguages.Standard.All.Select(c => $"language-{c}"), buttons.Select(b => b.GetAttribute("data-testid")));
        // Easy Japanese is Japanese to the browser: its button is lang="ja" like Japanese's.
        Assert.Equal(OfferedLanguages.Standard.All.Select(PortalCultures.HtmlLangOf), buttons.Select(b => b.GetAttribute("lang")));
        Assert.Equal(OfferedLanguages.Standard.All.Select(c => Text("Language_Name", c)), buttons.Select(b => b.ShownText()));
        // A language whose resources do not name it would show its parent's name: every name is its own.
        Assert.Equal(buttons.Count, buttons.Select(b => b.ShownText()).Distinct().Count());
        Assert.Equal(["true"], buttons.Where(b => b.GetAttribute("data-testid") == $"language-{PortalCultures.Japanese}").Select(b => b.GetAttribute("aria-pressed")));
        Assert.Equal(PortalCultures.Japanese, machine.Find(".kiosk-machine").GetAttribute("data-language"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_visitor_gets_the_buttons_the_receipt_and_the_ticket_link_in_the_language_they_touch(string language)
    {
        var nav = Services.GetRequiredService<NavigationManager>();
        var opened = nav.Uri;
        var machine = RenderMachine();

        machine.Find($"[data-testid=language-{language}]").Click();

        // The office's live signal re-renders the machine from another thread (the live bus starts each handler on the
        // thread pool), so a touch may be handled a moment after the click returns: wait for its result.
        machine.WaitForAssertion(() => Assert.Equal(language, machine.Find(".kiosk-machine").GetAttribute("data-language")));
        Assert.Equal(Text("Queue_MachineLead", language), machine.Find("[data-testid=machine-lead]").ShownText());
        Assert.Equal(World.Moving.Name.Text(language), machine.Find("[data-testid=issue-moving] .kiosk-service-name").ShownText());
        Assert.Equal(Text("Queue_FastLaneButton", language), machine.Find(".kiosk-fast-button").ShownText());

        machine.Find("[data-testid=issue-certificates]").Click();

        machine.WaitForAssertion(() => Assert.Equal("B001", machine.Find("[data-testid=receipt-number]").ShownText()));
        Assert.Equal(World.Certificates.Name.Text(language), machine.Find("[data-testid=receipt-service]").ShownText());
        Assert.Equal(Text("Queue_YourNumber", language), machine.Find(".kiosk-receipt-label").ShownText());
        Assert.Equal(Text("Queue_Done", language), machine.Find("[data-testid=receipt-done]").ShownText());
        Assert.EndsWith($"?culture={language}", machine.Find("[data-testid=ticket-link]").GetAttribute("href"));
        // The choice is the screen's: nothing went to /culture (which would set the kiosk's cookie), and the circuit's own culture stays.
        Assert.Equal(opened, nav.Uri);
        Assert.Equal(PortalCultures.Japanese, CultureInfo.CurrentUICulture.Name);

        // Another language on the receipt: the link follows, so the phone opens the ticket in it.
        var other = Other(language);
        machine.Find($"[data-testid=language-{other}]").Click();
        machine.WaitForAssertion(() => Assert.EndsWith($"?culture={other}", machine.Find("[data-testid=ticket-link]").GetAttribute("href")));
        Assert.Equal(Text("Queue_YourNumber", other), machine.Find(".kiosk-receipt-label").ShownText());
    }

    [Fact]
    public void After_thirty_seconds_without_a_touch_the_machine_is_back_on_its_start_screen_in_Japanese()
    {
        var english = OfferedLanguages.Standard.All.First(c => c != PortalCultures.Japanese);
        var machine = RenderMachine();
        machine.Find($"[data-testid=language-{english}]").Click();
        machine.Find("[data-testid=issue-moving]").Click();
        machine.WaitForAssertion(() => machine.Find("[data-testid=receipt]"));

        World.Time.Advance(TicketMachine.IdleTime - TimeSpan.FromSeconds(1));
        Assert.Equal(english, machine.Find(".kiosk-machine").GetAttribute("data-language"));
        // A touch anywhere on the screen (reading the receipt) starts the wait again.
        machine.Find(".kiosk-receipt").PointerDown(new PointerEventArgs());
        World.Time.Advance(TicketMachine.IdleTime - TimeSpan.FromSeconds(1));
        Assert.NotEmpty(machine.FindAll("[data-testid=receipt]"));
        Assert.Equal(english, machine.Find(".kiosk-machine").GetAttribute("data-language"));

        World.Time.Advance(TimeSpan.FromSeconds(1));

        machine.WaitForAssertion(() => Assert.Equal(PortalCultures.Japanese, machine.Find(".kiosk-machine").GetAttribute("data-language")));
        Assert.Empty(machine.FindAll("[data-testid=receipt]"));
        Assert.Equal(Text("Queue_MachineLead", PortalCultures.Japanese), machine.Find("[data-testid=machine-lead]").ShownText());
        Assert.Equal(World.Moving.Name.Japanese, machine.Find("[data-testid=issue-moving] .kiosk-service-name").ShownText());
    }

    [Theory]
    [MemberData(nameof(ScreenAndKioskLanguages))]
    public async Task The_machine_stays_in_its_visitors_language_when_a_call_made_in_another_language_updates_it(string language, string kiosk)
    {
        ReaderCulture.Use(kiosk);
        await World.IssueAsync();
        await World.IssueAsync();
        var machine = RenderMachine();
        machine.Find($"[data-testid=language-{language}]").Click();
        var staff = await World.AtCounterAsync(0);

        await ReaderCulture.ElsewhereAsync(Other(language), () => World.Service.CallNextAsync(staff, Ct));

        var office = (await new Portal.Data.Offices.OfficeRepository(World.Db).GetAsync(World.OfficeId, Ct))!;
        machine.WaitForAssertion(() => Assert.StartsWith(
            string.Format(CultureInfo.GetCultureInfo(language), Text("Queue_WaitingNow", language), 1),
            machine.Find("[data-testid=issue-moving] .kiosk-service-wait").ShownText()));
        Assert.Equal(language, machine.Find(".kiosk-machine").GetAttribute("data-language"));
        Assert.Equal(Text("Queue_MachineLead", language), machine.Find("[data-testid=machine-lead]").ShownText());
        // City texts in the visitor's language, with readings over kanji where the language has them.
        Assert.Equal(office.Name.Html(language).Value, machine.Find("h1").InnerHtml);
        Assert.Equal([World.Moving.Name.Text(language), World.Certificates.Name.Text(language)], machine.FindAll(".kiosk-service-name").Select(n => n.ShownText()));
        Assert.Contains(Text("Queue_BandUnder20", language), machine.Find("[data-testid=issue-moving] .kiosk-service-wait").ShownText());
        Assert.Equal(Text("Queue_FastLaneButton", language), machine.Find(".kiosk-fast-button").ShownText());
        // Interface texts too: easy Japanese's readings over kanji as <ruby>, whatever the culture the update ran in.
        Assert.Equal(Ruby.Html(PortalText.Raw("Queue_MachineLead", language)).Value, machine.Find("[data-testid=machine-lead]").InnerHtml);
        Assert.Equal(Ruby.Html(PortalText.Raw("Queue_FastLaneButton", language)).Value, machine.Find(".kiosk-fast-button").InnerHtml);
    }

    [Fact]
    public async Task The_board_shows_a_called_number_with_its_counter_highlighted_as_the_newest()
    {
        await World.IssueAsync();
        await World.IssueAsync(World.Certificates);
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find("[data-testid=board-waiting-moving]"));
        Assert.Equal("1人", board.Find("[data-testid=board-waiting-moving]").ShownText());

        var staff = await World.AtCounterAsync(0);
        await World.Service.CallNextAsync(staff, Ct);

        board.WaitForAssertion(() => Assert.Contains("board-newest", board.Find("[data-testid=board-A001]").ClassName));
        Assert.Contains("1番窓口", board.Find("[data-testid=board-A001]").ShownText());
        Assert.Equal("0人", board.Find("[data-testid=board-waiting-moving]").ShownText());

        var other = await World.AtCounterAsync(1);
        await World.Service.CallNextAsync(other, Ct);
        board.WaitForAssertion(() => Assert.Contains("board-newest", board.Find("[data-testid=board-B001]").ClassName));
        Assert.DoesNotContain("board-newest", board.Find("[data-testid=board-A001]").ClassName);
    }

    /// <summary>The board's script with sound that plays; its voice on or off as the screen keeps it.</summary>
    private BunitJSModuleInterop BoardScript(bool voice = true)
    {
        var script = JSInterop.SetupModule("./js/queue.js");
        script.Setup<bool>("enableSound").SetResult(true);
        script.Setup<bool>("chime").SetResult(true);
        script.Setup<bool>("voicePreference").SetResult(voice);
        script.Setup<bool>("setVoicePreference", _ => true).SetResult(!voice);
        script.Setup<bool>("callOut", _ => true).SetResult(true);
        return script;
    }

    private IRenderedComponent<DisplayBoard> RenderBoardWithSound()
    {
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find(".board-sound"));
        board.Find(".board-sound").Click();
        board.WaitForAssertion(() => board.Find("[data-testid=board-voice]"));
        return board;
    }

    [Fact]
    public async Task A_call_is_said_aloud_after_the_chime_in_Japanese_and_the_office_s_second_language()
    {
        var script = BoardScript();
        await World.IssueAsync();
        var board = RenderBoardWithSound();

        await World.Service.CallNextAsync(await World.AtCounterAsync(0), Ct);

        board.WaitForAssertion(() => Assert.Single(script.Invocations["callOut"]));
        var said = Assert.IsAssignableFrom<IReadOnlyList<Utterance>>(script.Invocations["callOut"].Single().Arguments.Single());
        Assert.Equal([new Utterance("ja-JP", "A 1番の方、1番窓口へお越しください。"), new Utterance("en-US", "Number A 1, please come to Counter 1.")], said);
        // Said after the chime: the chime came first.
        Assert.True(script.Invocations.Select(i => i.Identifier).ToList() is var order && order.IndexOf("chime") < order.IndexOf("callOut"));
    }

    [Fact]
    public async Task A_board_whose_voice_is_switched_off_only_chimes()
    {
        var script = BoardScript();
        await World.IssueAsync();
        var board = RenderBoardWithSound();
        Assert.Equal(PortalText.Ja("Queue_VoiceOn"), board.Find("[data-testid=board-voice]").ShownText());

        board.Find("[data-testid=board-voice]").Click();
        board.WaitForAssertion(() => Assert.Equal(PortalText.Ja("Queue_VoiceOff"), board.Find("[data-testid=board-voice]").ShownText()));
        Assert.Equal(false, script.Invocations["setVoicePreference"].Single().Arguments.Single());
        await World.Service.CallNextAsync(await World.AtCounterAsync(0), Ct);

        board.WaitForAssertion(() => Assert.Single(script.Invocations["chime"]));
        Assert.Empty(script.Invocations["callOut"]);
    }

    [Fact]
    public async Task A_number_that_left_the_counter_stays_listed_for_ten_minutes()
    {
        await World.IssueAsync();
        var board = Render<DisplayBoard>();
        var staff = await World.AtCounterAsync(0);
        var ticket = await World.Service.CallNextAsync(staff, Ct);
        board.WaitForAssertion(() => board.Find("[data-testid=board-A001]"));
        Assert.Empty(board.FindAll("[data-testid=board-recent]"));

        await World.Service.FinishAsync(staff, ticket!.Id, Ct);

        board.WaitForAssertion(() => Assert.Contains("1番窓口", board.Find("[data-testid=board-recent-A001]").ShownText()));
        Assert.Empty(board.FindAll("[data-testid=board-A001]"));
        World.Time.Advance(DisplayBoard.RecentFor - TimeSpan.FromSeconds(2));
        board.WaitForAssertion(() => board.Find("[data-testid=board-recent-A001]"));
        World.Time.Advance(TimeSpan.FromSeconds(3));
        board.WaitForAssertion(() => Assert.Empty(board.FindAll("[data-testid=board-recent]")));
    }

    /// <summary>Moves the fake clock on, a second at a time, until the board shows <paramref name="language"/>.</summary>
    private void AdvanceUntilTheBoardShows(IRenderedComponent<DisplayBoard> board, string language)
    {
        for (var second = 0; second <= Cycle.Each.TotalSeconds * OfferedLanguages.Standard.All.Count && board.Find(".board").GetAttribute("data-language") != language; second++)
            World.Time.Advance(TimeSpan.FromSeconds(1));
        board.WaitForAssertion(() => Assert.Equal(language, board.Find(".board").GetAttribute("data-language")));
    }

    [Fact]
    public void The_board_takes_its_languages_in_turn_on_the_clock_each_for_the_same_time()
    {
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find("[data-testid=board-service-moving]"));
        // To the moment a language's turn begins.
        var start = Cycle.Languages.ToList().IndexOf(Cycle.At(World.Time.GetUtcNow()));
        AdvanceUntilTheBoardShows(board, Cycle.Languages[(start + 1) % Cycle.Languages.Count]);

        for (var turn = 1; turn <= Cycle.Languages.Count * 2; turn++)
        {
            var language = Cycle.Languages[(start + turn) % Cycle.Languages.Count];
            board.WaitForAssertion(() => Assert.Equal(language, board.Find(".board").GetAttribute("data-language")));
            Assert.Equal(World.Moving.Name.Text(language), board.Find("[data-testid=board-service-moving]").ShownText());
            Assert.Equal(Text("Queue_NowCalling", language), board.Find("#board-called-title").ShownText());
            // Still this language a moment before its time is up; the next one from then on.
            World.Time.Advance(Cycle.Each - TimeSpan.FromSeconds(1));
            Assert.Equal(language, board.Find(".board").GetAttribute("data-language"));
            World.Time.Advance(TimeSpan.FromSeconds(1));
        }
    }

    [Fact]
    public async Task An_office_s_board_takes_the_languages_its_admins_chose_in_their_order_instead_of_the_city_s()
    {
        string[] own = ["vi", "ja-Easy", "ko"];
        await World.Setup.SaveSettingsAsync(OfficeQueueSettings.Default(World.OfficeId) with { BoardLanguages = own }, Ct);
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find("[data-testid=board-service-moving]"));
        var start = Array.IndexOf(own, Cycle.For(own).At(World.Time.GetUtcNow()));
        AdvanceUntilTheBoardShows(board, own[(start + 1) % own.Length]);

        var shown = new List<string>();
        for (var turn = 1; turn <= own.Length * 2; turn++)
        {
            var language = own[(start + turn) % own.Length];
            board.WaitForAssertion(() => Assert.Equal(language, board.Find(".board").GetAttribute("data-language")));
            Assert.Equal(Text("Queue_NowCalling", language), board.Find("#board-called-title").ShownText());
            // Easy Japanese with its readings over kanji as <ruby>.
            Assert.Equal(Ruby.Html(PortalText.Raw("Queue_NowCalling", language)).Value, board.Find("#board-called-title").InnerHtml);
            Assert.Equal(World.Moving.Name.Text(language), board.Find("[data-testid=board-service-moving]").ShownText());
            shown.Add(language);
            World.Time.Advance(Cycle.Each);
        }
        // English, one of the city's default board languages, is not among this office's.
        Assert.Equal(own.Order(), shown.Distinct().Order());
    }

    [Theory]
    [MemberData(nameof(BoardAndKioskLanguages))]
    public async Task The_board_stays_in_the_language_of_the_moment_when_a_call_made_in_another_language_updates_it(string language, string kiosk)
    {
        ReaderCulture.Use(kiosk);
        await World.IssueAsync();
        await World.IssueAsync();
        var board = Render<DisplayBoard>();
        board.WaitForAssertion(() => board.Find("[data-testid=board-waiting-moving]"));
        AdvanceUntilTheBoardShows(board, language);
        var staff = await World.AtCounterAsync(0);

        await ReaderCulture.ElsewhereAsync(Other(language), () => World.Service.CallNextAsync(staff, Ct));

        var office = (await new Portal.Data.Offices.OfficeRepository(World.Db).GetAsync(World.OfficeId, Ct))!;
        board.WaitForAssertion(() => Assert.Contains(World.Counters[0].Name.Text(language), board.Find("[data-testid=board-A001]").ShownText()));
        Assert.Equal(language, board.Find(".board").GetAttribute("data-language"));
        // City texts in the board's language, with readings over kanji where the language has them.
        Assert.Equal(office.Name.Html(language).Value, board.Find("h1").InnerHtml);
        Assert.Equal(Text("Queue_NowCalling", language), board.Find("#board-called-title").ShownText());
        Assert.Equal(Text("Queue_Waiting", language), board.Find("#board-lines-title").ShownText());
        Assert.Equal([World.Moving.Name.Text(language), World.Certificates.Name.Text(language)], board.FindAll(".board-lines th").Select(n => n.ShownText()));
        Assert.Equal(string.Format(CultureInfo.GetCultureInfo(language), Text("Queue_PeopleCount", language), 1), board.Find("[data-testid=board-waiting-moving]").ShownText());
        Assert.Equal(Text("Queue_BandUnder20", language), board.Find(".board-lines .queue-band").ShownText());
        // Interface texts too: easy Japanese's readings over kanji as <ruby>, whatever the culture the update ran in.
        Assert.Equal(Ruby.Html(PortalText.Raw("Queue_NowCalling", language)).Value, board.Find("#board-called-title").InnerHtml);
        Assert.Equal(Ruby.Html(PortalText.Raw("Queue_BandUnder20", language)).Value, board.Find(".board-lines .queue-band").InnerHtml);
    }
}
