using System.Globalization;
using Portal.Core.Accounts;

namespace Portal.Core.Reports.Alerts;

public enum UnsubscribeKind
{
    /// <summary>Stop following one report.</summary>
    Follow,
    /// <summary>Delete one area alert.</summary>
    Alert,
}

/// <summary>What a one-click link stops: <paramref name="Id"/> is the report followed or the alert.</summary>
public sealed record UnsubscribeTarget(UnsubscribeKind Kind, long AccountId, long Id);

/// <summary>
/// The one-click "stop these messages" link every follow notice and digest carries: it works without signing in, so its
/// token says what it stops and for whom, protected by the portal's data-protection keys (authenticated: a changed or
/// made-up token opens to nothing). It stops that one follow or alert and nothing else.
/// </summary>
public static class UnsubscribeLinks
{
    public const string PathPrefix = "/alerts/unsubscribe/";

    public static string Path(ISecretProtector protector, UnsubscribeTarget target) =>
        PathPrefix + protector.Protect(SecretPurposes.ReportUnsubscribe,
            string.Create(CultureInfo.InvariantCulture, $"{target.Kind}:{target.AccountId}:{target.Id}"));

    /// <summary>What the token stops, or null when it is not one of the portal's (changed, made up, or its key is gone).</summary>
    public static UnsubscribeTarget? Read(ISecretProtector protector, string? token)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2000) return null;
        var text = protector.Unprotect(SecretPurposes.ReportUnsubscribe, token);
        var parts = text?.Split(':');
        return parts is { Length: 3 } && Enum.TryParse<UnsubscribeKind>(parts[0], out var kind) && Enum.IsDefined(kind)
            && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var account)
            && long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? new UnsubscribeTarget(kind, account, id) : null;
    }
}
