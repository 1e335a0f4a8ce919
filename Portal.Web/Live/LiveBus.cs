using System.Collections.Concurrent;
using System.Globalization;

namespace Portal.Web.Live;

/// <summary>
/// Tells open pages that something they show has changed, so they reload it. A signal carries a topic
/// ("queue:office:chuo", "notices:account:42") and at most a small payload; pages read the data itself from
/// the database, so a lost or doubled signal costs a reload, never a wrong screen.
/// This node only for now; a Redis implementation of the same interface carries signals between web nodes.
/// </summary>
public interface ILiveBus
{
    void Publish(string topic, string? payload = null);

    /// <summary>
    /// Calls <paramref name="handler"/> for every signal on the topic until the returned handle is disposed. The
    /// handler runs in the culture of the code that subscribed (a page's reader), whichever thread or node published.
    /// </summary>
    IDisposable Subscribe(string topic, Func<string?, Task> handler);
}

/// <param name="deliverInline">
/// Runs each handler on the publisher's thread instead, up to its first await: only for a single-threaded test
/// harness (bUnit's renderer) that expects a page's re-render to have happened when the change that caused it returns.
/// </param>
public sealed class InProcessLiveBus(ILogger<InProcessLiveBus> log, bool deliverInline = false) : ILiveBus
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _topics = new(StringComparer.Ordinal);

    public void Publish(string topic, string? payload = null)
    {
        if (!_topics.TryGetValue(topic, out var subscribers)) return;
        // Each handler starts on the thread pool, never on the publisher's thread: a handler runs synchronously up to its
        // first real await, and a page's reload often reads the database before that (SQLite completes reads inline), so
        // started here it held up the publisher (a counter's "call next") and every subscriber after it (the ticket
        // pages' broadcast). The execution context is not carried: the handler gets its subscriber's culture instead.
        foreach (var (subscription, _) in subscribers)
            if (deliverInline) _ = DeliverAsync(subscription, payload);
            else ThreadPool.UnsafeQueueUserWorkItem(static state => _ = state.Bus.DeliverAsync(state.Subscription, state.Payload),
                new Delivery(this, subscription, payload), preferLocal: false);
    }

    private sealed record Delivery(InProcessLiveBus Bus, Subscription Subscription, string? Payload);

    public IDisposable Subscribe(string topic, Func<string?, Task> handler)
    {
        var subscription = new Subscription(this, topic, handler, CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        _topics.GetOrAdd(topic, _ => new()).TryAdd(subscription, 0);
        return subscription;
    }

    private async Task DeliverAsync(Subscription subscription, string? payload)
    {
        // A signal is published from the thread of whoever made the change: a staff member's circuit in another
        // language, a background worker, Redis's reader. The handler re-renders a page for the person who
        // subscribed, so it runs in that person's culture; a component's InvokeAsync then carries it into the
        // render. Set inside this async method, the culture does not leak back to the publisher.
        CultureInfo.CurrentCulture = subscription.Culture;
        CultureInfo.CurrentUICulture = subscription.UICulture;
        try
        {
            await subscription.Handler(payload);
        }
        catch (Exception e)
        {
            // One page that fails to refresh must not keep the signal from the others.
            log.LogWarning(e, "A live subscriber to {Topic} failed.", subscription.Topic);
        }
    }

    private void Remove(Subscription subscription)
    {
        if (_topics.TryGetValue(subscription.Topic, out var subscribers))
            subscribers.TryRemove(subscription, out _);
    }

    private sealed class Subscription(InProcessLiveBus bus, string topic, Func<string?, Task> handler, CultureInfo culture, CultureInfo uiCulture)
        : IDisposable
    {
        public string Topic { get; } = topic;
        public Func<string?, Task> Handler { get; } = handler;
        public CultureInfo Culture { get; } = culture;
        public CultureInfo UICulture { get; } = uiCulture;
        public void Dispose() => bus.Remove(this);
    }
}
