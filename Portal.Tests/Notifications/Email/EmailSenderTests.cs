using MailKit.Net.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;
using MimeKit;
using Portal.Core.Notifications;
using Portal.Web;
using Portal.Web.Notifications.Email;
using Portal.Web.Languages;

namespace Portal.Tests.Notifications.Email;

/// <summary>Notices sent as real e-mail to an SMTP server on 127.0.0.1, and read back as the server received them.</summary>
public sealed class EmailSenderTests : IAsyncLifetime
{
    private readonly LocalSmtpServer _smtp = new();
    private ServiceProvider _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private EmailSender Sender(int? port = null) => new(
        new SmtpMailer(Options.Create(new EmailOptions
        {
            Host = "127.0.0.1", Port = port ?? _smtp.Port, Security = EmailSecurity.None,
            FromAddress = "noreply@city.chiba.example", FromName = "ちばポータル", TimeoutSeconds = 10,
        })),
        _services.GetRequiredService<IStringLocalizer<SharedResource>>());

    private static RenderedNotice Notice(long deliveryId, string culture, string title, string body) =>
        new(deliveryId, NoticeKind.TicketNear, culture, title, body, "https://portal.city.chiba.example/queues/tickets/812");

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void A_follow_notice_or_digest_carries_the_RFC_8058_one_click_unsubscribe_headers_and_other_notices_none()
    {
        const string stop = "https://portal.city.chiba.example/alerts/unsubscribe/CfDJ8abc";
        var digest = new RenderedNotice(42, NoticeKind.ReportAlertDigest, "ja", "ちばレポのエリア通知", "新しいレポート 1 件", "https://portal.city.chiba.example/reports/alerts",
            stop);

        var message = Sender().Compose(digest, "hanako@example.jp");

        Assert.Equal($"<{stop}>", message.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", message.Headers["List-Unsubscribe-Post"]);
        var plain = Sender().Compose(Notice(43, "ja", "まもなく順番です", "あと3人です。"), "hanako@example.jp");
        Assert.Null(plain.Headers["List-Unsubscribe"]);
        Assert.Null(plain.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_Japanese_notice_arrives_as_text_and_HTML_in_Japanese_with_the_link()
    {
        await Sender().SendAsync(Notice(41, "ja", "まもなく順番です", "中央区役所 市民課の受付番号 A-812 まで、あと3人です。"), "hanako@example.jp", Ct);

        var (from, to, message) = await _smtp.NextAsync();
        Assert.Equal("noreply@city.chiba.example", from);
        Assert.Equal(["hanako@example.jp"], to);
        Assert.Equal("まもなく順番です", message.Subject);
        Assert.Equal("ちばポータル", message.From.Mailboxes.Single().Name);
        Assert.Equal("ja", message.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Equal("auto-generated", message.Headers["Auto-Submitted"]);
        Assert.Equal("notice-41@city.chiba.example", message.MessageId);
        var alternative = Assert.IsType<MultipartAlternative>(message.Body);
        Assert.All(alternative, part => Assert.Equal("ja", part.Headers[HeaderId.ContentLanguage]));
        Assert.Contains("あと3人です", message.TextBody);
        Assert.Contains("ポータルで開く:\nhttps://portal.city.chiba.example/queues/tickets/812", message.TextBody!.ReplaceLineEndings("\n"));
        Assert.Contains("<a href=\"https://portal.city.chiba.example/queues/tickets/812\">ポータルで開く:</a>", message.HtmlBody);
        Assert.Contains("lang=\"ja\"", message.HtmlBody);
    }

    [Fact]
    public async Task An_English_notice_arrives_in_English()
    {
        await Sender().SendAsync(Notice(42, "en", "Your turn is near", "3 people before ticket A-812."), "john@example.com", Ct);

        var (_, _, message) = await _smtp.NextAsync();
        Assert.Equal("Your turn is near", message.Subject);
        Assert.Equal("en", message.Body!.Headers[HeaderId.ContentLanguage]);
        Assert.Contains("Open in the portal:", message.TextBody);
        Assert.Contains("sent automatically by ChibaPortal", message.TextBody);
        Assert.DoesNotContain("ポータルで開く", message.TextBody);
    }

    [Fact]
    public async Task Words_from_a_notice_are_encoded_in_the_HTML_part()
    {
        await Sender().SendAsync(Notice(43, "ja", "件名", "<script>alert(1)</script> & more"), "hanako@example.jp", Ct);

        var (_, _, message) = await _smtp.NextAsync();
        Assert.DoesNotContain("<script>", message.HtmlBody);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; more", message.HtmlBody);
    }

    [Fact]
    public async Task Sending_the_same_delivery_again_gives_the_same_Message_ID()
    {
        var notice = Notice(7001, "ja", "呼び出し", "窓口3番へお越しください。");
        await Sender().SendAsync(notice, "hanako@example.jp", Ct);
        await Sender().SendAsync(notice, "hanako@example.jp", Ct);
        await Sender().SendAsync(notice with { DeliveryId = 7002 }, "hanako@example.jp", Ct);

        var ids = new[] { (await _smtp.NextAsync(0)).Message.MessageId, (await _smtp.NextAsync(1)).Message.MessageId, (await _smtp.NextAsync(2)).Message.MessageId };
        Assert.Equal(ids[0], ids[1]);
        Assert.NotEqual(ids[0], ids[2]);
    }

    [Fact]
    public async Task A_mailbox_the_server_refuses_for_good_is_a_rejected_notice_with_the_address_gone()
    {
        _smtp.RecipientReplies["gone@example.jp"] = "550 5.1.1 No such user here";

        var e = await Assert.ThrowsAsync<NoticeRejectedException>(() => Sender().SendAsync(Notice(44, "ja", "件名", "本文"), "gone@example.jp", Ct));

        Assert.True(e.AddressGone);
        Assert.Contains("550", e.Message);
        Assert.Empty(_smtp.Received);
    }

    [Fact]
    public async Task A_mailbox_refused_for_now_is_an_ordinary_failure_that_the_worker_retries()
    {
        _smtp.RecipientReplies["busy@example.jp"] = "451 4.3.0 Mailbox temporarily unavailable";

        var e = await Assert.ThrowsAnyAsync<Exception>(() => Sender().SendAsync(Notice(45, "ja", "件名", "本文"), "busy@example.jp", Ct));

        Assert.IsNotType<NoticeRejectedException>(e);
        Assert.IsType<SmtpCommandException>(e);
    }

    [Fact]
    public async Task A_server_that_cannot_be_reached_is_an_ordinary_failure()
    {
        var closedPort = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        closedPort.Start();
        var port = ((System.Net.IPEndPoint)closedPort.LocalEndpoint).Port;
        closedPort.Stop();

        var e = await Assert.ThrowsAnyAsync<Exception>(() => Sender(port).SendAsync(Notice(46, "ja", "件名", "本文"), "hanako@example.jp", Ct));

        Assert.IsNotType<NoticeRejectedException>(e);
    }

    [Fact]
    public async Task Something_that_is_not_an_address_is_rejected_without_a_connection()
    {
        var e = await Assert.ThrowsAsync<NoticeRejectedException>(() => Sender().SendAsync(Notice(47, "ja", "件名", "本文"), "not an address", Ct));
        Assert.True(e.AddressGone);
    }
}
