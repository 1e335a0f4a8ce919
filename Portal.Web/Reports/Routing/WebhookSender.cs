using System.Globalization;
using System.Text;
using Portal.Core.Notifications;
using Portal.Core.Reports.Routing;

namespace Portal.Web.Reports.Routing;

/// <summary>
/// Delivers a referral to an outside body's webhook (docs/referrals.md): the report as JSON (<see cref="ReferralPayload"/>),
/// POSTed with the timestamp and the HMAC-SHA256 signature (<see cref="WebhookSignature"/>) made with the body's secret,
/// read at each try so a changed address or secret counts at once. An answer other than 2xx, or none, throws: the outbox
/// tries again with its backoff and marks the delivery dead after the last try. The destination is the body's id.
/// </summary>
public sealed class WebhookSender(ReportRoutingService routing, IHttpClientFactory http, TimeProvider time) : INoticeSender
{
    public const string HttpClientName = "referral-webhook";

    public NoticeChannel Channel => NoticeChannel.Webhook;

    public async Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct)
    {
        if (!long.TryParse(destination, NumberStyles.None, CultureInfo.InvariantCulture, out var bodyId)
            || await routing.BodyAsync(bodyId, ct) is not { Delivery: ReferralDelivery.Webhook, WebhookUrl: { } url } body)
            throw new NoticeRejectedException("the outside body no longer takes referrals by webhook");
        var secret = routing.OpenSecret(body) ?? throw new NoticeRejectedException("the webhook secret cannot be opened (the data-protection key is gone)");
        var now = time.GetUtcNow();
        var json = ReferralPayload.Json(notice.Values ?? new Dictionary<string, string>(), notice.Url, notice.DeliveryId, now);
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Sign(secret, timestamp, json));
        request.Headers.Add(WebhookSignature.DeliveryHeader, notice.DeliveryId.ToString(CultureInfo.InvariantCulture));
        using var response = await http.CreateClient(HttpClientName).SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"The webhook answered {(int)response.StatusCode}.", null, response.StatusCode);
    }
}
