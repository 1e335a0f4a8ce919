using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Tests.Infrastructure;
using Portal.Tests.Languages;
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

        // Every city text the demo wrote reads in every language, as stored: programmes, events and their places, the
        // catalogue, partners and non-profits; a resident's history names what each line was about in their language.
        var texts = new List<(string, LocalizedText?)>();
        texts.AddRange((await app.Services.GetRequiredService<IPointProgrammeRepository>().ProgrammesAsync(ct)).Select(p => ($"programme {p.Id}", (LocalizedText?)p.Name)));
        foreach (var view in await app.Services.GetRequiredService<IPointProgrammeRepository>().EventsAsync(now.AddYears(-5), 1000, ct))
            texts.AddRange([($"event {view.Event.Id} title", view.Event.Title), ($"event {view.Event.Id} place", view.Event.Place)]);
        foreach (var item in await app.Services.GetRequiredService<IPointCatalogRepository>().ItemsAsync(includeInactive: true, ct))
            texts.AddRange([($"item {item.Id} name", item.Name), ($"item {item.Id} description", item.Description)]);
        foreach (var kind in new[] { PointAccountKind.Partner, PointAccountKind.NonProfit })
            foreach (var account in await ledger.AccountsAsync(kind, ct))
                texts.AddRange([($"{kind} {account.Id} name", account.PublicName), ($"{kind} {account.Id} description", account.Description)]);
        Assert.True(texts.Count > 40, $"{texts.Count} texts");
        SeededCityText.AssertComplete(texts);
        Assert.All(history.Where(h => h.Kind is PointTransactionKind.Earn or PointTransactionKind.Redeem or PointTransactionKind.Donate),
            h => Assert.Empty(h.Subject!.MissingIn(SeededCityText.Languages)));
    }
}
