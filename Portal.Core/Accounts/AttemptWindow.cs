using System.Collections.Concurrent;

namespace Portal.Core.Accounts;

/// <summary>
/// Counts guesses at something secret (a mailed registration code, say) per key within a sliding window, so that
/// a limit holds however the guesses are spread. The web layer puts it in Redis when the portal runs on several
/// nodes, so that the limit is one for the whole city and not one per node.
/// </summary>
public interface IAttemptWindow
{
    /// <summary>Counts one attempt for <paramref name="key"/>, unless <paramref name="max"/> were counted within <paramref name="window"/>: then false.</summary>
    Task<bool> TryAttemptAsync(string key, int max, TimeSpan window, CancellationToken ct);

    /// <summary>Forgets the key's attempts (after a success).</summary>
    Task ResetAsync(string key, CancellationToken ct);
}

/// <summary>The attempts of one node, in memory: right for a single node, and for tests.</summary>
public sealed class MemoryAttemptWindow(TimeProvider time) : IAttemptWindow
{
    private readonly ConcurrentDictionary<string, List<DateTimeOffset>> _attempts = new(StringComparer.Ordinal);

    public Task<bool> TryAttemptAsync(string key, int max, TimeSpan window, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recent = _attempts.GetOrAdd(key, _ => []);
        lock (recent)
        {
            recent.RemoveAll(t => now - t > window);
            if (recent.Count >= max) return Task.FromResult(false);
            recent.Add(now);
            return Task.FromResult(true);
        }
    }

    public Task ResetAsync(string key, CancellationToken ct)
    {
        _attempts.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
