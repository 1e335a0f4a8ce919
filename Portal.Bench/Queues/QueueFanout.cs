using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Web.Live;
using Portal.Web.Queues;

namespace Portal.Bench.Queues;

/// <summary>
/// From a staff action to N open ticket pages showing it, in process: N "pages" subscribe on the live bus like
/// TicketPage does (the office's topic and their ticket's) and, on a signal, re-read their ticket's state by its
/// token from the database. One round is one "call next" at a counter: the time from just before the call (its
/// write transaction included) until each page has re-read. Prints percentiles over all pages and rounds, and
/// the managed memory each page's subscriptions and state hold. SignalR's own cost per circuit is not in it.
/// </summary>
public static class QueueFanout
{
    /// <summary>What TicketPage does on its two topics.</summary>
    private sealed class Page(string token, TicketService queues)
    {
        public TicketStatus? State;
        public IDisposable[] Subscriptions = [];

        public async Task ReloadAsync(ConcurrentBag<long> done)
        {
            State = await queues.StatusAsync(token, CancellationToken.None);
            done.Add(Stopwatch.GetTimestamp());
        }

        public async Task OfficeChangedAsync(ConcurrentBag<long> done)
        {
            if (State is { } current) State = await queues.RefreshAsync(current, CancellationToken.None);
            done.Add(Stopwatch.GetTimestamp());
        }
    }

    /// <summary>What one run measured: latency percentiles over every page and measured round.</summary>
    public sealed record Result(int Pages, double P50Ms, double P95Ms, double P99Ms, double MaxMs, double CpuPerRoundMs, double BytesPerPage);

    public static async Task<Result> RunAsync(int pages, int rounds)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chiba-portal-bench", "queue-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite),
                new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db"), Pooling = true }.ToString());
            db.Migrate();
            return await MeasureAsync(db, pages, rounds);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<Result> MeasureAsync(PortalDatabase db, int pages, int rounds)
    {
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var office = await BenchQueueOffice.CreateAsync(db, new LiveQueueSignals(bus), "x");
        var (queues, staff) = (office.Queues, office.Staff);

        // The open ticket pages: one per waiting ticket, plus the tickets the rounds will call.
        var issued = await office.IssueAsync(pages + rounds);
        // The pages that stay open are those called last; the first ones are called by the rounds.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var done = new ConcurrentBag<long>();
        var open = new List<Page>();
        foreach (var ticket in issued.Skip(rounds))
        {
            var page = new Page(ticket.Token, queues);
            await page.ReloadAsync([]);
            page.Subscriptions =
            [
                bus.Subscribe(QueueTopics.Office(BenchQueueOffice.Office), _ => page.OfficeChangedAsync(done)),
                bus.Subscribe(QueueTopics.Ticket(ticket.Ticket.Id), _ => page.ReloadAsync(done)),
            ];
            open.Add(page);
        }
        var after = GC.GetTotalMemory(forceFullCollection: true);

        var latencies = new List<double>();
        var roundMax = new List<double>();
        var self = Process.GetCurrentProcess();
        var cpu = TimeSpan.Zero;
        for (var round = 0; round < rounds; round++)
        {
            done.Clear();
            if (round > 0)
            {
                // The counter finishes the previous ticket first, unmeasured.
                var desk = await queues.DeskAsync(staff, default);
                if (desk?.Current is { } current) await queues.FinishAsync(staff, current.Id, default);
                await WaitAsync(() => done.Count >= pages);
                done.Clear();
            }
            self.Refresh();
            var cpuBefore = self.TotalProcessorTime;
            var start = Stopwatch.GetTimestamp();
            await queues.CallNextAsync(staff, default);
            await WaitAsync(() => done.Count >= pages);
            self.Refresh();
            if (round > 0) cpu += self.TotalProcessorTime - cpuBefore;
            var ms = done.Select(t => Stopwatch.GetElapsedTime(start, t).TotalMilliseconds).Order().ToList();
            if (round == 0) continue; // warm-up
            latencies.AddRange(ms);
            roundMax.Add(ms[^1]);
        }
        latencies.Sort();
        double P(double p) => latencies[(int)Math.Min(latencies.Count - 1, Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine($"{pages} open ticket pages, {rounds - 1} measured rounds of 'call next' (first round is warm-up), SQLite");
        Console.WriteLine($"  staff action -> page re-read: p50 {P(0.50):F0} ms, p95 {P(0.95):F0} ms, p99 {P(0.99):F0} ms, max {latencies[^1]:F0} ms");
        Console.WriteLine($"  last page of a round: median {roundMax.Order().ElementAt(roundMax.Count / 2):F0} ms");
        Console.WriteLine($"  CPU time of the process per round (action, signals, all re-reads): {cpu.TotalMilliseconds / (rounds - 1):F0} ms");
        Console.WriteLine($"  managed memory per open page (subscriptions and its state): {(after - before) / (double)pages:F0} B");
        GC.KeepAlive(open);
        return new Result(pages, P(0.50), P(0.95), P(0.99), latencies[^1], cpu.TotalMilliseconds / (rounds - 1), (after - before) / (double)pages);
    }

    private static async Task WaitAsync(Func<bool> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(2)) throw new TimeoutException("The pages did not all re-read within two minutes.");
            await Task.Delay(1);
        }
    }
}
