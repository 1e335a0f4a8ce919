using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Data.Audit;
using Portal.Core.Points;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Points;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Points;

/// <summary>A migrated database with a ledger, a clock, a programme's funding account and a partner.</summary>
public sealed class LedgerWorld : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private readonly TestDatabase _test;

    private LedgerWorld(TestDatabase test)
    {
        _test = test;
        Ledger = new PointLedgerRepository(test.Database, new NoticeOutbox(test.Database, ActiveChannels.InAppOnly, Clock), Clock);
        Service = new PointsLedgerService(Ledger, Options, Clock);
        Audit = new AuditTrail(new AuditLogRepository(test.Database), Clock);
        Programmes = new PointProgrammeRepository(test.Database, Ledger);
        Tokens = new Portal.Web.Points.CheckInTokens(new Microsoft.AspNetCore.DataProtection.EphemeralDataProtectionProvider());
        Earning = new PointsEarningService(Programmes, Ledger, Options, Tokens, Audit, Clock);
        Shop = new PointsShopService(new PointCatalogRepository(test.Database, Ledger), Ledger, Options, Audit, Clock);
        BackOffice = new PointsBackOfficeService(new PointAdjustmentRepository(test.Database, Ledger), Ledger, Service, Options, Audit, Clock);
    }

    public AuditTrail Audit { get; }
    public PointProgrammeRepository Programmes { get; }
    public ICheckInTokens Tokens { get; }
    public PointsEarningService Earning { get; }
    public PointsShopService Shop { get; }
    public PointsBackOfficeService BackOffice { get; }

    public async Task<Actor> StaffAsync(Role role = Role.Admin)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "職員", "hash", role, role == Role.Staff ? "chuo" : null, Start);
        await new UserAccountRepository(Db).CreateAsync(account, Ct);
        return Actor.For(account, "127.0.0.1");
    }

    public async Task<int> AuditCountAsync(string action)
    {
        await using var connection = await Db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM AuditEntry WHERE Action = @action", new { action });
    }

    public static async Task<LedgerWorld> CreateAsync(DatabaseProvider provider)
    {
        var world = new LedgerWorld(TestDatabase.Create(provider));
        world.Funding = await world.Ledger.OpenAccountAsync(PointAccountKind.Funding, "funding:test", "テスト事業", Ct);
        world.Partner = await world.Ledger.OpenAccountAsync(PointAccountKind.Partner, "partner:test", "電子マネー", Ct);
        world.Expiry = (await world.Ledger.AccountByCodeAsync(PointAccount.ExpiryCode, Ct))!;
        return world;
    }

    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public PortalDatabase Db => _test.Database;
    public FakeTimeProvider Clock { get; } = new(Start);
    public PointsOptions Options { get; } = new();
    public PointLedgerRepository Ledger { get; }
    public PointsLedgerService Service { get; }
    public PointAccount Funding { get; private set; } = null!;
    public PointAccount Partner { get; private set; } = null!;
    public PointAccount Expiry { get; private set; } = null!;

    public async Task<long> ResidentAsync()
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", Role.Resident, null, Start);
        await new UserAccountRepository(Db).CreateAsync(account, Ct);
        return account.Id;
    }

    public Task<LedgerResult> EarnAsync(long resident, long points, string? key = null) =>
        Service.CreditAsync(resident, Funding.Id, points, key ?? Guid.NewGuid().ToString("N"), "ビーチクリーン", null, Ct);

    public Task<LedgerResult> SpendAsync(long resident, long points, string? key = null) =>
        Service.DebitAsync(resident, Partner.Id, points, PointTransactionKind.Redeem, key ?? Guid.NewGuid().ToString("N"), "電子マネー交換", null, Ct);

    public async Task<long> BalanceAsync(long resident) => (await Ledger.WalletOfAsync(resident, Ct)).Balance;

    /// <summary>Every row the ledger holds, as text, to compare before and after.</summary>
    public async Task<string> SnapshotAsync()
    {
        await using var connection = await Db.OpenAsync(Ct);
        var accounts = await connection.QueryAsync<(long, long)>("SELECT Id, Balance FROM PointAccount ORDER BY Id");
        var lots = await connection.QueryAsync<(long, long)>("SELECT Id, Remaining FROM PointLot ORDER BY Id");
        var counts = await connection.QuerySingleAsync<(long, long, long)>(
            "SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM PointTransaction), (SELECT CAST(COUNT(*) AS BIGINT) FROM PointPosting), (SELECT CAST(COUNT(*) AS BIGINT) FROM Notice)");
        return string.Join(";", accounts) + "|" + string.Join(";", lots) + "|" + counts;
    }

    public void Dispose() => _test.Dispose();
}
