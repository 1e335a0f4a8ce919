using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web.Notifications.Email;

namespace Portal.Tests.Notifications.Email;

/// <summary>
/// The whole portal with e-mail switched on and its mail server on 127.0.0.1: a resident asks for the
/// verification message, the test reads it as received and opens the link like a mail client would.
/// </summary>
public sealed partial class EmailVerificationJourneyTests : IAsyncLifetime
{
    private readonly LocalSmtpServer _smtp = new();
    private PortalAppFactory _app = null!;

    public ValueTask InitializeAsync()
    {
        _app = PortalAppFactory.With(_smtp.PortalSettings(("Notifications:Email:VerificationsPerHour", "2")));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<VerificationSendResult> SendAsync(UserAccount account, string culture) =>
        _app.Services.GetRequiredService<EmailVerification>().SendAsync(account.Id, _app.ServerAddress, culture, Ct);

    [GeneratedRegex(@"https?://\S+/account/verify-email\?token=\S+")]
    private static partial Regex VerifyLink();

    [Fact]
    public async Task A_resident_verifies_the_address_by_opening_the_link_and_notices_then_go_there_too()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var client = await _app.SignedInClientAsync(resident);
        Assert.Contains("はまだ確認されていません", await client.GetStringAsync("/settings/channels", Ct));

        Assert.Equal(VerificationSendResult.Sent, await SendAsync(resident, "ja"));
        var (_, to, message) = await _smtp.NextAsync();
        Assert.Equal([resident.Email], to);
        Assert.Equal("メールアドレスの確認 | ちばポータル", message.Subject);
        Assert.Contains("有効期限は 24 時間", message.TextBody);
        var link = VerifyLink().Match(message.TextBody!).Value;
        Assert.StartsWith(_app.ServerAddress.GetLeftPart(UriPartial.Authority) + "/account/verify-email?token=", link);
        Assert.Contains(System.Net.WebUtility.HtmlEncode(link), message.HtmlBody);

        // Opened from a mail app, where nobody is signed in.
        using var mailApp = _app.CreateBrowserlessClient();
        using var opened = await mailApp.GetAsync(link, Ct);
        Assert.Equal(HttpStatusCode.Redirect, opened.StatusCode);
        Assert.Equal("/account/email-verified?result=verified", opened.Headers.Location!.OriginalString);
        Assert.Contains("メールアドレスを確認しました", await mailApp.GetStringAsync(opened.Headers.Location, Ct));

        Assert.NotNull(await _app.Services.GetRequiredService<IChannelAddressRepository>().GetEmailVerifiedAsync(resident.Id, Ct));
        Assert.Contains("確認済み", await client.GetStringAsync("/settings/channels", Ct));
        Assert.Equal(VerificationSendResult.AlreadyVerified, await SendAsync(resident, "ja"));

        // The outbox now writes an e-mail delivery for this resident.
        var key = "test:email:" + Guid.NewGuid().ToString("N");
        await _app.Services.GetRequiredService<INoticeOutbox>().EnqueueAsync(new Notice(NoticeKind.PointsExpiring,
            new NoticeRecipient.Account(resident.Id), key, new Dictionary<string, string>(), "/points"), Ct);
        await using var connection = await _app.Services.GetRequiredService<Portal.Data.Database.PortalDatabase>().OpenAsync(Ct);
        var channels = await Dapper.SqlMapper.QueryAsync<string>(connection,
            "SELECT d.Channel FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = @key", new { key });
        Assert.Contains("Email", channels);
    }

    [Fact]
    public async Task The_message_comes_in_the_language_the_resident_uses()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident, name: "John Smith");

        Assert.Equal(VerificationSendResult.Sent, await SendAsync(resident, "en"));

        var (_, _, message) = await _smtp.NextAsync();
        Assert.Equal("Confirm your e-mail address | ChibaPortal", message.Subject);
        Assert.Contains("Dear John Smith,", message.TextBody);
        Assert.Equal("en", message.Body!.Headers[MimeKit.HeaderId.ContentLanguage]);
    }

    [Fact]
    public async Task A_changed_token_verifies_nothing()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        var token = _app.Services.GetRequiredService<EmailVerification>().CreateToken(resident.Id, resident.Email);
        using var client = _app.CreateBrowserlessClient();

        using var tampered = await client.GetAsync("/account/verify-email?token=" + Uri.EscapeDataString(token[..^4] + "AAAA"), Ct);
        using var forged = await client.GetAsync("/account/verify-email?token=" + Uri.EscapeDataString(
            _app.Services.GetRequiredService<EmailVerification>().CreateToken(resident.Id, "someone-else@example.jp")), Ct);

        Assert.Equal("/account/email-verified?result=invalid", tampered.Headers.Location!.OriginalString);
        Assert.Equal("/account/email-verified?result=invalid", forged.Headers.Location!.OriginalString);
        Assert.Null(await _app.Services.GetRequiredService<IChannelAddressRepository>().GetEmailVerifiedAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task Asking_for_too_many_messages_is_refused_without_sending()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);

        Assert.Equal(VerificationSendResult.Sent, await SendAsync(resident, "ja"));
        Assert.Equal(VerificationSendResult.Sent, await SendAsync(resident, "ja"));
        Assert.Equal(VerificationSendResult.TooMany, await SendAsync(resident, "ja"));

        await _smtp.NextAsync(1);
        Assert.Equal(2, _smtp.Received.Count(r => r.To.Contains(resident.Email)));
    }
}
