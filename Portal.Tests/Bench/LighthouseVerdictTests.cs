extern alias bench;

using bench::Portal.Bench.Lighthouse;
using bench::Portal.Bench.Suite;

namespace Portal.Tests.Bench;

/// <summary>
/// The lighthouse step's verdicts: a real Lighthouse report of /reports (trimmed of its details and screenshots) read as
/// the step reads it, and the median and budgets the step draws from several runs; nothing here runs Lighthouse.
/// </summary>
public class LighthouseVerdictTests
{
    private static LighthouseReport Reports()
    {
        using var stream = typeof(LighthouseVerdictTests).Assembly.GetManifestResourceStream("Bench/Fixtures/lighthouse-reports.json")!;
        return LighthouseReport.Parse(new StreamReader(stream).ReadToEnd());
    }

    private static LighthousePage Page(string path) => LighthousePage.All.Single(p => p.Path == path);

    private static Figure Measure(IEnumerable<Figure> figures, string measure) => figures.Single(f => f.Measure.EndsWith(" " + measure, StringComparison.Ordinal));

    [Fact]
    public void Reads_the_four_scores_the_first_load_transfer_the_timings_and_the_cpu_index()
    {
        var report = Reports();
        Assert.Equal("http://127.0.0.1:5080/reports", report.Url);
        Assert.Equal((68.0, 100.0, 100.0, 100.0), (report.Performance, report.Accessibility, report.BestPractices, report.Seo));
        Assert.Equal(207_708 / 1024.0, report.TransferKilobytes, precision: 6);
        Assert.Equal(320, report.BenchmarkIndex);
        Assert.Equal(LighthouseReport.MetricIds.Order(), report.Metrics.Keys.Order());
        Assert.Contains("performance: total-blocking-time", report.FailedAudits);
        Assert.DoesNotContain("performance: cumulative-layout-shift", report.FailedAudits);
        Assert.DoesNotContain(report.FailedAudits, a => a.StartsWith("seo:", StringComparison.Ordinal) || a.StartsWith("accessibility:", StringComparison.Ordinal));
    }

    [Fact]
    public void A_run_lighthouse_could_not_finish_is_an_error_not_a_score()
    {
        var error = Assert.Throws<InvalidDataException>(() => LighthouseReport.Parse(
            """{"requestedUrl":"http://127.0.0.1:5080/","runtimeError":{"code":"NO_FCP","message":"The page did not paint any content."}}"""));
        Assert.Contains("NO_FCP", error.Message);

        var noScore = """{"finalDisplayedUrl":"http://127.0.0.1:5080/","categories":{"performance":{"score":null,"auditRefs":[]}},"audits":{}}""";
        Assert.Throws<InvalidDataException>(() => LighthouseReport.Parse(noScore));
    }

    [Fact]
    public void Each_figure_is_the_median_of_the_runs_with_their_spread_judged_against_the_pages_budget()
    {
        var run = Reports();
        var figures = Page("/reports").Figures([run with { Performance = 95 }, run, run with { Performance = 92 }]);

        var performance = Measure(figures, "performance");
        Assert.Equal((92.0, 68.0, 95.0, "3 runs, CPU index 320 - 320"), (performance.Median, performance.Min, performance.Max, performance.Over));
        Assert.True(performance.Met);
        Assert.True(Measure(figures, "accessibility").Met);
        Assert.True(Measure(figures, "best practices").Met);
        Assert.True(Measure(figures, "SEO").Met);
        Assert.True(Measure(figures, "first-load transfer").Met);
    }

    [Fact]
    public void A_median_under_budget_is_missed_and_accessibility_needs_a_full_hundred()
    {
        var run = Reports();
        var figures = Page("/reports").Figures([run, run with { Accessibility = 98 }, run with { Accessibility = 98, TransferKilobytes = 401 }]);

        Assert.False(Measure(figures, "performance").Met);
        Assert.False(Measure(figures, "accessibility").Met);
        Assert.True(Measure(figures, "first-load transfer").Met);
        var heavy = Page("/reports").Figures([run with { TransferKilobytes = 401 }]);
        Assert.False(Measure(heavy, "first-load transfer").Met);
    }

    [Fact]
    public void The_ticket_page_is_judged_on_performance_and_accessibility_only()
    {
        var figures = Page("/queue/t/{token}").Figures([Reports() with { Performance = 96, BestPractices = 50, Seo = 50, TransferKilobytes = 900 }]);

        Assert.Equal(95, Measure(figures, "performance").Target?.Limit);
        Assert.True(Measure(figures, "performance").Met);
        Assert.Equal(100, Measure(figures, "accessibility").Target?.Limit);
        Assert.All(new[] { "best practices", "SEO", "first-load transfer" }, m => Assert.Null(Measure(figures, m).Met));
    }

    [Fact]
    public void The_suites_table_names_the_network_where_other_steps_name_a_size()
    {
        var run = Reports();
        var table = Report.Table(Page("/reports").Figures([run with { Performance = 95 }, run, run with { Performance = 92 }]));

        Assert.Contains("| Pages, Lighthouse mobile | /reports performance | slow 4G | at least 90.0 / 100 | **92.0 / 100** | 68.0 - 95.0 | 3 runs, CPU index 320 - 320 | met |", table);
        Assert.Contains("| Pages, Lighthouse mobile | /reports first-load transfer | slow 4G | under 400 KB | **203 KB** | 203 - 203 | 3 runs, CPU index 320 - 320 | met |", table);
        Assert.Equal("| Capability | Measure | From | To | Size x | Median x |", Report.Growth(Page("/reports").Figures([run])).Split('\n')[0].TrimEnd('\r'));
    }
}
