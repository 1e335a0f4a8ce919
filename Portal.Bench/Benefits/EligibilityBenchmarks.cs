using BenchmarkDotNet.Attributes;
using Portal.Web.Hosting;
using Portal.Core.Benefits;

namespace Portal.Bench.Benefits;

/// <summary>
/// The nightly For You evaluation without the database: every resident against every rule. The city has about
/// 980,000 residents; the rule set is the standard benefits plus variations of them up to 30 rules, so the mix
/// of condition kinds stays realistic.
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 10)]
[MemoryDiagnoser]
public class EligibilityBenchmarks
{
    private static readonly DateOnly Day = new(2026, 11, 25);
    private List<ResidentFacts> _residents = [];
    private List<RuleToRun> _rules = [];
    private Tri[,] _results = new Tri[0, 0];

    [Params(100_000, 1_000_000, 10_000_000)]
    public int Residents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _residents = new SyntheticResidents(2026).Generate(Residents, Day).ToList();
        _rules = ThirtyRules();
        _results = new Tri[Residents, _rules.Count];
    }

    /// <summary>The standard benefits, then age-banded variations of them (other screenings and vaccinations).</summary>
    public static List<RuleToRun> ThirtyRules()
    {
        var rules = StandardBenefits.All.Select(b => new RuleToRun(b.Code, b.Content.Eligibility)).ToList();
        var variant = 0;
        while (rules.Count < 30)
        {
            var source = StandardBenefits.All[variant % StandardBenefits.All.Count];
            var min = 20 + 5 * (variant % 10);
            rules.Add(new RuleToRun($"{source.Code}-variant-{variant}", new AllOf([
                new AgeCondition(min, min + 30, variant % 2 == 0 ? AgeBasis.OnDate : AgeBasis.AttainedInFiscalYear),
                source.Content.Eligibility,
            ])));
            variant++;
        }
        return rules;
    }

    [Benchmark]
    public Tri[,] EvaluateEveryResidentAgainstThirtyRules()
    {
        EligibilityEvaluator.EvaluateAll(_residents, _rules, Day, _results);
        return _results;
    }
}
