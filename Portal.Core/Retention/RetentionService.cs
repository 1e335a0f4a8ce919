using System.Globalization;
using Portal.Core.Audit;
using Portal.Core.Time;

namespace Portal.Core.Retention;

/// <summary>One batch of one kind: how many rows went, and whether more may still be due.</summary>
public readonly record struct RetentionBatch(int Removed, bool More);

/// <summary>What a run removed of one kind, and the boundary it applied.</summary>
public sealed record RetentionCount(RetentionKind Kind, DateTimeOffset BeforeUtc, int Removed);

/// <summary>A recorded run: who started it ("nightly" or an administrator), when, what it removed, and any failure.</summary>
public sealed record RetentionRunRecord(long Id, DateTimeOffset StartedUtc, DateTimeOffset? FinishedUtc, string StartedBy, string? Error,
    IReadOnlyList<RetentionCount> Counts);

/// <summary>The data side of retention: removes due rows a batch at a time and records the runs.</summary>
public interface IRetentionStore
{
    /// <summary>
    /// Removes at most <paramref name="batchSize"/> due rows of one kind in one short write transaction, and the files
    /// those rows stand for (abandoned uploads) before it commits, so a row goes only with its files.
    /// </summary>
    Task<RetentionBatch> RemoveBatchAsync(RetentionKind kind, RetentionBoundaries boundaries, int batchSize, CancellationToken ct);

    Task<long> StartRunAsync(string startedBy, DateTimeOffset startedUtc, CancellationToken ct);

    Task FinishRunAsync(long runId, IReadOnlyList<RetentionCount> counts, DateTimeOffset finishedUtc, string? error, CancellationToken ct);

    Task<IReadOnlyList<RetentionRunRecord>> ListRunsAsync(int take, CancellationToken ct);
}

public static class RetentionAudit
{
    public const string Entity = "retention-run";
    /// <summary>One record per run, with the counts and boundaries; for "run now" the actor is the administrator.</summary>
    public const string Applied = "retention.applied";
}

/// <summary>
/// Applies <see cref="RetentionPolicy"/>: every kind in turn, batch by batch (each its own write transaction, with a
/// short pause between, so other writers get the database), then records the run and one audit record.
/// One run at a time in this process; a second server running the same night removes nothing twice.
/// </summary>
public sealed class RetentionService(IRetentionStore store, RetentionPolicy policy, AuditTrail audit, TimeProvider time)
{
    public const string Nightly = "nightly";

    private static readonly TimeSpan PauseBetweenBatches = TimeSpan.FromMilliseconds(5);
    private readonly SemaphoreSlim _gate = new(1, 1);

    public RetentionPolicy Policy => policy;

    public bool Running => _gate.CurrentCount == 0;

    /// <summary>Runs now; null when a run is already going in this process.</summary>
    public async Task<RetentionRunRecord?> RunAsync(Actor actor, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct)) return null;
        try
        {
            var started = time.GetUtcNow();
            var boundaries = policy.BoundariesAt(started);
            var runId = await store.StartRunAsync(actor.Name, started, ct);
            var counts = new List<RetentionCount>();
            string? error = null;
            try
            {
                foreach (var kind in Enum.GetValues<RetentionKind>())
                    counts.Add(new(kind, boundaries.BeforeUtc[kind], await RemoveAllAsync(kind, boundaries, ct)));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                error = e.Message.Length > 1000 ? e.Message[..1000] : e.Message;
            }
            var finished = time.GetUtcNow();
            await store.FinishRunAsync(runId, counts, finished, error, ct);
            await audit.RecordAsync(actor, RetentionAudit.Applied, RetentionAudit.Entity, runId.ToString(CultureInfo.InvariantCulture),
                Describe(counts, error), ct);
            return new RetentionRunRecord(runId, started, finished, actor.Name, error, counts);
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<IReadOnlyList<RetentionRunRecord>> ListRunsAsync(int take, CancellationToken ct) => store.ListRunsAsync(take, ct);

    private async Task<int> RemoveAllAsync(RetentionKind kind, RetentionBoundaries boundaries, CancellationToken ct)
    {
        var total = 0;
        while (true)
        {
            var batch = await store.RemoveBatchAsync(kind, boundaries, policy.BatchSize, ct);
            total += batch.Removed;
            if (!batch.More) return total;
            // A pause, not a clock reading: lets a waiting writer take the lock before the next batch.
            await Task.Delay(PauseBetweenBatches, ct);
        }
    }

    /// <summary>"TicketAddresses 3 before 2026-12-06; …" with each boundary as a Japan date.</summary>
    public static string Describe(IReadOnlyList<RetentionCount> counts, string? error)
    {
        var text = string.Join("; ", counts.Select(c =>
            $"{c.Kind} {c.Removed} before {JapanTime.ToJapan(c.BeforeUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"));
        return error is null ? text : $"{text}; failed: {error}";
    }
}
