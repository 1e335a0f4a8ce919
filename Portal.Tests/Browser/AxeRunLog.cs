using System.Text.Json;
using Deque.AxeCore.Commons;
using Microsoft.Playwright;
using Portal.Web.Legal;

namespace Portal.Tests.Browser;

/// <summary>
/// Writes each axe-core run of this test run as one JSON line (page, language, window size, what was found) to
/// TestResults/axe-runs/{start time}-{process}.jsonl at the repository root. From the file of a full run,
/// <c>dotnet run --project Portal.Web -- accessibility-audit</c> makes docs/accessibility-audit.json (docs/accessibility.md).
/// </summary>
public static class AxeRunLog
{
    private static readonly Lock Gate = new();
    private static readonly JsonSerializerOptions OneLine = new(AccessibilityAudit.Json) { WriteIndented = false };
    private static readonly Lazy<string> RunFile = new(() =>
    {
        var folder = Path.Combine(RepositoryRoot(), AccessibilityAuditCommand.DefaultRuns);
        Directory.CreateDirectory(folder);
        return Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}.jsonl");
    });

    public static async Task RecordAsync(IPage page, AxeResult result, IReadOnlyList<string> tags)
    {
        var run = new AxeRun(
            DateTimeOffset.UtcNow,
            new Uri(page.Url).PathAndQuery,
            // The language the screen shows, as the portal names it (ja-Easy, whose lang is "ja"): a screen that keeps a
            // language of its own (a kiosk's) marks it on main's child; every page names the reader's in a meta tag.
            await page.EvaluateAsync<string>("() => document.querySelector('main > [data-language]')?.dataset.language || document.querySelector('meta[name=portal-language]')?.content || document.documentElement.lang"),
            page.ViewportSize is { } size ? $"{size.Width}x{size.Height}" : "unknown",
            $"{result.TestEngine?.Name ?? "axe-core"} {result.TestEngine?.Version}".Trim(),
            tags,
            [.. result.Violations.Select(v => new AxeRunViolation(v.Id, v.Impact ?? "unknown", v.Nodes?.Length ?? 0))]);
        var line = JsonSerializer.Serialize(run, OneLine) + "\n";
        lock (Gate) File.AppendAllText(RunFile.Value, line);
    }

    private static string RepositoryRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ChibaPortal.sln not found above the test binaries.");
    }
}
