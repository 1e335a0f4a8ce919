using System.Text.Json;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Localization;
using MimeKit;
using Portal.Core.Accounts;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications.Email;

public enum VerificationSendResult { Sent, EmailOff, AlreadyVerified, TooMany, Failed }

public enum VerificationResult { Verified, Expired, Invalid }

/// <summary>
/// Proves that a resident reads the mailbox they signed up with. The link carries a token sealed with Data
/// Protection that names the account, the address and an expiry; opening it marks the address verified,
/// and only while it is still the account's address. The message goes straight through <see cref="SmtpMailer"/>,
/// not the outbox: the resident is waiting for it now, and it is no notice they could switch off.
/// </summary>
/// <remarks>
/// The expiry is written into the sealed payload and checked against <see cref="TimeProvider"/> rather than
/// through Data Protection's time-limited protector, which reads the system clock itself: so the portal keeps one
/// clock and a test can move it past the expiry.
/// </remarks>
public sealed class EmailVerification : IDisposable
{
    public const string Path = "/account/verify-email";

    private readonly SmtpMailer _mailer;
    private readonly IDataProtector _protector;
    private readonly IChannelAddressRepository _addresses;
    private readonly IUserAccountRepository _accounts;
    private readonly IStringLocalizer<SharedResource> _text;
    private readonly TimeProvider _time;
    private readonly ILogger<EmailVerification> _log;
    private readonly PartitionedRateLimiter<long> _limiter;

    public EmailVerification(SmtpMailer mailer, IDataProtectionProvider protection, IChannelAddressRepository addresses,
        IUserAccountRepository accounts, IStringLocalizer<SharedResource> text, TimeProvider time, ILogger<EmailVerification> log)
    {
        _mailer = mailer;
        _protector = protection.CreateProtector("Portal.Notifications.EmailVerification.v1");
        _addresses = addresses;
        _accounts = accounts;
        _text = text;
        _time = time;
        _log = log;
        var perHour = Math.Max(1, mailer.Options.VerificationsPerHour);
        _limiter = PartitionedRateLimiter.Create<long, long>(accountId => RateLimitPartition.GetFixedWindowLimiter(accountId,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = perHour, Window = TimeSpan.FromHours(1), QueueLimit = 0 }));
    }

    private TimeSpan Lifetime => TimeSpan.FromHours(Math.Max(1, _mailer.Options.VerificationHours));

    /// <summary>Sends the verification message to the account's address, in <paramref name="culture"/>, with a link under <paramref name="baseAddress"/>.</summary>
    public async Task<VerificationSendResult> SendAsync(long accountId, Uri baseAddress, string culture, CancellationToken ct)
    {
        if (!_mailer.Options.IsConfigured) return VerificationSendResult.EmailOff;
        var account = await _accounts.GetByIdAsync(accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        if (await _addresses.GetEmailVerifiedAsync(accountId, ct) is not null) return VerificationSendResult.AlreadyVerified;
        using var lease = _limiter.AttemptAcquire(accountId);
        if (!lease.IsAcquired) return VerificationSendResult.TooMany;

        var link = new Uri(baseAddress, Path + "?token=" + Uri.EscapeDataString(CreateToken(accountId, account.Email))).AbsoluteUri;
        MimeMessage message;
        using (CultureScope.Use(culture))
        {
            message = NoticeMail.Compose(_mailer.From, new MailboxAddress(account.DisplayName, account.Email), culture,
                _text["Channels_EmailVerifySubject"],
                [string.Format(System.Globalization.CultureInfo.CurrentCulture, _text["Channels_EmailVerifyGreeting"], account.DisplayName),
                 _text["Channels_EmailVerifyBody"],
                 string.Format(System.Globalization.CultureInfo.CurrentCulture, _text["Channels_EmailVerifyExpiry"], (int)Lifetime.TotalHours)],
                _text["Channels_EmailVerifyLink"], link, _text["Channels_EmailVerifyFooter"]);
        }
        try
        {
            await _mailer.SendAsync(message, ct);
            return VerificationSendResult.Sent;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _log.LogWarning(e, "The verification message for account {AccountId} could not be sent.", accountId);
            return VerificationSendResult.Failed;
        }
    }

    public string CreateToken(long accountId, string email) =>
        _protector.Protect(JsonSerializer.Serialize(new Payload(accountId, email, (_time.GetUtcNow() + Lifetime).ToUnixTimeSeconds())));

    /// <summary>Checks the token and marks the address verified.</summary>
    public async Task<VerificationResult> VerifyAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 2048) return VerificationResult.Invalid;
        Payload? payload;
        try
        {
            payload = JsonSerializer.Deserialize<Payload>(_protector.Unprotect(token));
        }
        catch (Exception e) when (e is System.Security.Cryptography.CryptographicException or JsonException or FormatException)
        {
            return VerificationResult.Invalid;
        }
        if (payload is null) return VerificationResult.Invalid;
        if (DateTimeOffset.FromUnixTimeSeconds(payload.ExpiresUnix) < _time.GetUtcNow()) return VerificationResult.Expired;
        return await _addresses.MarkEmailVerifiedAsync(payload.AccountId, payload.Email, _time.GetUtcNow(), ct)
            ? VerificationResult.Verified
            : VerificationResult.Invalid;
    }

    public void Dispose() => _limiter.Dispose();

    private sealed record Payload(long AccountId, string Email, long ExpiresUnix);
}
