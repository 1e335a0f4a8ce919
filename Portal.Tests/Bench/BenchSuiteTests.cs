extern alias bench;

using bench::Portal.Bench.Suite;

namespace Portal.Tests.Bench;

/// <summary>
/// The bench command's verdicts: the numbers come from real runs (docs/performance.md), but what it does with
/// them, medians, targets and its exit code, is plain logic and checked here without timing anything.
/// </summary>
public class BenchSuiteTests
{
    private static BenchSuite.Step StepGiving(string name, params Figure[] figures) =>
        new(name, name, () => Task.FromResult<IReadOnlyList<Figure>>(figures));

    private static Figure Latency(double median, Target? target) =>
        new("Queues", "p95", 1000, "pages", "ms", median, median, median, "1 run", target);

    [Fact]
    public async Task Every_target_met_exits_zero()
    {
        var code = await BenchSuite.RunAsync([StepGiving("a", Latency(120, Target.Under(250)), Latency(900, null))], []);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task A_missed_target_exits_one_even_when_others_are_met()
    {
        var code = await BenchSuite.RunAsync(
            [StepGiving("a", Latency(120, Target.Under(250))), StepGiving("b", Latency(251, Target.Under(250)))], []);
        Assert.Equal(1, code);
    }

    [Fact]
    public async Task Only_the_named_steps_run()
    {
        var code = await BenchSuite.RunAsync(
            [StepGiving("a", Latency(120, Target.Under(250))), StepGiving("b", Latency(900, Target.Under(250)))], ["a"]);
        Assert.Equal(0, code);
    }

    [Fact]
    public async Task A_step_that_throws_or_an_unknown_step_exits_two()
    {
        var failing = new BenchSuite.Step("broken", "broken", () => throw new InvalidOperationException("no database"));
        Assert.Equal(2, await BenchSuite.RunAsync([failing, StepGiving("a", Latency(120, Target.Under(250)))], []));
        Assert.Equal(2, await BenchSuite.RunAsync([StepGiving("a", Latency(120, null))], ["nosuchstep"]));
    }

    [Theory]
    [InlineData(249.9, true)]
    [InlineData(250, false)]
    public void Under_is_strict(double value, bool met) => Assert.Equal(met, Target.Under(250).IsMetBy(value));

    [Theory]
    [InlineData(100, true)]
    [InlineData(100.01, false)]
    public void At_most_includes_the_limit(double value, bool met)
    {
        Assert.Equal(met, Target.AtMost(100).IsMetBy(value));
        Assert.Equal("at most 100 ms", Target.AtMost(100).Describe("ms"));
    }

    [Theory]
    [InlineData(2000, true)]
    [InlineData(1999, false)]
    public void No_less_than_includes_the_limit(double value, bool met) => Assert.Equal(met, Target.NoLessThan(2000).IsMetBy(value));

    [Fact]
    public void Median_of_an_even_count_is_the_mean_of_the_middle_two()
    {
        Assert.Equal(2.5, Figure.MedianOf([4, 1, 3, 2]));
        Assert.Equal(3, Figure.MedianOf([5, 1, 3]));
    }

    [Fact]
    public void Growth_compares_each_size_with_the_next_smaller()
    {
        var table = Report.Growth([
            new Figure("Reports", "CityMap", 1_000_000, "reports", "ms", 2.3, 2.2, 2.4, "15 iterations"),
            new Figure("Reports", "CityMap", 100_000, "reports", "ms", 2.3, 2.2, 2.4, "15 iterations"),
            new Figure("Reports", "StreetMap", 100_000, "reports", "ms", 2, 2, 2, "15 iterations"),
            new Figure("Reports", "StreetMap", 1_000_000, "reports", "ms", 16, 16, 16, "15 iterations"),
        ]);
        Assert.Contains("| Reports | CityMap | 100,000 reports | 1,000,000 reports | 10.0 | 1.00 |", table);
        Assert.Contains("| Reports | StreetMap | 100,000 reports | 1,000,000 reports | 10.0 | 8.00 |", table);
    }

    [Fact]
    public void The_whole_suite_runs_the_ticket_pages_streams_at_a_fifth_of_the_target_the_target_and_three_times_it()
    {
        Assert.Contains(BenchSuite.Steps, s => s.Name == "sse");
        Assert.Contains(BenchSuite.Steps, s => s.Name == "circuits");
        Assert.Equal([1000, 5000, 15_000], BenchSuite.SsePages);
    }
}
