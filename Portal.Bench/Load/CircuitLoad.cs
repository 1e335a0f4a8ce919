using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Portal.Bench.Queues;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Web.Accounts;

namespace Portal.Bench.Load;

/// <summary>What one "circuits" run measured (docs/performance.md, "Queue ticket pages over real circuits").</summary>
public sealed record CircuitLoadResult(
    int Pages,
    int MeasuredRounds,
    ServerMemory Before,
    ServerMemory After,
    double SetupSeconds,
    LatencySummary? Protocol,
    LatencySummary? Chromium,
    double ServerCpuMillisecondsPerRound,
    int Errors,
    IReadOnlyList<string> ErrorSamples,
    long ClientWorkingSetBytes)
{
    /// <summary>Targets: the update reaches every page with p95 under 250 ms; each circuit costs the server under 250 KB.</summary>
    public const double LatencyTargetMilliseconds = 250, MemoryTargetBytes = 250 * 1024;

    public double ResidentBytesPerCircuit => (After.ResidentBytes - Before.ResidentBytes) / (double)Pages;
    public double HeapBytesPerCircuit => (After.ManagedHeapBytes - Before.ManagedHeapBytes) / (double)Pages;
    public double CircuitsPerSecond => Pages / SetupSeconds;

    public bool MeetsTargets => Errors == 0 && Protocol is { } p && p.P95 < LatencyTargetMilliseconds && ResidentBytesPerCircuit < MemoryTargetBytes;
}

