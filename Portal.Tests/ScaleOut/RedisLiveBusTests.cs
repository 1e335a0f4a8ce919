using System.Collections.Concurrent;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using Portal.Web.Live;
using Portal.Web.ScaleOut;
using StackExchange.Redis;

namespace Portal.Tests.ScaleOut;

/// <summary>
/// Two web nodes' buses on one Redis: a signal reaches every subscriber on both nodes once, this node's first and
/// without Redis, and the nodes find each other again after Redis restarts.
/// </summary>
public sealed class RedisLiveBusTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signal_reaches_each_subscriber_on_both_nodes_once_and_the_own_node_first()
    {
        await using var redis = await RedisServer.StartNewAsync();
        using var node = Node(redis, out var a, out _);
        using var otherNode = Node(redis, out var b, out _);
        await WhenConnectedAsync(a, b);
        var heard = new ConcurrentQueue<string>();
        using var onA = a.Subscribe("queue:office:chuo", p => Heard(heard, "a", p));
        using var onB1 = b.Subscribe("queue:office:chuo", p => Heard(heard, "b1", p));
        using var onB2 = b.Subscribe("queue:office:chuo", p => Heard(heard, "b2", p));
        using var elsewhere = b.Subscribe("queue:office:mihama", p => Heard(heard, "mihama", p));
        var markerOnA = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var marker = a.Subscribe("marker", _ => { markerOnA.TrySetResult(); return Task.CompletedTask; });

        a.Publish("queue:office:chuo", "A-012");

        // This node's subscriber hears it from the node itself, not through Redis (it is heard once, below).
        await Eventually.TrueAsync(() => heard.Contains("a:A-012"), what: "the own node's subscriber heard it");
        await Eventually.TrueAsync(() => heard.Count(h => h.StartsWith('b')) == 2, what: "both subscribers on B heard it");
        // Node B answers after it heard the signal, so node A's own echo from Redis came to A before the marker.
        b.Publish("marker");
        await Eventually.DoneAsync(markerOnA.Task, what: "A hears B's marker");
        Assert.Equal(["a:A-012", "b1:A-012", "b2:A-012"], heard.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public async Task An_office_signal_from_another_node_is_heard_by_the_listeners_before_the_pages()
    {
        await using var redis = await RedisServer.StartNewAsync();
        var order = new ConcurrentQueue<string>();
        var listener = new RecordingListener(order);
        using var node = Node(redis, out var a, out _);
        using var otherNode = Node(redis, out var b, out _, listener);
        await WhenConnectedAsync(a, b);
        var pageHeard = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var page = b.Subscribe("queue:office:chuo", _ => { order.Enqueue("page"); pageHeard.TrySetResult(); return Task.CompletedTask; });

        b.Publish("queue:office:chuo");
        a.Publish("queue:office:chuo");

        await Eventually.DoneAsync(pageHeard.Task, what: "the page on B hears its own node's signal");
        await Eventually.TrueAsync(() => order.Count >= 3, what: "A's signal reaches B's listener and page");
        // B's own signal reached its page directly (no listener: B knows what it changed); A's went through the listener first.
        Assert.Equal(["page", "listener:queue:office:chuo", "page"], order.ToArray());
    }

    [Fact]
    public async Task The_nodes_find_each_other_again_after_Redis_restarts_and_the_own_node_is_served_meanwhile()
    {
        await using var redis = await RedisServer.StartNewAsync();
        using var node = Node(redis, out var a, out var aRedis);
        using var otherNode = Node(redis, out var b, out var bRedis);
        await WhenConnectedAsync(a, b);
        var onB = 0;
        var onA = 0;
        using var subB = b.Subscribe("t", _ => { Interlocked.Increment(ref onB); return Task.CompletedTask; });
        using var subA = a.Subscribe("t", _ => { Interlocked.Increment(ref onA); return Task.CompletedTask; });

        await redis.StopAsync();
        await Eventually.TrueAsync(() => !aRedis.IsConnected && !bRedis.IsConnected, what: "both nodes see Redis gone");
        a.Publish("t");
        await Eventually.TrueAsync(() => Volatile.Read(ref onA) == 1, what: "the own node is served without Redis");

        await redis.StartAsync();
        // Signals sent before B has subscribed again are lost (pages reload on the next one): send until one arrives.
        var before = Volatile.Read(ref onB);
        await Eventually.TrueAsync(() =>
        {
            if (Volatile.Read(ref onB) > before) return true;
            a.Publish("t");
            return false;
        }, TimeSpan.FromSeconds(60), "a signal from A reaches B after Redis is back");
    }

    [Fact]
    public async Task A_node_started_before_Redis_joins_the_others_once_Redis_is_up()
    {
        await using var redis = await RedisServer.StartNewAsync();
        await redis.StopAsync();
        using var node = Node(redis, out var a, out _);
        var onA = 0;
        using var local = a.Subscribe("t", _ => { Interlocked.Increment(ref onA); return Task.CompletedTask; });
        a.Publish("t");
        await Eventually.TrueAsync(() => Volatile.Read(ref onA) == 1, what: "the own node is served without Redis");

        await redis.StartAsync();
        using var otherNode = Node(redis, out var b, out _);
        await WhenConnectedAsync(a, b);
    }

    [Fact]
    public async Task Guesses_are_counted_once_for_all_nodes()
    {
        await using var redis = await RedisServer.StartNewAsync();
        using var one = ConnectionMultiplexer.Connect(redis.Configuration);
        using var two = ConnectionMultiplexer.Connect(redis.Configuration);
        var options = new RedisOptions { Configuration = redis.Configuration, KeyPrefix = "test-" + Guid.NewGuid().ToString("N") };
        var a = new RedisAttemptWindow(one, options, TimeProvider.System);
        var b = new RedisAttemptWindow(two, options, TimeProvider.System);
        var window = TimeSpan.FromMinutes(15);

        Assert.True(await a.TryAttemptAsync("for-you-link:1", 3, window, Ct));
        Assert.True(await b.TryAttemptAsync("for-you-link:1", 3, window, Ct));
        Assert.True(await a.TryAttemptAsync("for-you-link:1", 3, window, Ct));
        Assert.False(await b.TryAttemptAsync("for-you-link:1", 3, window, Ct));
        Assert.True(await b.TryAttemptAsync("for-you-link:2", 3, window, Ct));

        await a.ResetAsync("for-you-link:1", Ct);
        Assert.True(await b.TryAttemptAsync("for-you-link:1", 3, window, Ct));
    }

    private static IDisposable Node(RedisServer redis, out RedisLiveBus bus, out IConnectionMultiplexer multiplexer, params IRemoteSignalListener[] listeners)
    {
        multiplexer = new RedisOptions { Configuration = redis.Configuration }.Connect(NullLogger.Instance);
        bus = new RedisLiveBus(multiplexer, "test", listeners, NullLogger<RedisLiveBus>.Instance, NullLogger<InProcessLiveBus>.Instance);
        return new Both(bus, multiplexer);
    }

    /// <summary>Both subscribed: a signal from each reaches the other (the subscription is made in the background).</summary>
    private static async Task WhenConnectedAsync(RedisLiveBus a, RedisLiveBus b)
    {
        var aHeardB = 0;
        var bHeardA = 0;
        using var onA = a.Subscribe("ready", from => { if (from == "b") Volatile.Write(ref aHeardB, 1); return Task.CompletedTask; });
        using var onB = b.Subscribe("ready", from => { if (from == "a") Volatile.Write(ref bHeardA, 1); return Task.CompletedTask; });
        // Signals sent before the other node has subscribed are lost: send until each node has heard the other.
        await Eventually.TrueAsync(() =>
        {
            if (Volatile.Read(ref aHeardB) == 1 && Volatile.Read(ref bHeardA) == 1) return true;
            a.Publish("ready", "a");
            b.Publish("ready", "b");
            return false;
        }, TimeSpan.FromSeconds(60), "each node hears the other through Redis");
    }

    private static Task Heard(ConcurrentQueue<string> heard, string who, string? payload)
    {
        heard.Enqueue($"{who}:{payload}");
        return Task.CompletedTask;
    }

    private sealed class RecordingListener(ConcurrentQueue<string> order) : IRemoteSignalListener
    {
        public void Heard(string topic)
        {
            if (topic.StartsWith("queue:", StringComparison.Ordinal)) order.Enqueue("listener:" + topic);
        }
    }

    private sealed class Both(RedisLiveBus bus, IConnectionMultiplexer multiplexer) : IDisposable
    {
        public void Dispose()
        {
            bus.Dispose();
            multiplexer.Dispose();
        }
    }
}
