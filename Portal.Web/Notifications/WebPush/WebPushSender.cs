using System.Globalization;
using System.Net;
using System.Text.Json;
using Lib.Net.Http.WebPush;
using Lib.Net.Http.WebPush.Authentication;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications.WebPush;

/// <summary>
/// Delivers a notice to one browser through its push service. Lib.Net.Http.WebPush encrypts the payload for the
/// subscription's keys (aes128gcm, RFC 8291) and signs a VAPID token with the portal's key. The destination is the
/// subscription's id; the Topic is made from the delivery id, so a retried message replaces the one still waiting
/// at the push service instead of arriving twice.
/// </summary>
public sealed class WebPushSender(IHttpClientFactory clients, VapidKeys keys, IChannelAddressRepository addresses,
    IOptions<WebPushOptions> options) : INoticeSender
{
    public const string HttpClientName = "webpush";

    /// <summary>The icon the service worker shows beside the notification.</summary>
    public const string IconPath = "/favicon.svg";

    public NoticeChannel Channel => NoticeChannel.WebPush;

    public async Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct)
    {
        if (!long.TryParse(destination, NumberStyles.None, CultureInfo.InvariantCulture, out var subscriptionId))
            throw new NoticeRejectedException($"'{destination}' is not a push subscription id.", addressGone: true);
        var stored = await addresses.GetPushSubscriptionAsync(subscriptionId, ct)
            ?? throw new NoticeRejectedException($"Push subscription {subscriptionId} was removed.", addressGone: true);

        var subscription = new PushSubscription { Endpoint = stored.Endpoint };
        subscription.SetKey(PushEncryptionKeyName.P256DH, stored.P256dh);
        subscription.SetKey(PushEncryptionKeyName.Auth, stored.Auth);
        var message = new PushMessage(PayloadOf(notice))
        {
            Topic = TopicOf(notice.DeliveryId),
            TimeToLive = options.Value.TimeToLiveSeconds,
            Urgency = notice.Kind is NoticeKind.TicketCalled or NoticeKind.TicketNear ? PushMessageUrgency.High : PushMessageUrgency.Normal,
        };
        var client = new PushServiceClient(clients.CreateClient(HttpClientName))
        {
            // The outbox worker owns retries and their backoff.
            AutoRetryAfter = false,
        };
        using var authentication = new VapidAuthentication(keys.PublicKey, keys.PrivateKey) { Subject = keys.Subject };
        try
        {
            await client.RequestPushMessageDeliveryAsync(subscription, message, authentication, VapidAuthenticationScheme.Vapid, ct);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
        {
            throw new NoticeRejectedException($"The push subscription expired ({(int)e.StatusCode}).", addressGone: true, e);
        }
        catch (PushServiceClientException e) when (e.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.RequestEntityTooLarge)
        {
            throw new NoticeRejectedException($"The push service refused the message ({(int)e.StatusCode}): {e.Body}", inner: e);
        }
    }

    /// <summary>What the service worker receives: the words, where a click leads and the icon.</summary>
    public static string PayloadOf(RenderedNotice notice) => JsonSerializer.Serialize(new Dictionary<string, string?>
    {
        ["title"] = notice.Title,
        ["body"] = notice.Body,
        ["url"] = notice.Url,
        ["icon"] = IconPath,
        ["tag"] = "notice-" + notice.DeliveryId.ToString(CultureInfo.InvariantCulture),
        ["lang"] = notice.Culture,
    });

    /// <summary>A Topic is at most 32 characters of the URL-safe base64 alphabet.</summary>
    public static string TopicOf(long deliveryId) => "notice-" + deliveryId.ToString(CultureInfo.InvariantCulture);
}
