using System.Text.Json;
using Portal.Core.Benefits;

namespace Portal.Tests.Benefits;

public sealed class EligibilityRulesTests
{
    private static readonly DateOnly Day = new(2026, 11, 25);

    private static Tri Eval(Condition rule, ResidentFacts facts) => rule.Evaluate(new Subject(Day, facts));

    private sealed record Fixed(Tri Value) : Condition
    {
        public override Tri Evaluate(Subject subject) => Value;
        public override IEnumerable<Fact> OwnFacts() => [];
    }

    [Theory]
    [InlineData(Tri.Yes, Tri.Yes, Tri.Yes, Tri.Yes)]
    [InlineData(Tri.Yes, Tri.Unknown, Tri.Unknown, Tri.Yes)]
    [InlineData(Tri.No, Tri.Unknown, Tri.No, Tri.Unknown)]
    [InlineData(Tri.No, Tri.No, Tri.No, Tri.No)]
    [InlineData(Tri.Unknown, Tri.Unknown, Tri.Unknown, Tri.Unknown)]
    [InlineData(Tri.Yes, Tri.No, Tri.No, Tri.Yes)]
    public void All_any_and_not_follow_three_valued_logic(Tri a, Tri b, Tri all, Tri any)
    {
        Assert.Equal(all, Eval(new AllOf([new Fixed(a), new Fixed(b)]), ResidentFacts.Unknown));
        Assert.Equal(any, Eval(new AnyOf([new Fixed(a), new Fixed(b)]), ResidentFacts.Unknown));
        Assert.Equal(TriLogic.Not(all), Eval(new NotOf(new AllOf([new Fixed(a), new Fixed(b)])), ResidentFacts.Unknown));
    }

    [Fact]
    public void A_missing_fact_is_unknown_never_no()
    {
        Assert.Equal(Tri.Unknown, Eval(new AgeCondition(65, null), ResidentFacts.Unknown));
        Assert.Equal(Tri.Unknown, Eval(new IncomeCondition(2_080_000, 380_000), new() { IncomeYen = 1 }));
        Assert.Equal(Tri.Unknown, Eval(new DisabilityCondition([], 6), ResidentFacts.Unknown));
        Assert.Equal(Tri.No, Eval(new DisabilityCondition([], 6), new() { Disabilities = [] }));
        Assert.Equal(Tri.Unknown, Eval(new NotOf(new HouseholdCondition(HouseholdFlag.WelfareRecipient)), ResidentFacts.Unknown));
    }

    [Fact]
    public void Turning_an_age_in_steps_counts_only_the_named_ages()
    {
        var rule = new AgeCondition(65, 100, AgeBasis.AttainedInFiscalYear, Step: 5);
        // Fiscal 2026 ends 31 March 2027: born 2 April 1961 attains 66 on 1 April 2027, so is 65 at the year's end.
        Assert.Equal(Tri.Yes, Eval(rule, new() { BirthDate = new(1961, 4, 2) }));
        Assert.Equal(Tri.No, Eval(rule, new() { BirthDate = new(1961, 4, 1) }));
        Assert.Equal(Tri.Yes, Eval(rule, new() { BirthDate = new(1926, 6, 1) }));
        Assert.Equal(Tri.No, Eval(rule, new() { BirthDate = new(1921, 6, 1) }));
    }

    [Fact]
    public void The_income_limit_rises_with_each_dependant()
    {
        var rule = new IncomeCondition(2_080_000, 380_000);
        Assert.Equal(Tri.Yes, Eval(rule, new() { IncomeYen = 2_840_000, Dependants = 2 }));
        Assert.Equal(Tri.No, Eval(rule, new() { IncomeYen = 2_840_001, Dependants = 2 }));
    }

