using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Queues;

namespace Portal.Bench.Queues;

/// <summary>
/// The office both queue benches use, written straight to a migrated database: Chūō ward office with five services
/// and six counters, one staff member who has taken counter 1 for every service, and the tickets a kiosk would
/// have issued, spread over the five services in turn.
/// </summary>
public sealed class BenchQueueOffice
{
    public const string Office = "chuo";
    public const string StaffEmail = "bench.staff@demo.chiba-portal.jp";

    private readonly TicketRepository _tickets;

    private BenchQueueOffice(TicketService queues, TicketRepository tickets, Actor staff, IReadOnlyList<OfficeService> services)
    {
        Queues = queues;
        _tickets = tickets;
        Staff = staff;
        Services = services;
    }

    public TicketService Queues { get; }
    public Actor Staff { get; }
    public IReadOnlyList<OfficeService> Services { get; }

    /// <param name="signals">Where the service announces changes: the live bus in process, or nowhere before a server starts.</param>
    /// <param name="passwordHash">The staff member's password hash; one nobody can match when the bench never signs in.</param>
    public static async Task<BenchQueueOffice> CreateAsync(PortalDatabase db, IQueueSignals signals, string passwordHash)
    {
        var time = TimeProvider.System;
        var setup = new QueueSetupRepository(db);
        var tickets = TicketsIn(db);
        var queues = TicketsOf(tickets, db, signals);

        var services = new List<OfficeService>();
        foreach (var (code, prefix) in new[] { ("moving", 'A'), ("certificates", 'B'), ("insurance", 'C'), ("children", 'D'), ("tax", 'E') })
            services.Add((await setup.GetServiceAsync(await setup.SaveServiceAsync(new OfficeService(0, Office, code, LocalizedText.Of(code, code), prefix, false, 10, true, prefix), default), default))!);
        var counterIds = new List<long>();
        for (var i = 1; i <= 6; i++)
            counterIds.Add(await setup.SaveCounterAsync(new Counter(0, Office, LocalizedText.Of($"{i}番窓口", $"Counter {i}"), i, true, services.Select(s => s.Id).ToList()), default));
        var account = UserAccount.Create(StaffEmail, "Bench", passwordHash, Role.Staff, Office, time.GetUtcNow());
        await new UserAccountRepository(db).CreateAsync(account, default);
        var staff = Actor.For(account, null);
        await queues.TakeCounterAsync(staff, Office, counterIds[0], services.Select(s => s.Id).ToList(), default);
        return new BenchQueueOffice(queues, tickets, staff, services);
    }

    /// <summary>The queue service over a database, at any hour, with in-app notices only.</summary>
    public static TicketService TicketsOf(PortalDatabase db, IQueueSignals signals) => TicketsOf(TicketsIn(db), db, signals);

    private static TicketRepository TicketsIn(PortalDatabase db) => new(db, new NoticeOutbox(db, ActiveChannels.InAppOnly));

    private static TicketService TicketsOf(TicketRepository tickets, PortalDatabase db, IQueueSignals signals)
    {
        var time = TimeProvider.System;
        return new TicketService(tickets, new QueueSetupRepository(db), new CounterSessionRepository(db), signals,
            new AuditTrail(new AuditLogRepository(db), time), time, new QueueRules(IgnoreHours: true),
            new Portal.Core.Accounts.StaffScopes(new Portal.Data.Accounts.UserAccountRepository(db)));
    }

    /// <summary>
    /// Walk-in tickets in the order a counter serving every service calls them: over the first
    /// <paramref name="services"/> services in turn (all five unless fewer are asked for). Each is the row, event and
    /// token hash the kiosk's TicketService.IssueAsync writes, through the same repository; only its estimate at issue
    /// (kept for statistics) is the plain people-ahead times the service's default, since the service's own estimate
    /// reads the office's whole line again for every ticket: 12 minutes for 5,000 tickets, hours for 15,000.
    /// </summary>
    public async Task<List<IssuedTicket>> IssueAsync(int count, int services = 5)
    {
        var issued = new List<IssuedTicket>(count);
        var lines = Math.Min(services, Services.Count);
        for (var i = 0; i < count; i++)
        {
            var service = Services[i % lines];
            var ahead = i / lines;
            var token = TicketToken.New();
            var ticket = await _tickets.IssueAsync(service, TicketLane.WalkIn, TimeProvider.System.GetUtcNow(), TicketToken.Hash(token),
                ahead * service.DefaultServiceMinutes * 60, default);
            issued.Add(new IssuedTicket(ticket, token, ahead, WaitEstimate.None));
        }
        // The service's snapshot of the office (if it has read one) learns of the new tickets, as after its own issues.
        Queues.SetupChanged(Office);
        return issued;
    }
}
