using System.Text.Json;
using System.Text.Json.Serialization;
using StackExchange.Redis;

namespace Portal.Web.Live;

/// <summary>
/// Hears a signal that came from another web node, before this node's pages do: the place for a node to drop
/// what it keeps in memory about the thing that changed (the queues' office snapshot, say). Must be quick.
/// </summary>
public interface IRemoteSignalListener
{
    void Heard(string topic);
}

/// <summary>
/// The live bus of a portal on several web nodes. A signal reaches this node's pages at once, as on one node, and
/// the other nodes through Redis pub/sub on "{prefix}:live:{topic}", carrying the sending node's id so that the
/// echo Redis sends back is dropped: a page hears a signal once. While Redis is away this node's pages still hear
/// this node's signals; StackExchange.Redis reconnects and subscribes again by itself. Callers publish after their
/// commit, as with <see cref="InProcessLiveBus"/>; pages read the data from the database, so a signal lost while
/// Redis was away costs a page its refresh until the next change (pages also reload when they become visible).
/// </summary>
public sealed class RedisLiveBus : ILiveBus, IDisposable
{
    private readonly InProcessLiveBus _local;
    private readonly ISubscriber _redis;
    private readonly string _channelPrefix;
    private readonly RedisChannel _pattern;
    private readonly IRemoteSignalListener[] _listeners;
    private readonly ILogger<RedisLiveBus> _log;

    public RedisLiveBus(IConnectionMultiplexer redis, string keyPrefix, IEnumerable<IRemoteSignalListener> listeners,
        ILogger<RedisLiveBus> log, ILogger<InProcessLiveBus> localLog)
    {
        _local = new InProcessLiveBus(localLog);
        _redis = redis.GetSubscriber();
        _channelPrefix = keyPrefix + ":live:";
        _pattern = RedisChannel.Pattern(_channelPrefix + "*");
        _listeners = listeners.ToArray();
        _log = log;
        // Not awaited: with Redis away at start the node serves its own pages, and the multiplexer subscribes once it connects.
        _redis.SubscribeAsync(_pattern, OnMessage).ContinueWith(
            t => _log.LogWarning(t.Exception, "Subscribing to live signals in Redis failed; it is retried when Redis is back."),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    /// <summary>This node's id in the messages it sends.</summary>
    public string NodeId { get; } = Guid.NewGuid().ToString("N");

    public void Publish(string topic, string? payload = null)
    {
        _local.Publish(topic, payload);
        try
        {
            var message = JsonSerializer.Serialize(new LiveMessage(NodeId, payload));
            _redis.Publish(RedisChannel.Literal(_channelPrefix + topic), message, CommandFlags.FireAndForget);
        }
        catch (Exception e)
        {
            // The connection's own log says when Redis went away; this is one signal the other nodes miss.
            _log.LogDebug(e, "A live signal on {Topic} did not reach Redis.", topic);
        }
    }

    public IDisposable Subscribe(string topic, Func<string?, Task> handler) => _local.Subscribe(topic, handler);

    private void OnMessage(RedisChannel channel, RedisValue value)
    {
        var name = channel.ToString();
        if (!name.StartsWith(_channelPrefix, StringComparison.Ordinal) || value.IsNullOrEmpty) return;
        LiveMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<LiveMessage>(value.ToString());
        }
        catch (JsonException e)
        {
            _log.LogWarning(e, "A live signal on {Channel} could not be read.", name);
            return;
        }
        if (message is null || message.Node == NodeId) return;
        var topic = name[_channelPrefix.Length..];
        foreach (var listener in _listeners)
        {
            try
            {
                listener.Heard(topic);
            }
            catch (Exception e)
            {
                _log.LogWarning(e, "A listener to live signals from other nodes failed on {Topic}.", topic);
            }
        }
        _local.Publish(topic, message.Payload);
    }

    public void Dispose()
    {
        try
        {
            _redis.Unsubscribe(_pattern, OnMessage, CommandFlags.FireAndForget);
        }
        catch (Exception e)
        {
            _log.LogDebug(e, "Unsubscribing from live signals failed.");
        }
    }

    private sealed record LiveMessage(
        [property: JsonPropertyName("n")] string Node,
        [property: JsonPropertyName("p")] string? Payload);
}
