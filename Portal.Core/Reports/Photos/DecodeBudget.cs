namespace Portal.Core.Reports.Photos;

/// <summary>
/// Bounds the memory that image decodes hold at once: each decode asks for its pixels' bytes (width x height x 4, read
/// from the header before any pixel is decoded) and waits until they fit under the ceiling with the others in flight.
/// Waiters are served in order, so a 40-megapixel photo is not passed over for ever by small ones; a request larger
/// than the ceiling runs alone. Many residents uploading large images at once then wait their turn instead of pushing
/// the process past its memory.
/// </summary>
public sealed class DecodeBudget
{
    public const long DefaultCeilingBytes = 512L * 1024 * 1024;

    private readonly object _lock = new();
    private readonly LinkedList<Waiter> _queue = new();
    private long _inFlight, _peak;

    public DecodeBudget(long ceilingBytes = DefaultCeilingBytes)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(ceilingBytes, 1);
        CeilingBytes = ceilingBytes;
    }

    public long CeilingBytes { get; }

    /// <summary>Bytes held by decodes now.</summary>
    public long InFlightBytes { get { lock (_lock) return _inFlight; } }

    /// <summary>The most ever held at once (health checks and tests read it).</summary>
    public long PeakBytes { get { lock (_lock) return _peak; } }

    /// <summary>How many decodes are waiting for room.</summary>
    public int Waiting { get { lock (_lock) return _queue.Count; } }

    /// <summary>The bytes to hold for decoding an image of this size.</summary>
    public static long BytesFor(int width, int height) => (long)Math.Max(0, width) * Math.Max(0, height) * 4;

    /// <summary>Waits until <paramref name="bytes"/> fit, holds them until the returned lease is disposed.</summary>
    public async Task<IDisposable> AcquireAsync(long bytes, CancellationToken ct)
    {
        var wanted = Math.Clamp(bytes, 0, CeilingBytes);
        Waiter waiter;
        lock (_lock)
        {
            if (_queue.Count == 0 && _inFlight + wanted <= CeilingBytes)
            {
                Hold(wanted);
                return new Lease(this, wanted);
            }
            waiter = new Waiter(wanted);
            waiter.Node = _queue.AddLast(waiter);
        }
        using (ct.Register(() => Cancel(waiter, ct)))
            await waiter.Granted.Task;
        return new Lease(this, wanted);
    }

    private void Hold(long bytes)
    {
        _inFlight += bytes;
        _peak = Math.Max(_peak, _inFlight);
    }

    private void Cancel(Waiter waiter, CancellationToken ct)
    {
        lock (_lock)
        {
            if (waiter.Node?.List is null) return; // granted already: the lease gives it back
            _queue.Remove(waiter.Node);
            GrantWaiting(); // a large request at the head may have held back smaller ones behind it
        }
        waiter.Granted.TrySetCanceled(ct);
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _inFlight -= bytes;
            GrantWaiting();
        }
    }

    private void GrantWaiting()
    {
        while (_queue.First is { } first && _inFlight + first.Value.Bytes <= CeilingBytes)
        {
            _queue.RemoveFirst();
            Hold(first.Value.Bytes);
            first.Value.Granted.TrySetResult();
        }
    }

    private sealed class Waiter(long bytes)
    {
        public long Bytes { get; } = bytes;
        public LinkedListNode<Waiter>? Node { get; set; }
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private sealed class Lease(DecodeBudget budget, long bytes) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) budget.Release(bytes);
        }
    }
}
