using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Audit;
using Portal.Core.Retention;
using Portal.Tests.Infrastructure;
using Portal.Web.Retention;

namespace Portal.Tests.Retention;

/// <summary>The nightly job on a fake clock: it runs at 03:30 Japan time, once a night, batch by batch.</summary>
public sealed class RetentionJobTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A store with a given number of due rows per kind, which records runs and batches.</summary>
    private sealed class FakeStore(TimeProvider time, int duePerKind) : IRetentionStore
    {
        private readonly Dictionary<RetentionKind, int> _due = Enum.GetValues<RetentionKind>().ToDictionary(k => k, _ => duePerKind);
        public List<DateTimeOffset> Started { get; } = [];
        public List<IReadOnlyList<RetentionCount>> Finished { get; } = [];
        public int Batches { get; private set; }

        public Task<RetentionBatch> RemoveBatchAsync(RetentionKind kind, RetentionBoundaries boundaries, int batchSize, CancellationToken ct)
        {
            lock (_due)
            {
                Batches++;
                var removed = Math.Min(batchSize, _due[kind]);
                _due[kind] -= removed;
                return Task.FromResult(new RetentionBatch(removed, removed == batchSize));
            }
        }

        public Task<long> StartRunAsync(string startedBy, DateTimeOffset startedUtc, CancellationToken ct)
        {
            lock (Started) { Started.Add(time.GetUtcNow()); return Task.FromResult((long)Started.Count); }
        }

        public Task FinishRunAsync(long runId, IReadOnlyList<RetentionCount> counts, DateTimeOffset finishedUtc, string? error, CancellationToken ct)
        {
            lock (Finished) Finished.Add(counts);
            return Task.CompletedTask;
        }

        public Task<IReadOnlyList<RetentionRunRecord>> ListRunsAsync(int take, CancellationToken ct) => Task.FromResult<IReadOnlyList<RetentionRunRecord>>([]);
    }

    private sealed class MemoryLog : IAuditLog
    {
        public List<AuditEntry> Entries { get; } = [];
        public Task AppendAsync(AuditEntry entry, CancellationToken ct) { lock (Entries) Entries.Add(entry); return Task.CompletedTask; }
        public Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken ct) => Task.FromResult<IReadOnlyList<AuditEntry>>(Entries.ToList());
        public Task<int> CountAsync(AuditQuery query, CancellationToken ct) => Task.FromResult(Entries.Count);
    }

    private static DateTimeOffset Japan(int day, int hour, int minute) => new DateTimeOffset(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    /// <summary>
    /// A fake clock that shows what the job waits for: the end of each wait it started that has not come. A timer
    /// whose time came fires inside <see cref="SetUtcNow"/>, so right after it the waits still open are exact.
    /// </summary>
    private sealed class WatchedClock(DateTimeOffset start) : TimeProvider
    {
        private readonly FakeTimeProvider _fake = new(start);
        private readonly System.Collections.Concurrent.ConcurrentDictionary<Wait, byte> _open = new();

        private sealed class Wait(DateTimeOffset until)
        {
            public DateTimeOffset Until => until;
        }

        /// <summary>The ends of the waits still open, earliest first.</summary>
        public IReadOnlyList<DateTimeOffset> OpenWaits => _open.Keys.Select(w => w.Until).Order().ToList();

        public void SetUtcNow(DateTimeOffset now) => _fake.SetUtcNow(now);
        public override DateTimeOffset GetUtcNow() => _fake.GetUtcNow();
        public override long GetTimestamp() => _fake.GetTimestamp();
        public override long TimestampFrequency => _fake.TimestampFrequency;
        public override TimeZoneInfo LocalTimeZone => _fake.LocalTimeZone;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
        {
            var wait = new Wait(GetUtcNow() + dueTime);
            _open.TryAdd(wait, 0);
            return new Watched(_fake.CreateTimer(s => { _open.TryRemove(wait, out _); callback(s); }, state, dueTime, period), () => _open.TryRemove(wait, out _));
        }

        private sealed class Watched(ITimer timer, Action ended) : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => timer.Change(dueTime, period);
            public void Dispose() { ended(); timer.Dispose(); }
            public ValueTask DisposeAsync() { ended(); return timer.DisposeAsync(); }
        }
    }

    [Fact]
    public async Task The_job_runs_at_half_past_three_Japan_time_each_night_and_audits_each_run()
    {
        var time = new WatchedClock(Japan(6, 3, 0));
        var store = new FakeStore(time, duePerKind: 5);
        var log = new MemoryLog();
        var service = new RetentionService(store, new RetentionPolicy(new RetentionOptions { BatchSize = 2 }), new AuditTrail(log, time), time);
        using var job = new RetentionJob(service, time, NullLogger<RetentionJob>.Instance);
        await job.StartAsync(Ct);

        // The job waits for 03:30 and nothing else; at 03:29 it is still waiting, so no run has started.
        await Eventually.TrueAsync(() => time.OpenWaits.SequenceEqual([Japan(6, 3, 30)]), what: "the job waits for 03:30");
        time.SetUtcNow(Japan(6, 3, 29));
        Assert.Equal([Japan(6, 3, 30)], time.OpenWaits);
        Assert.Empty(store.Started);

        time.SetUtcNow(Japan(6, 3, 30));
        await Eventually.TrueAsync(() => store.Finished.Count == 1 && log.Entries.Count == 1, what: "the first night's run");
        Assert.Equal([Japan(6, 3, 30)], store.Started);
        // Five due rows two at a time: 2, 2, 1 for each kind.
        Assert.All(store.Finished[0], c => Assert.Equal(5, c.Removed));
        Assert.Equal(3 * Enum.GetValues<RetentionKind>().Length, store.Batches);
        var entry = Assert.Single(log.Entries);
        Assert.Equal((RetentionService.Nightly, RetentionAudit.Applied), (entry.ActorName, entry.Action));

        // Nothing more that night: after the run the job waits for the next night's 03:30, and is still waiting at 03:29.
        await Eventually.TrueAsync(() => time.OpenWaits.SequenceEqual([Japan(7, 3, 30)]), what: "the job waits for the next night");
        time.SetUtcNow(Japan(7, 3, 29));
        Assert.Equal([Japan(7, 3, 30)], time.OpenWaits);
        Assert.Single(store.Started);
        time.SetUtcNow(Japan(7, 3, 30));
        await Eventually.TrueAsync(() => store.Finished.Count == 2, what: "the second night's run");
        Assert.Equal([Japan(6, 3, 30), Japan(7, 3, 30)], store.Started);
        Assert.All(store.Finished[1], c => Assert.Equal(0, c.Removed));

        await job.StopAsync(Ct);
    }

    [Fact]
    public async Task A_run_already_going_is_not_started_twice()
    {
        var time = new FakeTimeProvider(Japan(6, 12, 0));
        var gate = new TaskCompletionSource();
        var store = new BlockingStore(gate.Task);
        var service = new RetentionService(store, new RetentionPolicy(new RetentionOptions()), new AuditTrail(new MemoryLog(), time), time);

        var first = service.RunAsync(Actor.System, Ct);
        Assert.True(service.Running);
        Assert.Null(await service.RunAsync(Actor.System, Ct));
        gate.SetResult();
        Assert.NotNull(await first);
        Assert.False(service.Running);
    }

    private sealed class BlockingStore(Task gate) : IRetentionStore
    {
        public async Task<RetentionBatch> RemoveBatchAsync(RetentionKind kind, RetentionBoundaries boundaries, int batchSize, CancellationToken ct)
        {
            await gate;
            return new RetentionBatch(0, false);
        }

        public Task<long> StartRunAsync(string startedBy, DateTimeOffset startedUtc, CancellationToken ct) => Task.FromResult(1L);
        public Task FinishRunAsync(long runId, IReadOnlyList<RetentionCount> counts, DateTimeOffset finishedUtc, string? error, CancellationToken ct) => Task.CompletedTask;
        public Task<IReadOnlyList<RetentionRunRecord>> ListRunsAsync(int take, CancellationToken ct) => Task.FromResult<IReadOnlyList<RetentionRunRecord>>([]);
    }
}
