using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Core.Rules;
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
    private sealed record DemoProgramme(LocalizedText Name, ProgrammeKind Kind, long Points, long Daily, long Yearly, long? ReportPoints, LocalizedText[] Events, LocalizedText Place);

    private static LocalizedText T(string ja, string easyJa, string en, string zhHans, string ko, string vi) => SeedText.Of(ja, easyJa, en, zhHans, ko, vi);

    // Places, in the six languages the portal ships with (like every demo city text).
    private static readonly LocalizedText Zoo = T("千葉市動物公園", "千葉市動物公園《ちばしどうぶつこうえん》", "Chiba Zoological Park", "千叶市动物公园", "지바시 동물공원", "Công viên Động vật thành phố Chiba");
    private static readonly LocalizedText KasoriMuseum = T("加曽利貝塚博物館", "加曽利貝塚博物館《かそりかいづかはくぶつかん》", "Kasori Shell Mound Museum", "加曾利贝冢博物馆", "가소리 패총 박물관", "Bảo tàng Gò vỏ sò Kasori");
    private static readonly LocalizedText InageSeaside = T("稲毛海浜公園", "稲毛海浜公園《いなげかいひんこうえん》", "Inage Seaside Park", "稻毛海滨公园", "이나게 해변공원", "Công viên ven biển Inage");
    private static readonly LocalizedText ShowaNoMori = T("昭和の森", "昭和《しょうわ》の 森《もり》", "Showa-no-Mori Park", "昭和之森公园", "쇼와노모리 공원", "Công viên Showa no Mori");
    private static readonly LocalizedText PortArena = T("千葉ポートアリーナ", "千葉《ちば》ポートアリーナ", "Chiba Port Arena", "千叶港体育馆（Port Arena）", "지바 포트 아레나", "Nhà thi đấu Chiba Port Arena");
    private static readonly LocalizedText CityHall = T("千葉市役所", "千葉市役所《ちばしやくしょ》", "Chiba City Hall", "千叶市政府", "지바 시청", "Tòa thị chính thành phố Chiba");
    private static readonly LocalizedText LearningCentre = T("千葉市生涯学習センター", "千葉市生涯学習《ちばししょうがいがくしゅう》センター", "Chiba City Lifelong Learning Centre", "千叶市终身学习中心", "지바시 평생학습센터", "Trung tâm Học tập Suốt đời thành phố Chiba");

    private static readonly LocalizedText ZooCleaning = T("動物公園 清掃活動", "動物公園《どうぶつこうえん》の そうじ", "Zoo: cleaning", "动物公园 清扫活动", "동물공원 청소 활동", "Công viên động vật: dọn vệ sinh");

    private static readonly DemoProgramme[] Programmes =
    [
        new(T("千葉市動物公園ボランティア", "千葉市動物公園《ちばしどうぶつこうえん》の ボランティア", "Chiba Zoological Park volunteers", "千叶市动物公园志愿者", "지바시 동물공원 자원봉사", "Tình nguyện viên Công viên Động vật thành phố Chiba"),
            ProgrammeKind.Volunteer, 50, 100, 3000, null,
            [
                T("動物公園 園内ガイド", "動物公園《どうぶつこうえん》の 中《なか》を 案内《あんない》します", "Zoo: guided tours", "动物公园 园内导览", "동물공원 원내 가이드", "Công viên động vật: hướng dẫn tham quan"),
                ZooCleaning,
            ], Zoo),
        new(T("加曽利貝塚ガイドボランティア", "加曽利貝塚《かそりかいづか》の ガイド ボランティア", "Kasori Shell Mound guide volunteers", "加曾利贝冢导览志愿者", "가소리 패총 가이드 자원봉사", "Tình nguyện viên hướng dẫn tại Gò vỏ sò Kasori"),
            ProgrammeKind.Volunteer, 50, 100, 3000, null,
            [T("加曽利貝塚 見学ガイド", "加曽利貝塚《かそりかいづか》を 見《み》に 来《き》た 人《ひと》の ガイド", "Kasori Shell Mound: visitor guide", "加曾利贝冢 参观导览", "가소리 패총 견학 가이드", "Gò vỏ sò Kasori: hướng dẫn khách tham quan")],
            KasoriMuseum),
        new(T("稲毛海岸ビーチクリーン", "稲毛海岸《いなげかいがん》の 浜《はま》の そうじ", "Inage beach clean-up", "稻毛海岸海滩清洁", "이나게 해안 비치 클린", "Dọn dẹp bãi biển Inage"),
            ProgrammeKind.Volunteer, 50, 100, 3000, null,
            [
                T("稲毛海浜公園 ビーチクリーン", "稲毛海浜公園《いなげかいひんこうえん》の 浜《はま》の そうじ", "Inage Seaside Park: beach clean-up", "稻毛海滨公园 海滩清洁", "이나게 해변공원 비치 클린", "Công viên ven biển Inage: dọn bãi biển"),
                T("検見川の浜 清掃", "検見川《けみがわ》の 浜《はま》の そうじ", "Kemigawa beach: clean-up", "检见川海滩 清扫", "게미가와 해변 청소", "Bãi biển Kemigawa: dọn vệ sinh"),
            ], InageSeaside),
        new(T("健康ウォーキング", "元気《げんき》に なる ウォーキング", "Health walks", "健康步行", "건강 걷기", "Đi bộ vì sức khỏe"),
            ProgrammeKind.Health, 50, 50, 2000, null,
            [
                T("いなげの浜 ウォーキング", "いなげの 浜《はま》を 歩《ある》きます", "Walk on Inage beach", "稻毛海滩 步行", "이나게 해변 걷기", "Đi bộ ở bãi biển Inage"),
                T("昭和の森 ウォーキング", "昭和《しょうわ》の 森《もり》を 歩《ある》きます", "Walk in Showa-no-Mori Park", "昭和之森 步行", "쇼와노모리 걷기", "Đi bộ ở công viên Showa no Mori"),
            ], ShowaNoMori),
        new(T("パラスポーツ体験会", "パラスポーツを やってみる 会《かい》", "Para-sports taster sessions", "残障运动体验会", "파라스포츠 체험회", "Buổi trải nghiệm thể thao người khuyết tật"),
            ProgrammeKind.Health, 50, 100, 2000, null,
            [
                T("ボッチャ体験会", "ボッチャを やってみる 会《かい》", "Boccia taster session", "硬地滚球体验会", "보치아 체험회", "Buổi trải nghiệm boccia"),
                T("車いすバスケットボール体験", "車《くるま》いすバスケットボールを やってみる", "Wheelchair basketball taster", "轮椅篮球体验", "휠체어 농구 체험", "Trải nghiệm bóng rổ xe lăn"),
            ], PortArena),
        new(T("ちばシティポイント デジタルスタンプラリー", "ちばシティポイントの デジタル スタンプラリー", "Chiba City Points digital stamp rally", "千叶城市积分 数字集章活动", "지바 시티 포인트 디지털 스탬프 랠리", "Rally đóng dấu kỹ thuật số Chiba City Points"),
            ProgrammeKind.City, 500, 500, 500, null,
            [T("スタンプラリー 達成受付", "スタンプを 全部《ぜんぶ》 集《あつ》めた 人《ひと》の 受付《うけつけ》", "Stamp rally: completion desk", "集章活动 完成登记", "스탬프 랠리 완주 접수", "Rally đóng dấu: quầy xác nhận hoàn thành")],
            CityHall),
        new(T("ちばレポ協力", "ちばレポに 協力《きょうりょく》する", "Helping with Chiba Repo (residents' reports)", "协助“千叶报告”（ちばレポ）", "지바 리포(ちばレポ) 협력", "Hợp tác với Chiba Repo (báo cáo của người dân)"),
            ProgrammeKind.City, 30, 90, 1500, 30,
            [T("ちばレポ講習会", "ちばレポの 使《つか》い方《かた》を 学《まな》ぶ 会《かい》", "Chiba Repo workshop", "“千叶报告”讲习会", "지바 리포 강습회", "Buổi hướng dẫn sử dụng Chiba Repo")],
            LearningCentre),
    ];

    private static readonly LocalizedText OneAdult = T("大人1名の入館券です。", "大人《おとな》 ひとりが 入《はい》れる 券《けん》です。", "Admission for one adult.", "成人1名的入馆券。", "성인 1명 입장권입니다.", "Vé vào cửa cho một người lớn.");

    // Partners and non-profits: the public name and description residents read.
    private static readonly (LocalizedText Name, LocalizedText Description)[] Partners =
    [
        (T("WAON（電子マネー）", "WAON（電子《でんし》マネー）", "WAON (e-money)", "WAON（电子钱包）", "WAON(전자화폐)", "WAON (tiền điện tử)"),
            T("イオンなどで使える電子マネーです。", "イオンなどの 店《みせ》で 使《つか》える 電子《でんし》マネーです。", "E-money accepted at AEON and other shops.",
                "可在永旺等商店使用的电子钱包。", "이온(AEON) 등에서 사용할 수 있는 전자화폐입니다.", "Tiền điện tử dùng được tại AEON và các cửa hàng khác.")),
        (T("nanaco（電子マネー）", "nanaco（電子《でんし》マネー）", "nanaco (e-money)", "nanaco（电子钱包）", "nanaco(전자화폐)", "nanaco (tiền điện tử)"),
            T("セブン-イレブンなどで使える電子マネーです。", "セブン-イレブンなどの 店《みせ》で 使《つか》える 電子《でんし》マネーです。", "E-money accepted at 7-Eleven and other shops.",
                "可在7-Eleven等商店使用的电子钱包。", "세븐일레븐 등에서 사용할 수 있는 전자화폐입니다.", "Tiền điện tử dùng được tại 7-Eleven và các cửa hàng khác.")),
        (Zoo,
            T("レッサーパンダで知られる若葉区の動物園です。", "若葉区《わかばく》の 動物園《どうぶつえん》です。レッサーパンダが 有名《ゆうめい》です。", "The zoo in Wakaba Ward, known for its red pandas.",
                "位于若叶区的动物园，以小熊猫闻名。", "레서판다로 유명한 와카바구의 동물원입니다.", "Vườn thú ở quận Wakaba, nổi tiếng với gấu trúc đỏ.")),
        (T("千葉市科学館", "千葉市科学館《ちばしかがくかん》", "Chiba City Science Museum", "千叶市科学馆", "지바시 과학관", "Bảo tàng Khoa học thành phố Chiba"),
            T("中央区のきぼーるの中にある科学館です。", "中央区《ちゅうおうく》の きぼーるの 中《なか》に ある 科学館《かがくかん》です。", "The science museum in the Qiball building, Chuo Ward.",
                "位于中央区Qiball大楼内的科学馆。", "주오구 키보루(Qiball) 안에 있는 과학관입니다.", "Bảo tàng khoa học trong tòa nhà Qiball, quận Chuo.")),
        (T("千葉ポートタワー", "千葉《ちば》ポートタワー", "Chiba Port Tower", "千叶港塔", "지바 포트 타워", "Tháp Chiba Port"),
            T("千葉港を望む高さ125mの展望タワーです。", "千葉港《ちばこう》が 見《み》える タワーです。高《たか》さは 125mです。", "A 125 m observation tower overlooking Chiba Port.",
                "眺望千叶港的125米高观景塔。", "지바항이 내려다보이는 높이 125m의 전망 타워입니다.", "Tháp ngắm cảnh cao 125 m nhìn ra cảng Chiba.")),
    ];

    private static readonly (LocalizedText Name, LocalizedText Description)[] NonProfits =
    [
        (T("NPO法人 ちば里山トラスト", "NPO法人《ほうじん》 ちば里山《さとやま》トラスト", "Chiba Satoyama Trust (non-profit)", "NPO法人 千叶里山信托", "NPO 법인 지바 사토야마 트러스트", "Tổ chức phi lợi nhuận Chiba Satoyama Trust"),
            T("市内の里山の森を守り、育てる活動をしています。", "千葉市《ちばし》の 里山《さとやま》の 森《もり》を 守《まも》って います。", "Looks after the satoyama woodlands in the city.",
                "守护和培育市内的里山森林。", "시내 사토야마 숲을 지키고 가꾸는 활동을 합니다.", "Bảo vệ và chăm sóc các khu rừng satoyama trong thành phố.")),
        (T("千葉市社会福祉協議会", "千葉市社会福祉協議会《ちばししゃかいふくしきょうぎかい》", "Chiba City Council of Social Welfare", "千叶市社会福利协议会", "지바시 사회복지협의회", "Hội đồng Phúc lợi Xã hội thành phố Chiba"),
            T("地域の福祉活動やボランティアを支えています。", "地域《ちいき》の 福祉《ふくし》や ボランティアを 助《たす》けて います。", "Supports local welfare work and volunteering.",
                "支持地区的福利活动和志愿者。", "지역 복지 활동과 자원봉사를 지원합니다.", "Hỗ trợ các hoạt động phúc lợi và tình nguyện tại địa phương.")),
        (T("千葉市（まちづくり応援寄付）", "千葉市《ちばし》（町《まち》づくりを 応援《おうえん》する 寄付《きふ》）", "Chiba City (donation for a better city)", "千叶市（城市建设支援捐款）", "지바시(마을 만들기 응원 기부)", "Thành phố Chiba (quyên góp xây dựng thành phố)"),
            T("市のまちづくりの事業に使われます。", "千葉市《ちばし》の 町《まち》を よく する ために 使《つか》います。", "Used for the city's projects to improve the town.",
                "用于市里的城市建设项目。", "시의 마을 만들기 사업에 사용됩니다.", "Được dùng cho các dự án phát triển thành phố.")),
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
            var programme = (await earning.SaveProgrammeAsync(actor, null, new ProgrammeInput
            {
                Name = CityTextFields.From(demo.Name), Kind = demo.Kind, PointsPerParticipation = demo.Points, DailyCap = demo.Daily, YearlyCap = demo.Yearly,
                StartsOn = new DateTime(fiscal - 2, 4, 1), EndsOn = new DateTime(fiscal + 1, 3, 31), ReportPoints = demo.ReportPoints,
            }, ct)).Value!;
            foreach (var (title, n) in demo.Events.Select((t, n) => (t, n)))
            {
                foreach (var offset in new[] { -random.Next(20, 120), -random.Next(2, 19), random.Next(3, 40) })
                {
                    var created = (await earning.CreateEventAsync(actor, new EventInput
                    {
                        ProgrammeId = programme.Id, Title = CityTextFields.From(title), Place = CityTextFields.From(demo.Place), Day = today.AddDays(offset + n).ToDateTime(TimeOnly.MinValue),
                        StartTime = new TimeSpan(9 + n, 0, 0), EndTime = new TimeSpan(12 + n, 0, 0),
                    }, ct)).Value!;
                    events.Add(((await programmes.EventAsync(created.Id, ct))!, offset + n < 0));
                }
            }
        }
        // One event running now, to try the check-in: staff open its code, a resident scans it.
        var japanNow = JapanTime.ToJapan(now);
        var open = (await earning.CreateEventAsync(actor, new EventInput
        {
            ProgrammeId = events[0].View.Programme.Id, Title = CityTextFields.From(T("動物公園 ふれあい体験（受付中）", "動物公園《どうぶつこうえん》で 動物《どうぶつ》と ふれあう（今《いま》 受付中《うけつけちゅう》）",
                "Zoo: meet the animals (check-in open)", "动物公园 亲密接触体验（受理中）", "동물공원 동물 교감 체험(접수 중)", "Công viên động vật: gặp gỡ các con vật (đang mở check-in)")),
            Place = CityTextFields.From(Zoo),
            Day = today.ToDateTime(TimeOnly.MinValue), StartTime = japanNow.TimeOfDay - TimeSpan.FromMinutes(Math.Min(60, japanNow.TimeOfDay.TotalMinutes)),
            EndTime = TimeSpan.FromMinutes(Math.Min(24 * 60 - 1, japanNow.TimeOfDay.TotalMinutes + 180)),
        }, ct)).Value!;

        // Partners, the catalogue and the non-profits.
        var partners = new List<PointAccount>();
        foreach (var (name, description) in Partners)
            partners.Add((await shop.SaveAccountAsync(actor, PointAccountKind.Partner, null, Organisation(name, description), ct)).Value!);
        var (waon, nanaco, zoo, science, tower) = (partners[0], partners[1], partners[2], partners[3], partners[4]);
        var items = new List<CatalogItem>();
        foreach (var item in new CatalogItemInput[]
        {
            new() { Name = Text(T("WAON 500円分", "WAON 500円《えん》分《ぶん》", "WAON, 500 yen", "WAON 500日元", "WAON 500엔분", "WAON trị giá 500 yên")),
                Description = Text(T("WAONポイントに交換します。", "WAONの ポイントに 換《か》えます。", "Exchanged for WAON points.", "兑换为WAON积分。", "WAON 포인트로 교환합니다.", "Đổi thành điểm WAON.")),
                Kind = CatalogItemKind.ElectronicMoney, Price = 500, PerPersonLimit = 20, PartnerAccountId = waon.Id },
            new() { Name = Text(T("nanaco 1,000円分", "nanaco 1,000円《えん》分《ぶん》", "nanaco, 1,000 yen", "nanaco 1,000日元", "nanaco 1,000엔분", "nanaco trị giá 1.000 yên")),
                Description = Text(T("nanacoポイントに交換します。", "nanacoの ポイントに 換《か》えます。", "Exchanged for nanaco points.", "兑换为nanaco积分。", "nanaco 포인트로 교환합니다.", "Đổi thành điểm nanaco.")),
                Kind = CatalogItemKind.ElectronicMoney, Price = 1000, PerPersonLimit = 10, PartnerAccountId = nanaco.Id },
            new() { Name = Text(T("千葉市動物公園 入園券（大人）", "千葉市動物公園《ちばしどうぶつこうえん》に 入《はい》る 券《けん》（大人《おとな》）", "Chiba Zoological Park admission (adult)",
                    "千叶市动物公园 入园券（成人）", "지바시 동물공원 입장권(성인)", "Vé vào Công viên Động vật thành phố Chiba (người lớn)")),
                Description = Text(T("大人1名の入園券です。", "大人《おとな》 ひとりが 入《はい》れる 券《けん》です。", "Admission for one adult.", "成人1名的入园券。", "성인 1명 입장권입니다.", "Vé vào cửa cho một người lớn.")),
                Kind = CatalogItemKind.FacilityTicket, Price = 700, Stock = 200, PerPersonLimit = 4, PartnerAccountId = zoo.Id },
            new() { Name = Text(T("千葉市科学館 常設展入館券", "千葉市科学館《ちばしかがくかん》に 入《はい》る 券《けん》", "Chiba City Science Museum admission (permanent exhibition)",
                    "千叶市科学馆 常设展入馆券", "지바시 과학관 상설전 입장권", "Vé vào triển lãm thường trực Bảo tàng Khoa học thành phố Chiba")),
                Description = Text(OneAdult), Kind = CatalogItemKind.FacilityTicket, Price = 510, Stock = 150, PerPersonLimit = 4, PartnerAccountId = science.Id },
            new() { Name = Text(T("千葉ポートタワー 展望券", "千葉《ちば》ポートタワーの 展望券《てんぼうけん》", "Chiba Port Tower observation deck", "千叶港塔 观景券", "지바 포트 타워 전망권", "Vé lên tầng ngắm cảnh Tháp Chiba Port")),
                Description = Text(T("展望フロアの入場券です。", "高《たか》い 階《かい》から 景色《けしき》を 見《み》る 券《けん》です。", "Admission to the observation floor.", "观景层的入场券。", "전망 플로어 입장권입니다.", "Vé vào tầng ngắm cảnh.")),
                Kind = CatalogItemKind.FacilityTicket, Price = 420, Stock = 100, PerPersonLimit = 4, PartnerAccountId = tower.Id },
        })
        {
            items.Add((await shop.SaveItemAsync(actor, null, item, ct)).Value!);
        }
        var nonProfits = new List<PointAccount>();
        foreach (var (name, description) in NonProfits)
            nonProfits.Add((await shop.SaveAccountAsync(actor, PointAccountKind.NonProfit, null, Organisation(name, description), ct)).Value!);
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
            await programmes.CreditWithinCapsAsync(expiryFunding, wallet.Id, 50, Earn(expiryFunding, wallet.Id, 50, $"demo:old:{resident.Id}", ZooCleaning.Japanese, null),
                options.Expiry, longAgo, ct);
            foreach (var (view, _) in events.Where(e => e.Past && (main || random.Next(10) < 4)))
            {
                var at = view.Event.StartUtc.AddMinutes(random.Next(5, 90));
                if (at > now) continue;
                try
                {
                    await programmes.CreditWithinCapsAsync(view.Programme, wallet.Id, view.Programme.PointsPerParticipation,
                        Earn(view.Programme, wallet.Id, view.Programme.PointsPerParticipation, CheckInCode.Key(view.Event.Id, resident.Id), view.Event.Title.Japanese, null),
                        options.Expiry, at, ct);
                }
                catch (RuleException)
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

    private static Dictionary<string, string?> Text(LocalizedText text) => CityTextFields.From(text);

    private static PointOrganisationInput Organisation(LocalizedText name, LocalizedText description) =>
        new() { Name = CityTextFields.From(name), Description = CityTextFields.From(description) };

    /// <summary>Every city text the demo seeds (for the completeness test).</summary>
    public static IEnumerable<LocalizedText> Texts =>
        Programmes.SelectMany(p => p.Events.Append(p.Name).Append(p.Place))
            .Concat(Partners.Concat(NonProfits).SelectMany(o => new[] { o.Name, o.Description }))
            .Append(ZooCleaning).Append(OneAdult);

    private static LedgerRequest Earn(PointProgramme programme, long walletId, long points, string key, string memo, long? actor) =>
        new(key, PointTransactionKind.Earn, [new PostingLine(programme.FundingAccountId, -points), new PostingLine(walletId, points)], memo, actor);
}
