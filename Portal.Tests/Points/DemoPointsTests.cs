using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Points;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.Points;

/// <summary>The demo data goes through the same ledger: it leaves a clean ledger, a history to show and a running event.</summary>
public sealed class DemoPointsTests
{
    [Fact]
    public async Task Demo_points_seed_once_into_a_ledger_that_checks_clean()
    {
        using var app = new PortalAppFactory();
        var ct = TestContext.Current.CancellationToken;
        _ = app.ServerAddress;
        await DemoData.SeedAsync(app.Services, ct);

        await DemoPoints.SeedAsync(app.Services, ct);
        await DemoPoints.SeedAsync(app.Services, ct);

        var ledger = app.Services.GetRequiredService<IPointLedger>();
        var points = app.Services.GetRequiredService<PointsLedgerService>();
        var resident = await app.Services.GetRequiredService<IUserAccountRepository>().GetByEmailAsync(DemoData.Resident.Email, ct);
        var summary = await points.SummaryAsync(resident!.Id, ct);
        var history = await ledger.HistoryAsync(summary.Wallet.Id, new WalletHistoryQuery(Take: 200), ct);
        Assert.True(summary.Spendable > 0);
        Assert.Contains(history, h => h.Kind == PointTransactionKind.Redeem);
        Assert.Contains(history, h => h.Kind == PointTransactionKind.Donate);
        Assert.Contains(history, h => h.Kind == PointTransactionKind.Expire);
        Assert.Equal(7, (await app.Services.GetRequiredService<IPointProgrammeRepository>().ProgrammesAsync(ct)).Count);
        var now = app.Services.GetRequiredService<TimeProvider>().GetUtcNow();
        Assert.Contains(await app.Services.GetRequiredService<PointsEarningService>().UpcomingAsync(ct), e => e.Event.IsOpenForCheckIn(now));
        Assert.True((await points.CheckIntegrityAsync(ct)).IsClean);
    }
}
