using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Points;
using Portal.Core.Time;

namespace Portal.Web.Hosting;

/// <summary>
/// City Points demo data: programmes like the city's (zoo volunteering, guides at the Kasori shell mound, beach
/// cleaning, health walks, para-sports, a digital stamp rally), past and coming events (one running now, so the
/// check-in can be tried), partners and a catalogue, non-profits, and a history for the demo residents:
/// earnings at past events, exchanges, donations, and a lot from fiscal 2024 that has expired.
/// Deterministic (a fixed seed), seeded once. Backdated postings go through the same ledger and caps.
/// </summary>
public static class DemoPoints
{
    private sealed record DemoProgramme(string Name, ProgrammeKind Kind, long Points, long Daily, long Yearly, long? ReportPoints, string[] Events, string Place);

    private static readonly DemoProgramme[] Programmes =
    [
        new("千葉市動物公園ボランティア", ProgrammeKind.Volunteer, 50, 100, 3000, null, ["動物公園 園内ガイド", "動物公園 清掃活動"], "千葉市動物公園"),
        new("加曽利貝塚ガイドボランティア", ProgrammeKind.Volunteer, 50, 100, 3000, null, ["加曽利貝塚 見学ガイド"], "加曽利貝塚博物館"),
        new("稲毛海岸ビーチクリーン", ProgrammeKind.Volunteer, 50, 100, 3000, null, ["稲毛海浜公園 ビーチクリーン", "検見川の浜 清掃"], "稲毛海浜公園"),
        new("健康ウォーキング", ProgrammeKind.Health, 50, 50, 2000, null, ["いなげの浜 ウォーキング", "昭和の森 ウォーキング"], "昭和の森"),
        new("パラスポーツ体験会", ProgrammeKind.Health, 50, 100, 2000, null, ["ボッチャ体験会", "車いすバスケットボール体験"], "千葉ポートアリーナ"),
        new("ちばシティポイント デジタルスタンプラリー", ProgrammeKind.City, 500, 500, 500, null, ["スタンプラリー 達成受付"], "千葉市役所"),
        new("ちばレポ協力", ProgrammeKind.City, 30, 90, 1500, 30, ["ちばレポ講習会"], "千葉市生涯学習センター"),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var programmes = sp.GetRequiredService<IPointProgrammeRepository>();
        if ((await programmes.ProgrammesAsync(ct)).Count > 0) return;

        var ledger = sp.GetRequiredService<IPointLedger>();
        var catalog = sp.GetRequiredService<IPointCatalogRepository>();
        var earning = sp.GetRequiredService<PointsEarningService>();
        var shop = sp.GetRequiredService<PointsShopService>();
        var options = sp.GetRequiredService<PointsOptions>();
        var accounts = sp.GetRequiredService<IUserAccountRepository>();
        var now = sp.GetRequiredService<TimeProvider>().GetUtcNow();
        var admin = await accounts.GetByEmailAsync(DemoData.Accounts.First(a => a.Role == Role.Admin).Email, ct);
        if (admin is null) return;
        var actor = Actor.For(admin, null);
        var today = JapanTime.Today(sp.GetRequiredService<TimeProvider>());
        var fiscal = ExpiryPolicy.FiscalYear(today);
        var random = new Random(718); // the scheme started on 20 July 2018

        // Programmes run from the start of fiscal 2024, so the history can include points that have expired.
        var events = new List<(PointEventView View, bool Past)>();
        foreach (var demo in Programmes)
        {
            var programme = await earning.SaveProgrammeAsync(actor, null, new ProgrammeInput
            {
                Name = demo.Name, Kind = demo.Kind, PointsPerParticipation = demo.Points, DailyCap = demo.Daily, YearlyCap = demo.Yearly,
                StartsOn = new DateTime(fiscal - 2, 4, 1), EndsOn = new DateTime(fiscal + 1, 3, 31), ReportPoints = demo.ReportPoints,
            }, ct);
            foreach (var (title, n) in demo.Events.Select((t, n) => (t, n)))
            {
                foreach (var offset in new[] { -random.Next(20, 120), -random.Next(2, 19), random.Next(3, 40) })
                {
                    var created = await earning.CreateEventAsync(actor, new EventInput
                    {
                        ProgrammeId = programme.Id, Title = title, Place = demo.Place, Day = today.AddDays(offset + n).ToDateTime(TimeOnly.MinValue),
                        StartTime = new TimeSpan(9 + n, 0, 0), EndTime = new TimeSpan(12 + n, 0, 0),
                    }, ct);
                    events.Add(((await programmes.EventAsync(created.Id, ct))!, offset + n < 0));
                }
            }
        }
        // One event running now, to try the check-in: staff open its code, a resident scans it.
        var japanNow = JapanTime.ToJapan(now);
        var open = await earning.CreateEventAsync(actor, new EventInput
        {
            ProgrammeId = events[0].View.Programme.Id, Title = "動物公園 ふれあい体験（受付中）", Place = "千葉市動物公園",
            Day = today.ToDateTime(TimeOnly.MinValue), StartTime = japanNow.TimeOfDay - TimeSpan.FromMinutes(Math.Min(60, japanNow.TimeOfDay.TotalMinutes)),
            EndTime = TimeSpan.FromMinutes(Math.Min(24 * 60 - 1, japanNow.TimeOfDay.TotalMinutes + 180)),
        }, ct);

        // Partners, the catalogue and the non-profits.
        var waon = await shop.SaveAccountAsync(actor, PointAccountKind.Partner, null, "WAON（電子マネー）", true, ct);
        var nanaco = await shop.SaveAccountAsync(actor, PointAccountKind.Partner, null, "nanaco（電子マネー）", true, ct);
        var zoo = await shop.SaveAccountAsync(actor, PointAccountKind.Partner, null, "千葉市動物公園", true, ct);
        var science = await shop.SaveAccountAsync(actor, PointAccountKind.Partner, null, "千葉市科学館", true, ct);
        var tower = await shop.SaveAccountAsync(actor, PointAccountKind.Partner, null, "千葉ポートタワー", true, ct);
        var items = new List<CatalogItem>();
        foreach (var item in new CatalogItemInput[]
        {
            new() { Name = "WAON 500円分", Description = "WAONポイントに交換します。", Kind = CatalogItemKind.ElectronicMoney, Price = 500, PerPersonLimit = 20, PartnerAccountId = waon.Id },
            new() { Name = "nanaco 1,000円分", Description = "nanacoポイントに交換します。", Kind = CatalogItemKind.ElectronicMoney, Price = 1000, PerPersonLimit = 10, PartnerAccountId = nanaco.Id },
            new() { Name = "千葉市動物公園 入園券（大人）", Description = "大人1名の入園券です。", Kind = CatalogItemKind.FacilityTicket, Price = 700, Stock = 200, PerPersonLimit = 4, PartnerAccountId = zoo.Id },
            new() { Name = "千葉市科学館 常設展入館券", Description = "大人1名の入館券です。", Kind = CatalogItemKind.FacilityTicket, Price = 510, Stock = 150, PerPersonLimit = 4, PartnerAccountId = science.Id },
            new() { Name = "千葉ポートタワー 展望券", Description = "展望フロアの入場券です。", Kind = CatalogItemKind.FacilityTicket, Price = 420, Stock = 100, PerPersonLimit = 4, PartnerAccountId = tower.Id },
        })
        {
            items.Add(await shop.SaveItemAsync(actor, null, item, ct));
        }
        var nonProfits = new List<PointAccount>();
        foreach (var name in new[] { "NPO法人 ちば里山トラスト", "千葉市社会福祉協議会", "千葉市（まちづくり応援寄付）" })
            nonProfits.Add(await shop.SaveAccountAsync(actor, PointAccountKind.NonProfit, null, name, true, ct));
        var expiryFunding = events[0].View.Programme;

        // The residents' history: most points are never used, as in the city's first year.
        var residents = new List<UserAccount>();
        if (await accounts.GetByEmailAsync(DemoData.Resident.Email, ct) is { } demoResident) residents.Add(demoResident);
        for (var i = 1; i <= 12; i++)
            if (await accounts.GetByEmailAsync($"resident{i:00}@demo.chiba-portal.jp", ct) is { } r) residents.Add(r);
        foreach (var (resident, index) in residents.Select((r, i) => (r, i)))
        {
            var wallet = await ledger.WalletOfAsync(resident.Id, ct);
            var main = index == 0;
            // A lot from fiscal 2024 that expired on 31 March 2026 (moved by the expiry run below).
            var longAgo = JapanTime.StartOfDayUtc(new DateOnly(fiscal - 2, 2, 10)).AddHours(3);
            await programmes.CreditWithinCapsAsync(expiryFunding, wallet.Id, 50, Earn(expiryFunding, wallet.Id, 50, $"demo:old:{resident.Id}", "動物公園 清掃活動", null),
                options.Expiry, longAgo, ct);
            foreach (var (view, _) in events.Where(e => e.Past && (main || random.Next(10) < 4)))
            {
                var at = view.Event.StartUtc.AddMinutes(random.Next(5, 90));
                if (at > now) continue;
                try
                {
                    await programmes.CreditWithinCapsAsync(view.Programme, wallet.Id, view.Programme.PointsPerParticipation,
                        Earn(view.Programme, wallet.Id, view.Programme.PointsPerParticipation, CheckInCode.Key(view.Event.Id, resident.Id), view.Event.Title, null),
                        options.Expiry, at, ct);
                }
                catch (PointsRuleException)
                {
                    // A cap reached: the demo resident simply earned less that day.
                }
            }
            var spendAt = now.AddDays(-random.Next(1, 10));
            var lots = await ledger.LotsAsync(wallet.Id, ct);
            var balance = lots.Where(l => l.IsSpendable(spendAt)).Sum(l => l.Remaining);
            var item = main ? items[2] : items[random.Next(items.Count)];
            if (balance >= item.Price && (main || random.Next(3) == 0))
            {
                await catalog.RedeemAsync(resident.Id, wallet.Id, item.Id, $"redeem:{resident.Id}:demo", options.Expiry, spendAt, ct);
                balance -= item.Price;
            }
            if (balance >= 100 && (main || random.Next(4) == 0))
            {
                var npo = nonProfits[random.Next(nonProfits.Count)];
                await ledger.PostAsync(new LedgerRequest($"donate:{resident.Id}:demo", PointTransactionKind.Donate,
                    [new PostingLine(wallet.Id, -100), new PostingLine(npo.Id, 100)], npo.Name, resident.Id), options.Expiry, spendAt.AddHours(2), ct);
            }
        }
        await sp.GetRequiredService<PointsLedgerService>().ExpireDueAsync(ct);
        await sp.GetRequiredService<AuditTrail>().RecordAsync(Actor.System, "demo.points-seeded", PointsAuditActions.Entity, $"event:{open.Id}",
            $"{Programmes.Length} programmes, {events.Count + 1} events, {residents.Count} residents", ct);
    }

    private static LedgerRequest Earn(PointProgramme programme, long walletId, long points, string key, string memo, long? actor) =>
        new(key, PointTransactionKind.Earn, [new PostingLine(programme.FundingAccountId, -points), new PostingLine(walletId, points)], memo, actor);
}
