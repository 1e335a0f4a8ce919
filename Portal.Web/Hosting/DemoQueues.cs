using Portal.Core.Languages;
using Portal.Core.Queues;

namespace Portal.Web.Hosting;

/// <summary>
/// The services and counters of the six ward offices' citizen general counters (市民総合窓口課), seeded once
/// per office that has none, with their names in the six languages of the portal. Prefixes follow the usual practice:
/// one letter per service. An office seeded before the names had every language gets the missing ones, as long as an
/// admin has not renamed the service or counter since (its Japanese name is still the demo's).
/// </summary>
public static class DemoQueues
{
    private static LocalizedText Text(string ja, string easy, string en, string zh, string ko, string vi) => LocalizedText.From(new Dictionary<string, string?>
    {
        [Language.Japanese] = ja, [Language.EasyJapanese] = easy, [Language.English] = en, ["zh-Hans"] = zh, ["ko"] = ko, ["vi"] = vi,
    });

    internal static readonly (string Code, LocalizedText Name, char Prefix, bool FastLane, int Minutes)[] Services =
    [
        ("moving", Text("転入・転出・転居", "引《ひ》っ越《こ》しの 手続《てつづ》き", "Moving in, out or within the city",
            "迁入、迁出、市内搬家", "전입·전출·시내 이사", "Chuyển đến, chuyển đi, chuyển nhà trong thành phố"), 'A', true, 15),
        ("certificates", Text("住民票・戸籍・印鑑証明", "住民票《じゅうみんひょう》・戸籍《こせき》・印鑑《いんかん》の 証明書《しょうめいしょ》",
            "Residence, family register and seal certificates", "住民票、户籍、印章证明", "주민표·호적·인감 증명서", "Phiếu cư trú, hộ tịch, chứng nhận con dấu"), 'B', false, 5),
        ("insurance", Text("国民健康保険・年金", "国民健康保険《こくみんけんこうほけん》・年金《ねんきん》", "National health insurance and pension",
            "国民健康保险、年金", "국민건강보험·연금", "Bảo hiểm y tế quốc dân và lương hưu"), 'C', true, 12),
        ("children", Text("子ども・家庭（児童手当など）", "子《こ》どもと 家族《かぞく》（児童手当《じどうてあて》など）", "Children and families (child allowance)",
            "儿童与家庭（儿童津贴等）", "아동·가정(아동수당 등)", "Trẻ em và gia đình (trợ cấp nuôi con, v.v.)"), 'D', true, 15),
        ("tax", Text("市税・税証明", "市《し》の 税金《ぜいきん》と 税金《ぜいきん》の 証明書《しょうめいしょ》", "City tax and tax certificates",
            "市税、纳税证明", "시세·납세 증명서", "Thuế thành phố và giấy chứng nhận thuế"), 'E', false, 8),
    ];

    /// <summary>Counter n's name: "n番窓口" and its like in each language.</summary>
    internal static LocalizedText CounterName(int n) =>
        Text($"{n}番窓口", $"{n}番《ばん》窓口《まどぐち》", $"Counter {n}", $"{n}号窗口", $"{n}번 창구", $"Quầy số {n}");

    // Which services each counter serves, by code; counter n is the n-th.
    private static readonly string[][] Counters =
    [
        ["moving", "certificates"],
        ["moving"],
        ["certificates", "tax"],
        ["insurance"],
        ["children", "insurance"],
        ["tax", "certificates"],
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var setup = services.GetRequiredService<IQueueSetupRepository>();
        var offices = await services.GetRequiredService<Portal.Core.Offices.IOfficeRepository>().ListAsync(ct);
        foreach (var office in offices)
        {
            var existing = await setup.ListServicesAsync(office.Id, ct);
            if (existing.Count > 0)
            {
                await CompleteNamesAsync(setup, office.Id, existing, ct);
                continue;
            }
            var ids = new Dictionary<string, long>();
            var order = 1;
            foreach (var s in Services)
                ids[s.Code] = await setup.SaveServiceAsync(new OfficeService(0, office.Id, s.Code, s.Name, s.Prefix, s.FastLane, s.Minutes, true, order++), ct);
            for (var i = 0; i < Counters.Length; i++)
                await setup.SaveCounterAsync(new Counter(0, office.Id, CounterName(i + 1), i + 1, true, Counters[i].Select(code => ids[code]).ToList()), ct);
        }
    }

    /// <summary>The demo's names in every language for the demo services and counters an office still has as seeded.</summary>
    private static async Task CompleteNamesAsync(IQueueSetupRepository setup, string officeId, IReadOnlyList<OfficeService> services, CancellationToken ct)
    {
        foreach (var service in services)
            if (Services.Where(s => s.Code == service.Code).Select(s => s.Name).FirstOrDefault() is { } name
                && name.Japanese == service.Name.Japanese && !name.Equals(service.Name))
                await setup.SaveServiceAsync(service with { Name = name }, ct);
        foreach (var counter in await setup.ListCountersAsync(officeId, ct))
            for (var n = 1; n <= Counters.Length; n++)
                if (CounterName(n) is var name && name.Japanese == counter.Name.Japanese && !name.Equals(counter.Name))
                    await setup.SaveCounterAsync(counter with { Name = name }, ct);
    }
}
