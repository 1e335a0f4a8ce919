namespace Portal.Core.Benefits;

/// <summary>A rule to run over many residents: the benefit's code and its eligibility tree.</summary>
public sealed record RuleToRun(string BenefitCode, Condition Eligibility);

/// <summary>
/// Runs rules over residents. One resident with reasons for the resident's page; a whole population without
/// reasons for the nightly run, in parallel, one reused <see cref="Subject"/> per worker.
/// </summary>
public static class EligibilityEvaluator
{
    public static Explanation Explain(Condition rule, ResidentFacts facts, DateOnly on) => rule.Explain(new Subject(on, facts));

    /// <summary>
    /// Evaluates every rule for every resident and writes the results into <paramref name="results"/>:
    /// row r, column k is resident r under rule k.
    /// </summary>
    public static void EvaluateAll(IReadOnlyList<ResidentFacts> residents, IReadOnlyList<RuleToRun> rules, DateOnly on, Tri[,] results, int? maxDegreeOfParallelism = null)
    {
        if (results.GetLength(0) < residents.Count || results.GetLength(1) < rules.Count)
            throw new ArgumentException("The result table is smaller than residents × rules.", nameof(results));
        var conditions = rules.Select(r => r.Eligibility).ToArray();
        var options = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism ?? Environment.ProcessorCount };
        const int chunk = 4096;
        var chunks = (residents.Count + chunk - 1) / chunk;
        Parallel.For(0, chunks, options, () => new Subject(on), (c, _, subject) =>
        {
            var end = Math.Min(residents.Count, (c + 1) * chunk);
            for (var r = c * chunk; r < end; r++)
            {
                subject.Reset(residents[r]);
                for (var k = 0; k < conditions.Length; k++)
                    results[r, k] = conditions[k].Evaluate(subject);
            }
            return subject;
        }, _ => { });
    }
}
