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

    /// <summary>Fails on any serious or critical violation, naming the rule, its help and the elements.</summary>
    public static async Task AssertNoSeriousViolationsAsync(IPage page, string where)
    {
        // Judge what a person sees once things settle: a snackbar fading in has no contrast yet.
        await page.EvaluateAsync("() => Promise.all(document.getAnimations().filter(a => a.effect?.getTiming().iterations !== Infinity).map(a => a.finished.catch(() => null)))");
        var result = await page.RunAxe(new AxeRunOptions
        {
            RunOnly = new RunOnlyOptions { Type = "tag", Values = WcagTags },
        });
        await AxeRunLog.RecordAsync(page, result, WcagTags);
        var serious = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        if (serious.Count == 0) return;

        var report = new StringBuilder($"{serious.Count} serious or critical accessibility violation(s) on {where}:");
        foreach (var violation in serious)
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
