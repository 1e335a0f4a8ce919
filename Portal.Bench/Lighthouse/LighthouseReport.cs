using System.Globalization;
using System.Text.Json;

namespace Portal.Bench.Lighthouse;

/// <summary>
/// What the bench reads from one Lighthouse JSON report (lighthouse --output=json): the four category scores as
/// Lighthouse shows them (0 - 100), the bytes the page transferred on its first load (audit total-byte-weight, in
/// KB of 1,024 bytes as Lighthouse counts them), the main timings, the audits that cost points, to say why, and
/// Lighthouse's benchmark index of the machine's CPU at the time (a quiet desktop core scores well over 1,000; under
/// contention it falls, and the simulated phone's main-thread work, total blocking time above all, grows with it).
/// </summary>
public sealed record LighthouseReport(
    string Url,
    double Performance,
    double Accessibility,
    double BestPractices,
    double Seo,
    double TransferKilobytes,
    IReadOnlyDictionary<string, double> Metrics,
    IReadOnlyList<string> FailedAudits,
    double? BenchmarkIndex = null)
{
    /// <summary>The timings printed beside each run, by Lighthouse audit id, with the unit Lighthouse gives (ms; CLS none).</summary>
    public static readonly IReadOnlyList<string> MetricIds =
        ["first-contentful-paint", "largest-contentful-paint", "total-blocking-time", "cumulative-layout-shift", "speed-index"];

    /// <summary>Reads a report; throws when Lighthouse could not measure the page (a runtime error or a missing score).</summary>
    public static LighthouseReport Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var url = root.TryGetProperty("finalDisplayedUrl", out var final) ? final.GetString() ?? "" : root.GetProperty("requestedUrl").GetString() ?? "";
        if (root.TryGetProperty("runtimeError", out var error) && error.ValueKind == JsonValueKind.Object)
            throw new InvalidDataException($"Lighthouse could not measure {url}: {Text(error, "code")} {Text(error, "message")}");

        var categories = root.GetProperty("categories");
        var audits = root.GetProperty("audits");
        double Score(string category)
        {
            var score = categories.GetProperty(category).GetProperty("score");
            if (score.ValueKind != JsonValueKind.Number)
                throw new InvalidDataException($"Lighthouse gave no {category} score for {url}.");
            return Math.Round(score.GetDouble() * 100, 1);
        }

        var metrics = new Dictionary<string, double>();
        foreach (var id in MetricIds)
            if (audits.TryGetProperty(id, out var audit) && audit.TryGetProperty("numericValue", out var value) && value.ValueKind == JsonValueKind.Number)
                metrics[id] = value.GetDouble();

        double? benchmark = root.TryGetProperty("environment", out var environment) && environment.TryGetProperty("benchmarkIndex", out var index)
            ? index.GetDouble() : null;
        return new LighthouseReport(url, Score("performance"), Score("accessibility"), Score("best-practices"), Score("seo"),
            audits.GetProperty("total-byte-weight").GetProperty("numericValue").GetDouble() / 1024, metrics, FailedAuditsOf(categories, audits), benchmark);
    }

    /// <summary>
    /// The weighted audits of every category that did not pass in full ("seo: meta-description"), and the performance
    /// opportunities and diagnostics Lighthouse flagged ("performance: render-blocking-resources").
    /// </summary>
    private static List<string> FailedAuditsOf(JsonElement categories, JsonElement audits)
    {
        var failed = new List<string>();
        foreach (var category in categories.EnumerateObject())
        {
            foreach (var reference in category.Value.GetProperty("auditRefs").EnumerateArray())
            {
                var id = reference.GetProperty("id").GetString()!;
                var weighted = reference.GetProperty("weight").GetDouble() > 0;
                var flagged = category.Name == "performance" && reference.TryGetProperty("group", out var group)
                              && group.GetString() is "diagnostics" or "load-opportunities";
                if (!weighted && !flagged) continue;
                if (!audits.TryGetProperty(id, out var audit) || audit.GetProperty("score").ValueKind != JsonValueKind.Number) continue;
                var mode = audit.TryGetProperty("scoreDisplayMode", out var m) ? m.GetString() : null;
                if (mode is "informative" or "notApplicable" or "manual" || audit.GetProperty("score").GetDouble() >= (weighted ? 1 : 0.9)) continue;
                failed.Add($"{category.Name}: {id}");
            }
        }
        return failed.Distinct().ToList();
    }

    /// <summary>One line for the bench's log: scores, transfer and timings.</summary>
    public string Describe()
    {
        string Ms(string id) => Metrics.TryGetValue(id, out var v) ? (v / 1000).ToString("F1", CultureInfo.InvariantCulture) + " s" : "-";
        var cls = Metrics.TryGetValue("cumulative-layout-shift", out var shift) ? shift.ToString("F3", CultureInfo.InvariantCulture) : "-";
        var tbt = Metrics.TryGetValue("total-blocking-time", out var blocking) ? blocking.ToString("F0", CultureInfo.InvariantCulture) + " ms" : "-";
        return string.Create(CultureInfo.InvariantCulture,
            $"performance {Performance:F0}, accessibility {Accessibility:F0}, best practices {BestPractices:F0}, SEO {Seo:F0}, {TransferKilobytes:F0} KB; " +
            $"FCP {Ms("first-contentful-paint")}, LCP {Ms("largest-contentful-paint")}, TBT {tbt}, CLS {cls}, SI {Ms("speed-index")}; " +
            $"CPU benchmark index {BenchmarkIndex?.ToString("F0", CultureInfo.InvariantCulture) ?? "-"}");
    }

    private static string Text(JsonElement element, string property) =>
        element.TryGetProperty(property, out var value) ? value.GetString() ?? "" : "";
}
