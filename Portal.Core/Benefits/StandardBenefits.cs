namespace Portal.Core.Benefits;

/// <summary>
/// The benefits the portal starts with, from the city's published criteria (see docs). They are seeded into
/// the database as first versions; from then on administrators change them in the rule editor, not here.
/// Each comes with test cases that the editor runs on every save.
/// </summary>
public static class StandardBenefits
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    /// <summary>The seeded versions apply from the start of fiscal 2026.</summary>
    public static readonly DateOnly EffectiveFrom = new(2026, 4, 1);

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
                new("児童手当", "Child allowance"),
                new("18歳に達する日以後の最初の3月31日までの子どもを養育している方に支給されます。所得制限はありません。3歳未満は月15,000円、3歳以上は月10,000円、第3子以降は月30,000円です。",
                    "Paid to anyone raising a child up to the first 31 March after the child's 18th birthday, with no income limit: 15,000 yen a month under 3, 10,000 yen from 3, and 30,000 yen for the third child onward."),
                new("お住まいの区役所 子ども家庭課に認定請求書を提出してください。", "Submit a claim to the Children and Families section of your ward office."),
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
                new("子ども医療費助成", "Child medical expense subsidy"),
                new("0歳から高校3年生相当までの子どもの医療費を助成します。自己負担は1回300円です。所得制限はありません。",
                    "Medical costs of children from birth to the end of the third year of high school are covered beyond 300 yen a visit, with no income limit."),
                new("区役所 市民総合窓口課で受給券を申請してください。", "Apply for the subsidy card at the Citizens' Services section of your ward office."),
                null,
                ChildUntilEndOfHighSchool),
            [
                Case("乳児がいる", Tri.Yes, new() { Children = [new(new DateOnly(2026, 8, 1))] }),
                Case("子は既に19歳", Tri.No, new() { Children = [new(new DateOnly(2007, 6, 1))] }),
            ]),
        new("single-parent-medical",
            new(BenefitKind.Subsidy,
                new("ひとり親家庭等医療費助成", "Medical subsidy for single-parent households"),
                new("18歳に達する日以後の最初の3月31日まで(障害のある子は20歳未満)の子を養育するひとり親家庭等で、所得が児童扶養手当の限度額以下の方の医療費を助成します。",
                    "Medical costs of single-parent households raising a child up to the first 31 March after the 18th birthday (20 for a disabled child), with income within the child-rearing allowance limit."),
                new("区役所 子ども家庭課で申請してください。", "Apply at the Children and Families section of your ward office."),
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
                new("特定健康診査", "Specific health check"),
                new("千葉市国民健康保険に加入している40歳から74歳の方が対象です。", "For residents aged 40 to 74 in the city's National Health Insurance."),
                new("受診券が届いたら、市内の実施医療機関に予約してください。", "When your voucher arrives, book at a participating clinic in the city."),
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
                new("健康診査(後期高齢者)", "Health check for the latter-stage elderly"),
                new("後期高齢者医療制度に加入している75歳以上の方、または一定の障害により加入している65歳以上の方が対象です。",
                    "For residents 75 and over in the latter-stage elderly medical system, or 65 and over in it because of a certified disability."),
                new("受診券を持って市内の実施医療機関で受診してください。", "Take your voucher to a participating clinic in the city."),
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
                new("帯状疱疹ワクチン(定期接種)", "Shingles vaccination (routine)"),
                new("その年度に65・70・75…100歳になる方、または60〜64歳でヒト免疫不全ウイルスによる免疫の機能の障害1級の方が対象です(2025年4月から)。",
                    "For residents turning 65, 70, 75 … 100 in the fiscal year, or aged 60 to 64 with a grade-1 immune disability caused by HIV (from April 2025)."),
                new("市内の実施医療機関に予約して接種してください。", "Book a vaccination at a participating clinic in the city."),
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
                new("帯状疱疹ワクチン接種費用助成(任意接種)", "Shingles vaccination subsidy (voluntary)"),
                new("50歳以上で定期接種の対象でない方の接種費用の一部を助成します。", "Part of the cost for residents 50 and over who are not in the routine group."),
                new("接種後に領収書を添えて保健所に申請してください。", "After the vaccination, apply to the public health centre with the receipt."),
                null,
                new AllOf([new AgeCondition(50, null), new NotOf(ShinglesRoutine)])),
            [
                Case("55歳", Tri.Yes, Born(1971, 6, 1) with { Disabilities = [] }),
                Case("年度内に70歳は定期接種", Tri.No, Born(1957, 1, 10)),
                Case("45歳", Tri.No, Born(1981, 6, 1)),
            ]),
        new("elderly-influenza",
            new(BenefitKind.Vaccination,
                new("高齢者インフルエンザ予防接種", "Influenza vaccination for older residents"),
                new("65歳以上の方、または60〜64歳で心臓・腎臓・呼吸器・免疫の機能の障害1級の方が対象です。接種期間は10月1日から1月31日です。生活保護受給者と住民税非課税世帯の方は無料です。",
                    "For residents 65 and over, or 60 to 64 with a grade-1 heart, kidney, respiratory or immune disability. The season runs from 1 October to 31 January; free for welfare recipients and households exempt from resident tax."),
                new("市内の実施医療機関に予約して接種してください。", "Book a vaccination at a participating clinic in the city."),
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
                new("高齢者肺炎球菌予防接種", "Pneumococcal vaccination for older residents"),
                new("その年度に65歳になる方が対象です(生涯に1回。23価ワクチンを接種したことがある方は対象外です)。",
                    "For residents turning 65 in the fiscal year, once in a lifetime; not for those who already had the PPSV23 vaccine."),
                new("市内の実施医療機関に予約して接種してください。", "Book a vaccination at a participating clinic in the city."),
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
                new("肺がん・大腸がん検診", "Lung and colorectal cancer screening"),
                new("その年度に40歳以上になる方が対象です。70歳以上(肺がん検診は65歳以上)は無料です。",
                    "For residents 40 and over in the fiscal year; free from 70 (lung from 65)."),
                new("市内の実施医療機関または集団検診会場で受診してください。", "Attend at a participating clinic or a group screening venue."),
                null,
                new AgeCondition(40, null, AgeBasis.AttainedInFiscalYear)),
            [
                Case("45歳", Tri.Yes, Born(1981, 6, 1)),
                Case("35歳", Tri.No, Born(1991, 6, 1)),
            ]),
        new("breast-screening",
            new(BenefitKind.HealthCheck,
                new("乳がん検診", "Breast cancer screening"),
                new("その年度に30歳以上になる女性が対象です。", "For women 30 and over in the fiscal year."),
                new("市内の実施医療機関で受診してください。", "Attend at a participating clinic in the city."),
                null,
                new AllOf([new SexCondition(Sex.Female), new AgeCondition(30, null, AgeBasis.AttainedInFiscalYear)])),
            [
                Case("35歳女性", Tri.Yes, Born(1991, 6, 1) with { Sex = Sex.Female }),
                Case("35歳男性", Tri.No, Born(1991, 6, 1) with { Sex = Sex.Male }),
                Case("25歳 性別不明", Tri.No, Born(2001, 6, 1)),
            ]),
        new("cervical-screening",
            new(BenefitKind.HealthCheck,
                new("子宮頸がん検診", "Cervical cancer screening"),
                new("その年度に20歳以上になる女性が対象です。", "For women 20 and over in the fiscal year."),
                new("市内の実施医療機関で受診してください。", "Attend at a participating clinic in the city."),
                null,
                new AllOf([new SexCondition(Sex.Female), new AgeCondition(20, null, AgeBasis.AttainedInFiscalYear)])),
            [
                Case("22歳女性", Tri.Yes, Born(2004, 6, 1) with { Sex = Sex.Female }),
                Case("性別不明", Tri.Unknown, Born(2004, 6, 1)),
            ]),
        new("prostate-screening",
            new(BenefitKind.HealthCheck,
                new("前立腺がん検診", "Prostate cancer screening"),
                new("その年度に50・55・60…歳になる男性が対象です。", "For men turning 50, 55, 60 … in the fiscal year."),
                new("市内の実施医療機関で受診してください。", "Attend at a participating clinic in the city."),
                null,
                new AllOf([new SexCondition(Sex.Male), new AgeCondition(50, null, AgeBasis.AttainedInFiscalYear, Step: 5)])),
            [
                Case("年度内に55歳の男性", Tri.Yes, Born(1971, 6, 1) with { Sex = Sex.Male }),
                Case("年度内に56歳の男性", Tri.No, Born(1970, 6, 1) with { Sex = Sex.Male }),
            ]),
    ];
}
