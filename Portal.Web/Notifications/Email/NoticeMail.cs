using System.Net;
using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Portal.Web.Notifications.Email;

/// <summary>
/// Builds the portal's messages: plain text and HTML alternatives of the same words, in one language, with the
/// link written out in full in the text part. Nothing the resident typed is trusted in the HTML: all of it is encoded.
/// </summary>
public static class NoticeMail
{
    public static MimeMessage Compose(MailboxAddress from, MailboxAddress to, string culture, string subject,
        IEnumerable<string> paragraphs, string? linkLabel, string? url, string footer, string? messageId = null)
    {
        var message = new MimeMessage();
        message.From.Add(from);
        message.To.Add(to);
        message.Subject = subject;
        if (messageId is not null) message.MessageId = messageId;
        // Tells mail servers and vacation responders that no person wrote this, so nobody auto-replies.
        message.Headers.Add("Auto-Submitted", "auto-generated");

        var safeUrl = url is not null && Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "https" or "http" ? uri.AbsoluteUri : null;
        var lines = paragraphs.Where(p => !string.IsNullOrWhiteSpace(p)).ToList();

        var text = new StringBuilder();
        foreach (var p in lines) text.Append(p).Append("\n\n");
        if (safeUrl is not null) text.Append(linkLabel).Append('\n').Append(safeUrl).Append("\n\n");
        text.Append("-- \n").Append(footer).Append('\n');

        var html = new StringBuilder();
        html.Append("<!DOCTYPE html><html lang=\"").Append(WebUtility.HtmlEncode(Portal.Core.Languages.OfferedLanguages.HtmlLang(culture))).Append("\"><head><meta charset=\"utf-8\"><title>")
            .Append(WebUtility.HtmlEncode(subject)).Append("</title></head><body style=\"font-family:sans-serif;line-height:1.6\">");
        foreach (var p in lines)
            html.Append("<p>").Append(WebUtility.HtmlEncode(p).ReplaceLineEndings("<br>")).Append("</p>");
        if (safeUrl is not null)
            html.Append("<p><a href=\"").Append(WebUtility.HtmlEncode(safeUrl)).Append("\">").Append(WebUtility.HtmlEncode(linkLabel)).Append("</a></p>");
        html.Append("<hr><p style=\"color:#555;font-size:small\">").Append(WebUtility.HtmlEncode(footer)).Append("</p></body></html>");

        var alternative = new MultipartAlternative
        {
            new TextPart(TextFormat.Plain) { Text = text.ToString() },
            new TextPart(TextFormat.Html) { Text = html.ToString() },
        };
        // Content-* headers belong to the body entity in MIME: MimeKit would drop them from the message's own headers.
        alternative.Headers.Add(HeaderId.ContentLanguage, culture);
        foreach (var part in alternative) part.Headers.Add(HeaderId.ContentLanguage, culture);
        message.Body = alternative;
        return message;
    }
}
