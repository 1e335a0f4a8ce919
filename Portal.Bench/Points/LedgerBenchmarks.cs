using BenchmarkDotNet.Attributes;

namespace Portal.Bench.Points;

/// <summary>
/// One posting through the real ledger on SQLite, per kind: an earning (new lot) and a spend (FIFO over the
/// wallet's lots), each a write transaction with the idempotency lookup and the database's checks; and a
/// replay of a posted key. Per operation, averaged over 200 operations per invocation.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class LedgerBenchmarks
{
    private const int Operations = 200;
    private BenchLedger _bench = null!;
    private int _round;

    [GlobalSetup]
    public void Setup()
    {
        _bench = BenchLedger.CreateAsync(200).GetAwaiter().GetResult();
        foreach (var resident in _bench.Residents)
            for (var i = 0; i < 20; i++) _bench.EarnAsync(resident, $"setup:{resident}:{i}").GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task Earn()
    {
        var round = Interlocked.Increment(ref _round);
        for (var i = 0; i < Operations; i++) await _bench.EarnAsync(_bench.Residents[i % _bench.Residents.Length], $"earn:{round}:{i}");
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task Spend()
    {
        var round = Interlocked.Increment(ref _round);
        for (var i = 0; i < Operations; i++) await _bench.SpendAsync(_bench.Residents[i % _bench.Residents.Length], $"spend:{round}:{i}");
    }

    [Benchmark(OperationsPerInvoke = Operations)]
    public async Task Replay()
    {
        for (var i = 0; i < Operations; i++)
        {
            var resident = _bench.Residents[i % _bench.Residents.Length];
            await _bench.EarnAsync(resident, $"setup:{resident}:0");
        }
    }
}
