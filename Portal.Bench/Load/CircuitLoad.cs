using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using Portal.Core.Queues;

namespace Portal.Bench.Load;

/// <summary>What one "circuits" run measured (docs/performance.md, "Queue ticket pages over real circuits", its first paragraph).</summary>
public sealed record CircuitLoadResult(
    int Pages,
    int MeasuredRounds,
    int WarmUpRounds,
    long MethodsCompiledMeasuring,
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
    /// <summary>
    /// Targets at <see cref="TargetPages"/> open staff homes (a whole ward office's staff, about 250, and the city's
    /// administrators, with the home open at once): the waiting count changes on every page with p95 under 250 ms,
    /// as the ticket page's target was, and each circuit costs the server under 1 MB, so those homes fit in 300 MB
    /// of a node (the home is a full page of the main layout with a chart, far from the 250 KB of a minimal app).
    /// </summary>
    public const double LatencyTargetMilliseconds = 250, MemoryTargetBytes = 1024 * 1024;

    public const int TargetPages = 300;

    public double ResidentBytesPerCircuit => (After.ResidentBytes - Before.ResidentBytes) / (double)Pages;
    public double HeapBytesPerCircuit => (After.ManagedHeapBytes - Before.ManagedHeapBytes) / (double)Pages;
    public double CircuitsPerSecond => Pages / SetupSeconds;

    public bool MeetsTargets => Errors == 0 && Protocol is { } p && p.P95 < LatencyTargetMilliseconds && ResidentBytesPerCircuit < MemoryTargetBytes;
}

/// <summary>
/// The live page that stays interactive and is open in numbers: the staff home (/staff), every back-office member's
/// landing page, which shows the office's waiting count and chart and re-renders on every change at the office's
/// counters. The portal in its own process (<see cref="PortalServer"/>), N staff homes held open by protocol clients
/// (<see cref="BlazorCircuit"/>) signed in as the bench's staff member, the counter console driven over the same
/// protocol (<see cref="CounterConsoleDriver"/>), and a few real Chromium tabs. One round is one "call next": the
/// time from sending it until each home receives the render batch with the new waiting count. (The ticket page,
/// which this step measured before issue 14, has no circuit any more; the `sse` step measures it.)
/// </summary>
public static class CircuitLoad
{
    public const string WaitingSelector = "[data-testid=staff-home-waiting] [data-testid=value]";

