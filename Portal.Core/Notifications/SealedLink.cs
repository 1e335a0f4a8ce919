using Portal.Core.Accounts;

namespace Portal.Core.Notifications;

/// <summary>
/// A notice link that is itself a secret (a password reset link) waits in the outbox encrypted, so that the database
/// never holds it in the clear; the delivery worker opens it just before sending.
/// </summary>
public static class SealedLink
{
    public const string Prefix = "sealed:";

    public static string Seal(ISecretProtector protector, string path) => Prefix + protector.Protect(SecretPurposes.NoticeLink, path);

    public static bool IsSealed(string? link) => link is not null && link.StartsWith(Prefix, StringComparison.Ordinal);

    /// <summary>The path inside, or null when it cannot be opened (changed, or the key is gone).</summary>
    public static string? Open(ISecretProtector protector, string link) =>
        IsSealed(link) ? protector.Unprotect(SecretPurposes.NoticeLink, link[Prefix.Length..]) : link;
}
