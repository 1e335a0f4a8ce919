using Portal.Core.Languages;

namespace Portal.Core.Benefits;

/// <summary>
/// The benefits the portal starts with, from the city's published criteria (see docs). They are seeded into
/// the database as first versions; from then on administrators change them in the rule editor, not here.
/// Each comes with test cases that the editor runs on every save. Their texts are written in every language the
/// portal offers: Japanese (the city's criteria), easy Japanese with readings, English, Simplified Chinese, Korean
/// and Vietnamese; the explanations residents read are built from the rule in the interface's own texts.
/// </summary>
public static class StandardBenefits
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    /// <summary>The seeded versions apply from the start of fiscal 2026.</summary>
    public static readonly DateOnly EffectiveFrom = new(2026, 4, 1);

    private static LocalizedText T(string ja, string easy, string en, string zh, string ko, string vi) => SeedText.Of(ja, easy, en, zh, ko, vi);

    /// <summary>
    /// Seeds the standard benefits: each missing code as a published first version, and for each published version that
    /// still says in Japanese what the standard says, the standard translations it lacks (a database from before they
    /// were written gets them; a translation an administrator wrote is never replaced).
    /// </summary>
    public static async Task SeedAsync(IBenefitCatalog catalog, CancellationToken ct)
    {
        await catalog.SeedAsync(All, EffectiveFrom, ct);
        foreach (var standard in All)
            foreach (var version in (await catalog.VersionsAsync(standard.Code, ct)).Where(v => v.IsPublished))
                if (MissingTranslations(version.Content, standard.Content) is { } completed)
                    await catalog.SaveTranslationsAsync(version.Id, completed, null, ct);
    }

    /// <summary>The stored texts completed with the standard's translations they lack; null when there is nothing to add.</summary>
    public static BenefitTexts? MissingTranslations(BenefitContent stored, BenefitContent standard)
    {
        if (!BenefitTranslationService.SameJapanese(stored, BenefitTexts.Of(standard))) return null;
        var added = false;
        LocalizedText? Complete(LocalizedText? own, LocalizedText? seeded)
        {
            if (own is null || seeded is null) return own;
            foreach (var language in seeded.Languages.Where(l => !own.Has(l)))
            {
                own = own.With(language, seeded.Exact(language));
                added = true;
            }
            return own;
        }
        var texts = new BenefitTexts(Complete(stored.Name, standard.Name)!, Complete(stored.Description, standard.Description), Complete(stored.HowToApply, standard.HowToApply));
        return added ? texts : null;
    }

    // How to apply, where several benefits say the same.
    private static readonly LocalizedText BookAtClinic = T("市内の実施医療機関に予約して接種してください。",
        "市《し》の 中《なか》の 病院《びょういん》に 予約《よやく》して、ワクチンを 打《う》って ください。",
        "Book a vaccination at a participating clinic in the city.",
        "请向市内的指定医疗机构预约接种。",
        "시내 실시 의료기관에 예약하고 접종해 주세요.",
        "Hãy đặt lịch tiêm tại một cơ sở y tế tham gia chương trình trong thành phố.");
    private static readonly LocalizedText AttendAtClinic = T("市内の実施医療機関で受診してください。",
        "市《し》の 中《なか》の 病院《びょういん》で 受《う》けて ください。",
        "Attend at a participating clinic in the city.",
        "请到市内的指定医疗机构接受检查。",
        "시내 실시 의료기관에서 검진을 받으세요.",
        "Hãy đi khám tại một cơ sở y tế tham gia chương trình trong thành phố.");

    private static BenefitTestCase Case(string name, Tri expected, ResidentFacts person) => new(name, person, Day, expected);

    private static ResidentFacts Born(int year, int month, int day) => new() { BirthDate = new DateOnly(year, month, day) };

    private static readonly Condition ChildUntilEndOfHighSchool = new ChildrenCondition(1, UntilMarch31AfterAge: 18);

    private static readonly Condition ShinglesRoutine = new AnyOf([
        new AgeCondition(65, 100, AgeBasis.AttainedInFiscalYear, Step: 5),
        new AllOf([new AgeCondition(60, 64), new DisabilityCondition([DisabilityKind.PhysicalImmune], 1)]),
    ]);

    public static IReadOnlyList<BenefitDraft> All { get; } =
    [
        new("child-allowance",
            new(BenefitKind.Allowance,
                T("児童手当", "児童手当《じどうてあて》（子《こ》どもの ための お金《かね》）", "Child allowance", "儿童津贴（児童手当）", "아동수당(児童手当)", "Trợ cấp trẻ em (児童手当)"),
                T("18歳に達する日以後の最初の3月31日までの子どもを養育している方に支給されます。所得制限はありません。3歳未満は月15,000円、3歳以上は月10,000円、第3子以降は月30,000円です。",
                    "子《こ》どもを 育《そだ》てている 人《ひと》が もらえます。子《こ》どもが 18歳《さい》に なった あとの 3月《がつ》31日《にち》まで もらえます。収入《しゅうにゅう》が 多《おお》くても もらえます。3歳《さい》より 下《した》の 子《こ》は 1か月《げつ》 15,000円《えん》です。3歳《さい》からは 1か月《げつ》 10,000円《えん》です。3人目《にんめ》からの 子《こ》は 1か月《げつ》 30,000円《えん》です。",
                    "Paid to anyone raising a child up to the first 31 March after the child's 18th birthday, with no income limit: 15,000 yen a month under 3, 10,000 yen from 3, and 30,000 yen for the third child onward.",
                    "发给抚养子女的人，直到孩子满18岁后的第一个3月31日为止，没有收入限制。未满3岁每月15,000日元，3岁以上每月10,000日元，第三个及以后的孩子每月30,000日元。",
                    "자녀가 18세가 된 후 처음 맞는 3월 31일까지 자녀를 양육하는 분에게 지급되며, 소득 제한은 없습니다. 3세 미만은 월 15,000엔, 3세 이상은 월 10,000엔, 셋째 이후는 월 30,000엔입니다.",
                    "Dành cho người đang nuôi con, đến ngày 31 tháng 3 đầu tiên sau khi con tròn 18 tuổi, không giới hạn thu nhập. Dưới 3 tuổi: 15.000 yên/tháng; từ 3 tuổi: 10.000 yên/tháng; từ con thứ ba trở đi: 30.000 yên/tháng."),
                T("お住まいの区役所 子ども家庭課に認定請求書を提出してください。",
                    "住《す》んでいる 区《く》の 区役所《くやくしょ》に 行《い》って ください。子《こ》ども家庭課《かていか》に 書類《しょるい》を 出《だ》して ください。",
                    "Submit a claim to the Children and Families section of your ward office.",
                    "请向所居住区的区政府儿童家庭科（子ども家庭課）提交认定申请书（認定請求書）。",
                    "거주하시는 구의 구청 아동가정과(子ども家庭課)에 인정청구서(認定請求書)를 제출해 주세요.",
                    "Hãy nộp đơn xin xét duyệt (認定請求書) tại Phòng Trẻ em và Gia đình (子ども家庭課) của văn phòng quận (区役所) nơi bạn sống."),
                null,
                ChildUntilEndOfHighSchool),
            [
                Case("高校生の子がいる", Tri.Yes, new() { Children = [new(new DateOnly(2010, 5, 1))] }),
                Case("18歳の高校3年生は3月31日まで対象", Tri.Yes, new() { Children = [new(new DateOnly(2008, 6, 1))] }),
                Case("4月1日生まれの子は18歳の3月31日で終わる", Tri.No, new() { Children = [new(new DateOnly(2008, 4, 1))] }),
                Case("子がいない", Tri.No, new() { Children = [] }),
                Case("世帯の情報がない", Tri.Unknown, ResidentFacts.Unknown),
            ]),
        new("child-medical",
            new(BenefitKind.Subsidy,
                T("子ども医療費助成",
                    "子《こ》どもの 医療費《いりょうひ》の 助成《じょせい》",
                    "Child medical expense subsidy",
                    "儿童医疗费补助（子ども医療費助成）",
                    "어린이 의료비 지원(子ども医療費助成)",
                    "Hỗ trợ chi phí y tế cho trẻ em (子ども医療費助成)"),
                T("0歳から高校3年生相当までの子どもの医療費を助成します。自己負担は1回300円です。所得制限はありません。",
                    "0歳《さい》から 高校《こうこう》3年生《ねんせい》までの 子《こ》どもが 使《つか》えます。病院《びょういん》の お金《かね》を 市《し》が 手伝《てつだ》います。1回《かい》 300円《えん》だけ 払《はら》います。収入《しゅうにゅう》が 多《おお》くても 使《つか》えます。",
                    "Medical costs of children from birth to the end of the third year of high school are covered beyond 300 yen a visit, with no income limit.",
                    "为从出生到相当于高中三年级的儿童补助医疗费。自付每次300日元，没有收入限制。",
                    "0세부터 고등학교 3학년에 해당하는 나이까지의 어린이 의료비를 지원합니다. 본인 부담은 1회 300엔이며, 소득 제한은 없습니다.",
                    "Hỗ trợ chi phí y tế cho trẻ từ 0 tuổi đến hết độ tuổi năm 3 trung học phổ thông. Mỗi lần khám chỉ tự trả 300 yên, không giới hạn thu nhập."),
                T("区役所 市民総合窓口課で受給券を申請してください。",
                    "区役所《くやくしょ》の 市民総合窓口課《しみんそうごうまどぐちか》で 申《もう》し込《こ》んで ください。受給券《じゅきゅうけん》（カード）を もらいます。",
                    "Apply for the subsidy card at the Citizens' Services section of your ward office.",
                    "请到区政府市民综合窗口科（市民総合窓口課）申请领取受给证（受給券）。",
                    "구청 시민종합창구과(市民総合窓口課)에서 수급권(受給券)을 신청해 주세요.",
                    "Hãy đăng ký thẻ trợ cấp (受給券) tại Phòng Tiếp dân Tổng hợp (市民総合窓口課) của văn phòng quận."),
                null,
                ChildUntilEndOfHighSchool),
            [
                Case("乳児がいる", Tri.Yes, new() { Children = [new(new DateOnly(2026, 8, 1))] }),
                Case("子は既に19歳", Tri.No, new() { Children = [new(new DateOnly(2007, 6, 1))] }),
            ]),
        new("single-parent-medical",
            new(BenefitKind.Subsidy,
                T("ひとり親家庭等医療費助成",
                    "ひとり親《おや》の 家庭《かてい》の 医療費《いりょうひ》の 助成《じょせい》",
                    "Medical subsidy for single-parent households",
                    "单亲家庭等医疗费补助（ひとり親家庭等医療費助成）",
                    "한부모 가정 등 의료비 지원(ひとり親家庭等医療費助成)",
                    "Hỗ trợ chi phí y tế cho gia đình cha hoặc mẹ đơn thân (ひとり親家庭等医療費助成)"),
                T("18歳に達する日以後の最初の3月31日まで(障害のある子は20歳未満)の子を養育するひとり親家庭等で、所得が児童扶養手当の限度額以下の方の医療費を助成します。",
                    "ひとり親《おや》で 子《こ》どもを 育《そだ》てている 家庭《かてい》が 使《つか》えます。子《こ》どもが 18歳《さい》に なった あとの 3月《がつ》31日《にち》までです。障害《しょうがい》の ある 子《こ》は 20歳《さい》に なるまでです。所得《しょとく》が 決《き》まった 額《がく》より 少《すく》ない 人《ひと》が 使《つか》えます。病院《びょういん》の お金《かね》を 市《し》が 手伝《てつだ》います。",
                    "Medical costs of single-parent households raising a child up to the first 31 March after the 18th birthday (20 for a disabled child), with income within the child-rearing allowance limit.",
                    "抚养子女（至满18岁后的第一个3月31日为止；有残障的子女未满20岁）的单亲家庭等，所得在儿童抚养津贴（児童扶養手当）限额以下的，可获得医疗费补助。",
                    "18세가 된 후 처음 맞는 3월 31일까지(장애가 있는 자녀는 20세 미만)의 자녀를 양육하는 한부모 가정 등으로, 소득이 아동부양수당(児童扶養手当) 한도액 이하인 분의 의료비를 지원합니다.",
                    "Hỗ trợ chi phí y tế cho gia đình cha hoặc mẹ đơn thân đang nuôi con đến ngày 31 tháng 3 đầu tiên sau khi con tròn 18 tuổi (con có khuyết tật: dưới 20 tuổi), với thu nhập không vượt quá mức giới hạn của Trợ cấp nuôi con (児童扶養手当)."),
                T("区役所 子ども家庭課で申請してください。",
                    "区役所《くやくしょ》の 子《こ》ども家庭課《かていか》で 申《もう》し込《こ》んで ください。",
                    "Apply at the Children and Families section of your ward office.",
                    "请到区政府儿童家庭科（子ども家庭課）申请。",
                    "구청 아동가정과(子ども家庭課)에서 신청해 주세요.",
                    "Hãy đăng ký tại Phòng Trẻ em và Gia đình (子ども家庭課) của văn phòng quận."),
                null,
                new AllOf([
                    new HouseholdCondition(HouseholdFlag.SingleParent),
                    new ChildrenCondition(1, UntilMarch31AfterAge: 18, DisabledUnderAge: 20),
                    new IncomeCondition(2_080_000, 380_000),
                ])),
            [
                Case("扶養1人で所得が限度内", Tri.Yes, new() { SingleParent = true, Children = [new(new DateOnly(2015, 1, 1))], IncomeYen = 2_400_000, Dependants = 1 }),
                Case("扶養1人で所得が限度超え", Tri.No, new() { SingleParent = true, Children = [new(new DateOnly(2015, 1, 1))], IncomeYen = 2_500_000, Dependants = 1 }),
                Case("所得の同意がない", Tri.Unknown, new() { SingleParent = true, Children = [new(new DateOnly(2015, 1, 1))] }),
                Case("障害のある19歳の子", Tri.Yes, new() { SingleParent = true, Children = [new(new DateOnly(2007, 6, 1), Disabled: true)], IncomeYen = 1_000_000, Dependants = 1 }),
            ]),
        new("specific-health-check",
            new(BenefitKind.HealthCheck,
                T("特定健康診査", "特定健康診査《とくていけんこうしんさ》（健康《けんこう》チェック）", "Specific health check", "特定健康检查（特定健康診査）", "특정건강검진(特定健康診査)", "Khám sức khỏe đặc định (特定健康診査)"),
                T("千葉市国民健康保険に加入している40歳から74歳の方が対象です。",
                    "千葉市《ちばし》の 国民健康保険《こくみんけんこうほけん》に 入《はい》っている 人《ひと》が 受《う》けられます。40歳《さい》から 74歳《さい》までの 人《ひと》です。",
                    "For residents aged 40 to 74 in the city's National Health Insurance.",
                    "对象为参加千叶市国民健康保险的40岁至74岁人士。",
                    "지바시 국민건강보험에 가입한 40세부터 74세까지의 분이 대상입니다.",
                    "Dành cho người từ 40 đến 74 tuổi đang tham gia Bảo hiểm Y tế Quốc dân (国民健康保険) của thành phố Chiba."),
                T("受診券が届いたら、市内の実施医療機関に予約してください。",
                    "受診券《じゅしんけん》が 届《とど》いたら、市《し》の 中《なか》の 病院《びょういん》に 予約《よやく》して ください。",
                    "When your voucher arrives, book at a participating clinic in the city.",
                    "收到受诊券（受診券）后，请向市内的指定医疗机构预约。",
                    "수진권(受診券)이 도착하면 시내 실시 의료기관에 예약해 주세요.",
                    "Khi nhận được phiếu khám (受診券), hãy đặt lịch tại một cơ sở y tế tham gia chương trình trong thành phố."),
                null,
                new AllOf([new AgeCondition(40, 74, AgeBasis.AttainedInFiscalYear), new InsuranceCondition([InsuranceType.NationalHealth])])),
            [
                Case("50歳 国保", Tri.Yes, Born(1976, 5, 1) with { Insurance = InsuranceType.NationalHealth }),
                Case("50歳 社保", Tri.No, Born(1976, 5, 1) with { Insurance = InsuranceType.Employee }),
                Case("年度内に40歳になる", Tri.Yes, Born(1987, 3, 1) with { Insurance = InsuranceType.NationalHealth }),
                Case("保険の情報がない", Tri.Unknown, Born(1976, 5, 1)),
            ]),
        new("elderly-health-check",
            new(BenefitKind.HealthCheck,
                T("健康診査(後期高齢者)",
                    "健康診査《けんこうしんさ》（75歳《さい》以上《いじょう》の 人《ひと》）",
                    "Health check for the latter-stage elderly",
                    "健康检查（后期高龄者）",
                    "건강검진(후기고령자)",
                    "Khám sức khỏe cho người cao tuổi giai đoạn sau (後期高齢者)"),
                T("後期高齢者医療制度に加入している75歳以上の方、または一定の障害により加入している65歳以上の方が対象です。",
                    "後期高齢者医療制度《こうきこうれいしゃいりょうせいど》に 入《はい》っている 人《ひと》が 受《う》けられます。75歳《さい》以上《いじょう》の 人《ひと》です。障害《しょうがい》が あって 入《はい》っている 65歳《さい》以上《いじょう》の 人《ひと》も 受《う》けられます。",
                    "For residents 75 and over in the latter-stage elderly medical system, or 65 and over in it because of a certified disability.",
                    "对象为参加后期高龄者医疗制度的75岁以上人士，或因一定程度的残障而参加该制度的65岁以上人士。",
                    "후기고령자 의료제도에 가입한 75세 이상인 분, 또는 일정한 장애로 가입한 65세 이상인 분이 대상입니다.",
                    "Dành cho người từ 75 tuổi trở lên tham gia chế độ y tế cho người cao tuổi giai đoạn sau (後期高齢者医療制度), hoặc người từ 65 tuổi trở lên tham gia chế độ này do có khuyết tật ở mức nhất định."),
                T("受診券を持って市内の実施医療機関で受診してください。",
                    "受診券《じゅしんけん》を 持《も》って、市《し》の 中《なか》の 病院《びょういん》に 行《い》って ください。",
                    "Take your voucher to a participating clinic in the city.",
                    "请携带受诊券（受診券）到市内的指定医疗机构就诊。",
                    "수진권(受診券)을 가지고 시내 실시 의료기관에서 검진을 받으세요.",
                    "Hãy mang phiếu khám (受診券) đến một cơ sở y tế tham gia chương trình trong thành phố."),
                null,
                new AllOf([
                    new InsuranceCondition([InsuranceType.LatterStageElderly]),
                    new AnyOf([new AgeCondition(75, null), new AllOf([new AgeCondition(65, null), new DisabilityCondition([], 3)])]),
                ])),
            [
                Case("80歳 後期高齢", Tri.Yes, Born(1946, 1, 1) with { Insurance = InsuranceType.LatterStageElderly }),
                Case("68歳 障害1級 後期高齢", Tri.Yes, Born(1958, 1, 1) with { Insurance = InsuranceType.LatterStageElderly, Disabilities = [new(DisabilityKind.PhysicalOther, 1)] }),
                Case("70歳 国保", Tri.No, Born(1956, 1, 1) with { Insurance = InsuranceType.NationalHealth }),
            ]),
        new("shingles-routine",
            new(BenefitKind.Vaccination,
                T("帯状疱疹ワクチン(定期接種)",
                    "帯状疱疹《たいじょうほうしん》の ワクチン（定期接種《ていきせっしゅ》）",
                    "Shingles vaccination (routine)",
                    "带状疱疹疫苗（定期接种）",
                    "대상포진 백신(정기접종)",
                    "Tiêm vắc-xin zona (tiêm định kỳ)"),
                T("その年度に65・70・75…100歳になる方、または60〜64歳でヒト免疫不全ウイルスによる免疫の機能の障害1級の方が対象です(2025年4月から)。",
                    "その 年度《ねんど》に 65・70・75…100歳《さい》に なる 人《ひと》が 受《う》けられます。60〜64歳《さい》で、HIVに よる 免疫《めんえき》の 障害《しょうがい》が 1級《きゅう》の 人《ひと》も 受《う》けられます。2025年《ねん》4月《がつ》から 始《はじ》まりました。",
                    "For residents turning 65, 70, 75 … 100 in the fiscal year, or aged 60 to 64 with a grade-1 immune disability caused by HIV (from April 2025).",
                    "对象为当年度满65、70、75……100岁的人士，或60至64岁、因人类免疫缺陷病毒（HIV）导致免疫功能障碍1级的人士（自2025年4月起）。",
                    "해당 연도에 65·70·75…100세가 되는 분, 또는 60~64세로 인간면역결핍바이러스(HIV)에 의한 면역 기능 장애 1급인 분이 대상입니다(2025년 4월부터).",
                    "Dành cho người tròn 65, 70, 75 … 100 tuổi trong năm tài chính, hoặc người từ 60 đến 64 tuổi có khuyết tật chức năng miễn dịch cấp 1 do HIV (từ tháng 4 năm 2025)."),
                BookAtClinic,
                null,
                ShinglesRoutine),
            [
                Case("年度内に70歳", Tri.Yes, Born(1957, 1, 10)),
                Case("年度内に71歳", Tri.No, Born(1956, 1, 10)),
                Case("62歳 免疫1級", Tri.Yes, Born(1964, 6, 1) with { Disabilities = [new(DisabilityKind.PhysicalImmune, 1)] }),
                Case("62歳 障害の情報がない", Tri.Unknown, Born(1964, 6, 1)),
            ]),
        new("shingles-subsidy",
            new(BenefitKind.Subsidy,
                T("帯状疱疹ワクチン接種費用助成(任意接種)",
                    "帯状疱疹《たいじょうほうしん》の ワクチンの お金《かね》の 助成《じょせい》",
                    "Shingles vaccination subsidy (voluntary)",
                    "带状疱疹疫苗接种费用补助（自愿接种）",
                    "대상포진 백신 접종비 지원(임의접종)",
                    "Hỗ trợ chi phí tiêm vắc-xin zona (tiêm tự nguyện)"),
                T("50歳以上で定期接種の対象でない方の接種費用の一部を助成します。",
                    "50歳《さい》以上《いじょう》の 人《ひと》が 使《つか》えます。定期接種《ていきせっしゅ》を 受《う》けられない 人《ひと》です。ワクチンの お金《かね》の 一部《いちぶ》を 市《し》が 出《だ》します。",
                    "Part of the cost for residents 50 and over who are not in the routine group.",
                    "为50岁以上、不属于定期接种对象的人士补助部分接种费用。",
                    "50세 이상으로 정기접종 대상이 아닌 분의 접종 비용 일부를 지원합니다.",
                    "Hỗ trợ một phần chi phí tiêm cho người từ 50 tuổi trở lên không thuộc nhóm tiêm định kỳ."),
                T("接種後に領収書を添えて保健所に申請してください。",
                    "ワクチンを 打《う》った あと、領収書《りょうしゅうしょ》を 持《も》って 保健所《ほけんじょ》に 申《もう》し込《こ》んで ください。",
                    "After the vaccination, apply to the public health centre with the receipt.",
                    "接种后，请附上收据向保健所申请。",
                    "접종 후 영수증을 첨부하여 보건소에 신청해 주세요.",
                    "Sau khi tiêm, hãy nộp đơn kèm hóa đơn cho Trung tâm Y tế Công cộng (保健所)."),
                null,
                new AllOf([new AgeCondition(50, null), new NotOf(ShinglesRoutine)])),
            [
                Case("55歳", Tri.Yes, Born(1971, 6, 1) with { Disabilities = [] }),
                Case("年度内に70歳は定期接種", Tri.No, Born(1957, 1, 10)),
                Case("45歳", Tri.No, Born(1981, 6, 1)),
            ]),
        new("elderly-influenza",
            new(BenefitKind.Vaccination,
                T("高齢者インフルエンザ予防接種",
                    "お年寄《としよ》りの インフルエンザの 予防接種《よぼうせっしゅ》",
                    "Influenza vaccination for older residents",
                    "老年人流感预防接种",
                    "고령자 인플루엔자 예방접종",
                    "Tiêm phòng cúm cho người cao tuổi"),
                T("65歳以上の方、または60〜64歳で心臓・腎臓・呼吸器・免疫の機能の障害1級の方が対象です。接種期間は10月1日から1月31日です。生活保護受給者と住民税非課税世帯の方は無料です。",
                    "65歳《さい》以上《いじょう》の 人《ひと》が 受《う》けられます。60〜64歳《さい》で、心臓《しんぞう》・腎臓《じんぞう》・呼吸器《こきゅうき》・免疫《めんえき》の 障害《しょうがい》が 1級《きゅう》の 人《ひと》も 受《う》けられます。10月《がつ》1日《ついたち》から 1月《がつ》31日《にち》までに 打《う》ちます。生活保護《せいかつほご》を 受《う》けている 人《ひと》は 無料《むりょう》です。住民税《じゅうみんぜい》が かからない 家族《かぞく》の 人《ひと》も 無料《むりょう》です。",
                    "For residents 65 and over, or 60 to 64 with a grade-1 heart, kidney, respiratory or immune disability. The season runs from 1 October to 31 January; free for welfare recipients and households exempt from resident tax.",
                    "对象为65岁以上人士，或60至64岁、心脏·肾脏·呼吸器官·免疫功能障碍1级的人士。接种期间为10月1日至1月31日。领取生活保护者及免征居民税家庭的人士免费。",
                    "65세 이상인 분, 또는 60~64세로 심장·신장·호흡기·면역 기능 장애 1급인 분이 대상입니다. 접종 기간은 10월 1일부터 1월 31일까지입니다. 생활보호 수급자와 주민세 비과세 세대인 분은 무료입니다.",
                    "Dành cho người từ 65 tuổi trở lên, hoặc người từ 60 đến 64 tuổi có khuyết tật cấp 1 về chức năng tim, thận, hô hấp hoặc miễn dịch. Thời gian tiêm từ ngày 1 tháng 10 đến ngày 31 tháng 1. Miễn phí cho người nhận trợ cấp bảo hộ sinh hoạt (生活保護) và hộ gia đình được miễn thuế cư trú (住民税非課税)."),
                BookAtClinic,
                null,
                new AnyOf([
                    new AgeCondition(65, null),
                    new AllOf([new AgeCondition(60, 64), new DisabilityCondition([DisabilityKind.PhysicalHeart, DisabilityKind.PhysicalKidney, DisabilityKind.PhysicalRespiratory, DisabilityKind.PhysicalImmune], 1)]),
                ]),
                AvailableFrom: new DateOnly(2026, 10, 1), AvailableUntil: new DateOnly(2027, 1, 31)),
            [
                Case("66歳", Tri.Yes, Born(1960, 1, 1)),
                Case("61歳 心臓1級", Tri.Yes, Born(1965, 1, 1) with { Disabilities = [new(DisabilityKind.PhysicalHeart, 1)] }),
                Case("61歳 心臓3級", Tri.No, Born(1965, 1, 1) with { Disabilities = [new(DisabilityKind.PhysicalHeart, 3)] }),
            ]),
        new("elderly-pneumococcal",
            new(BenefitKind.Vaccination,
                T("高齢者肺炎球菌予防接種",
                    "お年寄《としよ》りの 肺炎球菌《はいえんきゅうきん》の 予防接種《よぼうせっしゅ》",
                    "Pneumococcal vaccination for older residents",
                    "老年人肺炎球菌预防接种",
                    "고령자 폐렴구균 예방접종",
                    "Tiêm phòng phế cầu khuẩn cho người cao tuổi"),
                T("その年度に65歳になる方が対象です(生涯に1回。23価ワクチンを接種したことがある方は対象外です)。",
                    "その 年度《ねんど》に 65歳《さい》に なる 人《ひと》が 受《う》けられます。一生《いっしょう》で 1回《かい》だけです。前《まえ》に 23価《か》ワクチンを 打《う》った 人《ひと》は 受《う》けられません。",
                    "For residents turning 65 in the fiscal year, once in a lifetime; not for those who already had the PPSV23 vaccine.",
                    "对象为当年度满65岁的人士（一生一次；曾接种过23价疫苗者除外）。",
                    "해당 연도에 65세가 되는 분이 대상입니다(평생 1회. 23가 백신을 접종한 적이 있는 분은 대상이 아닙니다).",
                    "Dành cho người tròn 65 tuổi trong năm tài chính (chỉ một lần trong đời; không áp dụng cho người đã từng tiêm vắc-xin 23 giá)."),
                BookAtClinic,
                null,
                new AgeCondition(65, 65, AgeBasis.AttainedInFiscalYear)),
            [
                Case("年度内に65歳", Tri.Yes, Born(1961, 12, 1)),
                Case("3月31日生まれは前の年度", Tri.No, Born(1961, 3, 31)),
                Case("4月1日生まれは前日の3月31日に65歳", Tri.Yes, Born(1962, 4, 1)),
                Case("4月2日生まれは次の年度", Tri.No, Born(1962, 4, 2)),
            ]),
        new("lung-colorectal-screening",
            new(BenefitKind.HealthCheck,
                T("肺がん・大腸がん検診",
                    "肺《はい》がん・大腸《だいちょう》がんの 検診《けんしん》",
                    "Lung and colorectal cancer screening",
                    "肺癌·大肠癌筛查",
                    "폐암·대장암 검진",
                    "Tầm soát ung thư phổi và ung thư đại trực tràng"),
                T("その年度に40歳以上になる方が対象です。70歳以上(肺がん検診は65歳以上)は無料です。",
                    "その 年度《ねんど》に 40歳《さい》以上《いじょう》に なる 人《ひと》が 受《う》けられます。70歳《さい》以上《いじょう》の 人《ひと》は 無料《むりょう》です。肺《はい》がんの 検診《けんしん》は 65歳《さい》から 無料《むりょう》です。",
                    "For residents 40 and over in the fiscal year; free from 70 (lung from 65).",
                    "对象为当年度满40岁以上的人士。70岁以上（肺癌筛查为65岁以上）免费。",
                    "해당 연도에 40세 이상이 되는 분이 대상입니다. 70세 이상(폐암 검진은 65세 이상)은 무료입니다.",
                    "Dành cho người từ 40 tuổi trở lên trong năm tài chính. Miễn phí từ 70 tuổi (tầm soát ung thư phổi: từ 65 tuổi)."),
                T("市内の実施医療機関または集団検診会場で受診してください。",
                    "市《し》の 中《なか》の 病院《びょういん》か、検診《けんしん》の 会場《かいじょう》で 受《う》けて ください。",
                    "Attend at a participating clinic or a group screening venue.",
                    "请到市内的指定医疗机构或集体筛查会场接受检查。",
                    "시내 실시 의료기관 또는 집단검진 회장에서 검진을 받으세요.",
                    "Hãy đi khám tại một cơ sở y tế tham gia chương trình hoặc tại địa điểm tầm soát tập thể."),
                null,
                new AgeCondition(40, null, AgeBasis.AttainedInFiscalYear)),
            [
                Case("45歳", Tri.Yes, Born(1981, 6, 1)),
                Case("35歳", Tri.No, Born(1991, 6, 1)),
            ]),
        new("breast-screening",
            new(BenefitKind.HealthCheck,
                T("乳がん検診", "乳《にゅう》がんの 検診《けんしん》", "Breast cancer screening", "乳腺癌筛查", "유방암 검진", "Tầm soát ung thư vú"),
                T("その年度に30歳以上になる女性が対象です。",
                    "その 年度《ねんど》に 30歳《さい》以上《いじょう》に なる 女性《じょせい》が 受《う》けられます。",
                    "For women 30 and over in the fiscal year.",
                    "对象为当年度满30岁以上的女性。",
                    "해당 연도에 30세 이상이 되는 여성이 대상입니다.",
                    "Dành cho phụ nữ từ 30 tuổi trở lên trong năm tài chính."),
                AttendAtClinic,
                null,
                new AllOf([new SexCondition(Sex.Female), new AgeCondition(30, null, AgeBasis.AttainedInFiscalYear)])),
            [
                Case("35歳女性", Tri.Yes, Born(1991, 6, 1) with { Sex = Sex.Female }),
                Case("35歳男性", Tri.No, Born(1991, 6, 1) with { Sex = Sex.Male }),
                Case("25歳 性別不明", Tri.No, Born(2001, 6, 1)),
            ]),
        new("cervical-screening",
            new(BenefitKind.HealthCheck,
                T("子宮頸がん検診", "子宮頸《しきゅうけい》がんの 検診《けんしん》", "Cervical cancer screening", "宫颈癌筛查", "자궁경부암 검진", "Tầm soát ung thư cổ tử cung"),
                T("その年度に20歳以上になる女性が対象です。",
                    "その 年度《ねんど》に 20歳《さい》以上《いじょう》に なる 女性《じょせい》が 受《う》けられます。",
                    "For women 20 and over in the fiscal year.",
                    "对象为当年度满20岁以上的女性。",
                    "해당 연도에 20세 이상이 되는 여성이 대상입니다.",
                    "Dành cho phụ nữ từ 20 tuổi trở lên trong năm tài chính."),
                AttendAtClinic,
                null,
                new AllOf([new SexCondition(Sex.Female), new AgeCondition(20, null, AgeBasis.AttainedInFiscalYear)])),
            [
                Case("22歳女性", Tri.Yes, Born(2004, 6, 1) with { Sex = Sex.Female }),
                Case("性別不明", Tri.Unknown, Born(2004, 6, 1)),
            ]),
        new("prostate-screening",
            new(BenefitKind.HealthCheck,
                T("前立腺がん検診", "前立腺《ぜんりつせん》がんの 検診《けんしん》", "Prostate cancer screening", "前列腺癌筛查", "전립선암 검진", "Tầm soát ung thư tuyến tiền liệt"),
                T("その年度に50・55・60…歳になる男性が対象です。",
                    "その 年度《ねんど》に 50・55・60…歳《さい》に なる 男性《だんせい》が 受《う》けられます。",
                    "For men turning 50, 55, 60 … in the fiscal year.",
                    "对象为当年度满50、55、60……岁的男性。",
                    "해당 연도에 50·55·60…세가 되는 남성이 대상입니다.",
                    "Dành cho nam giới tròn 50, 55, 60 … tuổi trong năm tài chính."),
                AttendAtClinic,
                null,
                new AllOf([new SexCondition(Sex.Male), new AgeCondition(50, null, AgeBasis.AttainedInFiscalYear, Step: 5)])),
            [
                Case("年度内に55歳の男性", Tri.Yes, Born(1971, 6, 1) with { Sex = Sex.Male }),
                Case("年度内に56歳の男性", Tri.No, Born(1970, 6, 1) with { Sex = Sex.Male }),
            ]),
    ];
}
