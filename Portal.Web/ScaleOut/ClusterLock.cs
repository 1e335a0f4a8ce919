using StackExchange.Redis;

namespace Portal.Web.ScaleOut;

/// <summary>
/// A lock held by one node of the portal at a time, for the background jobs that must not run on two nodes at once
/// (the For You run). The jobs that are safe on every node (outbox delivery with leases, points expiry and supporter
/// reminders with idempotency keys) do not take it.
/// </summary>
public interface IClusterLock
{
    /// <summary>Takes the named lock, or returns null when another node holds it. Disposing the handle releases it.</summary>
    Task<IAsyncDisposable?> TryTakeAsync(string name, CancellationToken ct);
}

/// <summary>One node: nothing else can hold the lock; the job's own gate keeps it to one run on this node.</summary>
public sealed class SingleNodeLock : IClusterLock
{
    public Task<IAsyncDisposable?> TryTakeAsync(string name, CancellationToken ct) => Task.FromResult<IAsyncDisposable?>(Held.Instance);

    private sealed class Held : IAsyncDisposable
    {
        public static readonly Held Instance = new();
        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}

/// <summary>
/// The lock as a Redis key set only when absent, holding a token of its holder, with a lease renewed while held: a
/// node that dies lets the lock go when the lease runs out, and only the holder's token can renew or release it.
/// StackExchange.Redis' own lock calls do each step (LockTake: SET NX PX; LockExtend and LockRelease: a transaction
/// that expires or deletes the key only while it still holds the token).
/// </summary>
public sealed class RedisClusterLock(IConnectionMultiplexer redis, RedisOptions options, TimeProvider time, ILogger<RedisClusterLock> log) : IClusterLock
{
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How often a holder renews its lease: three times per lease, so one failed renewal costs nothing.</summary>
    public static readonly TimeSpan RenewEvery = Lease / 3;

    public async Task<IAsyncDisposable?> TryTakeAsync(string name, CancellationToken ct)
    {
        var key = (RedisKey)options.Key("lock:" + name);
        var token = Guid.NewGuid().ToString("N");
        var db = redis.GetDatabase();
        if (!await db.LockTakeAsync(key, token, Lease)) return null;
        return new Held(db, key, token, time, log);
    }

    private sealed class Held : IAsyncDisposable
    {
        private readonly IDatabase _db;
        private readonly RedisKey _key;
        private readonly RedisValue _token;
        private readonly ILogger _log;
        private readonly ITimer _renewal;

        public Held(IDatabase db, RedisKey key, string token, TimeProvider time, ILogger log)
        {
            (_db, _key, _token, _log) = (db, key, token, log);
            _renewal = time.CreateTimer(_ => _ = RenewAsync(), null, RenewEvery, RenewEvery);
        }

        private async Task RenewAsync()
        {
            try
            {
                if (!await _db.LockExtendAsync(_key, _token, Lease))
                    _log.LogWarning("The lock {Key} ran out before its job finished; another node may start the job.", _key.ToString());
            }
            catch (RedisException e)
            {
                _log.LogWarning(e, "Renewing the lock {Key} failed; it holds until its lease runs out.", _key.ToString());
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _renewal.DisposeAsync();
            try
            {
                await _db.LockReleaseAsync(_key, _token);
            }
            catch (RedisException e)
            {
                _log.LogWarning(e, "Releasing the lock {Key} failed; it goes when its lease runs out.", _key.ToString());
            }
        }
    }
}
