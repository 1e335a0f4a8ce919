namespace Portal.Core.Notifications;

/// <summary>
/// The worker's alarm clock: <see cref="Notify"/> wakes a waiting <see cref="WaitAsync"/> at once; otherwise it returns
/// after the poll interval. Several notifications while the worker is busy collapse into one wake-up.
/// </summary>
public sealed class OutboxSignal : IOutboxSignal
{
    private readonly SemaphoreSlim _signal = new(0, 1);
    private int _waiting;

    /// <summary>How many workers are waiting for a signal right now (health checks and tests read it).</summary>
    public int Waiting => Volatile.Read(ref _waiting);

    public void Notify()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled: the worker will look once more anyway.
        }
    }

    /// <summary>True when woken by a signal, false when the poll interval passed.</summary>
    public async Task<bool> WaitAsync(TimeSpan poll, TimeProvider time, CancellationToken ct)
    {
        Interlocked.Increment(ref _waiting);
        try
        {
            return await WaitCoreAsync(poll, time, ct);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private async Task<bool> WaitCoreAsync(TimeSpan poll, TimeProvider time, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var delay = Task.Delay(poll, time, timeout.Token);
        var signal = _signal.WaitAsync(timeout.Token);
        var first = await Task.WhenAny(signal, delay);
        await timeout.CancelAsync();
        ct.ThrowIfCancellationRequested();
        if (first == signal) return true;
        // The poll ran out; a signal may have arrived in the same moment and is taken here rather than lost.
        try
        {
            await signal;
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