    /// <summary>Tickets waiting besides those called: an odd count, so a waiting count never looks like a chart's round tick label.</summary>
    private const int Waiting = 1003;

    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    /// <param name="rounds">Measured rounds, after those of <see cref="ServerWarmUp"/>.</param>
    public static Task<CircuitLoadResult> RunAsync(int pages, int rounds, int chromiumPages = 5, int parallel = 16)
    {
        if (ChromiumPages.MissingReason is { } missing)
        {
            Console.WriteLine($"Chromium pages skipped: {missing}");
            chromiumPages = 0;
        }
        return QueueLoadSetup.RunAgainstPortalAsync("circuits", Waiting + QueueLoadSetup.CalledTickets(rounds),
            (server, tickets) => MeasureAsync(server, tickets, pages, rounds, chromiumPages, parallel), Print);
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
        CounterConsoleDriver? console = null;
        ChromiumPages? chromium = null;
        try
        {
            // The counter console, signed in through the sign-in form, and one staff home opened and closed: the server
            // has run every code path once before the baseline.
            var cookie = await QueueLoadSetup.SignInAsync(site);
            console = await CounterConsoleDriver.OpenAsync(http, site, cookie);
            await (await OpenHomeAsync(http, site, cookie)).DisposeAsync();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var before = await server.MeasureAsync();
            Console.WriteLine($"Before: RSS {before.ResidentBytes / 1e6:F1} MB, managed heap {before.ManagedHeapBytes / 1e6:F1} MB");

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
                        open[i] = await OpenHomeAsync(http, site, cookie);
                        var n = Interlocked.Increment(ref opened);
                        if (n % 100 == 0) Console.WriteLine($"  {n} circuits open ({clock.Elapsed.TotalSeconds:F0} s)");
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
                chromium = await ChromiumPages.OpenAsync(site, "staff", chromiumPages, cookie, WaitingSelector);
                Console.WriteLine($"{chromium.Count} Chromium pages open");
            }

            var protocol = new List<double>();
            var browser = new List<double>();
            var cpu = TimeSpan.Zero;
            var warmUp = new ServerWarmUp(server);
            var measured = 0;
            for (var round = 0; measured < rounds; round++)
            {
                if (round > 0)
                {
                    // The counter finishes the previous ticket first, unmeasured, and the pages go quiet again.
                    await console.FinishAsync();
                    await QueueLoadSetup.SettleAsync(() => circuits.Sum(c => (long)Volatile.Read(ref c.RenderBatches)), TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
                }
                var warmingUp = !await warmUp.BeforeRoundAsync();
                if (!warmingUp) measured++;

                // Every ticket is waiting until called: after this call, the tickets of later rounds and the others.
                var display = tickets[round].Ticket.Display;
                var waiting = (tickets.Count - round - 1).ToString(CultureInfo.InvariantCulture);
                var seen = 0;
                var watches = circuits.Select(c => c.WatchFor(waiting, () => Interlocked.Increment(ref seen))).ToList();
                var desk = console.WatchFor(display);
                if (chromium is not null) await chromium.ExpectAsync(waiting);
                var cpuBefore = server.CpuTime();
                var startUnix = TimeProvider.System.GetUtcNow().ToUnixTimeMilliseconds();
                var start = Stopwatch.GetTimestamp();
                await console.CallNextAsync();
                var all = await QueueLoadSetup.WaitAsync(() => Volatile.Read(ref seen) >= watches.Count && desk.SeenAt != 0, RoundTimeout);
                long[] shown = chromium is null ? [] : await chromium.SeenAsync();
                var clockStart = Stopwatch.GetTimestamp();
                while (chromium is not null && shown.Any(s => s == 0) && Stopwatch.GetElapsedTime(clockStart) < TimeSpan.FromSeconds(30))
                {
                    await Task.Delay(50);
                    shown = await chromium.SeenAsync();
                }
                if (!warmingUp) cpu += server.CpuTime() - cpuBefore;

                if (desk.SeenAt == 0) errors.Enqueue($"round {round}: the console never showed {display} (another ticket called?)");
                if (!all) errors.Enqueue($"round {round}: {watches.Count - seen} of {watches.Count} pages did not show {waiting} waiting within {RoundTimeout.TotalSeconds:F0} s");
                if (shown.Any(s => s == 0)) errors.Enqueue($"round {round}: {shown.Count(s => s == 0)} Chromium pages did not show {waiting} waiting");
                var roundMs = watches.Where(w => w.SeenAt != 0).Select(w => Stopwatch.GetElapsedTime(start, w.SeenAt).TotalMilliseconds).ToList();
                Console.WriteLine($"  round {round}{(warmingUp ? " (warm-up)" : "")}: {display} called, {waiting} waiting on {roundMs.Count} pages, {LatencySummary.Of(roundMs)}"
                                  + (shown.Length > 0 ? $"; Chromium {string.Join(", ", shown.Where(s => s != 0).Select(s => $"{s - startUnix} ms"))}" : ""));
                if (warmingUp) continue;
                protocol.AddRange(roundMs);
                browser.AddRange(shown.Where(s => s != 0).Select(s => (double)(s - startUnix)));
            }
            // A circuit the server closed or reported an error on counts once, whatever else it missed.
            var broken = circuits.Where(c => c.Error is not null).ToList();
            var samples = errors.Concat(broken.Take(5).Select(c => $"circuit {c.CircuitId}: {c.Error}")).Take(10).ToList();
            return new CircuitLoadResult(pages, measured, warmUp.Rounds, await server.CompiledMethodsAsync() - warmUp.CompiledWhenWarm, before, after, clock.Elapsed.TotalSeconds, LatencySummary.Of(protocol), LatencySummary.Of(browser),
                cpu.TotalMilliseconds / Math.Max(1, measured), errors.Count + broken.Count, samples, clientMemory);
        }
        finally
        {
            if (chromium is not null) await chromium.DisposeAsync();
            await Task.WhenAll(circuits.Select(c => c.DisposeAsync().AsTask()));
            if (console is not null) await console.DisposeAsync();
        }
    }

    /// <summary>A staff home, open once its interactive render shows the office's waiting table.</summary>
    private static Task<BlazorCircuit> OpenHomeAsync(HttpClient http, Uri site, string cookie) =>
        BlazorCircuit.OpenAsync(http, site, "staff", cookie, PageReady.Shows("staff-home-waiting-table"), TimeSpan.FromMinutes(2));

    private static void Print(CircuitLoadResult r)
    {
        static string Cell(LatencySummary? s) => s is null ? "-" : $"{s.P50:F0} / {s.P95:F0} / {s.P99:F0} / {s.Max:F0}";
        Console.WriteLine();
        Console.WriteLine($"{r.Pages} staff home pages over real circuits, {r.MeasuredRounds} measured rounds of 'call next' after {r.WarmUpRounds} to warm up (the server's JIT compiled {r.MethodsCompiledMeasuring} methods during the measured ones)");
        Console.WriteLine("| Pages | Server RSS before / after | RSS per circuit | Managed heap per circuit | Update p50 / p95 / p99 / max (protocol) | Same in Chromium | Circuits opened per s | Server CPU per round | Errors |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {r.Pages:N0} | {r.Before.ResidentBytes / 1e6:F0} / {r.After.ResidentBytes / 1e6:F0} MB | {r.ResidentBytesPerCircuit / 1024:F0} KB | {r.HeapBytesPerCircuit / 1024:F0} KB | "
                          + $"{Cell(r.Protocol)} ms | {Cell(r.Chromium)} ms | {r.CircuitsPerSecond:F0} | {r.ServerCpuMillisecondsPerRound:F0} ms | {r.Errors} |");
        Console.WriteLine($"Load client (this process) working set with the circuits open: {r.ClientWorkingSetBytes / 1e6:F0} MB");
        Console.WriteLine($"Targets at {CircuitLoadResult.TargetPages} pages: p95 under {CircuitLoadResult.LatencyTargetMilliseconds:F0} ms, under {CircuitLoadResult.MemoryTargetBytes / 1024:F0} KB of RSS per circuit, no errors: {(r.MeetsTargets ? "met" : "NOT met")}");
        foreach (var e in r.ErrorSamples) Console.WriteLine("  error: " + e);
    }
}
