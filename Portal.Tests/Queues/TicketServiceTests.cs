using Portal.Core.Accounts;
using Portal.Data.Accounts;
using System.Reflection;
using Portal.Core.Audit;
using Portal.Core.Queues;
using Portal.Core.Languages;
using Portal.Core.Rules;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>The counter's work through the ticket service on a real database: sessions, calls, audit and signals.</summary>
public sealed class TicketServiceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_kiosk_ticket_gets_a_token_that_opens_its_status_and_expires_at_midnight()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        await world.IssueAsync();
        var issued = await world.Service.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct);

        Assert.Equal(("A002", 1), (issued.Ticket.Display, issued.PeopleAhead));
        var status = await world.Service.StatusAsync(issued.Token, Ct);
        Assert.Equal((1, TicketState.Waiting, "転入・転出"), (status!.PeopleAhead, status.Ticket.State, status.Service.Name.Japanese));
        Assert.Contains(world.Signals.Sent, s => s.Office == world.OfficeId && s.Tickets.Contains(issued.Ticket.Id));
        Assert.Null(await world.Service.StatusAsync(TicketToken.New(), Ct));

        world.Time.SetUtcNow(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero));
        Assert.Null(await world.Service.StatusAsync(issued.Token, Ct));
    }

    [Fact]
    public async Task The_counter_calls_recalls_and_may_mark_a_no_show_only_after_the_set_recalls()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var staff = await world.AtCounterAsync(0);
        var ticket = await world.IssueAsync();

        var called = await world.Service.CallNextAsync(staff, Ct);
        Assert.Equal(ticket.Id, called!.Id);
        await Assert.ThrowsAsync<RuleException>(() => world.Service.NoShowAsync(staff, ticket.Id, Ct));
        await world.Service.RecallAsync(staff, ticket.Id, Ct);
        await world.Service.RecallAsync(staff, ticket.Id, Ct);
        var noShow = await world.Service.NoShowAsync(staff, ticket.Id, Ct);

        Assert.Equal(TicketState.NoShow, noShow.State);
        var audit = await new AuditLogRepository(world.Db).SearchAsync(new AuditQuery(EntityType: QueueAuditActions.Entity, EntityId: ticket.Id.ToString()), Ct);
        Assert.Equal([QueueAuditActions.Called, QueueAuditActions.Recalled, QueueAuditActions.Recalled, QueueAuditActions.NoShow],
            audit.OrderBy(a => a.Id).Select(a => a.Action));
    }

    [Fact]
    public async Task A_counter_with_a_resident_at_it_calls_nobody_else_and_a_paused_counter_calls_nobody()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var staff = await world.AtCounterAsync(0);
        await world.IssueAsync();
        await world.IssueAsync();
        var first = await world.Service.CallNextAsync(staff, Ct);
        Assert.Equal(QueueErrors.Busy, (await Assert.ThrowsAsync<RuleException>(() => world.Service.CallNextAsync(staff, Ct))).Key);
        await world.Service.FinishAsync(staff, first!.Id, Ct);
        await world.Service.PauseAsync(staff, true, Ct);
        Assert.Equal(QueueErrors.NoCounter, (await Assert.ThrowsAsync<RuleException>(() => world.Service.CallNextAsync(staff, Ct))).Key);
        await world.Service.PauseAsync(staff, false, Ct);
        Assert.NotNull(await world.Service.CallNextAsync(staff, Ct));
    }

    [Fact]
    public async Task Staff_take_only_counters_of_their_own_office()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var staff = await world.StaffAsync();
        await Assert.ThrowsAsync<RuleException>(() => world.Service.TakeCounterAsync(staff, "inage", world.Counters[0].Id, [], Ct));
    }

    [Fact]
    public async Task The_office_status_counts_waiting_residents_and_open_counters_per_service()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        await world.AtCounterAsync(0);
        for (var i = 0; i < 3; i++) await world.IssueAsync();
        await world.IssueAsync(world.Certificates);

        var status = await world.Service.OfficeStatusAsync(world.OfficeId, Ct);

        Assert.Equal([("moving", 3, 1), ("certificates", 1, 1)], status.Services.Select(s => (s.Service.Code, s.Waiting, s.OpenCounters)));
        Assert.True(status.Services[0].Estimate.Uncertain);
        Assert.True(status.Services[0].Estimate.High > status.Services[1].Estimate.High);
    }

    [Fact]
    public async Task A_transfer_at_the_counter_puts_the_ticket_in_the_other_line_and_the_counter_is_free()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var staff = await world.AtCounterAsync(0);
        var ticket = await world.IssueAsync();
        await world.Service.CallNextAsync(staff, Ct);
        var moved = await world.Service.TransferAsync(staff, ticket.Id, world.Certificates.Id, Ct);
        Assert.Equal((TicketState.Waiting, world.Certificates.Id), (moved.State, moved.ServiceId));
        var desk = await world.Service.DeskAsync(staff, Ct);
        Assert.Null(desk!.Current);
        Assert.Equal(moved.Id, (await world.Service.CallNextAsync(staff, Ct))!.Id);
    }

    [Fact]
    public async Task Outside_counter_hours_no_ticket_is_issued()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        world.Time.SetUtcNow(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero)); // Saturday
        Assert.Equal(QueueErrors.OfficeClosed, (await Assert.ThrowsAsync<RuleException>(
            () => world.Service.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct))).Key);
    }

    [Fact]
    public async Task A_call_committed_while_the_office_is_read_never_shows_a_number_at_a_counter_that_the_line_still_has_waiting()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var first = await world.IssueAsync();
        await world.IssueAsync();
        var staff = await world.AtCounterAsync(0);
        // Another node's ticket service reads the office; a colleague's call commits just after it has read the line.
        var tickets = DispatchProxy.Create<ITicketRepository, ChangeAfterLineRead>();
        var hooked = (ChangeAfterLineRead)(object)tickets;
        hooked.Inner = world.Tickets;
        hooked.Then = async () => await world.Service.CallNextAsync(staff, Ct);
        var elsewhere = new TicketService(tickets, world.Setup, world.Sessions, new RecordingSignals(),
            new AuditTrail(new AuditLogRepository(world.Db), world.Time), world.Time, new QueueRules(),
            new StaffScopes(new UserAccountRepository(world.Db)));

        var office = await elsewhere.SnapshotAsync(world.OfficeId, Ct);

        Assert.Null(hooked.Then); // the call did come between the reads
        Assert.Equal(TicketState.Waiting, office.Active.Single(t => t.Id == first.Id).State);
        // What the pages show of the office is one moment: the number is not at a counter while it still waits.
        Assert.All(office.Called, c => Assert.NotEqual(TicketState.Waiting, office.Active.Single(t => t.Id == c.TicketId).State));
        Assert.Empty(office.Called);
    }

    [Fact]
    public async Task A_ticket_called_at_a_counter_set_up_after_the_office_was_read_shows_that_counter_s_name()
    {
        // A counter made elsewhere (another node, or straight in the database) that this node's snapshot of the office
        // does not know yet: the ticket called to it must still say where to go, not "please come to the counter".
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var issued = await world.Service.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct);
        await world.Service.SnapshotAsync(world.OfficeId, Ct);
        var counterId = await world.Setup.SaveCounterAsync(
            new Counter(0, world.OfficeId, LocalizedText.Of("臨時窓口", "Extra counter"), 9, true, [world.Moving.Id]), Ct);
        var called = await world.Tickets.CallNextAsync(world.OfficeId, issued.Ticket.BusinessDate, counterId, [world.Moving.Id], null, world.Time.GetUtcNow(), Ct);

        var status = await world.Service.StatusOfAsync(called!, Ct);

        Assert.Equal((TicketState.Called, "臨時窓口"), (status.Ticket.State, status.CounterName?.Japanese));
        // The snapshot was older than the counter: the office is read anew for the pages that follow.
        Assert.Contains((await world.Service.SnapshotAsync(world.OfficeId, Ct)).Called, c => c.TicketId == issued.Ticket.Id && c.CounterName.Japanese == "臨時窓口");
    }

    [Fact]
    public async Task The_counter_console_shows_its_called_ticket_without_reading_the_office_s_line_again()
    {
        // The console reloads its desk on every signal of its office: reading the day's whole line from the database
        // each time was a fifth of the server's work at 5,000 open ticket pages (docs/performance.md).
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (here, counting) = CountingLineReads.Service(world);
        var staff = await world.AtCounterAsync(0);
        var first = (await here.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct)).Ticket;
        await here.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct);
        await here.DeskAsync(staff, Ct);
        var reads = counting.LineReads;

        await here.CallNextAsync(staff, Ct);
        var desk = await here.DeskAsync(staff, Ct);
        await here.StartServingAsync(staff, first.Id, Ct);
        var serving = await here.DeskAsync(staff, Ct);

        Assert.Equal((first.Id, TicketState.Called), (desk!.Current!.Id, desk.Current.State));
        Assert.Equal((first.Id, TicketState.Serving), (serving!.Current!.Id, serving.Current.State));
        Assert.Equal(reads, counting.LineReads);
    }

    [Fact]
    public async Task A_change_made_on_this_node_is_taken_into_the_office_s_snapshot_without_reading_the_line_again()
    {
        // A call reaches thousands of open ticket pages through the office's snapshot: reading the whole line again
        // for each change was most of the time between a counter's key press and the first page hearing of it.
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var (here, counting) = CountingLineReads.Service(world);
        var audit = new AuditTrail(new AuditLogRepository(world.Db), world.Time);
        var scopes = new StaffScopes(new UserAccountRepository(world.Db));
        var first = await world.AtCounterAsync(0);
        var second = await world.AtCounterAsync(1);
        var a = (await here.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct)).Ticket;
        var b = (await here.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct)).Ticket;
        await here.IssueAsync(world.OfficeId, world.Certificates.Id, TicketLane.WalkIn, Ct);
        var reads = counting.LineReads;

        async Task SameAsAFreshReadAsync(string after)
        {
            var fresh = new TicketService(world.Tickets, world.Setup, world.Sessions, new RecordingSignals(), audit, world.Time, new QueueRules(), scopes);
            var kept = await here.SnapshotAsync(world.OfficeId, Ct);
            var read = await fresh.SnapshotAsync(world.OfficeId, Ct);
            static object Shown(Ticket t) => (t.Id, t.State, t.ServiceId, t.CounterId, t.RecallCount, t.QueuedUtc);
            Assert.True(read.Active.Select(Shown).SequenceEqual(kept.Active.Select(Shown)), $"the line after {after}");
            Assert.True(read.Called.SequenceEqual(kept.Called), $"the numbers at counters after {after}");
            var line = await here.LineAsync(world.OfficeId, Ct);
            Assert.All(kept.Active, t => Assert.True(line.TryFind(t.Id, out _, out _)));
        }

        await SameAsAFreshReadAsync("three tickets were issued");
        await here.CallNextAsync(first, Ct);
        await SameAsAFreshReadAsync("a call");
        await here.RecallAsync(first, a.Id, Ct);
        await SameAsAFreshReadAsync("a recall");
        await here.CallNextAsync(second, Ct);
        await here.TransferAsync(second, b.Id, world.Certificates.Id, Ct);
        await SameAsAFreshReadAsync("a call and a transfer");
        await here.StartServingAsync(first, a.Id, Ct);
        await SameAsAFreshReadAsync("serving");
        Assert.Equal(reads, counting.LineReads);

        // A served ticket changes its service's pace (today's service times): the office is read anew.
        await here.FinishAsync(first, a.Id, Ct);
        await SameAsAFreshReadAsync("a finished ticket");
        Assert.Equal(reads + 1, counting.LineReads);
    }

    /// <summary>A ticket repository that counts how often the office's whole line is read.</summary>
    public class CountingLineReads : DispatchProxy
    {
        private int _reads;

        public ITicketRepository Inner { get; set; } = null!;

        public int LineReads => Volatile.Read(ref _reads);

        /// <summary>A ticket service of the world's office whose reads of the office's line are counted.</summary>
        public static (TicketService Service, CountingLineReads Counting) Service(QueueWorld world)
        {
            var tickets = DispatchProxy.Create<ITicketRepository, CountingLineReads>();
            var counting = (CountingLineReads)(object)tickets;
            counting.Inner = world.Tickets;
            var service = new TicketService(tickets, world.Setup, world.Sessions, new RecordingSignals(),
                new AuditTrail(new AuditLogRepository(world.Db), world.Time), world.Time, new QueueRules(), new StaffScopes(new UserAccountRepository(world.Db)));
            return (service, counting);
        }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            if (method!.Name == nameof(ITicketRepository.ListActiveAsync)) Interlocked.Increment(ref _reads);
            return method.Invoke(Inner, args);
        }
    }

    /// <summary>A ticket repository that runs <see cref="Then"/> once, right after the office's line has been read.</summary>
    public class ChangeAfterLineRead : DispatchProxy
    {
        public ITicketRepository Inner { get; set; } = null!;
        public Func<Task>? Then { get; set; }

        protected override object? Invoke(MethodInfo? method, object?[]? args)
        {
            var result = method!.Invoke(Inner, args);
            if (method.Name != nameof(ITicketRepository.ListActiveAsync) || Then is not { } then) return result;
            Then = null;
            return AfterAsync((Task<IReadOnlyList<Ticket>>)result!, then);
        }

        private static async Task<IReadOnlyList<Ticket>> AfterAsync(Task<IReadOnlyList<Ticket>> read, Func<Task> then)
        {
            var line = await read;
            await then();
            return line;
        }
    }
}
