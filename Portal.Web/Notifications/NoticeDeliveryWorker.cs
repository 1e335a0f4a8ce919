using Microsoft.Extensions.Options;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications;

/// <summary>
/// Delivers the outbox. Each round it first recovers deliveries a stopped worker left in Sending, then claims a
/// small batch of due ones and, one by one, renders, sends on the channel's <see cref="INoticeSender"/> and records
/// the outcome right after that send. It wakes on <see cref="IOutboxSignal"/> and polls every PollSeconds.
/// Several workers (on several nodes) can run together: the claim gives each row to one of them.
/// </summary>
public sealed class NoticeDeliveryWorker(
    INoticeDeliveryRepository deliveries,
    NoticeRenderer renderer,
    IEnumerable<INoticeSender> senders,
    OutboxSignal signal,
    IOptions<NotificationOptions> options,
    TimeProvider time,
    ILogger<NoticeDeliveryWorker> log,
    Portal.Core.Accounts.ISecretProtector? protector = null) : BackgroundService
{
    private readonly Dictionary<NoticeChannel, INoticeSender> _senders = senders.ToDictionary(s => s.Channel);
    private readonly NotificationOptions _options = options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await RunOnceAsync(stoppingToken) >= _options.BatchSize)
                {
                    // A full batch: there may be more due at once.
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database may be briefly unavailable; the next round tries again.
                log.LogError(e, "The notice delivery round failed.");
            }
            try
            {
                await signal.WaitAsync(TimeSpan.FromSeconds(Math.Max(1, _options.PollSeconds)), time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One round: recover, claim one batch, deliver it. Returns how many deliveries were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var recovered = await deliveries.RecoverExpiredAsync(now,
            (channel, attempts) => DeliveryRules.AfterInterruption(channel, attempts, _options.MaxAttempts, now), ct);
        if (recovered > 0) log.LogWarning("Recovered {Count} notice deliveries a stopped worker left in Sending.", recovered);

        var batch = await deliveries.ClaimDueAsync(now, _options.BatchSize, now.AddSeconds(_options.LeaseSeconds), ct);
        foreach (var delivery in batch)
        {
            ct.ThrowIfCancellationRequested();
            await DeliverAsync(delivery, ct);
        }
        return batch.Count;
    }

    private async Task DeliverAsync(ClaimedDelivery delivery, CancellationToken ct)
    {
        if (!_senders.TryGetValue(delivery.Channel, out var sender))
        {
            await deliveries.MarkDeadAsync(delivery, $"the {delivery.Channel} channel is not switched on in this portal", CancellationToken.None);
            return;
        }
        RenderedNotice rendered;
        try
        {
            // A one-click "stop these messages" link waits as a portal path and is written out in full, like the notice's link.
            var unsubscribe = delivery.Values.TryGetValue(NoticeValues.Unsubscribe, out var path) ? _options.AbsoluteUrl(path) : null;
            var values = unsubscribe is null ? delivery.Values
                : new Dictionary<string, string>(delivery.Values) { [NoticeValues.Unsubscribe] = unsubscribe };
            var text = renderer.Render(delivery.Kind, delivery.Culture, values);
            // A link that is a secret (a password reset) waits encrypted and is opened only now, for the send.
            var link = SealedLink.IsSealed(delivery.Link)
                ? (protector is null ? null : SealedLink.Open(protector, delivery.Link!))
                  ?? throw new NoticeTemplateException("The notice's sealed link cannot be opened (the data-protection key is gone).")
                : delivery.Link;
            rendered = new RenderedNotice(delivery.DeliveryId, delivery.Kind, renderer.CultureOf(delivery.Culture).Name,
                text.Subject, text.Body, _options.AbsoluteUrl(link), unsubscribe, values);
        }
        catch (NoticeTemplateException e)
        {
            // The notice itself is wrong; trying again renders the same hole.
            await deliveries.MarkDeadAsync(delivery, e.Message, CancellationToken.None);
            return;
        }

        // Renewing the lease here gives each send the whole lease, however long the batch before it took; a
        // delivery whose lease ran out and was taken over by another worker is no longer ours to send.
        var started = time.GetUtcNow();
        if (!await deliveries.BeginAttemptAsync(delivery, started, started.AddSeconds(_options.LeaseSeconds), ct)) return;
        try
        {
            await sender.SendAsync(rendered, delivery.Destination, ct);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Stopped in the middle of a send: whether it went out is unknown. The delivery stays in Sending and
            // the interruption rule decides once its lease has run out.
            throw;
        }
        catch (NoticeRejectedException e)
        {
            log.LogWarning("The {Channel} provider refused delivery {Id} for good: {Reason}", delivery.Channel, delivery.DeliveryId, e.Message);
            await deliveries.MarkDeadAsync(delivery, "rejected: " + e.Message, CancellationToken.None);
            if (e.AddressGone) await deliveries.ForgetAddressAsync(delivery.Channel, delivery.Destination, CancellationToken.None);
            return;
        }
        catch (Exception e)
        {
            var decision = DeliveryRules.AfterFailure(delivery.Attempts + 1, _options.MaxAttempts, $"{e.GetType().Name}: {e.Message}",
                time.GetUtcNow(), Random.Shared.NextDouble());
            log.LogWarning(e, "Delivery {Id} on {Channel} failed (try {Attempt}).", delivery.DeliveryId, delivery.Channel, delivery.Attempts + 1);
            _ = decision switch
            {
                DeliveryDecision.Retry r => await deliveries.MarkRetryAsync(delivery, r.NextAttemptUtc, r.Error, CancellationToken.None),
                DeliveryDecision.Dead d => await deliveries.MarkDeadAsync(delivery, d.Reason, CancellationToken.None),
                _ => false,
            };
            return;
        }

        // Recorded at once, whatever happens to the rest of the batch; not cancelled by a stopping host, so a send
        // that completed is not mistaken for an interrupted one.
        if (await deliveries.MarkSentAsync(delivery, time.GetUtcNow(), CancellationToken.None)
            && sender is INoticeSentListener listener)
            listener.OnSent(rendered, delivery.Destination);
    }
}
