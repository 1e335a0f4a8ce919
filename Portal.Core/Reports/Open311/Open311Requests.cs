using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Reports.Open311;

/// <summary>A published report as Open311 shows it: no reporter name, e-mail or internal notes.</summary>
public sealed record Open311Request(
    long Id,
    string ServiceCode,
    string Description,
    double Latitude,
    double Longitude,
    string WardId,
    ReportStatus Status,
    DateTimeOffset RequestedUtc,
    DateTimeOffset UpdatedUtc,
    string? StatusNotes,
    long? FirstPublishedPhotoId)
{
    public bool IsOpen => ReportWorkflow.IsOpen(Status);
}

/// <summary>GET requests: either a list of ids, or filters within a window of time; never more than Max.</summary>
public sealed record Open311RequestQuery(
    IReadOnlyList<long>? Ids,
    string? ServiceCode,
    DateTimeOffset? StartUtc,
    DateTimeOffset? EndUtc,
    bool? Open,
    int Max);

public interface IOpen311RequestRepository
{
    /// <summary>Published reports matching the query, newest first.</summary>
    Task<IReadOnlyList<Open311Request>> SearchAsync(Open311RequestQuery query, CancellationToken ct);
}

/// <summary>
/// GeoReport v2's window: ids override every other filter; without dates, only the last 90 days; with an
/// end date only, the 90 days before it; and never more than 1,000 requests in one answer.
/// </summary>
public static class Open311Window
{
    public const int DefaultDays = 90;
    public const int MaxRequests = 1000;

    public static Open311RequestQuery Apply(IReadOnlyList<long>? ids, string? serviceCode, DateTimeOffset? start, DateTimeOffset? end, bool? open, DateTimeOffset now)
    {
        if (ids is { Count: > 0 }) return new Open311RequestQuery(ids.Distinct().Take(MaxRequests).ToList(), null, null, null, null, MaxRequests);
        start ??= (end ?? now).AddDays(-DefaultDays);
        return new Open311RequestQuery(null, serviceCode, start, end, open, MaxRequests);
    }
}

/// <summary>
/// A partner app that retries a POST after a dropped connection sends the same device_id and client token,
/// and gets the same report back. Without a client token every POST is a new report.
/// </summary>
public static class Open311IdempotencyKey
{
    public static string For(long apiKeyId, string? deviceId, string? clientToken)
    {
        if (string.IsNullOrWhiteSpace(clientToken)) return "o311-" + Guid.NewGuid().ToString("N");
        var source = $"{apiKeyId}\n{deviceId?.Trim()}\n{clientToken.Trim()}";
        return "o311-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..48];
    }
}
