namespace Portal.Core.Accounts;

/// <summary>
/// Encrypts a secret the portal must read again later (a TOTP key, a reset link waiting in the outbox), so that the
/// database alone never holds it in the clear. Each purpose has its own key: a value protected for one purpose does
/// not open for another. The web project implements it with ASP.NET Core Data Protection.
/// </summary>
public interface ISecretProtector
{
    string Protect(string purpose, string secret);

    /// <summary>The secret, or null when the text was not protected for this purpose, was changed, or its key is gone.</summary>
    string? Unprotect(string purpose, string protectedText);
}

public static class SecretPurposes
{
    public const string TotpKey = "accounts.totp-key.v1";
    public const string TotpEnrolment = "accounts.totp-enrolment.v1";
    public const string NoticeLink = "notifications.sealed-link.v1";
    /// <summary>The one-click "stop these messages" link of a followed report or an area alert.</summary>
    public const string ReportUnsubscribe = "reports.unsubscribe.v1";
}
