using System.Diagnostics;
using System.Net;
using System.Text;
using Portal.Core.Queues;

namespace Portal.Bench.Load;

/// <summary>What one "sse" run measured (docs/performance.md, "Queue ticket pages over server-sent events").</summary>
public sealed record SseLoadResult(
    int Pages,
    int MeasuredRounds,
    int WarmUpRounds,
    long MethodsCompiledMeasuring,
    ServerMemory Before,
    ServerMemory After,
    double SetupSeconds,
    LatencySummary? Arrival,
    LatencySummary? Read,
    LatencySummary? ClientDelay,
    double ServerCpuMillisecondsPerCall,
    double ClientCpuMillisecondsPerCall,
    double BenchCpuMillisecondsPerCall,
    double ClientAllocatedBytesPerCall,
    double BytesPerEvent,
    int Errors,
    IReadOnlyList<string> ErrorSamples,
    long ClientWorkingSetBytes,
    long ClientReaderBytes)
{
    /// <summary>Targets (issue 14): at 5,000 open pages the event reaches every page with p95 at most 100 ms; at most 30 KB of server memory per page.</summary>
    public const double LatencyTargetMilliseconds = 100, MemoryTargetBytes = 30 * 1024;

    public const int TargetPages = 5000;

    public double ResidentBytesPerPage => (After.ResidentBytes - Before.ResidentBytes) / (double)Pages;
    public double HeapBytesPerPage => (After.ManagedHeapBytes - Before.ManagedHeapBytes) / (double)Pages;
    public double StreamsPerSecond => Pages / SetupSeconds;

    /// <summary>The latency held to the target: when the client read the event, which includes the client's own delays (the conservative figure).</summary>
    public LatencySummary? Held => Read;

    public bool MeetsTargets => Errors == 0 && Held is { } p && p.P95 <= LatencyTargetMilliseconds && ResidentBytesPerPage <= MemoryTargetBytes;
}

/// <summary>
/// Ticket pages over server-sent events: the portal in its own process (<see cref="PortalServer"/>), N phones holding
/// <c>/queue/t/{token}/events</c> open as EventSource does (<see cref="SsePhones"/>: raw sockets, no browser), and a
/// member of staff at the counter console over its circuit (<see cref="CounterConsoleDriver"/>). One round is one
/// "call next": the time from sending it until each phone has the first event whose data holds the number called,
/// both when the event reached the phone's socket (the kernel's receive timestamp) and when the load client read it.
/// Server memory per page is its resident set and managed heap (after a forced collection) with the streams open,
/// above the baseline before they opened; CPU per call is the server's and the client's process time over a round.
/// </summary>
public static class SseLoad
{
    private static readonly TimeSpan RoundTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The stream of a ticket page, in the language its page asks for: one phone in ten reads English.</summary>
    public static string EventsPath(string token, int phone = 0) => $"queue/t/{token}/events?culture={(phone % 10 == 9 ? "en" : "ja")}";

    /// <param name="rounds">Measured rounds, after those of <see cref="ServerWarmUp"/>.</param>
    public static async Task<SseLoadResult> RunAsync(int pages, int rounds, int window = 64)
    {
        if (!LinuxSockets.Supported) throw new PlatformNotSupportedException("The SSE load client reads sockets with Linux's recvmsg.");
        // Each process holds a file per stream (the client its sockets, the server their other ends), plus its own.
        var needed = (ulong)pages + 2000;
        var limit = LinuxSockets.RaiseOpenFileLimit(needed);
        if (limit < needed)
            throw new InvalidOperationException($"{pages} streams need about {needed} open files per process; the limit is {limit} (raise it with `ulimit -n {needed}`).");

        Console.WriteLine($"Open files allowed per process: {limit}");
        return await QueueLoadSetup.RunAgainstPortalAsync("sse", QueueLoadSetup.CalledTickets(rounds) + pages + 1, (server, tickets) => MeasureAsync(server, tickets, pages, rounds, window), Print);
    }

