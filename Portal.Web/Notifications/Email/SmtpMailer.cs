using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications.Email;

/// <summary>
/// Sends one message over SMTP with MailKit: connect, authenticate when a user name is set, send, quit.
/// A permanent refusal of the recipient or the message (5xx) becomes <see cref="NoticeRejectedException"/>;
/// everything else (4xx, a lost connection, a refused login) is thrown as it is, so the caller retries.
/// Both the outbox's <see cref="EmailSender"/> and the address verification send through here.
/// </summary>
public sealed class SmtpMailer(IOptions<EmailOptions> options)
{
    private readonly EmailOptions _options = options.Value;

    public EmailOptions Options => _options;

    public MailboxAddress From => new(_options.FromName, _options.FromAddress ?? "");

    /// <summary>The domain after the @ of the sender's address, for Message-IDs.</summary>
    public string FromDomain => _options.FromAddress is { } from && from.LastIndexOf('@') is var at and >= 0 ? from[(at + 1)..] : "localhost";

    public async Task SendAsync(MimeMessage message, CancellationToken ct)
    {
        if (!_options.IsConfigured) throw new InvalidOperationException("E-mail is not configured (Notifications:Email:Host and FromAddress).");
        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            await client.ConnectAsync(_options.Host!, _options.Port, Map(_options.Security), ct);
            if (!string.IsNullOrEmpty(_options.UserName))
                await client.AuthenticateAsync(_options.UserName, _options.Password ?? "", ct);
            await client.SendAsync(message, ct);
            await client.DisconnectAsync(quit: true, ct);
        }
        catch (SmtpCommandException e) when (IsPermanent(e))
        {
            throw new NoticeRejectedException($"The mail server refused the message for good: {(int)e.StatusCode} {e.Message}",
                addressGone: e.ErrorCode == SmtpErrorCode.RecipientNotAccepted, e);
        }
    }

    /// <summary>
    /// A 5xx answer about the recipient or the message will not change on a retry. A refused sender is the portal's own
    /// configuration, so that stays retryable until someone fixes it.
    /// </summary>
    public static bool IsPermanent(SmtpCommandException e) =>
        (int)e.StatusCode is >= 500 and < 600 && e.ErrorCode is SmtpErrorCode.RecipientNotAccepted or SmtpErrorCode.MessageNotAccepted;

    private static SecureSocketOptions Map(EmailSecurity security) => security switch
    {
        EmailSecurity.None => SecureSocketOptions.None,
        EmailSecurity.StartTls => SecureSocketOptions.StartTls,
        EmailSecurity.SslOnConnect => SecureSocketOptions.SslOnConnect,
        _ => SecureSocketOptions.Auto,
    };
}
