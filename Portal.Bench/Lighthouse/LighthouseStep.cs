using System.Diagnostics;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Portal.Bench.Load;
using Portal.Bench.Queues;
using Portal.Bench.Suite;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Queues;
using Portal.Web.Hosting;

namespace Portal.Bench.Lighthouse;

/// <summary>
/// The lighthouse step: npm's lighthouse (pinned in Portal.Bench/lighthouse-npm, installed by npm ci) drives Debian's
/// Chromium over every page of <see cref="LighthousePage.All"/> in the mobile preset with its default simulated slow
/// 4G, against the published Release portal in its own process (<see cref="PortalServer"/>), several runs per page.
/// The server first starts once in Development to seed the demo data (reports on the map, the demo resident's points
/// and For You results), then in Production for the measurement; pages that need a session get the demo resident's
/// cookie from a real sign-in post, through Lighthouse's --extra-headers. The JSON report of each page's median run
/// is kept in /tmp/chiba-portal-bench/lighthouse for a closer look.
/// </summary>
public static class LighthouseStep
{
    public const int DefaultRuns = 3;
    public const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumFlags =
        ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run"];

    private static readonly TimeSpan RunTimeout = TimeSpan.FromMinutes(4);

    /// <param name="runs">Lighthouse runs per page; each figure is their median.</param>
    /// <param name="paths">Only these pages (as in <see cref="LighthousePage.All"/>); all when empty.</param>
    public static async Task<IReadOnlyList<Figure>> RunAsync(int runs = DefaultRuns, IReadOnlyCollection<string>? paths = null)
    {
        if (!File.Exists(ChromiumPath)) throw new InvalidOperationException($"No Chromium at {ChromiumPath} (apt-get install chromium).");
        var pages = LighthousePage.All.Where(p => paths is null || paths.Count == 0 || paths.Contains(p.Path)).ToList();
        if (pages.Count == 0) throw new ArgumentException($"No such page; pages: {string.Join(", ", LighthousePage.All.Select(p => p.Path))}.");

        var tool = Path.Combine(PortalServer.RepositoryRoot(), "Portal.Bench", "lighthouse-npm");
        await InstallAsync(tool);
        var folder = Path.Combine(Path.GetTempPath(), "chiba-portal-bench", "lighthouse-" + Guid.NewGuid().ToString("N"));
        var kept = Path.Combine(Path.GetTempPath(), "chiba-portal-bench", "lighthouse");
        Directory.CreateDirectory(folder);
        Directory.CreateDirectory(kept);
        try
        {
            Console.WriteLine("Publishing Portal.Web (Release) ...");
            var published = await PortalServer.PublishAsync();
            var clock = Stopwatch.StartNew();
            await using (await PortalServer.StartAsync(published, folder, new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development" }))
                Console.WriteLine($"Demo data seeded in {clock.Elapsed.TotalSeconds:F0} s");
            var token = await IssueTicketAsync(folder);

            // Map tiles off: the tile server is another site (unreachable from a sandbox, where each tile would be a
            // console error), so first-load transfer counts the portal's own bytes; the maps still draw their markers.
            await using var server = await PortalServer.StartAsync(published, folder, new Dictionary<string, string> { ["Maps__TileUrlTemplate"] = "" });
            Console.WriteLine($"Portal running as process {server.ProcessId} at {server.Address}");
            var signedIn = JsonSerializer.Serialize(new Dictionary<string, string>
            {
                ["Cookie"] = await server.SignInAsync(DemoData.Resident.Email, DemoData.Password),
            });

            var figures = new List<Figure>();
            foreach (var page in pages)
            {
                var url = new Uri(server.Address, page.Path.Replace("{token}", token, StringComparison.Ordinal).TrimStart('/'));
                var reports = new List<(LighthouseReport Report, string File)>();
                for (var run = 1; run <= runs; run++)
                {
                    var file = Path.Combine(folder, $"{Slug(page.Path)}-{run}.json");
                    var report = await MeasureWithRetriesAsync(tool, url, page.SignedIn ? signedIn : null, file);
                    reports.Add((report, file));
                    Console.WriteLine($"  {page.Path} run {run} (load average {MachineDescription.LoadAverage():F1}): {report.Describe()}");
                }
                var failed = reports.SelectMany(r => r.Report.FailedAudits).Distinct().ToList();
                if (failed.Count > 0) Console.WriteLine($"  {page.Path}, audits that cost points: {string.Join(", ", failed)}");
                var median = reports.OrderBy(r => r.Report.Performance).ElementAt(reports.Count / 2);
                File.Copy(median.File, Path.Combine(kept, Slug(page.Path) + ".json"), overwrite: true);
                figures.AddRange(page.Figures(reports.Select(r => r.Report).ToList()));
            }
            Console.WriteLine($"The median run's report of each page: {kept}");
            return figures;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>npm ci in the tool's folder when its lock file is newer than the installed tree (as Portal.Web does for its browser libraries).</summary>
    private static async Task InstallAsync(string tool)
    {
        var installed = Path.Combine(tool, "node_modules", ".package-lock.json");
        if (File.Exists(installed) && File.GetLastWriteTimeUtc(installed) >= File.GetLastWriteTimeUtc(Path.Combine(tool, "package-lock.json"))) return;
        Console.WriteLine("Installing lighthouse (npm ci) ...");
        var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], tool, null, TimeSpan.FromMinutes(10));
        if (code != 0) throw new InvalidOperationException("npm ci for lighthouse failed:\n" + output);
        File.SetLastWriteTimeUtc(installed, DateTime.UtcNow);
    }

    /// <summary>A ticket of today at Chūō ward office, issued as the kiosk does, for the ticket page.</summary>
    private static async Task<string> IssueTicketAsync(string folder)
    {
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite),
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db"), Pooling = false }.ToString());
        var service = (await new QueueSetupRepository(db).ListServicesAsync(BenchQueueOffice.Office, default))[0];
        var issued = await BenchQueueOffice.TicketsOf(db, new NoQueueSignals()).IssueAsync(BenchQueueOffice.Office, service.Id, TicketLane.WalkIn, default);
        return issued.Token;
    }

    /// <summary>
    /// A run Lighthouse itself gives up on ("Something went wrong with recording the trace", NO_NAVSTART, which it asks
    /// to run again) is run again, twice at most, and said so; the page's own failures (a page that does not paint)
    /// come back the same each time and end the step.
    /// </summary>
    private static async Task<LighthouseReport> MeasureWithRetriesAsync(string tool, Uri url, string? extraHeaders, string output)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await MeasureAsync(tool, url, extraHeaders, output);
            }
            catch (Exception e) when (attempt < 3 && e is InvalidOperationException or InvalidDataException)
            {
                Console.WriteLine($"  {url.AbsolutePath}: Lighthouse failed ({e.Message.Split('\n').Last(l => l.Trim().Length > 0).Trim()}); running it again");
                File.Delete(output);
            }
        }
    }

    private static async Task<LighthouseReport> MeasureAsync(string tool, Uri url, string? extraHeaders, string output)
    {
        List<string> arguments =
        [
            Path.Combine("node_modules", "lighthouse", "cli", "index.js"), url.ToString(),
            "--output=json", $"--output-path={output}", "--quiet",
            "--only-categories=performance,accessibility,best-practices,seo",
            "--chrome-flags=" + string.Join(' ', ChromiumFlags),
        ];
        if (extraHeaders is not null) arguments.Add("--extra-headers=" + extraHeaders);
        var (code, log) = await RunAsync("node", arguments, tool, new Dictionary<string, string> { ["CHROME_PATH"] = ChromiumPath }, RunTimeout);
        if (code != 0 || !File.Exists(output)) throw new InvalidOperationException($"lighthouse {url} exited with {code}:\n{log}");
        return LighthouseReport.Parse(await File.ReadAllTextAsync(output));
    }

    private static async Task<(int Code, string Output)> RunAsync(string command, IEnumerable<string> arguments, string folder,
        IReadOnlyDictionary<string, string>? environment, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(command, arguments) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            // Only the process this method started, and what it started (lighthouse's Chromium).
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{command} did not finish within {timeout.TotalMinutes:F0} minutes.");
        }
        return (process.ExitCode, await output + await errors);
    }

    private static string Slug(string path) =>
        path == "/" ? "home" : path.Trim('/').Replace("{", "", StringComparison.Ordinal).Replace("}", "", StringComparison.Ordinal).Replace('/', '-');

    private sealed class NoQueueSignals : IQueueSignals
    {
        public void Changed(string officeId, IEnumerable<long> ticketIds) { }
    }
}
