namespace Portal.Bench.Load;

/// <summary>Percentiles of a set of latencies in milliseconds, by the nearest-rank method (p95 of 20 values is the 19th).</summary>
public sealed record LatencySummary(int Count, double P50, double P95, double P99, double Max)
{
    public static LatencySummary? Of(IEnumerable<double> milliseconds)
    {
        var sorted = milliseconds.Order().ToArray();
        if (sorted.Length == 0) return null;
        double Rank(double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
        return new LatencySummary(sorted.Length, Rank(0.50), Rank(0.95), Rank(0.99), sorted[^1]);
    }

    public override string ToString() => $"p50 {P50:F0} ms, p95 {P95:F0} ms, p99 {P99:F0} ms, max {Max:F0} ms ({Count} updates)";
}
