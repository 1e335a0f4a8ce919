namespace Portal.Core.Benefits;

/// <summary>
/// Made-up residents whose mix resembles the city's (ages, insurance by age, households with children,
/// disability certificates), for demos and benchmarks. The same seed gives the same people.
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
