using System.Text.Json;
using Lib.Net.Http.WebPush;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web.Notifications.WebPush;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>Delivers to a local push endpoint and opens the encrypted request the way a browser would.</summary>
public sealed class WebPushSenderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly PushReceiver _browser = new();
    private readonly VapidKeys _keys = VapidKeys.Create("mailto:portal@city.chiba.example");
    private LocalHttpServer _pushService = null!;
    private ServiceProvider _services = null!;
    private ChannelAddressRepository _addresses = null!;

    public async ValueTask InitializeAsync()
    {
        _pushService = await LocalHttpServer.StartAsync();
        _pushService.Respond = _ => new LocalHttpServer.Answer(201, "");
        _services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        _addresses = new ChannelAddressRepository(_db.Database);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _pushService.DisposeAsync();
        _browser.Dispose();
        _db.Dispose();
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private WebPushSender Sender() => new(_services.GetRequiredService<IHttpClientFactory>(), _keys, _addresses,
        Options.Create(new WebPushOptions { TimeToLiveSeconds = 3600 }));

    private async Task<string> SubscribeAsync(string path = "/push/device-1") =>
        (await _addresses.SavePushSubscriptionAsync(null, new Uri(_pushService.Address, path).AbsoluteUri, _browser.P256dh, _browser.Auth, "Android", Now, Ct))
            .ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static RenderedNotice Called(long deliveryId) =>
        new(deliveryId, NoticeKind.TicketCalled, "ja", "お呼び出しです", "受付番号 A-812 の方は 3番窓口へお越しください。", "https://portal.city.chiba.example/queues/tickets/812");

    [Fact]
    public async Task The_push_service_gets_an_aes128gcm_body_that_the_browser_can_open()
    {
        await Sender().SendAsync(Called(77), await SubscribeAsync(), Ct);

        var request = Assert.Single(_pushService.Requests);
        Assert.Equal("POST", request.Method);
        Assert.Equal("/push/device-1", request.Path);
        Assert.Equal("aes128gcm", request.Header("Content-Encoding"));
        Assert.Equal("application/octet-stream", request.Header("Content-Type"));
        Assert.Equal("3600", request.Header("TTL"));
        Assert.Equal("notice-77", request.Header("Topic"));
        Assert.Equal("high", request.Header("Urgency"));

        using var payload = JsonDocument.Parse(_browser.Decrypt(request.Body));
        var root = payload.RootElement;
        Assert.Equal("お呼び出しです", root.GetProperty("title").GetString());
        Assert.Equal("受付番号 A-812 の方は 3番窓口へお越しください。", root.GetProperty("body").GetString());
        Assert.Equal("https://portal.city.chiba.example/queues/tickets/812", root.GetProperty("url").GetString());
        Assert.Equal("/favicon.svg", root.GetProperty("icon").GetString());
        Assert.Equal("ja", root.GetProperty("lang").GetString());
    }

    [Fact]
    public async Task The_request_is_signed_with_the_portals_VAPID_key_for_the_push_services_origin()
    {
        await Sender().SendAsync(Called(78), await SubscribeAsync(), Ct);

        var claims = PushReceiver.VerifyVapid(_pushService.Requests.Single().Header("Authorization")!, _keys.PublicKey);

        // The audience is the push service's origin. Lib.Net.Http.WebPush writes scheme and host only, which is the
        // origin for the real push services (all on the default port 443); this test server has a port of its own.
        Assert.Equal($"{_pushService.Address.Scheme}://{_pushService.Address.Host}", claims.GetProperty("aud").GetString());
        Assert.Equal("mailto:portal@city.chiba.example", claims.GetProperty("sub").GetString());
        Assert.True(claims.GetProperty("exp").GetInt64() > 0);
    }

    [Fact]
    public async Task A_notice_that_is_not_urgent_goes_with_normal_urgency_and_its_own_topic()
    {
        var notice = Called(79) with { Kind = NoticeKind.ReportStatusChanged };
        await Sender().SendAsync(notice, await SubscribeAsync(), Ct);

        var request = _pushService.Requests.Single();
        // Without an Urgency header a push service treats the message as normal (RFC 8030, 5.3).
        Assert.Null(request.Header("Urgency"));
        Assert.Equal("notice-79", request.Header("Topic"));
    }

    [Theory]
    [InlineData(404)]
    [InlineData(410)]
    public async Task An_expired_subscription_is_a_rejected_notice_with_the_address_gone(int status)
    {
        _pushService.Respond = _ => new LocalHttpServer.Answer(status, "");

        var e = await Assert.ThrowsAsync<NoticeRejectedException>(async () => await Sender().SendAsync(Called(80), await SubscribeAsync(), Ct));

        Assert.True(e.AddressGone);
    }

    [Theory]
    [InlineData(429)]
    [InlineData(500)]
    [InlineData(503)]
    public async Task A_busy_or_broken_push_service_is_retried(int status)
    {
        _pushService.Respond = _ => new LocalHttpServer.Answer(status, "");

        var e = await Assert.ThrowsAsync<PushServiceClientException>(async () => await Sender().SendAsync(Called(81), await SubscribeAsync(), Ct));

        Assert.Equal(status, (int)e.StatusCode);
        Assert.Single(_pushService.Requests);
    }

    [Theory]
    [InlineData("999999")]
    [InlineData("not-a-number")]
    public async Task A_subscription_that_no_longer_exists_is_a_rejected_notice_without_a_request(string destination)
    {
        var e = await Assert.ThrowsAsync<NoticeRejectedException>(() => Sender().SendAsync(Called(82), destination, Ct));

        Assert.True(e.AddressGone);
        Assert.Empty(_pushService.Requests);
    }
}
