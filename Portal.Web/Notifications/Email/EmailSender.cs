using Microsoft.Extensions.Localization;
using MimeKit;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications.Email;

/// <summary>
/// Delivers a notice as an e-mail. The Message-ID is made from the delivery id, so a message sent again after a
/// lost answer carries the same id and mail clients and servers can tell it is the same message.
/// </summary>
public sealed class EmailSender(SmtpMailer mailer, IStringLocalizer<SharedResource> text) : INoticeSender
{
    public NoticeChannel Channel => NoticeChannel.Email;

    public Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct) =>
        mailer.SendAsync(Compose(notice, destination), ct);

    public MimeMessage Compose(RenderedNotice notice, string destination)
    {
        if (!MailboxAddress.TryParse(destination, out var to))
            throw new NoticeRejectedException($"'{destination}' is not an e-mail address.", addressGone: true);
        using var _ = CultureScope.Use(notice.Culture);
        // A message about the account itself is no notice one can switch off: its own link label and footer.
        var (label, footer) = notice.Kind switch
        {
            NoticeKind.PasswordReset => ("Recovery_EmailLinkLabel", "Recovery_EmailFooter"),
            NoticeKind.AccountLocked => ("Recovery_EmailLinkLabel", "Notice_AccountLocked_Footer"),
            NoticeKind.AccountDisabled or NoticeKind.AccountEnabled => ("Channels_EmailOpenLink", "Notice_AccountStatus_Footer"),
            _ => ("Channels_EmailOpenLink", "Channels_EmailFooter"),
        };
        var message = NoticeMail.Compose(mailer.From, to, notice.Culture, notice.Title, [notice.Body],
            text[label], notice.Url, text[footer], MessageIdOf(notice.DeliveryId));
        // RFC 8058 one-click unsubscribe: the mail client posts "List-Unsubscribe=One-Click" to the link, no sign-in needed.
        if (notice.UnsubscribeUrl is { } unsubscribe && Uri.TryCreate(unsubscribe, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http")
        {
            message.Headers.Add("List-Unsubscribe", $"<{uri.AbsoluteUri}>");
            message.Headers.Add("List-Unsubscribe-Post", "List-Unsubscribe=One-Click");
        }
        return message;
    }

    public string MessageIdOf(long deliveryId) =>
        $"notice-{deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture)}@{mailer.FromDomain}";
}
