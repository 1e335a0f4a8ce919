using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Routing;

namespace Portal.Web.Hosting;

/// <summary>
/// Development demo data for routing (issue 17, item 3): Chiba City's road offices (土木事務所), parks offices
/// (公園緑地事務所) and environmental services offices (環境事業所), each serving its wards, the routing table that sends
/// road, park and litter reports to them, and four outside bodies to refer to. Seeded once; the demo reports are then
/// routed as their category and ward say.
/// </summary>
public static class DemoRouting
{
    private sealed record Area(string Code, string SeatWard, string[] Wards, string[] Names);

    private sealed record Kind(string Code, ReportField Field, string[] Names);

    // ja, ja-Easy, en, zh-Hans, ko, vi
    private static readonly string[] Languages = ["ja", "ja-Easy", "en", "zh-Hans", "ko", "vi"];

    private static readonly Area ChuoMihama = new("chuo-mihama", "chuo", ["chuo", "mihama"],
        ["中央・美浜", "中央《ちゅうおう》・美浜《みはま》", "Chuo/Mihama", "中央・美滨", "주오·미하마", "Chuo–Mihama"]);
    private static readonly Area HanamigawaInage = new("hanamigawa-inage", "inage", ["hanamigawa", "inage"],
        ["花見川・稲毛", "花見川《はなみがわ》・稲毛《いなげ》", "Hanamigawa/Inage", "花见川・稻毛", "하나미가와·이나게", "Hanamigawa–Inage"]);
    private static readonly Area Wakaba = new("wakaba", "wakaba", ["wakaba"], ["若葉", "若葉《わかば》", "Wakaba", "若叶", "와카바", "Wakaba"]);
    private static readonly Area Midori = new("midori", "midori", ["midori"], ["緑", "緑《みどり》", "Midori", "绿", "미도리", "Midori"]);
    private static readonly Area WakabaMidori = new("wakaba-midori", "wakaba", ["wakaba", "midori"],
        ["若葉・緑", "若葉《わかば》・緑《みどり》", "Wakaba/Midori", "若叶・绿", "와카바·미도리", "Wakaba–Midori"]);

    /// <summary>Road offices serve four areas; parks and environmental services offices three.</summary>
    private static readonly (Kind Kind, Area[] Areas)[] Offices =
    [
        (new Kind("doboku", ReportField.Road, ["{0}土木事務所", "{0}土木事務所《どぼくじむしょ》", "{0} Civil Engineering Office", "{0}土木事务所", "{0} 토목사무소", "Văn phòng Công trình {0}"]),
            [ChuoMihama, HanamigawaInage, Wakaba, Midori]),
        (new Kind("koen", ReportField.Park, ["{0}公園緑地事務所", "{0}公園緑地事務所《こうえんりょくちじむしょ》", "{0} Parks and Green Spaces Office", "{0}公园绿地事务所", "{0} 공원녹지사무소", "Văn phòng Công viên và Cây xanh {0}"]),
            [ChuoMihama, HanamigawaInage, WakabaMidori]),
        (new Kind("kankyo", ReportField.Litter, ["{0}環境事業所", "{0}環境事業所《かんきょうじぎょうしょ》", "{0} Environmental Services Office", "{0}环境事业所", "{0} 환경사업소", "Văn phòng Dịch vụ Môi trường {0}"]),
            [ChuoMihama, HanamigawaInage, WakabaMidori]),
    ];

    private static readonly (string Code, OutsideBodyKind Kind, string Email, string[] Names)[] Bodies =
    [
        ("pref-chiba-road", OutsideBodyKind.PrefectureRoadOffice, "chiba-doboku@pref.chiba.example",
            ["千葉県 千葉土木事務所", "千葉県《ちばけん》 千葉土木事務所《ちばどぼくじむしょ》", "Chiba Prefecture Chiba Road Office", "千叶县 千叶土木事务所", "지바현 지바토목사무소", "Văn phòng Đường bộ Chiba (tỉnh Chiba)"]),
        ("jr-east-chiba", OutsideBodyKind.Railway, "chiba-branch@jreast.example",
            ["JR東日本 千葉支社", "JR東日本《ひがしにほん》 千葉支社《ちばししゃ》", "JR East Chiba Branch", "JR东日本 千叶分社", "JR동일본 지바지사", "JR East chi nhánh Chiba"]),
        ("tepco-pg-chiba", OutsideBodyKind.Utility, "chiba@tepco-pg.example",
            ["東京電力パワーグリッド 千葉総支社", "東京電力《とうきょうでんりょく》パワーグリッド 千葉総支社《ちばそうししゃ》", "TEPCO Power Grid Chiba Office", "东京电力电网 千叶总分社", "도쿄전력 파워그리드 지바총지사", "TEPCO Power Grid văn phòng Chiba"]),
        ("police-chiba-chuo", OutsideBodyKind.Police, "chiba-chuo@police.pref.chiba.example",
            ["千葉県警察 千葉中央警察署", "千葉県警察《ちばけんけいさつ》 千葉中央警察署《ちばちゅうおうけいさつしょ》", "Chiba Prefectural Police, Chiba Central Station", "千叶县警察 千叶中央警察署", "지바현경찰 지바중앙경찰서", "Công an tỉnh Chiba, đồn Chiba Trung tâm"]),
    ];

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var routing = sp.GetRequiredService<ReportRoutingService>();
        if ((await routing.SectionsAsync(ct)).Count > 0) return;

        var categories = await sp.GetRequiredService<IReportCategoryRepository>().ListAsync(false, ct);
        foreach (var (kind, areas) in Offices)
            foreach (var area in areas)
            {
                var name = Languages.Select((language, i) => KeyValuePair.Create(language, (string?)string.Format(kind.Names[i], area.Names[i])))
                    .ToDictionary(StringComparer.OrdinalIgnoreCase);
                var section = (await routing.SaveSectionAsync(Actor.System,
                    new SectionInput { Code = $"{kind.Code}-{area.Code}", Name = name, WardId = area.SeatWard }, ct)).Value!;
                foreach (var category in categories.Where(c => c.Field == kind.Field))
                    foreach (var ward in area.Wards)
                        await routing.SetRouteAsync(Actor.System, category.Code, ward, section.Id, ct);
            }
        foreach (var (code, kind, email, names) in Bodies)
            await routing.SaveBodyAsync(Actor.System, new OutsideBodyInput
            {
                Code = code, Kind = kind, Delivery = ReferralDelivery.Email, Email = email,
                Name = Languages.Select((language, i) => KeyValuePair.Create(language, (string?)names[i])).ToDictionary(StringComparer.OrdinalIgnoreCase),
            }, ct);

        // The demo reports came in before the table existed: route them as a new report would be.
        var reports = sp.GetRequiredService<IReportRepository>();
        var router = sp.GetRequiredService<ReportRouter>();
        foreach (var summary in await reports.SearchPublishedAsync(new ReportFilter(Take: 1000), ct))
            if (await reports.GetAsync(summary.Id, ct) is { } report)
                await router.RouteAsync(report, ct);
    }
}