    [Fact]
    public void A_disabled_child_counts_until_twenty()
    {
        var rule = new ChildrenCondition(1, UntilMarch31AfterAge: 18, DisabledUnderAge: 20);
        // Born 27 November 2006: 19 on 25 November 2026; born a day earlier: attains 20 that very day.
        Assert.Equal(Tri.Yes, Eval(rule, new() { Children = [new(new DateOnly(2006, 11, 27), Disabled: true)] }));
        Assert.Equal(Tri.No, Eval(rule, new() { Children = [new(new DateOnly(2006, 11, 27))] }));
        Assert.Equal(Tri.No, Eval(rule, new() { Children = [new(new DateOnly(2006, 11, 26), Disabled: true)] }));
    }

    [Fact]
    public void An_explanation_says_what_each_condition_saw_and_decided()
    {
        var rule = new AllOf([new AgeCondition(40, 74), new InsuranceCondition([InsuranceType.NationalHealth])]);
        var why = EligibilityEvaluator.Explain(rule, new() { BirthDate = new(1976, 5, 1) }, Day);

        Assert.Equal(Tri.Unknown, why.Result);
        Assert.Equal([(Tri.Yes, "50"), (Tri.Unknown, null)], why.Children.Select(c => (c.Result, c.Observed)));
    }

    [Fact]
    public void Rules_survive_a_round_trip_through_their_stored_form()
    {
        foreach (var benefit in StandardBenefits.All)
        {
            var json = JsonSerializer.Serialize(benefit.Content.Eligibility);
            var back = JsonSerializer.Deserialize<Condition>(json)!;
            Assert.Equal(json, JsonSerializer.Serialize(back));
            Assert.All(benefit.TestCases, c => Assert.Equal(c.Expected, c.Actual(back)));
        }
        Assert.Contains("\"type\":\"age\"", JsonSerializer.Serialize<Condition>(new AgeCondition(65, null)));
    }

    [Fact]
    public void Every_standard_benefit_passes_its_own_test_cases()
    {
        Assert.True(StandardBenefits.All.Count >= 10);
        Assert.All(StandardBenefits.All, b =>
        {
            Assert.NotEmpty(b.TestCases);
            Assert.Empty(b.FailingCases().Select(c => $"{b.Code}: {c.Name} expected {c.Expected}, got {c.Actual(b.Content.Eligibility)}"));
        });
        Assert.Single(StandardBenefits.All, b => b.Content.NeedsIncome);
    }

    [Fact]
    public void A_wrong_rule_fails_the_test_cases_that_guard_it()
    {
        var allowance = StandardBenefits.All.Single(b => b.Code == "child-allowance");
        var broken = allowance with { Content = allowance.Content with { Eligibility = new ChildrenCondition(1, UnderAge: 18) } };
        Assert.Contains(broken.FailingCases(), c => c.Name.Contains("18歳", StringComparison.Ordinal));
    }

    [Fact]
    public void The_population_run_gives_the_same_results_as_one_by_one()
    {
        var random = new Random(7);
        var residents = Enumerable.Range(0, 10_000).Select(_ => new ResidentFacts
        {
            BirthDate = new DateOnly(1930, 1, 1).AddDays(random.Next(0, 34_000)),
            Sex = random.Next(3) switch { 0 => Sex.Female, 1 => Sex.Male, _ => null },
            Insurance = (InsuranceType)random.Next(1, 5),
            Disabilities = random.Next(10) == 0 ? [new((DisabilityKind)random.Next(1, 8), random.Next(1, 7))] : [],
        }).ToList();
        var rules = StandardBenefits.All.Select(b => new RuleToRun(b.Code, b.Content.Eligibility)).ToList();
        var results = new Tri[residents.Count, rules.Count];

        EligibilityEvaluator.EvaluateAll(residents, rules, Day, results);

        for (var r = 0; r < residents.Count; r += 97)
            for (var k = 0; k < rules.Count; k++)
                Assert.Equal(rules[k].Eligibility.Evaluate(new Subject(Day, residents[r])), results[r, k]);
        Assert.Contains(Enumerable.Range(0, residents.Count), r => results[r, 0] == Tri.Unknown);
    }
}
