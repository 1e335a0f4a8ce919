using System.Text.RegularExpressions;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Tests wait for a condition, never for a time (<see cref="Eventually"/>, Playwright's Expect): a pause that is long
/// enough on a quiet machine is too short at the CI machine's load, and a pause used to show that nothing happened
/// shows nothing. This reads every test source file and names each pause outside the few places that need one.
/// </summary>
public sealed partial class TestWaitRulesTests
{
    /// <summary>The files that may pause, each with why; a path is relative to the Portal.Tests folder.</summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["Infrastructure/Eventually.cs"] = "the one helper that waits: it pauses between two looks at the condition it waits for",
        ["Infrastructure/TestWaitRulesTests.cs"] = "its examples of lines the rule finds",
        ["Bench/SsePhonesTests.cs"] = "its fake server holds a stream open until the phone leaves (Timeout.Infinite, ended by the request's abort): it waits for no time",
    };

    [GeneratedRegex(@"\b(Task\.Delay|Thread\.Sleep|WaitForTimeoutAsync)\s*\(")]
    private static partial Regex Pause();

    /// <summary>The pauses in one file's text, as "line: code"; comment lines may name them.</summary>
    internal static IEnumerable<string> PausesIn(string text) =>
        text.Split('\n')
            .Select((line, i) => (Line: line.Trim(), Number: i + 1))
            .Where(l => !l.Line.StartsWith("//", StringComparison.Ordinal) && !l.Line.StartsWith('*') && Pause().IsMatch(l.Line))
            .Select(l => $"{l.Number}: {l.Line}");

    [Fact]
    public void No_test_pauses_outside_the_allow_list()
    {
        var root = TestsFolder();
        var pauses = SourceFiles(root)
            .Where(f => !Allowed.ContainsKey(f.Path))
            .SelectMany(f => PausesIn(f.Text).Select(p => $"{f.Path}:{p}"))
            .ToList();

        Assert.True(pauses.Count == 0,
            "Wait for a condition with Eventually (or Playwright's Expect), not for a time; to show that something did not " +
            "happen, check for a later thing that did, or for state that proves it. Pauses found:\n" + string.Join("\n", pauses));
    }

    [Fact]
    public void Each_file_on_the_allow_list_still_pauses()
    {
        var files = SourceFiles(TestsFolder()).ToDictionary(f => f.Path, f => f.Text, StringComparer.Ordinal);
        Assert.All(Allowed.Keys, path => Assert.NotEmpty(PausesIn(files.GetValueOrDefault(path, ""))));
    }

    [Fact]
    public void BUnit_waits_as_long_as_Eventually() => Assert.Equal(Eventually.DefaultWithin, Bunit.BunitContext.DefaultWaitTimeout);

    [Theory]
    [InlineData("        await Task.Delay(50, Ct);", true)]
    [InlineData("Thread.Sleep (10);", true)]
    [InlineData("await page.WaitForTimeoutAsync(500);", true)]
    [InlineData("for (var i = 0; i < 9 && !done; i++) await Task.Delay(TimeSpan.FromMilliseconds(20));", true)]
    [InlineData("// never Task.Delay(50) here", false)]
    [InlineData("/// <summary>No Thread.Sleep(10).</summary>", false)]
    [InlineData("await Eventually.TrueAsync(() => done);", false)]
    public void A_pause_is_found_on_any_code_line_and_not_in_a_comment(string line, bool found) =>
        Assert.Equal(found, PausesIn("namespace X;\n" + line + "\n").Any());

    private static IEnumerable<(string Path, string Text)> SourceFiles(string root) =>
        Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(root, file).Replace('\\', '/'))
            .Where(path => !path.StartsWith("bin/", StringComparison.Ordinal) && !path.StartsWith("obj/", StringComparison.Ordinal))
            .Select(path => (path, File.ReadAllText(Path.Combine(root, path))));

    /// <summary>The Portal.Tests source folder: up from the test assembly to the folder of Portal.Tests.csproj.</summary>
    private static string TestsFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "Portal.Tests.csproj"))) return dir.FullName;
        throw new DirectoryNotFoundException("No Portal.Tests.csproj above " + AppContext.BaseDirectory);
    }
}
