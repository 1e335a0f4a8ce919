using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Queues;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>Signals recorded instead of sent to pages.</summary>
public sealed class RecordingSignals : IQueueSignals
{
    public ConcurrentQueue<(string Office, long[] Tickets)> Sent { get; } = new();

    /// <summary>Where signals go on to, for component tests that watch pages change.</summary>
    public IQueueSignals? Forward { get; set; }

    public void Changed(string officeId, IEnumerable<long> ticketIds)
    {
        var ids = ticketIds.ToArray();
        Sent.Enqueue((officeId, ids));
        Forward?.Changed(officeId, ids);
    }
}

/// <summary>
/// A migrated database with two services and counters at one office (its own, so tests never share lines),
/// the queue repositories and a ticket service on a fake clock set to a Wednesday morning in Japan.
/// </summary>
public sealed class QueueWorld : IDisposable
{
    public static readonly DateTimeOffset Morning = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero); // 10:00 in Japan
    private readonly TestDatabase _test;

    private QueueWorld(TestDatabase test)
    {
        _test = test;
        Time = new FakeTimeProvider(Morning);
        Outbox = new NoticeOutbox(Db, ActiveChannels.Of(NoticeChannel.Email), Time);
        Setup = new QueueSetupRepository(Db);
        Tickets = new TicketRepository(Db, Outbox);
        Sessions = new CounterSessionRepository(Db);
        AuditLog = new AuditLogRepository(Db);
        Service = new TicketService(Tickets, Setup, Sessions, Signals, new AuditTrail(AuditLog, Time), Time, new QueueRules(),
            new StaffScopes(new UserAccountRepository(Db)));
        SetupService = new QueueSetupService(Setup, Service, new AuditTrail(AuditLog, Time));
    }

    public PortalDatabase Db => _test.Database;
    public FakeTimeProvider Time { get; }
    public NoticeOutbox Outbox { get; }
    public QueueSetupRepository Setup { get; }
    public TicketRepository Tickets { get; }
    public CounterSessionRepository Sessions { get; }
    public RecordingSignals Signals { get; } = new();
    public TicketService Service { get; }
    public AuditLogRepository AuditLog { get; }
    /// <summary>The admins' set-up of the office's queues, audited in this world's database.</summary>
    public QueueSetupService SetupService { get; }
    public string OfficeId { get; } = "chuo";
    public OfficeService Moving { get; private set; } = null!;
    public OfficeService Certificates { get; private set; } = null!;
    public List<Counter> Counters { get; } = [];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <param name="migrateBefore">A migration not to apply yet (a test of that migration applies it with Db.Migrate()).</param>
    public static async Task<QueueWorld> CreateAsync(DatabaseProvider provider, int counters = 2, string? migrateBefore = null)
    {
        var world = new QueueWorld(migrateBefore is null ? TestDatabase.Create(provider) : TestDatabase.Create(provider, migrateBefore: migrateBefore));
        await world.SeedAsync(counters);
        return world;
    }

    private async Task SeedAsync(int counters)
    {
        Moving = await SaveAsync(new OfficeService(0, OfficeId, "moving", LocalizedText.Of("転入・転出", "Moving in or out"), 'A', true, 10, true, 1));
        Certificates = await SaveAsync(new OfficeService(0, OfficeId, "certificates", LocalizedText.Of("証明書", "Certificates"), 'B', false, 5, true, 2));
        for (var i = 1; i <= counters; i++)
        {
            var id = await Setup.SaveCounterAsync(new Counter(0, OfficeId, LocalizedText.Of($"{i}番窓口", $"Counter {i}"), i, true, [Moving.Id, Certificates.Id]), Ct);
            Counters.Add((await Setup.GetCounterAsync(id, Ct))!);
        }
    }

    private async Task<OfficeService> SaveAsync(OfficeService service) => (await Setup.GetServiceAsync(await Setup.SaveServiceAsync(service, Ct), Ct))!;

    /// <param name="office">The staff member's ward office: this world's office unless named.</param>
    public async Task<Actor> StaffAsync(Role role = Role.Staff, string? office = null)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "窓口 職員", "hash", role, role == Role.Staff ? office ?? OfficeId : null, Morning);
        await new UserAccountRepository(Db).CreateAsync(account, Ct);
        return Actor.For(account, "127.0.0.1");
    }

    /// <summary>A staff member who took the counter for both services.</summary>
    public async Task<Actor> AtCounterAsync(int counterIndex)
    {
        var staff = await StaffAsync();
        await Service.TakeCounterAsync(staff, OfficeId, Counters[counterIndex].Id, [Moving.Id, Certificates.Id], Ct);
        return staff;
    }

    public Task<Ticket> IssueAsync(OfficeService? service = null, TicketLane lane = TicketLane.WalkIn) =>
        Tickets.IssueAsync(service ?? Moving, lane, Time.GetUtcNow(), TicketToken.Hash(TicketToken.New()), 600, Ct);

    public void Dispose() => _test.Dispose();
}
