using System.Text.Json;
using Portal.Core.Time;

namespace Portal.Web.Legal;

/// <summary>One axe-core run of the browser tests: the page as opened, its language and window size, and what was found.</summary>
public sealed record AxeRun(
    DateTimeOffset At,
    string Path,
    string Language,
    string Viewport,
    string Engine,
    IReadOnlyList<string> Tags,
    IReadOnlyList<AxeRunViolation> Violations);

public sealed record AxeRunViolation(string Id, string Impact, int Nodes)
{
    public bool IsSerious => Impact is "serious" or "critical";
}

/// <summary>
/// <c>dotnet run --project Portal.Web -- accessibility-audit [--merge] [--out file] [runs.jsonl or folder ...]</c>, after
/// the browser tests: turns the axe-core runs they recorded (one JSON line per run, by default the newest file in
/// TestResults/axe-runs) into docs/accessibility-audit.json, one entry per page and language. Relative paths are taken
/// from the repository root (the folder of ChibaPortal.sln above the current one; dotnet run starts in Portal.Web).
/// With --merge, the pages and languages these runs did not visit keep their earlier entry and date.
/// </summary>
public static class AccessibilityAuditCommand
{
    public const string Name = "accessibility-audit";
    public const string DefaultRuns = "TestResults/axe-runs";
    public const string DefaultOutput = "docs/accessibility-audit.json";

    public static int Run(IReadOnlyList<string> args, TextWriter output)
    {
        var root = RepositoryRoot();
        args = [.. args.Select(a => a.StartsWith("--", StringComparison.Ordinal) ? a : Path.Combine(root, a))];
        var merge = args.Contains("--merge");
        var outIndex = args.ToList().IndexOf("--out");
        var target = outIndex >= 0 && outIndex + 1 < args.Count ? args[outIndex + 1] : Path.Combine(root, DefaultOutput);
        var inputs = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (outIndex < 0 || i != outIndex + 1)).ToList();
        var files = RunFiles(inputs.Count > 0 ? inputs : [Path.Combine(root, DefaultRuns)]);
        if (files.Count == 0)
        {
            output.WriteLine($"No axe-core runs found in {string.Join(", ", inputs.DefaultIfEmpty(DefaultRuns))}: run the browser tests first (dotnet test).");
            return 2;
        }
        var runs = files.SelectMany(ReadRuns).ToList();
        var earlier = merge && File.Exists(target) ? AccessibilityAudit.Read(File.ReadAllText(target)) : null;
        var audit = Build(runs, RouteTemplates.Portal, earlier, out var unmatched);
        File.WriteAllText(target, audit.Write());

        output.WriteLine($"{runs.Count} axe-core runs from {string.Join(", ", files)}");
        output.WriteLine($"{target}: {audit.Pages.Count} pages, {audit.Checks} page-language checks, {audit.CheckedFrom:yyyy-MM-dd} to {audit.CheckedTo:yyyy-MM-dd}");
        foreach (var path in unmatched) output.WriteLine($"  not a page of the portal (ignored): {path}");
        foreach (var route in RouteTemplates.Portal.All.Except(audit.Pages.Select(p => p.Route)))
            output.WriteLine($"  NOT CHECKED: {route}");
        foreach (var page in audit.Failing)
            output.WriteLine($"  FAILED: {page.Route} ({string.Join(", ", page.Languages.Where(l => !l.Passed).Select(l => l.Language))})");
        return 0;
    }

    /// <summary>The audit of <paramref name="runs"/>: per page and language, the latest day, the window sizes and the worst run.</summary>
    public static AccessibilityAudit Build(IEnumerable<AxeRun> runs, RouteTemplates routes, AccessibilityAudit? earlier, out IReadOnlyList<string> unmatched)
    {
        var list = runs.ToList();
        var matched = list.Select(r => (Run: r, Route: routes.Match(r.Path))).ToList();
        unmatched = [.. matched.Where(m => m.Route is null).Select(m => m.Run.Path).Distinct().Order(StringComparer.Ordinal)];
        var results = (earlier?.Pages ?? []).SelectMany(p => p.Languages.Select(l => (p.Route, Result: l)))
            .Where(e => routes.All.Contains(e.Route))
            .ToDictionary(e => (e.Route, e.Result.Language), e => e.Result);
        foreach (var group in matched.Where(m => m.Route is not null).GroupBy(m => (Route: m.Route!, m.Run.Language)))
        {
            var groupRuns = group.Select(g => g.Run).ToList();
            results[group.Key] = new AuditLanguageResult(
                group.Key.Language,
                groupRuns.Max(r => DateOnly.FromDateTime(JapanTime.ToJapan(r.At).DateTime)),
                groupRuns.Count,
                [.. groupRuns.Select(r => r.Viewport).Distinct().OrderByDescending(Width)],
                groupRuns.Max(r => r.Violations.Count(v => v.IsSerious)),
                groupRuns.Max(r => r.Violations.Count(v => v.Impact == "moderate")),
                groupRuns.Max(r => r.Violations.Count(v => v.Impact == "minor")),
                [.. groupRuns.SelectMany(r => r.Violations.Select(v => v.Id)).Distinct().Order(StringComparer.Ordinal)]);
        }
        var pages = results.GroupBy(r => r.Key.Route)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AuditPage(g.Key, [.. g.Select(r => r.Value).OrderBy(l => l.Language, StringComparer.Ordinal)]))
            .ToList();
        var days = pages.SelectMany(p => p.Languages).Select(l => l.CheckedOn).ToList();
        var engines = list.Select(r => r.Engine)
            .Concat(earlier?.Engine.Split(", ", StringSplitOptions.RemoveEmptyEntries) ?? [])
            .Distinct().Order(StringComparer.Ordinal);
        return new AccessibilityAudit(
            string.Join(", ", engines),
            [.. list.SelectMany(r => r.Tags).Concat(earlier?.Tags ?? []).Distinct().Order(StringComparer.Ordinal)],
            days.Count > 0 ? days.Min() : null,
            days.Count > 0 ? days.Max() : null,
            pages);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(Environment.CurrentDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) return dir.FullName;
        return Environment.CurrentDirectory;
    }

    private static int Width(string viewport) => int.TryParse(viewport.Split('x')[0], out var width) ? width : 0;

    private static List<string> RunFiles(IEnumerable<string> inputs)
    {
        var files = new List<string>();
        foreach (var input in inputs)
        {
            if (File.Exists(input)) files.Add(input);
            else if (Directory.Exists(input) && new DirectoryInfo(input).GetFiles("*.jsonl").MaxBy(f => f.LastWriteTimeUtc) is { } newest)
                files.Add(newest.FullName);
        }
        return files;
    }

    private static IEnumerable<AxeRun> ReadRuns(string file) =>
        File.ReadLines(file).Where(l => !string.IsNullOrWhiteSpace(l))
            .Select(l => JsonSerializer.Deserialize<AxeRun>(l, AccessibilityAudit.Json) ?? throw new InvalidDataException($"{file}: an empty line of JSON."));
}
