using Portal.Core.Benefits;

namespace Portal.Web.Hosting;

/// <summary>
/// Made-up residents whose mix resembles the city's (ages, insurance by age, households with children,
/// disability certificates), for the demo data and the benchmarks; production never calls it. The same seed gives the
/// same people.
/// </summary>
public sealed class SyntheticResidents(int seed)
{
    private readonly Random _random = new(seed);

    /// <summary>Residents with every register fact known, income only for about half (those who consented).</summary>
    public IEnumerable<ResidentFacts> Generate(int count, DateOnly on)
    {
        for (var i = 0; i < count; i++)
            yield return Next(on);
    }

    public ResidentFacts Next(DateOnly on)
    {
        var age = Age();
        var birth = on.AddYears(-age).AddDays(-_random.Next(0, 365));
        var insurance = age >= 75 ? InsuranceType.LatterStageElderly
            : _random.Next(100) < 3 ? InsuranceType.WelfareMedicalAid
            : _random.Next(100) < (age >= 65 ? 75 : 22) ? InsuranceType.NationalHealth
            : InsuranceType.Employee;
        var children = age is >= 22 and <= 60 && _random.Next(100) < 45 ? Children(on, age) : [];
        var singleParent = children.Count > 0 && _random.Next(100) < 9;
        var consentedIncome = _random.Next(100) < 50;
        return new ResidentFacts
        {
            BirthDate = birth,
            Sex = _random.Next(2) == 0 ? Sex.Female : Sex.Male,
            Insurance = insurance,
            Disabilities = _random.Next(100) < 5 ? [new((DisabilityKind)_random.Next(1, 8), _random.Next(1, 7))] : [],
            WelfareRecipient = insurance == InsuranceType.WelfareMedicalAid,
            ResidentTaxExempt = _random.Next(100) < 15,
            SingleParent = singleParent,
            Children = children,
            IncomeYen = consentedIncome ? _random.Next(0, 90) * 100_000L : null,
            Dependants = consentedIncome ? children.Count : null,
        };
    }

    /// <summary>Ages weighted like the city's population pyramid (many in their 40s and 50s and over 70).</summary>
    private int Age()
    {
        var band = _random.Next(100) switch
        {
            < 12 => 0,
            < 21 => 15,
            < 33 => 25,
            < 46 => 35,
            < 61 => 45,
            < 74 => 55,
            < 87 => 65,
            _ => 75,
        };
        return band + _random.Next(0, band == 75 ? 25 : 10);
    }

    private List<ChildFact> Children(DateOnly on, int parentAge)
    {
        var count = _random.Next(100) switch { < 45 => 1, < 85 => 2, _ => 3 };
        var list = new List<ChildFact>(count);
        for (var c = 0; c < count; c++)
        {
            var childAge = Math.Max(0, parentAge - 22 - _random.Next(0, 15));
            list.Add(new(on.AddYears(-childAge).AddDays(-_random.Next(0, 365)), Disabled: _random.Next(100) < 2));
        }
        return list;
    }
}

/// <summary>Register lines for made-up households (a person and the children they raise), for demos and benchmarks.</summary>
public static class SyntheticRegister
{
    private static readonly string[] FamilyNames = ["佐藤", "鈴木", "高橋", "田中", "伊藤", "渡辺", "山本", "中村", "小林", "加藤", "吉田", "山田"];
    private static readonly string[] GivenNames = ["陽菜", "蓮", "結衣", "湊", "葵", "大翔", "美咲", "悠真", "さくら", "健太", "和子", "茂"];
    private static readonly string[] Wards = ["chuo", "hanamigawa", "inage", "wakaba", "midori", "mihama"];

    public static IEnumerable<RegisterEntry> Generate(int households, DateOnly on, int seed = 2026, string prefix = "S")
    {
        var people = new SyntheticResidents(seed);
        for (var h = 0; h < households; h++)
        {
            var facts = people.Next(on);
            var household = new HouseholdFacts(facts.SingleParent, facts.ResidentTaxExempt, facts.WelfareRecipient, facts.IncomeYen ?? 0, facts.Dependants ?? facts.Children!.Count);
            var ward = Wards[h % Wards.Length];
            var family = FamilyNames[h % FamilyNames.Length];
            var number = $"{prefix}{h:D7}";
            yield return new RegisterEntry($"{number}-1", number, HouseholdRelation.Head, family, GivenNames[h % GivenNames.Length],
                facts.BirthDate!.Value, facts.Sex!.Value, ward, facts.Insurance, facts.Disabilities!, household);
            var c = 2;
            foreach (var child in facts.Children!)
            {
                yield return new RegisterEntry($"{number}-{c}", number, HouseholdRelation.Child, family, GivenNames[(h + c) % GivenNames.Length],
                    child.BirthDate, c % 2 == 0 ? Sex.Female : Sex.Male, ward, facts.Insurance == InsuranceType.LatterStageElderly ? InsuranceType.NationalHealth : facts.Insurance,
                    child.Disabled ? [new(DisabilityKind.Intellectual, 2)] : [], household);
                c++;
            }
        }
    }
}
