using System.Collections.Concurrent;
using System.Globalization;
using System.IO.Pipelines;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Offices;
using Portal.Tests.Browser;
using Portal.Tests.Live;
using Portal.Web;
using Portal.Web.Live;
using Portal.Web.Queues;
using Portal.Web.Queues.Streams;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Tests.Queues;

/// <summary>
/// The light queue pages' streams on one node, over a real queue world and live bus: one subscription per office
/// whatever the number of pages, each page's event worked out from one read of the office, in the language the page
/// was opened in, and nothing sent to a page whose view did not change.
/// </summary>
public sealed class QueueFeedsTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private QueueWorld _world = null!;
    private CountingBus _bus = null!;
    private ServiceProvider _services = null!;
    private QueueFeeds _feeds = null!;
    private readonly List<(CancellationTokenSource Stop, Task Following, ServerSentEvents Events)> _open = [];

    public async ValueTask InitializeAsync()
    {
        _world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        _bus = new CountingBus(new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance));
        _world.Signals.Forward = new LiveQueueSignals(_bus);
        _services = new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();
        _feeds = new QueueFeeds(_world.Service, _bus, new OfficeRepository(_world.Db),
            new QueueWordBook(_services.GetRequiredService<IStringLocalizer<SharedResource>>(), _services.GetRequiredService<OfferedLanguages>()), _world.Time,
            Options.Create(new QueueOptions { StreamKeepAliveSeconds = 2 }), new NoLifetime(), NullLogger<QueueFeeds>.Instance);
    }

    private Task<IssuedTicket> IssueAsync(OfficeService? service = null) =>
        _world.Service.IssueAsync(_world.OfficeId, (service ?? _world.Moving).Id, TicketLane.WalkIn, Ct);

    /// <summary>A ticket page's stream, as the events endpoint opens it.</summary>
    private async Task<(ServerSentEvents Events, Task Following)> OpenAsync(IssuedTicket issued, string language, ulong lastEventId = 0)
    {
        var ticket = await _world.Service.TicketOfTokenAsync(issued.Token, Ct) ?? throw new InvalidOperationException("No ticket.");
        var pipe = new Pipe();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var following = _feeds.FollowAsync(ticket, _feeds.Words.For(CultureInfo.GetCultureInfo(language)), pipe.Writer, lastEventId, stop.Token);
        var events = new ServerSentEvents(pipe.Reader.AsStream());
        _open.Add((stop, following, events));
        return (events, following);
    }

    private ServerSentEvents OpenCrowding(string language, ulong lastEventId = 0)
    {
        var pipe = new Pipe();
        var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var following = _feeds.FollowAsync(_feeds.Words.For(CultureInfo.GetCultureInfo(language)), pipe.Writer, lastEventId, stop.Token);
        var events = new ServerSentEvents(pipe.Reader.AsStream());
        _open.Add((stop, following, events));
        return events;
    }

    [Fact]
    public async Task Many_pages_of_an_office_share_one_subscription_and_each_hears_its_own_place_after_a_call()
    {
        var issued = new List<IssuedTicket>();
        for (var i = 0; i < 5; i++) issued.Add(await IssueAsync());
        var pages = new List<ServerSentEvents>();
        foreach (var ticket in issued) pages.Add((await OpenAsync(ticket, "ja")).Events);
        for (var i = 0; i < pages.Count; i++)
        {
            var first = await pages[i].NextAsync();
            Assert.Equal(("ticket", "waiting", i), (first.Name, first.Text("state"), first.Json.GetProperty("ahead").GetInt32()));
            Assert.Equal(first.Id, first.Text("version"));
        }
        Assert.Equal(1, _bus.SubscriptionsTo(QueueTopics.Office(_world.OfficeId)));

        var staff = await _world.AtCounterAsync(0);
        await _world.Service.CallNextAsync(staff, Ct);

        var called = await pages[0].NextWhereAsync(e => e.Text("state") == "called");
        Assert.Equal(("called", "1番窓口へお越しください", "窓口へお越しください。"), (called.Text("state"), called.Text("headline"), called.Text("hint")));
        Assert.Equal(issued[0].Ticket.Display, called.Json.GetProperty("nowCalling")[0].GetProperty("number").GetString());
        for (var i = 1; i < pages.Count; i++)
        {
            // Taking the counter changed the estimate, the call the place: the newest event has both.
            var latest = await pages[i].NextWhereAsync(e => e.Json.GetProperty("ahead").GetInt32() == i - 1);
            Assert.Equal(string.Format(PortalText.Ja("Queue_PeopleCount"), i - 1), latest.Text("aheadText"));
            Assert.Equal("1番窓口", latest.Json.GetProperty("nowCalling")[0].GetProperty("counter").GetString());
        }
        Assert.Equal(1, _bus.SubscriptionsTo(QueueTopics.Office(_world.OfficeId)));
    }

    [Fact]
    public async Task The_first_page_of_an_office_misses_no_change_made_while_it_opens()
    {
        await IssueAsync();
        var mine = await IssueAsync();
        var staff = await _world.AtCounterAsync(0);
        // The office's first page: a colleague calls the ticket ahead of it just as the office's subscription is made.
        _bus.BeforeNextSubscription(() => _world.Service.CallNextAsync(staff, Ct).GetAwaiter().GetResult());

        var (events, _) = await OpenAsync(mine, "ja");

        // No later signal comes, and the minute's refresh never runs on this clock: the change is in the first events or lost.
        var heard = await events.NextWhereAsync(e => e.Json.GetProperty("ahead").GetInt32() == 0);
        Assert.Equal(1, heard.Json.GetProperty("nowCalling").GetArrayLength());
    }

    [Fact]
    public async Task Hundreds_of_pages_are_written_by_the_node_s_cores_together_and_every_one_hears_the_call()
    {
        var first = await IssueAsync();
        var second = await IssueAsync();
        var pages = new List<(IssuedTicket Ticket, ServerSentEvents Events)>();
        // More pages than one worker takes: the broadcast is shared out.
        for (var i = 0; i < 300; i++)
        {
            var ticket = i % 2 == 0 ? first : second;
            pages.Add((ticket, (await OpenAsync(ticket, i % 3 == 0 ? "en" : "ja")).Events));
        }
        foreach (var (_, events) in pages) await events.NextAsync();

        var staff = await _world.AtCounterAsync(0);
        await _world.Service.CallNextAsync(staff, Ct);

        // Every page comes to show the call, and never the number called with the line from before it (the office's
        // numbers at counters are read with its line: TicketServiceTests.A_call_committed_while_the_office_is_read…).
        foreach (var (ticket, events) in pages)
        {
            var expected = ticket == first ? "called" : "waiting";
            var heard = await events.NextWhereAsync(e => e.Json.GetProperty("nowCalling").GetArrayLength() == 1 && e.Text("state") == expected);
            Assert.Equal(0, heard.Json.GetProperty("ahead").GetInt32());
        }
        Assert.Equal(1, _bus.SubscriptionsTo(QueueTopics.Office(_world.OfficeId)));
    }

    [Fact]
    public async Task An_easy_Japanese_page_hears_its_texts_with_their_readings_and_other_languages_hear_plain_text_only()
    {
        var easy = (await OpenAsync(await IssueAsync(), PortalCultures.EasyJapanese)).Events;
        var english = (await OpenAsync(await IssueAsync(), "en")).Events;
        var first = await easy.NextAsync();
        Assert.Equal("0人", first.Text("aheadText"));
        Assert.Equal("""["0",["人","にん"]]""", first.Json.GetProperty("ruby").GetProperty("aheadText").GetRawText());
        Assert.False((await english.NextAsync()).Json.TryGetProperty("ruby", out _));

        var staff = await _world.AtCounterAsync(0);
        await ReaderCulture.ElsewhereAsync("en", () => _world.Service.CallNextAsync(staff, Ct));

        var called = await easy.NextWhereAsync(e => e.Text("state") == "called");
        // The plain text for any reader of the JSON, and the segments a page draws with <ruby>.
        Assert.Equal(("1番窓口へ 来て ください", "窓口へ 来て ください。"), (called.Text("headline"), called.Text("hint")));
        Assert.Equal("""["1番窓口へ ",["来","き"],"て ください"]""", called.Json.GetProperty("ruby").GetProperty("headline").GetRawText());
        Assert.Equal("""[["窓口","まどぐち"],"へ ",["来","き"],"て ください。"]""", called.Json.GetProperty("ruby").GetProperty("hint").GetRawText());
        var heard = await english.NextWhereAsync(e => e.Json.GetProperty("nowCalling").GetArrayLength() == 1);
        Assert.False(heard.Json.TryGetProperty("ruby", out _));

        var crowding = OpenCrowding(PortalCultures.EasyJapanese);
        var chuo = (await crowding.NextWhereAsync(e => e.Text("office") == "chuo")).Json;
        var moving = chuo.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "moving");
        Assert.Equal(("1人", """["1",["人","にん"]]"""), (moving.GetProperty("waitingText").GetString(), moving.GetProperty("ruby").GetProperty("waitingText").GetRawText()));
    }

    [Fact]
    public async Task Each_page_hears_a_change_in_its_own_language_whoever_made_it()
    {
        var english = (await OpenAsync(await IssueAsync(), "en")).Events;
        var japanese = (await OpenAsync(await IssueAsync(), "ja")).Events;
        Assert.Equal("Chuo Ward Office · Moving in or out", (await english.NextAsync()).Text("where"));
        Assert.Equal("中央区役所 · 転入・転出", (await japanese.NextAsync()).Text("where"));

        // A staff member working in Japanese calls the English page's ticket.
        var staff = await _world.AtCounterAsync(1);
        await ReaderCulture.ElsewhereAsync("ja", () => _world.Service.CallNextAsync(staff, Ct));
        var enCalled = await english.NextWhereAsync(e => e.Text("state") == "called");
        // The counter's name too is in the page's language (it used to be the Japanese one on every page).
        Assert.Equal(("Please go to Counter 2", "Chuo Ward Office · Moving in or out"), (enCalled.Text("headline"), enCalled.Text("where")));
        var jaMoved = await japanese.NextWhereAsync(e => e.Json.GetProperty("ahead").GetInt32() == 0);
        Assert.Equal(("お待ちください", "0人", "中央区役所 · 転入・転出"), (jaMoved.Text("headline"), jaMoved.Text("aheadText"), jaMoved.Text("where")));

        // And one working in English finishes it.
        var first = (await _world.Tickets.ListActiveAsync(_world.OfficeId, _world.Service.Today, Ct)).Single(t => t.State == TicketState.Called);
        await ReaderCulture.ElsewhereAsync("en", () => _world.Service.FinishAsync(staff, first.Id, Ct));
        var served = await english.NextWhereAsync(e => e.Text("state") == "served");
        Assert.Equal(PortalText.En("Queue_StateServed"), served.Text("headline"));
        await ReaderCulture.ElsewhereAsync("en", () => _world.Service.CallNextAsync(staff, Ct));
        var jaCalled = await japanese.NextWhereAsync(e => e.Text("state") == "called");
        Assert.Equal(("2番窓口へお越しください", "中央区役所 · 転入・転出"), (jaCalled.Text("headline"), jaCalled.Text("where")));
    }

    [Fact]
    public async Task A_page_is_sent_nothing_for_a_change_that_leaves_its_view_as_it_was()
    {
        await _world.AtCounterAsync(0);
        var staff = await _world.AtCounterAsync(1);
        var ahead = await IssueAsync();
        var page = (await OpenAsync(await IssueAsync(), "ja")).Events;
        var first = await page.NextAsync();

        // Another service's line grows: nothing this page shows changes.
        await IssueAsync(_world.Certificates);
        await IssueAsync(_world.Certificates);
        // Its own line moves: that is the next event it gets.
        await _world.Service.CallNextAsync(staff, Ct);

        var next = await page.NextAsync();
        Assert.Equal((1, 0), (first.Json.GetProperty("ahead").GetInt32(), next.Json.GetProperty("ahead").GetInt32()));
        Assert.Equal(ahead.Ticket.Display, next.Json.GetProperty("nowCalling")[0].GetProperty("number").GetString());
    }

    [Fact]
    public async Task A_page_reconnecting_with_the_current_version_is_sent_nothing_until_the_next_change_and_one_with_an_old_one_the_state_at_once()
    {
        var staff = await _world.AtCounterAsync(0);
        await IssueAsync();
        var mine = await IssueAsync();
        var first = await (await OpenAsync(mine, "ja")).Events.NextAsync();
        var current = EventStream.ParseVersion(first.Id);
        Assert.NotEqual(0UL, current);

        var resumed = (await OpenAsync(mine, "ja", lastEventId: current)).Events;
        var stale = (await OpenAsync(mine, "ja", lastEventId: current ^ 1)).Events;
        Assert.Equal(first.Data, (await stale.NextAsync()).Data);

        await _world.Service.CallNextAsync(staff, Ct);
        var next = await resumed.NextAsync();
        Assert.Equal((1, 0), (first.Json.GetProperty("ahead").GetInt32(), next.Json.GetProperty("ahead").GetInt32()));
    }

    [Fact]
    public async Task An_idle_stream_gets_comment_lines_and_a_ticket_s_stream_ends_when_its_link_expires()
    {
        var issued = await IssueAsync();
        var (page, following) = await OpenAsync(issued, "ja");
        await page.NextAsync();

        _world.Time.Advance(TimeSpan.FromSeconds(2));
        Assert.StartsWith(":", await page.NextCommentAsync());
        Assert.False(following.IsCompleted);

        _world.Time.Advance(issued.Ticket.TokenExpiresUtc - _world.Time.GetUtcNow() + TimeSpan.FromSeconds(2));
        await Infrastructure.Eventually.DoneAsync(following, what: "the stream ends once its link expired");
    }

    [Fact]
    public async Task The_crowding_stream_sends_every_office_at_once_then_each_office_that_changes_in_the_page_s_language()
    {
        await IssueAsync();
        var english = OpenCrowding("en");
        var offices = new List<ServerSentEvents.Event>();
        for (var i = 0; i < 6; i++) offices.Add(await english.NextAsync());
        Assert.All(offices, e => Assert.Equal("office", e.Name));
        Assert.Equal(["chuo", "hanamigawa", "inage", "wakaba", "midori", "mihama"], offices.Select(e => e.Text("office")));
        var chuo = offices[0];
        Assert.Equal("Chuo Ward Office", chuo.Text("name"));
        var moving = chuo.Json.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "moving");
        Assert.Equal(("Moving in or out", 1), (moving.GetProperty("name").GetString(), moving.GetProperty("waiting").GetInt32()));

        // A page that comes back with the version it had is sent nothing until an office changes.
        var resumed = OpenCrowding("en", EventStream.ParseVersion(offices[^1].Id));
        await ReaderCulture.ElsewhereAsync("ja", () => IssueAsync());
        foreach (var page in new[] { english, resumed })
        {
            var changed = await page.NextAsync();
            Assert.Equal(("chuo", "Chuo Ward Office"), (changed.Text("office"), changed.Text("name")));
            var line = changed.Json.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "moving");
            Assert.Equal(("Moving in or out", 2, "2"), (line.GetProperty("name").GetString(), line.GetProperty("waiting").GetInt32(), line.GetProperty("waitingText").GetString()));
            Assert.NotEqual(offices[^1].Id, changed.Id);
        }
    }

    [Fact]
    public async Task A_crowding_page_opened_while_a_change_is_still_unheard_starts_from_the_office_as_it_is_now()
    {
        await IssueAsync();
        var first = OpenCrowding("ja");
        for (var i = 0; i < 6; i++) await first.NextAsync();

        // A change committed whose signal has not reached this node's feeds yet: their last broadcast is older than the office.
        var forward = _world.Signals.Forward;
        _world.Signals.Forward = null;
        await IssueAsync();
        var opened = OpenCrowding("ja");
        var offices = new List<ServerSentEvents.Event>();
        for (var i = 0; i < 6; i++) offices.Add(await opened.NextAsync());

        var chuo = offices.Single(e => e.Text("office") == "chuo");
        var moving = chuo.Json.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "moving");
        Assert.Equal(2, moving.GetProperty("waiting").GetInt32());

        // The broadcast of that change, when it comes, is nothing new to the page; the next change is.
        _world.Signals.Forward = forward;
        (await _feeds.FeedAsync("chuo", Ct))!.Changed();
        await IssueAsync();
        var next = await opened.NextWhereAsync(e => e.Text("office") == "chuo");
        Assert.Equal(3, next.Json.GetProperty("services").EnumerateArray().Single(s => s.GetProperty("code").GetString() == "moving").GetProperty("waiting").GetInt32());
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var (stop, following, events) in _open)
        {
            await stop.CancelAsync();
            try
            {
                await following.WaitAsync(TimeSpan.FromSeconds(20), CancellationToken.None);
            }
            catch (OperationCanceledException)
            {
                // Stopped while it waited for its office's first read: as a page that closes at once.
            }
            stop.Dispose();
            events.Dispose();
        }
        _feeds.Dispose();
        await _services.DisposeAsync();
        _world.Dispose();
    }

    /// <summary>The bus with a count of subscriptions per topic.</summary>
    private sealed class CountingBus(ILiveBus inner) : ILiveBus
    {
        private readonly ConcurrentDictionary<string, int> _subscriptions = new();

        public int SubscriptionsTo(string topic) => _subscriptions.GetValueOrDefault(topic);

        private Action? _before;

        /// <summary>Runs <paramref name="action"/> once, as the next subscription is asked for and before it is made: a change that lands just then.</summary>
        public void BeforeNextSubscription(Action action) => Volatile.Write(ref _before, action);

        public void Publish(string topic, string? payload = null) => inner.Publish(topic, payload);

        public IDisposable Subscribe(string topic, Func<string?, Task> handler)
        {
            Interlocked.Exchange(ref _before, null)?.Invoke();
            _subscriptions.AddOrUpdate(topic, 1, (_, n) => n + 1);
            return inner.Subscribe(topic, handler);
        }

    }
}
