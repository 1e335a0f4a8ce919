using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Portal.Core.Reports.Routing;

/// <summary>
/// How a referral webhook is signed (docs/referrals.md): HMAC-SHA256 with the body's secret over
/// "{timestamp}.{body}", where the timestamp is the Unix seconds sent in <see cref="TimestampHeader"/>; the signature is
/// sent as "sha256={lowercase hex}" in <see cref="SignatureHeader"/>. A receiver recomputes it over the bytes it got and
/// refuses an old timestamp, so a captured request cannot be replayed later.
/// </summary>
public static class WebhookSignature
{
    public const string TimestampHeader = "X-ChibaPortal-Timestamp";
    public const string SignatureHeader = "X-ChibaPortal-Signature";
    public const string DeliveryHeader = "X-ChibaPortal-Delivery";
    public const string Prefix = "sha256=";

    public static string Sign(string secret, long timestamp, string body)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var signed = Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "." + body);
        return Prefix + Convert.ToHexStringLower(HMACSHA256.HashData(key, signed));
    }

    /// <summary>What a receiver does: the signature matches (compared in constant time) and the timestamp is within <paramref name="tolerance"/> of now.</summary>
    public static bool Verify(string secret, string timestampHeader, string body, string signatureHeader, DateTimeOffset now, TimeSpan tolerance)
    {
        if (!long.TryParse(timestampHeader, NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)) return false;
        if (Math.Abs(now.ToUnixTimeSeconds() - timestamp) > tolerance.TotalSeconds) return false;
        var expected = Encoding.ASCII.GetBytes(Sign(secret, timestamp, body));
        return CryptographicOperations.FixedTimeEquals(expected, Encoding.ASCII.GetBytes(signatureHeader));
    }
}

/// <summary>
/// The JSON a referral webhook carries, made from the referral notice's values (<see cref="Notifications.NoticeValues"/>):
/// the report's number, category (code and Japanese name), description, place in words, position, public link, the
/// links of its published photos, the city's message and when it was referred.
/// </summary>
public static class ReferralPayload
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Json(IReadOnlyDictionary<string, string> values, string? publicUrl, long deliveryId, DateTimeOffset sentUtc)
    {
        string? Get(string name) => values.TryGetValue(name, out var v) && v.Length > 0 ? v : null;
        var payload = new
        {
            @event = "report.referred",
            delivery_id = deliveryId,
            sent_at = sentUtc.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            report = new
            {
                id = long.Parse(values[Notifications.NoticeValues.ReportId], CultureInfo.InvariantCulture),
                category_code = Get(ReferralValues.CategoryCode),
                category = Get(Notifications.NoticeValues.Category),
                description = Get(ReferralValues.Description),
                place = Get(ReferralValues.Place),
                ward = Get(ReferralValues.Ward),
                lat = Get(ReferralValues.Latitude) is { } lat ? double.Parse(lat, CultureInfo.InvariantCulture) : (double?)null,
                @long = Get(ReferralValues.Longitude) is { } lon ? double.Parse(lon, CultureInfo.InvariantCulture) : (double?)null,
                url = publicUrl,
                photos = (Get(ReferralValues.Photos) ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries),
            },
            referral = new
            {
                to = Get(ReferralValues.Body),
                message = Get(ReferralValues.Message),
            },
        };
        return JsonSerializer.Serialize(payload, Options);
    }
}

/// <summary>The values of a referral notice beyond those every kind names in <see cref="Notifications.NoticeValues"/>.</summary>
public static class ReferralValues
{
    public const string Body = Notifications.NoticeValues.Body;
    public const string Description = Notifications.NoticeValues.Description;
    public const string Place = Notifications.NoticeValues.Place;
    public const string Photos = Notifications.NoticeValues.Photos;
    public const string Message = Notifications.NoticeValues.Message;
    public const string CategoryCode = "categoryCode";
    public const string Ward = "ward";
    public const string Latitude = "lat";
    public const string Longitude = "lon";
}
