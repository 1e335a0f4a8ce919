using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Core.Rules;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>Tickets against every available provider: numbering and calling under contention, the event log and notices.</summary>
public sealed class TicketRepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Fifty_concurrent_issues_get_fifty_distinct_numbers_from_one(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);

        var tickets = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(() => world.IssueAsync())));

        Assert.Equal(Enumerable.Range(1, 50), tickets.Select(t => t.Number).Order());
        // The other service counts on its own, with its own prefix.
        Assert.Equal("B001", (await world.IssueAsync(world.Certificates)).Display);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Numbers_restart_at_midnight_Japan_time(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 14, 59, 0, TimeSpan.Zero)); // 23:59 in Japan
        await world.IssueAsync();
        var late = await world.IssueAsync();
        world.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)); // 0:00 the next day
        var next = await world.IssueAsync();

        Assert.Equal((2, new DateOnly(2026, 11, 25)), (late.Number, late.BusinessDate));
        Assert.Equal((1, new DateOnly(2026, 11, 26)), (next.Number, next.BusinessDate));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Counters_calling_at_the_same_instant_never_get_the_same_ticket(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        const int counters = 8, tickets = 40;
        using var world = await QueueWorld.CreateAsync(provider, counters);
        for (var i = 0; i < tickets; i++) await world.IssueAsync(i % 3 == 0 ? world.Certificates : world.Moving);
        var services = new[] { world.Moving.Id, world.Certificates.Id };
        var today = BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow());

        // Each counter calls again and again, all at once, until nobody is left.
        var called = await Task.WhenAll(world.Counters.Select(counter => Task.Run(async () =>
        {
            var mine = new List<long>();
            while (await CallThenFinishAsync(world, today, counter.Id, services) is { } t)
                mine.Add(t.Id);
            return mine;
        })));

        var all = called.SelectMany(c => c).ToList();
        Assert.Equal(tickets, all.Count);
        Assert.Equal(all.Count, all.Distinct().Count());
        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(tickets, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QueueTicketEvent WHERE Kind = 'Called'"));
    }

    /// <summary>The next ticket called to the counter, then finished, as a counter does before it calls again.</summary>
    private static async Task<Ticket?> CallThenFinishAsync(QueueWorld world, DateOnly today, long counter, IReadOnlyList<long> services)
    {
        var ticket = await world.Tickets.CallNextAsync(world.OfficeId, today, counter, services, null, world.Time.GetUtcNow(), Ct);
        if (ticket is null) return null;
        await world.Tickets.ChangeAsync(ticket.Id, t =>
        {
            var took = t.Finish(counter, world.Time.GetUtcNow());
            return new TicketEvent(t.Id, TicketEventKind.Served, world.Time.GetUtcNow(), t.ServiceId, counter, ServiceSeconds: (int)took.TotalSeconds);
        }, Ct);
        return ticket;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_counter_with_a_ticket_called_or_being_served_is_refused_the_next_one_in_the_same_write(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var today = BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow());
        await world.IssueAsync();
        var waiting = await world.IssueAsync();
        var counter = world.Counters[0].Id;
        var called = (await world.Tickets.CallNextAsync(world.OfficeId, today, counter, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct))!;

        var busy = await Assert.ThrowsAsync<RuleException>(() =>
            world.Tickets.CallNextAsync(world.OfficeId, today, counter, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct));
        Assert.Equal(QueueErrors.Busy, busy.Key);
        await world.Tickets.ChangeAsync(called.Id, t =>
        {
            t.StartServing(counter, world.Time.GetUtcNow());
            return new TicketEvent(t.Id, TicketEventKind.Serving, world.Time.GetUtcNow(), t.ServiceId, counter);
        }, Ct);
        await Assert.ThrowsAsync<RuleException>(() =>
            world.Tickets.CallNextAsync(world.OfficeId, today, counter, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct));
        Assert.Equal(TicketState.Waiting, (await world.Tickets.GetAsync(waiting.Id, Ct))!.State);

        // Another counter calls the waiting one meanwhile.
        var other = await world.Tickets.CallNextAsync(world.OfficeId, today, world.Counters[1].Id, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct);
        Assert.Equal(waiting.Id, other!.Id);
    }

    [Fact]
    public async Task Presses_of_call_next_at_one_counter_at_the_same_time_call_one_ticket_and_the_others_are_told_it_is_busy()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        for (var i = 0; i < 4; i++) await world.IssueAsync();
        var staff = await world.AtCounterAsync(0);

        var presses = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await world.Service.CallNextAsync(staff, Ct))?.Id;
            }
            catch (RuleException e) when (e.Key == QueueErrors.Busy)
            {
                return null;
            }
        })));

        Assert.Single(presses, p => p is not null);
        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QueueTicket WHERE CounterId = @id AND State = 'Called'", new { id = world.Counters[0].Id }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_next_ticket_is_the_fast_lane_first_then_the_earliest(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var today = BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow());
        var first = await world.IssueAsync();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        var second = await world.IssueAsync();
        world.Time.Advance(TimeSpan.FromMinutes(1));
        var fast = await world.IssueAsync(lane: TicketLane.FastLane);

        Assert.Equal(2, await world.Tickets.CountAheadAsync(second, Ct));
        Assert.Equal(0, await world.Tickets.CountAheadAsync(fast, Ct));
        var order = new List<long>();
        while (await CallThenFinishAsync(world, today, world.Counters[0].Id, [world.Moving.Id]) is { } t)
            order.Add(t.Id);
        Assert.Equal([fast.Id, first.Id, second.Id], order);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_transferred_ticket_keeps_its_place_by_issue_time_in_the_other_line(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var today = BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow());
        var early = await world.IssueAsync(world.Moving);
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var certificate = await world.IssueAsync(world.Certificates);
        world.Time.Advance(TimeSpan.FromMinutes(5));
        var counter = world.Counters[0].Id;
        await world.Tickets.CallNextAsync(world.OfficeId, today, counter, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct);

        var moved = await world.Tickets.ChangeAsync(early.Id, t =>
        {
            t.TransferTo(counter, world.Certificates, world.Time.GetUtcNow());
            return new TicketEvent(t.Id, TicketEventKind.Transferred, world.Time.GetUtcNow(), t.ServiceId, counter, FromServiceId: world.Moving.Id);
        }, Ct);

        Assert.Equal((TicketState.Waiting, world.Certificates.Id, "A001"), (moved.State, moved.ServiceId, moved.Display));
        Assert.Equal(1, await world.Tickets.CountAheadAsync((await world.Tickets.GetAsync(certificate.Id, Ct))!, Ct));
        var next = await world.Tickets.CallNextAsync(world.OfficeId, today, counter, [world.Certificates.Id], null, world.Time.GetUtcNow(), Ct);
        Assert.Equal(early.Id, next!.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_refused_change_writes_nothing(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var ticket = await world.IssueAsync();

        await Assert.ThrowsAsync<RuleException>(() => world.Tickets.ChangeAsync(ticket.Id, t =>
        {
            t.Finish(world.Counters[0].Id, world.Time.GetUtcNow());
            return new TicketEvent(t.Id, TicketEventKind.Served, world.Time.GetUtcNow(), t.ServiceId);
        }, Ct));

        Assert.Equal(TicketState.Waiting, (await world.Tickets.GetAsync(ticket.Id, Ct))!.State);
        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM QueueTicketEvent WHERE Kind = 'Served'"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_number_and_the_token_hash_are_unique_in_the_database(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var ticket = await world.IssueAsync();
        await using var connection = await world.Db.OpenAsync(Ct);
        var copy = "INSERT INTO QueueTicket (OfficeId, ServiceId, BusinessDate, Prefix, Number, Lane, LaneRank, State, IssuedUtc, QueuedUtc, RecallCount, TokenHash, TokenExpiresUtc) " +
            "SELECT OfficeId, ServiceId, BusinessDate, Prefix, Number, Lane, LaneRank, State, IssuedUtc, QueuedUtc, RecallCount, @hash, TokenExpiresUtc FROM QueueTicket WHERE Id = @Id";
        var e = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(copy, new { ticket.Id, hash = "other" }));
        Assert.True(world.Db.Dialect.IsUniqueViolation(e));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Notices_are_written_when_the_ticket_comes_near_and_when_it_is_called_once_each(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var today = BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow());
        var ahead = new List<Ticket>();
        for (var i = 0; i < 5; i++) ahead.Add(await world.IssueAsync());
        var mine = await world.IssueAsync();
        var email = new NoticeRecipient.Address(NoticeChannel.Email, "resident@example.jp", "en");
        await world.Tickets.SubscribeAsync(mine.Id, TicketNoticeKind.Near, email, world.Time.GetUtcNow(), Ct);
        await world.Tickets.SubscribeAsync(mine.Id, TicketNoticeKind.Called, email, world.Time.GetUtcNow(), Ct);
        Assert.Empty(await NoticesAsync(world));

        async Task Call() => await CallThenFinishAsync(world, today, world.Counters[0].Id, [world.Moving.Id]);
        await Call(); // 4 ahead
        Assert.Empty(await NoticesAsync(world));
        await Call(); // 3 ahead: the office's threshold
        Assert.Equal([($"ticket:{mine.Id}:near", "TicketNear")], (await NoticesAsync(world)).Select(n => (n.DedupKey, n.Kind)));
        Assert.Equal("3", (await NoticesAsync(world))[0].Values[NoticeValues.PeopleAhead]);
        await Call();
        await Call();
        await Call();
        await Call(); // mine
        var notices = await NoticesAsync(world);
        Assert.Equal([$"ticket:{mine.Id}:called", $"ticket:{mine.Id}:near"], notices.Select(n => n.DedupKey).Order());
        var called = notices.Single(n => n.Kind == "TicketCalled");
        // The names in every language they are written in, for the recipient's language to pick.
        Assert.Equal(("A006", "1番窓口", "Counter 1", "転入・転出", "Moving in or out", "中央区役所"),
            (called.Values[NoticeValues.TicketNumber], called.Values["counter.ja"], called.Values["counter.en"], called.Values["service.ja"], called.Values["service.en"],
                called.Values["office.ja"]));
        // The values are the ones the templates fill: both notices render in both languages.
        var renderer = Portal.Tests.Notifications.NoticeRendererTests.ResourceRenderer();
        foreach (var notice in notices)
            foreach (var culture in new[] { "ja", "en" })
            {
                var text = renderer.Render(Enum.Parse<NoticeKind>(notice.Kind), culture, notice.Values);
                Assert.Contains("A006", text.Subject + text.Body);
            }
        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>(
            "SELECT COUNT(*) FROM NoticeDelivery WHERE Channel = 'Email' AND Destination = 'resident@example.jp'"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Asking_to_be_told_when_already_near_writes_the_notice_at_once(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var mine = await world.IssueAsync();
        var staff = await world.StaffAsync();
        await world.Tickets.SubscribeAsync(mine.Id, TicketNoticeKind.Near, new NoticeRecipient.Account(staff.AccountId!.Value), world.Time.GetUtcNow(), Ct);
        Assert.Equal([$"ticket:{mine.Id}:near"], (await NoticesAsync(world)).Select(n => n.DedupKey));
        Assert.Equal([TicketNoticeKind.Near], await world.Tickets.ListSubscriptionsAsync(mine.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_event_log_gives_service_times_of_today_and_of_the_same_hour_last_week(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider);
        var counter = world.Counters[0].Id;
        async Task ServeAsync(TimeSpan took)
        {
            var today = BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow());
            await world.IssueAsync();
            var t = (await world.Tickets.CallNextAsync(world.OfficeId, today, counter, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct))!;
            world.Time.Advance(took);
            await world.Tickets.ChangeAsync(t.Id, x =>
            {
                var s = x.Finish(counter, world.Time.GetUtcNow());
                return new TicketEvent(x.Id, TicketEventKind.Served, world.Time.GetUtcNow(), x.ServiceId, counter, ServiceSeconds: (int)s.TotalSeconds);
            }, Ct);
        }
        await ServeAsync(TimeSpan.FromMinutes(7));
        world.Time.SetUtcNow(QueueWorld.Morning.AddDays(7));
        await ServeAsync(TimeSpan.FromMinutes(4));
        await ServeAsync(TimeSpan.FromMinutes(6));

        var (today, history) = await world.Tickets.ServiceTimesAsync(world.Moving.Id, world.Time.GetUtcNow(), 10, Ct);
        Assert.Equal([TimeSpan.FromMinutes(6), TimeSpan.FromMinutes(4)], today);
        Assert.Equal([TimeSpan.FromMinutes(7)], history);
        var events = await world.Tickets.ListEventsAsync(world.OfficeId, BusinessCalendar.BusinessDateOf(QueueWorld.Morning), BusinessCalendar.BusinessDateOf(world.Time.GetUtcNow()), Ct);
        Assert.Equal(9, events.Count);
        Assert.All(events.Where(e => e.Kind == TicketEventKind.Called), e => Assert.NotNull(e.EstimateErrorSeconds));
    }

    private static async Task<List<NoticeRow>> NoticesAsync(QueueWorld world)
    {
        await using var connection = await world.Db.OpenAsync(Ct);
        return (await connection.QueryAsync<NoticeRow>("SELECT DedupKey, Kind, ValuesJson FROM Notice ORDER BY Id")).ToList();
    }

    private sealed class NoticeRow
    {
        public string DedupKey { get; set; } = "";
        public string Kind { get; set; } = "";
        public string ValuesJson { get; set; } = "";
        public Dictionary<string, string> Values => System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(ValuesJson)!;
    }
}
