using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Infrastructure;
using Portal.Web.ScaleOut;
using StackExchange.Redis;

namespace Portal.Tests.ScaleOut;

/// <summary>
/// The jobs' lock between nodes on a Redis of the test's own: one holder at a time, a lease its holder renews, and a
/// holder whose lease ran out (a long pause, a lost _one) touches neither the lease nor the lock of the node
/// that took it next. The renewal runs on a fake clock; the lease running out is the key going, as Redis does it.
/// </summary>
public sealed class RedisClusterLockTests : IAsyncLifetime
{
    private const string Job = "for-you-run";

    private RedisServer _redis = null!;
    private ConnectionMultiplexer _one = null!, _two = null!;
    private RedisOptions _options = null!;

    /// <summary>A Redis for each test, and two nodes' connections to it; nothing where it is not installed (the tests skip).</summary>
    public async ValueTask InitializeAsync()
    {
        if (RedisServer.ExecutablePath is null) return;
        _redis = await RedisServer.StartNewAsync();
        _one = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _two = await ConnectionMultiplexer.ConnectAsync(_redis.Configuration);
        _options = new RedisOptions { Configuration = _redis.Configuration };
    }

    public async ValueTask DisposeAsync()
    {
        if (_two is not null) await _two.DisposeAsync();
        if (_one is not null) await _one.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
    }

    private RedisKey Key => _options.Key("lock:" + Job);

    [Fact]
    public async Task A_job_lock_is_held_by_one_node_until_it_lets_go()
    {
        RedisServer.SkipUnlessInstalled();
        var a = new RedisClusterLock(_one, _options, TimeProvider.System, NullLogger<RedisClusterLock>.Instance);
        var b = new RedisClusterLock(_two, _options, TimeProvider.System, NullLogger<RedisClusterLock>.Instance);

        var held = await a.TryTakeAsync(Job, Ct);
        Assert.NotNull(held);
        Assert.Null(await b.TryTakeAsync(Job, Ct));
        await held.DisposeAsync();
        var taken = await b.TryTakeAsync(Job, Ct);
        Assert.NotNull(taken);
        await taken.DisposeAsync();
        Assert.False(await _one.GetDatabase().KeyExistsAsync(Key));
    }

    [Fact]
    public async Task The_holder_renews_its_lease_while_it_holds_the_lock()
    {
        RedisServer.SkipUnlessInstalled();
        var time = new FakeTimeProvider();
        var db = _one.GetDatabase();

        await using var held = await new RedisClusterLock(_one, _options, time, NullLogger<RedisClusterLock>.Instance).TryTakeAsync(Job, Ct);
        Assert.NotNull(held);
        Assert.InRange((await db.KeyTimeToLiveAsync(Key))!.Value, RedisClusterLock.Lease - TimeSpan.FromMinutes(1), RedisClusterLock.Lease);
        // The lease nearly out, as after a long job: the next renewal gives it a whole lease again.
        await db.KeyExpireAsync(Key, TimeSpan.FromSeconds(30));

        time.Advance(RedisClusterLock.RenewEvery);

        await Eventually.TrueAsync(async () => await db.KeyTimeToLiveAsync(Key) > TimeSpan.FromMinutes(1), what: "the lease is renewed");
    }

    [Fact]
    public async Task A_holder_whose_lease_ran_out_neither_renews_nor_releases_the_lock_another_node_took()
    {
        RedisServer.SkipUnlessInstalled();
        var timeOnA = new FakeTimeProvider();
        var logOnA = new RecordingLog();
        var a = new RedisClusterLock(_one, _options, timeOnA, logOnA);
        var b = new RedisClusterLock(_two, _options, TimeProvider.System, NullLogger<RedisClusterLock>.Instance);
        var db = _one.GetDatabase();

        var late = await a.TryTakeAsync(Job, Ct);
        Assert.NotNull(late);
        // A's lease runs out while A still works; B takes the lock.
        await db.KeyDeleteAsync(Key);
        await using var taken = await b.TryTakeAsync(Job, Ct);
        Assert.NotNull(taken);
        var tokenOfB = await db.StringGetAsync(Key);
        await db.KeyExpireAsync(Key, TimeSpan.FromSeconds(30));

        // A's renewal finds the lock is not its own any more, says so, and leaves B's lease as it was.
        timeOnA.Advance(RedisClusterLock.RenewEvery);
        await Eventually.TrueAsync(() => logOnA.Warnings.Any(w => w.Contains("ran out before its job finished", StringComparison.Ordinal)),
            what: "A's renewal ran");
        Assert.InRange((await db.KeyTimeToLiveAsync(Key))!.Value, TimeSpan.Zero, TimeSpan.FromSeconds(30));

        // A's job ends: its release leaves B's lock in place.
        await late.DisposeAsync();
        Assert.Equal(tokenOfB, await db.StringGetAsync(Key));
        Assert.Null(await a.TryTakeAsync(Job, Ct));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed class RecordingLog : ILogger<RedisClusterLock>
    {
        public ConcurrentQueue<string> Warnings { get; } = new();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning) Warnings.Enqueue(formatter(state, exception));
        }
    }
}
