using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Home;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Queues;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Points;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Queues;
using Portal.Tests.Reports;
using Portal.Web.Queues;

namespace Portal.Tests.Home;

/// <summary>
/// Everything a resident's home reads, on one migrated database and the queue world's clock (Wednesday
/// 25 November 2026, 10:00 in Japan): the ledger, reports, a ticket service that seals page tokens, For You's
/// register and results, the notices, and the home service over them. Each test makes its own residents.
/// </summary>
public sealed class HomeWorld : IDisposable
{
    private HomeWorld(QueueWorld queues)
    {
        Queues = queues;
        Ledger = new PointLedgerRepository(Db, Queues.Outbox, Time);
        Points = new PointsLedgerService(Ledger, PointsOptions, Time);
        Reports = new ReportRepository(Db, Time);
        Seal = new TicketTokenSeal(new EphemeralDataProtectionProvider());
        Tickets = new TicketService(Queues.Tickets, Queues.Setup, Queues.Sessions, Queues.Signals, new AuditTrail(new AuditLogRepository(Db), Time), Time,
            new QueueRules(IgnoreHours: true), new StaffScopes(new UserAccountRepository(Db)), Seal);
        Register = new ResidentRegisterRepository(Db, Time);
        Consents = new ConsentRepository(Db, Time);
        Catalog = new BenefitCatalogRepository(Db, Time);
        Eligibility = new EligibilityResultRepository(Db, Queues.Outbox, Time);
        Inbox = new NoticeInboxRepository(Db);
        Home = HomeWith(Inbox);
    }

    public QueueWorld Queues { get; }
    public PortalDatabase Db => Queues.Db;
    public FakeTimeProvider Time => Queues.Time;
    public PointsOptions PointsOptions { get; } = new();
    public PointLedgerRepository Ledger { get; }
    public PointsLedgerService Points { get; }
    public ReportRepository Reports { get; }
    public TicketTokenSeal Seal { get; }
    public TicketService Tickets { get; }
    public ResidentRegisterRepository Register { get; }
    public ConsentRepository Consents { get; }
    public BenefitCatalogRepository Catalog { get; }
    public EligibilityResultRepository Eligibility { get; }
    public NoticeInboxRepository Inbox { get; }
    public ResidentHomeService Home { get; }
    public PointAccount Funding { get; private set; } = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<HomeWorld> CreateAsync(DatabaseProvider provider)
    {
        var world = new HomeWorld(await QueueWorld.CreateAsync(provider));
        world.Funding = await world.Ledger.OpenAccountAsync(PointAccountKind.Funding, "funding:home", "テスト事業", Ct);
        await world.Catalog.SeedAsync(StandardBenefits.All, StandardBenefits.EffectiveFrom, Ct);
        return world;
    }

    /// <summary>The home service with another inbox (one that fails, say).</summary>
    public ResidentHomeService HomeWith(INoticeInbox inbox) =>
        new(Ledger, PointsOptions, Reports, Tickets, Eligibility, inbox, Time);

