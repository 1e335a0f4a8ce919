using System.Globalization;

namespace Portal.Bench.Suite;

/// <summary>A limit a figure must stay under (times, memory) or reach (throughput).</summary>
public sealed record Target(double Limit, bool AtLeast)
{
    public static Target Under(double limit) => new(limit, AtLeast: false);

    public static Target NoLessThan(double limit) => new(limit, AtLeast: true);

    public bool IsMetBy(double value) => AtLeast ? value >= Limit : value < Limit;

    public string Describe(string unit) =>
        (AtLeast ? "at least " : "under ") + Figure.Format(Limit) + " " + unit;
}

/// <summary>
/// One measured figure of the bench suite: what was measured, at which size (a number of rows, residents, pages,
/// megapixels or writers, so that figures of one measure at several sizes show how the cost grows), its median and
/// spread over the repetitions (iterations, rounds or runs, named in <see cref="Over"/>), and its target, if any.
/// </summary>
public sealed record Figure(
    string Capability, string Measure, double Size, string SizeUnit, string Unit, double Median, double Min, double Max, string Over, Target? Target = null)
{
    public string SizeText => SizeLabel ?? (Size == Math.Floor(Size) ? Size.ToString("N0", CultureInfo.InvariantCulture) : Format(Size)) + " " + SizeUnit;

    /// <summary>Shown instead of the size where a figure has none to grow with (a page's Lighthouse score: "slow 4G").</summary>
    public string? SizeLabel { get; init; }

    /// <summary>Null where the figure has no target (a smaller or larger size, shown for how the cost grows).</summary>
    public bool? Met => Target?.IsMetBy(Median);

    public static Figure FromSamples(string capability, string measure, double size, string sizeUnit, string unit,
        IReadOnlyCollection<double> samples, string over, Target? target = null)
    {
        if (samples.Count == 0) throw new ArgumentException("A figure needs at least one sample.", nameof(samples));
        return new Figure(capability, measure, size, sizeUnit, unit, MedianOf(samples), samples.Min(), samples.Max(), over, target);
    }

    /// <summary>The middle value; for an even count the mean of the two middle ones.</summary>
    public static double MedianOf(IEnumerable<double> samples)
    {
        var sorted = samples.Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("No samples.", nameof(samples));
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    /// <summary>Three significant figures, with thousands separators for large values.</summary>
    public static string Format(double value)
    {
        var magnitude = Math.Abs(value);
        var format = magnitude >= 100 ? "N0" : magnitude >= 10 ? "N1" : magnitude >= 1 ? "N2" : "N3";
        return value.ToString(format, CultureInfo.InvariantCulture);
    }
}
