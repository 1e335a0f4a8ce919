using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications.Line;

/// <summary>
/// Pushes a notice to a linked LINE user through the Messaging API. The retry key is a name-based UUID of the
/// delivery id, so when an answer is lost and the worker tries again, LINE recognises the push (409) and does not
/// deliver it twice.
/// </summary>
public sealed class LineSender(IHttpClientFactory clients, IOptions<LineOptions> options) : INoticeSender
{
    public const string HttpClientName = "line";

    /// <summary>LINE allows 5,000 characters in a text message.</summary>
    private const int MaxText = 5000;

    public NoticeChannel Channel => NoticeChannel.Line;

    public async Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct)
    {
        var settings = options.Value;
        if (!settings.CanPush) throw new InvalidOperationException("LINE is not configured (Notifications:Line:ChannelAccessToken).");
        var client = clients.CreateClient(HttpClientName);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(settings.BaseAddress.TrimEnd('/') + "/"), "v2/bot/message/push"))
        {
            Content = JsonContent.Create(new PushRequest(destination, [new TextMessage("text", TextOf(notice))])),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.ChannelAccessToken);
        request.Headers.Add("X-Line-Retry-Key", RetryKeyOf(notice.DeliveryId).ToString("D"));

        using var response = await client.SendAsync(request, ct);
        if (response.IsSuccessStatusCode) return;
        // The same retry key was accepted before: this push already went out.
        if (response.StatusCode == HttpStatusCode.Conflict) return;

        var body = await response.Content.ReadAsStringAsync(ct);
        var status = (int)response.StatusCode;
        switch (response.StatusCode)
        {
            // An invalid request: gone for good when it names the user id.
            case HttpStatusCode.BadRequest:
                throw new NoticeRejectedException($"LINE refused the push ({status}): {Shorten(body)}", addressGone: NamesTheRecipient(body));
            // The user does not exist, never added the official account as a friend, or blocked it.
            case HttpStatusCode.NotFound:
            case HttpStatusCode.Gone:
                throw new NoticeRejectedException($"LINE cannot reach the user ({status}): {Shorten(body)}", addressGone: true);
            // The channel may not push at all (its plan), or the message is too large: another try will not help.
            case HttpStatusCode.Forbidden:
            case HttpStatusCode.RequestEntityTooLarge:
                throw new NoticeRejectedException($"LINE refused the push ({status}): {Shorten(body)}");
            default:
                // 401 (a wrong token: fixable by configuration), 429 (over the limit) and 5xx are retried.
                throw new HttpRequestException($"LINE answered {status}: {Shorten(body)}", null, response.StatusCode);
        }
    }

    /// <summary>The text of the message: title, body and the link, cut to LINE's limit.</summary>
    public static string TextOf(RenderedNotice notice)
    {
        var text = notice.Title + "\n" + notice.Body + (notice.Url is null ? "" : "\n" + notice.Url);
        return text.Length <= MaxText ? text : text[..MaxText];
    }

    /// <summary>A version 5 (name-based, SHA-1) UUID of the delivery id: the same id always gives the same key.</summary>
    public static Guid RetryKeyOf(long deliveryId)
    {
        var name = Encoding.UTF8.GetBytes("chiba-portal:notice-delivery:" + deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var input = new byte[16 + name.Length];
        RetryKeyNamespace.TryWriteBytes(input, bigEndian: true, out _);
        name.CopyTo(input, 16);
        var hash = SHA1.HashData(input);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    private static readonly Guid RetryKeyNamespace = new("5b0f8a0e-1c7e-4f7b-9d44-2f3c0c9a6a11");

    /// <summary>A 400 that points at the "to" property means the user id is not one LINE can push to.</summary>
    private static bool NamesTheRecipient(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            if (root.TryGetProperty("message", out var message) && message.GetString() is { } m && m.Contains("'to'", StringComparison.Ordinal))
                return true;
            return root.TryGetProperty("details", out var details) && details.ValueKind == JsonValueKind.Array
                && details.EnumerateArray().Any(d => d.TryGetProperty("property", out var p) && p.GetString() == "to");
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static string Shorten(string body) => body.Length <= 300 ? body : body[..300];

    private sealed record PushRequest(
        [property: System.Text.Json.Serialization.JsonPropertyName("to")] string To,
        [property: System.Text.Json.Serialization.JsonPropertyName("messages")] IReadOnlyList<TextMessage> Messages);

    private sealed record TextMessage(
        [property: System.Text.Json.Serialization.JsonPropertyName("type")] string Type,
        [property: System.Text.Json.Serialization.JsonPropertyName("text")] string Text);
}
