using Portal.Core.Queues;

namespace Portal.Web.Hosting;

/// <summary>
/// The services and counters of the six ward offices' citizen general counters (市民総合窓口課), seeded once
/// per office that has none. Prefixes follow the usual practice: one letter per service.
/// </summary>
public static class DemoQueues
{
    private static readonly (string Code, string Ja, string En, char Prefix, bool FastLane, int Minutes)[] Services =
    [
        ("moving", "転入・転出・転居", "Moving in, out or within the city", 'A', true, 15),
        ("certificates", "住民票・戸籍・印鑑証明", "Residence, family register and seal certificates", 'B', false, 5),
        ("insurance", "国民健康保険・年金", "National health insurance and pension", 'C', true, 12),
        ("children", "子ども・家庭（児童手当など）", "Children and families (child allowance)", 'D', true, 15),
        ("tax", "市税・税証明", "City tax and tax certificates", 'E', false, 8),
    ];

    // Which services each counter serves, by code.
    private static readonly (string Name, string[] Codes)[] Counters =
    [
        ("1番窓口", ["moving", "certificates"]),
        ("2番窓口", ["moving"]),
        ("3番窓口", ["certificates", "tax"]),
        ("4番窓口", ["insurance"]),
        ("5番窓口", ["children", "insurance"]),
        ("6番窓口", ["tax", "certificates"]),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var setup = services.GetRequiredService<IQueueSetupRepository>();
        var offices = await services.GetRequiredService<Portal.Core.Offices.IOfficeRepository>().ListAsync(ct);
        foreach (var office in offices)
        {
            if ((await setup.ListServicesAsync(office.Id, ct)).Count > 0) continue;
            var ids = new Dictionary<string, long>();
            var order = 1;
            foreach (var s in Services)
                ids[s.Code] = await setup.SaveServiceAsync(new OfficeService(0, office.Id, s.Code, s.Ja, s.En, s.Prefix, s.FastLane, s.Minutes, true, order++), ct);
            order = 1;
            foreach (var c in Counters)
                await setup.SaveCounterAsync(new Counter(0, office.Id, c.Name, order++, true, c.Codes.Select(code => ids[code]).ToList()), ct);
        }
    }
}
