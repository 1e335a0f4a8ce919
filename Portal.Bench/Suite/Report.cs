using System.Text;

namespace Portal.Bench.Suite;

/// <summary>The suite's printed results, as Markdown tables that docs/performance.md can take as they are.</summary>
public static class Report
{
    public static string Table(IEnumerable<Figure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine("| Capability | Measure | Size | Target | Median | Spread (min - max) | Over | Verdict |");
        text.AppendLine("| --- | --- | ---: | --- | ---: | ---: | --- | --- |");
        foreach (var f in figures)
        {
            var verdict = f.Met switch { true => "met", false => "**MISSED**", null => "" };
            text.AppendLine($"| {f.Capability} | {f.Measure} | {f.SizeText} | {f.Target?.Describe(f.Unit) ?? ""} | " +
                $"**{Figure.Format(f.Median)} {f.Unit}** | {Figure.Format(f.Min)} - {Figure.Format(f.Max)} | {f.Over} | {verdict} |");
        }
        return text.ToString();
    }

    /// <summary>
    /// For each measure taken at several sizes, the factor by which its median changed against the factor by which
    /// the size changed, size to size in the order measured: 1 means flat, equal factors mean linear.
    /// </summary>
    public static string Growth(IEnumerable<Figure> figures)
    {
        var text = new StringBuilder();
        text.AppendLine("| Capability | Measure | From | To | Size x | Median x |");
        text.AppendLine("| --- | --- | ---: | ---: | ---: | ---: |");
        foreach (var group in figures.GroupBy(f => (f.Capability, f.Measure)))
        {
            var sizes = group.OrderBy(f => f.Size).ToList();
            for (var i = 1; i < sizes.Count; i++)
            {
                var (from, to) = (sizes[i - 1], sizes[i]);
                if (from.Size <= 0 || from.Median <= 0) continue;
                text.AppendLine($"| {group.Key.Capability} | {group.Key.Measure} | {from.SizeText} | {to.SizeText} | " +
                    $"{Figure.Format(to.Size / from.Size)} | {Figure.Format(to.Median / from.Median)} |");
            }
        }
        return text.ToString();
    }
}