    public async Task<UserAccount> ResidentAsync(string name = "千葉 花子")
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", name, "hash", Role.Resident, null, Time.GetUtcNow());
        await new UserAccountRepository(Db).CreateAsync(account, Ct);
        return account;
    }

    /// <summary>
    /// Credits points now; with <paramref name="lastDayInDays"/> the lot's last day is that many Japan days from today
    /// (earned three months before that day under a three-month rule: the ledger fixes a lot's expiry when it is made).
    /// </summary>
    public async Task EarnAsync(long resident, long points, int? lastDayInDays = null)
    {
        if (lastDayInDays is not { } days)
        {
            await Points.CreditAsync(resident, Funding.Id, points, Guid.NewGuid().ToString("N"), "ビーチクリーン", null, Ct);
            return;
        }
        var earned = Portal.Core.Time.JapanTime.Today(Time).AddDays(days).AddMonths(-3);
        var wallet = await Ledger.WalletIdOfAsync(resident, Ct);
        await Ledger.PostAsync(new LedgerRequest(Guid.NewGuid().ToString("N"), PointTransactionKind.Earn,
            [new PostingLine(Funding.Id, -points), new PostingLine(wallet, points)], "ビーチクリーン", null),
            new ExpiryPolicy(ExpiryRule.MonthsAfterEarning, 3), Portal.Core.Time.JapanTime.StartOfDayUtc(earned).AddHours(12), Ct);
    }

    public async Task<Report> ReportAsync(long? reporter, string category = "road-pothole", ReportStatus? status = null, int minutesAgo = 60)
    {
        var when = Time.GetUtcNow().AddMinutes(-minutesAgo);
        var report = await Reports.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), reporter, null, null, ReportKind.Problem, category, "歩道に穴があります",
            ReportTests.Chiba, "chuo", "web", when), [], Ct);
        if (status is { } to) await Reports.SaveAsync(report, report.MoveTo(to, 1, null, null, when.AddMinutes(1)), null, Ct);
        return report;
    }

    /// <summary>A ticket issued today at the queue world's office, with its page token.</summary>
    public async Task<(Ticket Ticket, string Token)> IssueAsync(OfficeService? service = null)
    {
        var issued = await Tickets.IssueAsync(Queues.OfficeId, (service ?? Queues.Moving).Id, TicketLane.WalkIn, Ct);
        return (issued.Ticket, issued.Token);
    }

    /// <summary>A ticket the resident, signed in, asked on its page to be told about.</summary>
    public async Task<(Ticket Ticket, string Token)> TicketOfAsync(long resident)
    {
        var issued = await IssueAsync();
        Assert.True(await Tickets.SubscribeAsync(issued.Token, TicketNoticeKind.Near, new NoticeRecipient.Account(resident), Ct));
        return issued;
    }

    /// <summary>A staff member at the first counter, for both services, through this world's ticket service.</summary>
    public async Task<Actor> AtCounterAsync()
    {
        var staff = await Queues.StaffAsync();
        await Tickets.TakeCounterAsync(staff, Queues.OfficeId, Queues.Counters[0].Id, [Queues.Moving.Id, Queues.Certificates.Id], Ct);
        return staff;
    }

    /// <summary>
    /// For You as far as the resident went: the register consent, a linked register record, and "may be eligible"
    /// results found by the nightly run <paramref name="daysAgo"/> days ago.
    /// </summary>
    public async Task ForYouAsync(long resident, bool consent, bool linked, int daysAgo = 1, params string[] benefits)
    {
        if (consent) await Consents.GiveAsync(resident, ConsentPurpose.Register, ConsentTexts.CurrentVersion, Ct);
        if (linked)
        {
            var number = $"R-{resident}";
            var (entries, problems) = RegisterParser.Parse([new RegisterRow
            {
                Line = 2, ResidentNumber = number, HouseholdNumber = $"H-{resident}", Relation = "head", FamilyName = "千葉", GivenName = "花子",
                BirthDate = "1988-07-01", Sex = "F", Ward = "chuo", Insurance = "nhi",
            }], new HashSet<string> { "chuo" }, Portal.Core.Time.JapanTime.Today(Time));
            Assert.Empty(problems);
            await Register.ImportAsync(entries, Ct);
            await using var connection = await Db.OpenAsync(Ct);
            await connection.ExecuteAsync("UPDATE RegisterResident SET AccountId = @resident WHERE ResidentNumber = @number", new { resident, number });
        }
        if (benefits.Length == 0) return;
        await Eligibility.ApplyAsync([.. benefits.Select(b => new EligibilityChange(resident, b, 1, true))], [], Ct);
        await using (var connection = await Db.OpenAsync(Ct))
            await connection.ExecuteAsync("UPDATE EligibilityResult SET FirstSeenUtc = @seen WHERE AccountId = @resident",
                new { seen = Time.GetUtcNow().AddDays(-daysAgo), resident });
    }

    /// <summary>A notice delivered in-app to the resident and not read yet.</summary>
    public async Task NoticeAsync(long resident)
    {
        var key = $"home:{Guid.NewGuid():N}";
        await Queues.Outbox.EnqueueAsync(PointsLedgerService.ExpiringNotice(new ExpiringPoints(resident, 0, new DateOnly(2026, 12, 20), 100)) with { DedupKey = key }, Ct);
        await using var connection = await Db.OpenAsync(Ct);
        await connection.ExecuteAsync("""
            UPDATE NoticeDelivery SET Status = 'Sent', SentUtc = @now WHERE Channel = 'InApp' AND NoticeId IN (SELECT Id FROM Notice WHERE DedupKey = @key)
            """, new { now = Time.GetUtcNow(), key });
    }

    public void Dispose() => Queues.Dispose();
}
