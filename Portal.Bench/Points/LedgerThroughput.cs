using System.Diagnostics;
using Portal.Core.Points;
using Portal.Core.Rules;

namespace Portal.Bench.Points;

/// <summary>
/// Sustained ledger throughput on SQLite: for <c>seconds</c>, <c>writers</c> tasks post a mix of requests
/// through PointsLedgerService, each one a write transaction (BEGIN IMMEDIATE) with the idempotency-key lookup,
/// the accounts held, FIFO lot selection for spends and the database's balance and sum checks:
/// 60 % earnings (a new lot), 30 % spends (oldest lots first, refused when the wallet is short), 10 % replays
/// of a key already posted (answered from the first result, nothing written).
/// </summary>
public static class LedgerThroughput
{
    /// <summary>What one run sustained, per second of wall time, and whether the ledger checked clean afterwards.</summary>
    public sealed record Result(int Writers, double PostingsPerSecond, double TransactionsPerSecond, double CpuPerRequestMs, bool Clean);

    public static async Task<Result> RunAsync(int seconds, int writers, int residents = 1000)
    {
        using var bench = await BenchLedger.CreateAsync(residents);
        // Warm up: every wallet gets a lot, so spends find points.
        foreach (var resident in bench.Residents) await bench.EarnAsync(resident, $"warm:{resident}");

        long transactions = 0, postings = 0, replays = 0, refused = 0;
        var self = Process.GetCurrentProcess();
        self.Refresh();
        var cpuBefore = self.TotalProcessorTime;
        var stop = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var random = new Random(w);
            var n = 0;
            while (stop.Elapsed < until)
            {
                var resident = bench.Residents[random.Next(bench.Residents.Length)];
                var roll = random.Next(10);
                try
                {
                    var result = roll switch
                    {
                        < 6 => await bench.EarnAsync(resident, $"earn:{w}:{n}"),
                        < 9 => await bench.SpendAsync(resident, $"spend:{w}:{n}"),
                        _ => await bench.EarnAsync(resident, $"warm:{resident}"),
                    };
                    if (result.Replayed) Interlocked.Increment(ref replays);
                    else
                    {
                        Interlocked.Increment(ref transactions);
                        Interlocked.Add(ref postings, result.Transaction.Postings.Count);
                    }
                }
                catch (RuleException e) when (e.Key == PointsErrors.InsufficientPoints)
                {
                    Interlocked.Increment(ref refused);
                }
                n++;
            }
        })));
        var elapsed = stop.Elapsed.TotalSeconds;
        self.Refresh();
        var cpuPerRequest = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds / (transactions + replays + refused);
        var report = await bench.Service.CheckIntegrityAsync(CancellationToken.None);
        Console.WriteLine($"{writers} writer(s), {seconds} s, {residents} wallets:");
        Console.WriteLine($"  transactions posted: {transactions:N0} ({transactions / elapsed:N0}/s)");
        Console.WriteLine($"  postings written:    {postings:N0} ({postings / elapsed:N0}/s)");
        Console.WriteLine($"  replays answered:    {replays:N0} ({replays / elapsed:N0}/s); spends refused for want of points: {refused:N0}");
        Console.WriteLine($"  requests in all:     {(transactions + replays + refused) / elapsed:N0}/s");
        Console.WriteLine($"  CPU time per request: {cpuPerRequest:F3} ms (this process, all threads); load average now: {File.ReadAllText("/proc/loadavg").Trim()}");
        Console.WriteLine($"  integrity check afterwards: {(report.IsClean ? "clean" : report.Problems.Count + " problems")} ({report.Transactions:N0} transactions, {report.Lots:N0} lots)");
        return new Result(writers, postings / elapsed, transactions / elapsed, cpuPerRequest, report.IsClean);
    }
}
