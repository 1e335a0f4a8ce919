using System.Globalization;
using Portal.Bench.Suite;

namespace Portal.Bench.Lighthouse;

/// <summary>What a page must score in Lighthouse's mobile preset; a null budget is measured and shown, not judged.</summary>
public sealed record LighthouseBudget(double Performance, double Accessibility, double? BestPractices = null, double? Seo = null, double? TransferKilobytes = null)
{
    /// <summary>Issue 14: the ticket and crowding pages, the lightest of the portal.</summary>
    public static readonly LighthouseBudget LivePublicPage = new(Performance: 95, Accessibility: 100);

    /// <summary>Issue 15: the interactive pages a resident opens first.</summary>
    public static readonly LighthouseBudget InteractivePage = new(Performance: 90, Accessibility: 100, BestPractices: 95, Seo: 95, TransferKilobytes: 400);
}

/// <summary>
/// One page the lighthouse step opens: its path (with "{token}" for a ticket's own), whether it needs a resident's
/// session, and its budget. <see cref="Figures"/> turns its runs into the suite's figures: the median of each score
/// and of the transfer, with the spread over the runs, against the budget.
/// </summary>
public sealed record LighthousePage(string Path, bool SignedIn, LighthouseBudget Budget)
{
    public const string Capability = "Pages, Lighthouse mobile";

    /// <summary>The network and device every figure is measured under (Lighthouse's default mobile preset).</summary>
    public const string Conditions = "slow 4G";

    public static readonly IReadOnlyList<LighthousePage> All =
    [
        new("/queue/t/{token}", SignedIn: false, LighthouseBudget.LivePublicPage),
        new("/queue", SignedIn: false, LighthouseBudget.LivePublicPage),
        new("/", SignedIn: false, LighthouseBudget.InteractivePage),
        new("/reports", SignedIn: false, LighthouseBudget.InteractivePage),
        new("/reports/new", SignedIn: true, LighthouseBudget.InteractivePage),
        new("/points", SignedIn: true, LighthouseBudget.InteractivePage),
        new("/for-you", SignedIn: true, LighthouseBudget.InteractivePage),
        new("/for-you/check", SignedIn: false, LighthouseBudget.InteractivePage),
    ];

    public IReadOnlyList<Figure> Figures(IReadOnlyCollection<LighthouseReport> runs)
    {
        if (runs.Count == 0) throw new ArgumentException($"No Lighthouse run of {Path}.", nameof(runs));
        // Lighthouse's CPU index beside the run count: the simulated phone's main-thread times scale with it.
        var indexes = runs.Select(r => r.BenchmarkIndex).OfType<double>().ToList();
        var over = $"{runs.Count} runs" + (indexes.Count > 0 ? string.Create(CultureInfo.InvariantCulture, $", CPU index {indexes.Min():F0} - {indexes.Max():F0}") : "");
        Figure Score(string name, Func<LighthouseReport, double> of, double? atLeast) =>
            Figure.FromSamples(Capability, $"{Path} {name}", 0, "", "/ 100", runs.Select(of).ToList(), over, atLeast is { } limit ? Target.NoLessThan(limit) : null) with
            {
                SizeLabel = Conditions,
            };

        var figures = new List<Figure>
        {
            Score("performance", r => r.Performance, Budget.Performance),
            Score("accessibility", r => r.Accessibility, Budget.Accessibility),
            Score("best practices", r => r.BestPractices, Budget.BestPractices),
            Score("SEO", r => r.Seo, Budget.Seo),
        };
        figures.Add(Figure.FromSamples(Capability, $"{Path} first-load transfer", 0, "", "KB", runs.Select(r => r.TransferKilobytes).ToList(), over,
            Budget.TransferKilobytes is { } kb ? Target.Under(kb) : null) with { SizeLabel = Conditions });
        return figures;
    }
}
