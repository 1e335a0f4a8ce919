using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Portal.Core.Home;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Core.Reports;
using Portal.Core.Time;
using Portal.Data.Database;
using Portal.Tests.Browser;
using Portal.Tests.Live;
using Portal.Web.Home;
using Portal.Web.Hosting;
using Portal.Web.Live;
using Portal.Web.Points;
using Portal.Web.Queues;
using HomePage = Portal.Web.Home.Home;
using Portal.Web.Languages;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Home;

/// <summary>
/// The cards of a resident's home over a real database, in every language the portal speaks: what each shows with
/// data, what an empty one tells the resident to do next, a failing card beside working ones, and the ticket card
/// following a call at the counter live, alone and in the reader's language.
/// </summary>
public sealed class ResidentHomeCardTests : BunitContext, IAsyncLifetime
{
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture;
    private readonly CultureInfo _uiCulture = CultureInfo.CurrentUICulture;
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance);
    private HomeWorld _world = null!;

    public static TheoryData<string> Languages => new(OfferedLanguages.Standard.All);

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public ResidentHomeCardTests()
    {
        Services.AddPortalLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async ValueTask InitializeAsync()
    {
        _world = await HomeWorld.CreateAsync(DatabaseProvider.Sqlite);
        _world.Queues.Signals.Forward = new LiveQueueSignals(_bus);
        Services.AddSingleton(_world.Home);
        Services.AddSingleton(_world.Tickets);
        Services.AddSingleton<ILiveBus>(_bus);
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _world.Dispose();
        GC.SuppressFinalize(this);
    }

    private static void Speak(string culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = OfferedLanguages.Standard.CultureOf(culture);

    private static string T(string culture, string key, params object[] args) =>
        string.Format(OfferedLanguages.Standard.CultureOf(culture), PortalText.Get(key, culture), args);

    private IRenderedComponent<TCard> Card<TCard>(long account) where TCard : Microsoft.AspNetCore.Components.IComponent
    {
        var card = Render<TCard>(builder =>
        {
            builder.OpenComponent<TCard>(0);
            builder.AddAttribute(1, "AccountId", account);
            builder.CloseComponent();
        });
        card.WaitForAssertion(() => Assert.NotEqual("loading", card.Find(".glance-card").GetAttribute("data-state")));
        return card;
    }

    private static (string Href, string Text) Link<TCard>(IRenderedComponent<TCard> card) where TCard : Microsoft.AspNetCore.Components.IComponent
    {
        var link = card.Find(".glance-card-links a");
        return (link.GetAttribute("href")!, link.ShownText().Trim());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_points_card_shows_the_balance_and_what_expires_within_thirty_days(string culture)
    {
        Speak(culture);
        var hanako = (await _world.ResidentAsync()).Id;
        await _world.EarnAsync(hanako, 1_200);
        await _world.EarnAsync(hanako, 300, lastDayInDays: 10);

        var card = Card<PointsGlanceCard>(hanako);

        Assert.Equal(1500.ToString("N0", OfferedLanguages.Standard.CultureOf(culture)) + " pt", card.Find("[data-testid=points-balance]").ShownText());
        Assert.Equal(T(culture, "HomeGlance_PointsExpiring", "300 pt", 30, PointsText.Day(JapanTime.Today(_world.Time).AddDays(10))),
            card.Find("[data-testid=points-expiring]").ShownText());
        Assert.Equal(("/points", T(culture, "HomeGlance_PointsOpen")), Link(card));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_empty_points_card_says_how_to_earn_points(string culture)
    {
        Speak(culture);
        var card = Card<PointsGlanceCard>((await _world.ResidentAsync()).Id);

        Assert.Equal(T(culture, "HomeGlance_PointsEmpty"), card.Find("[data-testid=points-empty]").ShownText());
        Assert.Equal(("/points/events", T(culture, "HomeGlance_PointsFindEvent")), Link(card));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_reports_card_lists_the_latest_open_reports_with_their_status(string culture)
    {
        Speak(culture);
        var hanako = (await _world.ResidentAsync()).Id;
        await _world.ReportAsync(hanako, minutesAgo: 90);
        await _world.ReportAsync(hanako, "park-bench", ReportStatus.InProgress, minutesAgo: 80);
        await _world.ReportAsync(hanako, "other-graffiti", ReportStatus.Accepted, minutesAgo: 70);
        var newest = await _world.ReportAsync(hanako, minutesAgo: 60);
        await _world.ReportAsync(hanako, status: ReportStatus.Fixed);

        var card = Card<ReportsGlanceCard>(hanako);

        Assert.Equal(T(culture, "HomeGlance_ReportsOpen", 4), card.Find("[data-testid=reports-count]").ShownText());
        var first = card.Find($"li[data-report='{newest.Id}']");
        Assert.Equal($"/reports/{newest.Id}", first.QuerySelector("a")!.GetAttribute("href"));
        var pothole = (await new Portal.Data.Reports.ReportCategoryRepository(_world.Db).GetAsync("road-pothole", Ct))!;
        Assert.Equal(Portal.Core.Languages.RubyText.Plain(pothole.Name.For(culture)), first.QuerySelector("a")!.ShownText());
        Assert.Equal(T(culture, "PublicStatus_Received"), first.QuerySelector(".glance-status")!.ShownText());
        Assert.Equal(3, card.FindAll(".glance-list li").Count);
        Assert.Contains(T(culture, "HomeGlance_More", 1), card.ShownText());
        Assert.Equal(("/reports/mine", T(culture, "HomeGlance_ReportsOpenAll")), Link(card));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_empty_reports_card_invites_a_report(string culture)
    {
        Speak(culture);
        var hanako = (await _world.ResidentAsync()).Id;
        await _world.ReportAsync(hanako, status: ReportStatus.Fixed);

        var card = Card<ReportsGlanceCard>(hanako);

        Assert.Equal(T(culture, "HomeGlance_ReportsEmpty"), card.Find("[data-testid=reports-empty]").ShownText());
        Assert.Equal(("/reports/new", T(culture, "Reports_New")), Link(card));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_ticket_card_shows_the_number_and_the_line_and_opens_the_ticket_page(string culture)
    {
        Speak(culture);
        var hanako = (await _world.ResidentAsync()).Id;
        await _world.IssueAsync();
        var (ticket, token) = await _world.TicketOfAsync(hanako);

        var card = Card<TicketGlanceCard>(hanako);

        Assert.Equal(ticket.Display, card.Find("[data-testid=ticket-number]").ShownText());
        var office = (await new Portal.Data.Offices.OfficeRepository(_world.Db).GetAsync(_world.Queues.OfficeId, Ct))!;
        Assert.Equal($"{Portal.Core.Languages.RubyText.Plain(office.Name.For(culture))} · {Portal.Core.Languages.RubyText.Plain(_world.Queues.Moving.Name.For(culture))}",
            card.Find(".glance-ticket-where").ShownText());
        Assert.Equal(T(culture, "Queue_PeopleCount", 1), card.Find("[data-testid=people-ahead]").ShownText());
        Assert.Equal(T(culture, "HomeGlance_TicketNoneCalled"), card.Find("[data-testid=now-calling]").ShownText());
        Assert.Equal(($"/queue/t/{token}", T(culture, "HomeGlance_TicketOpen")), Link(card));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task An_empty_ticket_card_says_how_a_ticket_comes_to_show_here(string culture)
    {
        Speak(culture);
        await _world.IssueAsync(); // a ticket of someone else's

        var card = Card<TicketGlanceCard>((await _world.ResidentAsync()).Id);

        Assert.Equal(T(culture, "HomeGlance_TicketEmpty"), card.Find("[data-testid=ticket-empty]").ShownText());
        Assert.Equal(("/queue", T(culture, "Queue_CrowdingLink")), Link(card));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_For_You_card_shows_new_benefits_only_with_consent_and_otherwise_explains_For_You(string culture)
    {
        Speak(culture);
        var (ready, nothingNew, consentOnly, stranger) =
            ((await _world.ResidentAsync()).Id, (await _world.ResidentAsync()).Id, (await _world.ResidentAsync()).Id, (await _world.ResidentAsync()).Id);
        await _world.ForYouAsync(ready, consent: true, linked: true, daysAgo: 1, "child-allowance", "child-medical");
        await _world.ForYouAsync(nothingNew, consent: true, linked: true);
        await _world.ForYouAsync(consentOnly, consent: true, linked: false);

        var found = Card<ForYouGlanceCard>(ready);
        var names = Portal.Core.Benefits.StandardBenefits.All.Where(b => b.Code is "child-allowance" or "child-medical")
            .Select(b => Portal.Core.Languages.RubyText.Plain(b.Content.Name.For(culture)));
        Assert.Equal(names.Order(StringComparer.Ordinal), found.FindAll("[data-testid=for-you-new] li").Select(li => li.ShownText()).Order(StringComparer.Ordinal));
        Assert.Equal(("/for-you", T(culture, "HomeGlance_ForYouOpen")), Link(found));

        var none = Card<ForYouGlanceCard>(nothingNew);
        Assert.Equal(T(culture, "HomeGlance_ForYouNothingNew", 30), none.Find("[data-testid=for-you-nothing-new]").ShownText());

        var code = Card<ForYouGlanceCard>(consentOnly);
        Assert.Equal(T(culture, "HomeGlance_ForYouLinkRecord"), code.Find("[data-testid=for-you-link-record]").ShownText());
        Assert.Equal(("/for-you", T(culture, "HomeGlance_ForYouEnterCode")), Link(code));

        var intro = Card<ForYouGlanceCard>(stranger);
        Assert.Equal(T(culture, "HomeGlance_ForYouIntro"), intro.Find("[data-testid=for-you-intro]").ShownText());
        Assert.Equal(("/for-you", T(culture, "HomeGlance_ForYouStart")), Link(intro));
        Assert.Empty(intro.FindAll("[data-testid=for-you-new]"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_notices_card_counts_unread_notices_and_follows_new_ones_live(string culture)
    {
        Speak(culture);
        var hanako = (await _world.ResidentAsync()).Id;

        var card = Card<NoticesGlanceCard>(hanako);
        Assert.Equal(T(culture, "HomeGlance_NoticesNone"), card.Find("[data-testid=notices-none]").ShownText());
        Assert.Equal(("/settings/notifications", T(culture, "NoticePrefs_Title")), Link(card));

        await _world.NoticeAsync(hanako);
        await _world.NoticeAsync(hanako);
        _bus.Publish(NoticeTopics.Account(hanako));

        card.WaitForAssertion(() => Assert.Equal(T(culture, "Notices_UnreadCount", 2), card.Find("[data-testid=notices-unread]").ShownText()));
        Assert.Equal(("/notifications", T(culture, "Notices_SeeAll")), Link(card));
    }

    [Fact]
    public async Task A_card_that_cannot_be_read_says_so_while_the_others_show_and_keeps_its_link_onward()
    {
        Speak(PortalCultures.Japanese);
        var hanako = (await _world.ResidentAsync()).Id;
        await _world.EarnAsync(hanako, 100);
        Services.AddSingleton(_world.HomeWith(new BrokenInbox()));

        var home = Render<ResidentGlance>(p => p.Add(x => x.AccountId, hanako));

        home.WaitForAssertion(() => Assert.Empty(home.FindAll(".glance-card[data-state=loading]")));
        var notices = home.Find(".glance-card[data-card=notices]");
        Assert.Equal("failed", notices.GetAttribute("data-state"));
        Assert.Contains(T(PortalCultures.Japanese, "HomeGlance_Failed"), notices.ShownText());
        Assert.NotNull(notices.QuerySelector(".glance-card-links a"));
        Assert.Equal(["ready", "ready", "ready", "ready"],
            home.FindAll(".glance-card:not([data-card=notices])").Select(c => c.GetAttribute("data-state")));
        Assert.Equal("100 pt", home.Find("[data-testid=points-balance]").ShownText());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task The_ticket_card_follows_calls_live_alone_and_in_the_reader_s_language_whatever_thread_signals(string culture)
    {
        Speak(culture);
        var hanako = (await _world.ResidentAsync()).Id;
        var before = await _world.IssueAsync();
        await _world.TicketOfAsync(hanako);
        var staff = await _world.AtCounterAsync();
        var home = Render<ResidentGlance>(p => p.Add(x => x.AccountId, hanako));
        home.WaitForAssertion(() => Assert.Empty(home.FindAll(".glance-card[data-state=loading]")));
        var ticket = home.FindComponent<TicketGlanceCard>();
        var (points, reports, forYou, notices) = (home.FindComponent<PointsGlanceCard>(), home.FindComponent<ReportsGlanceCard>(),
            home.FindComponent<ForYouGlanceCard>(), home.FindComponent<NoticesGlanceCard>());
        int[] OtherRenders() => [points.RenderCount, reports.RenderCount, forYou.RenderCount, notices.RenderCount];
        var rendersBefore = OtherRenders();
        var ticketRenders = ticket.RenderCount;

        // The counter calls from another thread that speaks the other language: the card still speaks the reader's.
        await ReaderCulture.ElsewhereAsync(ReaderCulture.Other(culture), () => _world.Tickets.CallNextAsync(staff, Ct));

        home.WaitForAssertion(() => Assert.Equal(T(culture, "Queue_PeopleCount", 0), home.Find("[data-testid=people-ahead]").ShownText()));
        Assert.Equal(before.Ticket.Display, home.Find("[data-testid=now-calling]").ShownText());
        Assert.Equal(T(culture, "Queue_PeopleAhead"), home.Find(".glance-facts dt").ShownText());
        Assert.True(ticket.RenderCount > ticketRenders);
        Assert.Equal(rendersBefore, OtherRenders());

        await _world.Tickets.FinishAsync(staff, before.Ticket.Id, Ct);
        await ReaderCulture.ElsewhereAsync(ReaderCulture.Other(culture), () => _world.Tickets.CallNextAsync(staff, Ct));

        home.WaitForAssertion(() => Assert.Equal(T(culture, "Queue_CalledTo", Portal.Core.Languages.RubyText.Plain(_world.Queues.Counters[0].Name.For(culture))), home.Find("[data-testid=ticket-state]").ShownText().Trim()));
    }

    [Fact]
    public async Task The_home_shows_a_resident_their_own_cards_and_staff_and_strangers_the_home_of_today()
    {
        Speak(PortalCultures.Japanese);
        var hanako = await _world.ResidentAsync();
        var auth = AddAuthorization();
        // The resident's cards are the home page's interactive island, rendered here as their circuit renders them.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));

        auth.SetNotAuthorized();
        var stranger = Render<HomePage>();
        Assert.Empty(stranger.FindAll(".glance"));
        Assert.NotNull(stranger.Find("a[href='/account/signin']"));
        stranger.Dispose();

        auth.SetAuthorized("窓口 職員").SetRoles("Staff").SetClaims(new Claim(ClaimTypes.NameIdentifier, "1"), new Claim(ClaimTypes.Role, "Staff"));
        var staff = Render<HomePage>();
        Assert.Empty(staff.FindAll(".glance"));
        Assert.NotNull(staff.Find("a[href='/staff']"));
        staff.Dispose();

        auth.SetAuthorized(hanako.DisplayName).SetRoles("Resident").SetClaims(new Claim(ClaimTypes.NameIdentifier, hanako.Id.ToString(CultureInfo.InvariantCulture)));
        var resident = Render<HomePage>();
        resident.WaitForAssertion(() => Assert.Equal(5, resident.FindAll(".glance-island[data-island] .glance-card[data-state=ready]").Count));
        Assert.Equal(4, resident.FindAll(".service-card").Count);
    }

    /// <summary>An inbox whose database is down.</summary>
    private sealed class BrokenInbox : INoticeInbox
    {
        public Task<int> CountUnreadAsync(long accountId, CancellationToken ct) => throw new InvalidOperationException("The database is down.");
        public Task<int> CountAsync(long accountId, CancellationToken ct) => throw new InvalidOperationException("The database is down.");
        public Task<IReadOnlyList<InboxNotice>> ListAsync(long accountId, int skip, int take, CancellationToken ct) => throw new InvalidOperationException("The database is down.");
        public Task<bool> MarkReadAsync(long accountId, long noticeId, DateTimeOffset now, CancellationToken ct) => throw new InvalidOperationException("The database is down.");
        public Task<int> MarkAllReadAsync(long accountId, DateTimeOffset now, CancellationToken ct) => throw new InvalidOperationException("The database is down.");
    }
}
