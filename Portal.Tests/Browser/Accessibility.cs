using System.Text;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;

namespace Portal.Tests.Browser;

/// <summary>
/// axe-core on the page as it is now, against WCAG 2.1 A and AA. Every run is also recorded (<see cref="AxeRunLog"/>):
/// the accessibility policy's audit (docs/accessibility-audit.json) is made from those records.
/// </summary>
public static class Accessibility
{
    private static readonly List<string> WcagTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

    /// <summary>
    /// Fails when any text has less than the enhanced contrast of WCAG 2.x AAA (1.4.6: 7:1, large text 4.5:1): what the
    /// high-contrast display promises. axe-core's color-contrast-enhanced rule, whatever the impact it gives.
    /// </summary>
    public static async Task AssertEnhancedContrastAsync(IPage page, string where)
    {
        await SettleAsync(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast-enhanced"] },
        });
        Report(result.Violations.ToList(), $"text below the enhanced contrast (WCAG AAA) on {where}");
    }

    /// <summary>Fails on any serious or critical violation, naming the rule, its help and the elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        await SettleAsync(page);
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        });
        await AxeRunLog.RecordAsync(page, result, WcagTags);
        Report(result.Violations.Where(v => v.Impact is "serious" or "critical").ToList(), $"serious or critical accessibility violation(s) on {where}");
    }

    // Judge what a person sees once things settle: a snackbar fading in has no contrast yet.
    private static Task SettleAsync(IPage page) =>
        page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");

    private static void Report(List<AxeResultItem> violations, string what)
    {
        if (violations.Count == 0) return;

        var report = new StringBuilder($"{violations.Count} {what}:");
        foreach (var violation in violations)
        {
            report.AppendLine().Append($"- [{violation.Impact}] {violation.Id}: {violation.Help} ({violation.HelpUrl})");
            foreach (var node in violation.Nodes)
            {
                report.AppendLine().Append($"    at {node.Target}: {node.Html}");
                var checks = (node.Any ?? []).Concat(node.All ?? []).Concat(node.None ?? [])
                    .Select(c => c.Message).Where(m => !string.IsNullOrWhiteSpace(m)).Distinct();
                foreach (var message in checks)
                    report.AppendLine().Append("      ").Append(message.ReplaceLineEndings(" "));
            }
        }
        Assert.Fail(report.ToString());
    }
}