/// <summary>
/// The queue board over real circuits: the portal in its own process (<see cref="PortalServer"/>), N ticket pages
/// held open by protocol clients (<see cref="BlazorCircuit"/>), a member of staff at the counter console driven
/// over the same protocol, and a few real Chromium pages. One round is one "call next" by the console's N key
/// (the [JSInvokable] ShortcutAsync that queue.js calls on a key press): the time from sending it until each page
/// receives the render batch that shows the number called.
/// </summary>
public static class CircuitLoad
{
    private const string StaffPassword = "Bench-Staff-2026";
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    public static async Task<CircuitLoadResult> RunAsync(int pages, int rounds, int chromiumPages = 5, int parallel = 16)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chiba-portal-bench", "circuits-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            if (ChromiumTicketPages.MissingReason is { } missing)
            {
                Console.WriteLine($"Chromium pages skipped: {missing}");
                chromiumPages = 0;
            }
            Console.WriteLine($"Preparing {pages + rounds + chromiumPages} tickets in {folder} ...");
            var tickets = await PrepareAsync(folder, pages + rounds + chromiumPages);
            Console.WriteLine("Publishing Portal.Web (Release) ...");
            var published = await PortalServer.PublishAsync();
            await using var server = await PortalServer.StartAsync(published, folder);
            Console.WriteLine($"Portal running as process {server.ProcessId} at {server.Address}");
            var loadBefore = File.ReadAllText("/proc/loadavg").Trim();
            var result = await MeasureAsync(server, tickets, pages, rounds, chromiumPages, parallel);
            await server.DisposeAsync();
            Print(result);
            Console.WriteLine($"Load average (1, 5, 15 min) before: {loadBefore}; after: {File.ReadAllText("/proc/loadavg").Trim()}");
            PrintServerLog(Path.Combine(folder, "server.log"));
            return result;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The database the server will open: migrated, with the bench's office and staff member, and the tickets, as the
    /// kiosk's TicketService.IssueAsync writes them; written before the server starts, so the plain tokens (which
    /// the database only holds hashed) are known to the bench as they are to the residents holding the receipts.
    /// </summary>
    private static async Task<List<IssuedTicket>> PrepareAsync(string folder, int count)
    {
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite),
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db"), Pooling = true }.ToString());
        db.Migrate();
        var office = await BenchQueueOffice.CreateAsync(db, new NoSignals(), new AspNetPasswordHasher().Hash(StaffPassword));
        // One line: a ticket page shows the numbers called for its own service, so with every ticket in the same
        // service each call changes every open page (the number called, the people ahead): the widest fan-out.
        var issued = await office.IssueAsync(count, services: 1);
        SqliteConnection.ClearAllPools();
        return issued;
    }

    private sealed class NoSignals : IQueueSignals
    {
        public void Changed(string officeId, IEnumerable<long> ticketIds) { }
    }

    private static async Task<CircuitLoadResult> MeasureAsync(PortalServer server, List<IssuedTicket> tickets, int pages, int rounds, int chromiumPages, int parallel)
    {
        var site = server.Address;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, MaxConnectionsPerServer = parallel, AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        var errors = new ConcurrentQueue<string>();
        var circuits = new List<BlazorCircuit>();
        BlazorCircuit? console = null;
        ChromiumTicketPages? chromium = null;
        try
        {
            // The counter console, signed in through the sign-in form, and one prerendered ticket page: the server has
            // run every code path once before the baseline.
            console = await BlazorCircuit.OpenAsync(http, site, "staff/queue", await SignInAsync(site), "watchShortcuts", TimeSpan.FromMinutes(1));
            await http.GetStringAsync(new Uri(site, $"queue/t/{tickets[^1].Token}"));
            await Task.Delay(TimeSpan.FromSeconds(3));
            var before = await server.MeasureAsync();
            Console.WriteLine($"Before: RSS {before.ResidentBytes / 1e6:F1} MB, managed heap {before.ManagedHeapBytes / 1e6:F1} MB");

            // The ticket pages: the first `rounds` tickets are the ones called; one page for each of the next `pages`.
            var open = new BlazorCircuit?[pages];
            var clock = Stopwatch.StartNew();
            using (var gate = new SemaphoreSlim(parallel))
            {
                var opened = 0;
                await Task.WhenAll(Enumerable.Range(0, pages).Select(async i =>
                {
                    await gate.WaitAsync();
                    try
                    {
                        open[i] = await BlazorCircuit.OpenAsync(http, site, $"queue/t/{tickets[rounds + i].Token}", null, "watchVisibility", TimeSpan.FromMinutes(2));
                        var n = Interlocked.Increment(ref opened);
                        if (n % 500 == 0) Console.WriteLine($"  {n} circuits open ({clock.Elapsed.TotalSeconds:F0} s)");
                    }
                    catch (Exception e)
                    {
                        errors.Enqueue($"open page {i}: {e.GetType().Name}: {e.Message}");
                    }
                    finally
                    {
                        gate.Release();
                    }
                }));
            }
            clock.Stop();
            circuits.AddRange(open.OfType<BlazorCircuit>());
            Console.WriteLine($"{circuits.Count} circuits open in {clock.Elapsed.TotalSeconds:F1} s");

            // Settled: nothing happens for a while, then the server collects and reports.
            await Task.Delay(TimeSpan.FromSeconds(5));
            var after = await server.MeasureAsync();
            Console.WriteLine($"After: RSS {after.ResidentBytes / 1e6:F1} MB, managed heap {after.ManagedHeapBytes / 1e6:F1} MB");
            var clientMemory = Environment.WorkingSet;

            if (chromiumPages > 0)
            {
                chromium = await ChromiumTicketPages.OpenAsync(site, tickets.TakeLast(chromiumPages).Select(t => t.Token));
                Console.WriteLine($"{chromium.Count} Chromium pages open");
            }

            var protocol = new List<double>();
            var browser = new List<double>();
            var cpu = TimeSpan.Zero;
            for (var round = 0; round < rounds; round++)
            {
                if (round > 0)
                {
                    // The counter finishes the previous ticket first, unmeasured; every page re-renders for it.
                    var finished = circuits.Select(c => c.WatchFor("\u0001")).ToList();
                    await console.InvokeDotNetAsync("watchShortcuts", "ShortcutAsync", "F");
                    if (!await WaitAsync(() => finished.All(w => w.Batches > 0), RoundTimeout))
                        errors.Enqueue($"round {round}: {finished.Count(w => w.Batches == 0)} pages had no render batch after the previous ticket was finished");
                    await Task.Delay(TimeSpan.FromMilliseconds(500));
                }

                var display = tickets[round].Ticket.Display;
                var seen = 0;
                var watches = circuits.Select(c => c.WatchFor(display, () => Interlocked.Increment(ref seen))).ToList();
                var desk = console.WatchFor(display);
                if (chromium is not null) await chromium.ExpectAsync(display);
                var cpuBefore = server.CpuTime();
                var startUnix = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
                var start = Stopwatch.GetTimestamp();
                await console.InvokeDotNetAsync("watchShortcuts", "ShortcutAsync", "N");
                var all = await WaitAsync(() => Volatile.Read(ref seen) >= watches.Count && desk.SeenAt != 0, RoundTimeout);
                long[] shown = chromium is null ? [] : await chromium.SeenAsync();
                var clockStart = Stopwatch.GetTimestamp();
                while (chromium is not null && shown.Any(s => s == 0) && Stopwatch.GetElapsedTime(clockStart) < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(50);
                    shown = await chromium.SeenAsync();
                }
                if (round > 0) cpu += server.CpuTime() - cpuBefore;

                if (desk.SeenAt == 0) errors.Enqueue($"round {round}: the console never showed {display} (another ticket called?)");
                if (!all) errors.Enqueue($"round {round}: {watches.Count - seen} of {watches.Count} pages did not show {display} within {RoundTimeout.TotalSeconds:F0} s");
                if (shown.Any(s => s == 0)) errors.Enqueue($"round {round}: {shown.Count(s => s == 0)} Chromium pages did not show {display}");
                var roundMs = watches.Where(w => w.SeenAt != 0).Select(w => Stopwatch.GetElapsedTime(start, w.SeenAt).TotalMilliseconds).ToList();
                Console.WriteLine($"  round {round}{(round == 0 ? " (warm-up)" : "")}: {display} on {roundMs.Count} pages, {LatencySummary.Of(roundMs)}"
                                  + (shown.Length > 0 ? $"; Chromium {string.Join(", ", shown.Where(s => s != 0).Select(s => $"{s - startUnix} ms"))}" : ""));
                if (round == 0) continue;
                protocol.AddRange(roundMs);
                browser.AddRange(shown.Where(s => s != 0).Select(s => (double)(s - startUnix)));
            }
            // A circuit the server closed or reported an error on counts once, whatever else it missed.
            var broken = circuits.Where(c => c.Error is not null).ToList();
            var samples = errors.Concat(broken.Take(5).Select(c => $"circuit {c.CircuitId}: {c.Error}")).Take(10).ToList();
            return new CircuitLoadResult(pages, rounds - 1, before, after, clock.Elapsed.TotalSeconds, LatencySummary.Of(protocol), LatencySummary.Of(browser),
                cpu.TotalMilliseconds / Math.Max(1, rounds - 1), errors.Count + broken.Count, samples, clientMemory);
        }
        finally
        {
            if (chromium is not null) await chromium.DisposeAsync();
            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
            if (console is not null) await console.DisposeAsync();
        }
    }

    /// <summary>Signs the bench's staff member in through the sign-in form, as a browser posts it; returns the Cookie header.</summary>
    private static async Task<string> SignInAsync(Uri site)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = site };
        var form = ComponentMarkers.HiddenInputs(await http.GetStringAsync("account/signin"));
        form["Input.Email"] = BenchQueueOffice.StaffEmail;
        form["Input.Password"] = StaffPassword;
        using var response = await http.PostAsync("account/signin", new FormUrlEncodedContent(form));
        var cookie = jar.GetCookieHeader(site);
        if (!cookie.Contains(".ChibaPortal.Session", StringComparison.Ordinal))
            throw new InvalidOperationException($"Sign-in failed ({(int)response.StatusCode}); no session cookie.");
        return cookie;
    }

    private static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(1);
        }
        return true;
    }

    /// <summary>The server's warnings and errors during the run, if any (its log is deleted with the run's folder).</summary>
    private static void PrintServerLog(string file)
    {
        var lines = File.ReadAllLines(file);
        var problems = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"Server log: {problems.Count} warnings and errors");
        foreach (var (line, i) in problems.Take(5))
            Console.WriteLine($"  {line} {(i + 1 < lines.Length ? lines[i + 1].Trim() : "")}");
    }

    private static void Print(CircuitLoadResult r)
    {
        static string Cell(LatencySummary? s) => s is null ? "-" : $"{s.P50:F0} / {s.P95:F0} / {s.P99:F0} / {s.Max:F0}";
        Console.WriteLine();
        Console.WriteLine($"{r.Pages} ticket pages over real circuits, {r.MeasuredRounds} measured rounds of 'call next' (first round is warm-up)");
        Console.WriteLine("| Pages | Server RSS before / after | RSS per circuit | Managed heap per circuit | Update p50 / p95 / p99 / max (protocol) | Same in Chromium | Circuits opened per s | Server CPU per round | Errors |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {r.Pages:N0} | {r.Before.ResidentBytes / 1e6:F0} / {r.After.ResidentBytes / 1e6:F0} MB | {r.ResidentBytesPerCircuit / 1024:F0} KB | {r.HeapBytesPerCircuit / 1024:F0} KB | "
                          + $"{Cell(r.Protocol)} ms | {Cell(r.Chromium)} ms | {r.CircuitsPerSecond:F0} | {r.ServerCpuMillisecondsPerRound:F0} ms | {r.Errors} |");
        Console.WriteLine($"Load client (this process) working set with the circuits open: {r.ClientWorkingSetBytes / 1e6:F0} MB");
        Console.WriteLine($"Targets: p95 under {CircuitLoadResult.LatencyTargetMilliseconds:F0} ms, under {CircuitLoadResult.MemoryTargetBytes / 1024:F0} KB per circuit, no errors: {(r.MeetsTargets ? "met" : "NOT met")}");
        foreach (var e in r.ErrorSamples) Console.WriteLine("  error: " + e);
    }
}