    private static async Task<SseLoadResult> MeasureAsync(PortalServer server, List<IssuedTicket> tickets, int pages, int rounds, int window)
    {
        var site = server.Address;
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AutomaticDecompression = DecompressionMethods.All })
        {
            Timeout = TimeSpan.FromMinutes(2),
        };
        var errors = new List<string>();
        await using var console = await CounterConsoleDriver.OpenAsync(http, site, await QueueLoadSetup.SignInAsync(site));

        // One stream opened and closed, and its ticket page fetched: the server has run every code path once before the baseline.
        await http.GetStringAsync(new Uri(site, $"queue/t/{tickets[^1].Token}"));
        using (var warm = new SsePhones(site, 1))
        {
            await warm.OpenAsync([EventsPath(tickets[^1].Token)], 1, TimeSpan.FromMinutes(1));
            if (warm.Phones[0].Error is { } error) throw new InvalidOperationException($"The ticket page's event stream failed: {error}");
        }
        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = await server.MeasureAsync();
        Console.WriteLine($"Before: RSS {before.ResidentBytes / 1e6:F1} MB, managed heap {before.ManagedHeapBytes / 1e6:F1} MB");

        // The streams: the first tickets are the ones called; one phone for each of the next `pages`.
        using var phones = new SsePhones(site, pages);
        var clock = Stopwatch.StartNew();
        await phones.OpenAsync(tickets.Skip(QueueLoadSetup.CalledTickets(rounds)).Take(pages).Select((t, i) => EventsPath(t.Token, i)).ToList(), window, TimeSpan.FromMinutes(10),
            n => Console.WriteLine($"  {n} streams open ({clock.Elapsed.TotalSeconds:F0} s)"));
        clock.Stop();
        Console.WriteLine($"{phones.Phones.Count - phones.Broken} streams open in {clock.Elapsed.TotalSeconds:F1} s");

        // Settled: nothing happens for a while, then the server collects and reports.
        await Task.Delay(TimeSpan.FromSeconds(5));
        var after = await server.MeasureAsync();
        Console.WriteLine($"After: RSS {after.ResidentBytes / 1e6:F1} MB, managed heap {after.ManagedHeapBytes / 1e6:F1} MB");
        var clientMemory = Environment.WorkingSet;

        var arrival = new List<double>();
        var read = new List<double>();
        var delay = new List<double>();
        var self = Process.GetCurrentProcess();
        TimeSpan serverCpu = TimeSpan.Zero, clientCpu = TimeSpan.Zero, benchCpu = TimeSpan.Zero;
        PerfRecording? perf = null;
        long allocated = 0, bytes = 0, events = 0;
        var warmUp = new ServerWarmUp(server);
        var measuredRounds = 0;
        for (var round = 0; measuredRounds < rounds; round++)
        {
            if (round > 0)
            {
                // The counter finishes the previous ticket first, unmeasured, and the streams go quiet again.
                await console.FinishAsync();
                await QueueLoadSetup.SettleAsync(() => phones.Events, TimeSpan.FromMilliseconds(500), TimeSpan.FromSeconds(30));
            }
            var warmingUp = !await warmUp.BeforeRoundAsync();
            if (!warmingUp && measuredRounds++ == 0) perf = PerfRecording.StartIfAsked(server.ProcessId, Environment.ProcessId);

            var display = tickets[round].Ticket.Display;
            phones.Watch(Encoding.UTF8.GetBytes($"\"{display}\""));
            var desk = console.WatchFor(display);
            var (eventsBefore, bytesBefore) = (phones.Events, phones.Bytes);
            var serverCpuBefore = server.CpuTime();
            self.Refresh();
            var benchCpuBefore = self.TotalProcessorTime;
            var clientCpuBefore = phones.ReadingCpuTime();
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var startUnixNs = (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
            var start = Stopwatch.GetTimestamp();
            await console.CallNextAsync();
            var open = phones.Phones.Count - phones.Broken;
            var all = await QueueLoadSetup.WaitAsync(() => phones.Seen >= open && desk.SeenAt != 0, RoundTimeout);
            self.Refresh();
            if (!warmingUp)
            {
                serverCpu += server.CpuTime() - serverCpuBefore;
                clientCpu += phones.ReadingCpuTime() - clientCpuBefore;
                benchCpu += self.TotalProcessorTime - benchCpuBefore;
                allocated += GC.GetTotalAllocatedBytes() - allocatedBefore;
                events += phones.Events - eventsBefore;
                bytes += phones.Bytes - bytesBefore;
            }

            if (desk.SeenAt == 0) errors.Add($"round {round}: the console never showed {display} (another ticket called?)");
            if (!all) errors.Add($"round {round}: {open - phones.Seen} of {open} streams had no event with {display} within {RoundTimeout.TotalSeconds:F0} s");
            var seen = phones.Phones.Where(p => p.SeenReadAt != 0).ToList();
            if (seen.Any(p => p.SeenArrivedUnixNs == 0)) errors.Add($"round {round}: the kernel gave no receive time for {seen.Count(p => p.SeenArrivedUnixNs == 0)} events");
            seen.RemoveAll(p => p.SeenArrivedUnixNs == 0);
            var roundArrival = seen.Select(p => (p.SeenArrivedUnixNs - startUnixNs) / 1e6).ToList();
            var roundRead = seen.Select(p => Stopwatch.GetElapsedTime(start, p.SeenReadAt).TotalMilliseconds).ToList();
            Console.WriteLine($"  round {round}{(warmingUp ? " (warm-up)" : "")}: {display} on {seen.Count} streams; at the socket {LatencySummary.Of(roundArrival)}; read {LatencySummary.Of(roundRead)?.ToString() ?? "-"}");
            if (warmingUp) continue;
            arrival.AddRange(roundArrival);
            read.AddRange(roundRead);
            delay.AddRange(roundRead.Zip(roundArrival, (r, a) => r - a));
        }
        perf?.Dispose();
        var compiled = await server.CompiledMethodsAsync() - warmUp.CompiledWhenWarm;
        var broken = phones.Phones.Where(p => p.Error is not null).ToList();
        var samples = errors.Concat(broken.Take(5).Select(p => $"stream {p.Index}: {p.Error}")).Take(10).ToList();
        var measured = Math.Max(1, rounds);
        return new SseLoadResult(pages, rounds, warmUp.Rounds, compiled, before, after, clock.Elapsed.TotalSeconds,
            LatencySummary.Of(arrival), LatencySummary.Of(read), LatencySummary.Of(delay),
            serverCpu.TotalMilliseconds / measured, clientCpu.TotalMilliseconds / measured, benchCpu.TotalMilliseconds / measured, allocated / (double)measured,
            events == 0 ? 0 : bytes / (double)events, errors.Count + broken.Count, samples, clientMemory, phones.ReaderBytes());
    }

    private static void Print(SseLoadResult r)
    {
        static string Cell(LatencySummary? s) => s is null ? "-" : $"{s.P50:F0} / {s.P95:F0} / {s.P99:F0} / {s.Max:F0}";
        Console.WriteLine();
        Console.WriteLine($"{r.Pages} ticket pages over server-sent events, {r.MeasuredRounds} measured rounds of 'call next' after {r.WarmUpRounds} to warm up (the server's JIT compiled {r.MethodsCompiledMeasuring} methods during the measured ones)");
        Console.WriteLine("| Pages | Server RSS before / after | RSS per page | Managed heap per page | Call to event read p50 / p95 / p99 / max | Same, at the socket | Client delay p50 / p95 | Server CPU per call | Client CPU per call (reading threads / whole bench) | Streams opened per s | Errors |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {r.Pages:N0} | {r.Before.ResidentBytes / 1e6:F0} / {r.After.ResidentBytes / 1e6:F0} MB | {r.ResidentBytesPerPage / 1024:F1} KB | {r.HeapBytesPerPage / 1024:F1} KB | "
                          + $"{Cell(r.Read)} ms | {Cell(r.Arrival)} ms | {r.ClientDelay?.P50:F0} / {r.ClientDelay?.P95:F0} ms | {r.ServerCpuMillisecondsPerCall:F0} ms | {r.ClientCpuMillisecondsPerCall:F1} / {r.BenchCpuMillisecondsPerCall:F0} ms | {r.StreamsPerSecond:F0} | {r.Errors} |");
        Console.WriteLine($"Load client (this process): working set {r.ClientWorkingSetBytes / 1e6:F0} MB with the streams open; its readers' buffers {r.ClientReaderBytes / 1024.0 / Math.Max(1, r.Pages):F2} KB per stream; "
                          + $"{r.ClientAllocatedBytesPerCall / 1024:F0} KB allocated per call; {r.BytesPerEvent:F0} bytes received per event");
        // The targets are set at 5,000 pages; other sizes are reported against them, not judged.
        var verdict = r.Pages == SseLoadResult.TargetPages ? (r.MeetsTargets ? "met" : "NOT met") : $"{(r.MeetsTargets ? "would be met" : "would not be met")} at this size (judged at {SseLoadResult.TargetPages:N0} only)";
        Console.WriteLine($"Targets at {SseLoadResult.TargetPages:N0} pages: p95 at most {SseLoadResult.LatencyTargetMilliseconds:F0} ms (read by the client), "
                          + $"at most {SseLoadResult.MemoryTargetBytes / 1024:F0} KB of server RSS per page, no errors: {verdict}");
        foreach (var e in r.ErrorSamples) Console.WriteLine("  error: " + e);
    }
}
