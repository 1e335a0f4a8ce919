using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>
/// Browsers saving and removing their subscriptions through the portal's endpoints, signed in and not, and a
/// notice delivered to a subscription saved that way.
/// </summary>
public sealed class PushSubscriptionJourneyTests(LocalPushPortal portal) : IClassFixture<LocalPushPortal>
{
    private readonly PortalAppFactory _app = portal.App;
    private readonly LocalHttpServer _pushService = portal.PushService;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private object Body(PushReceiver browser, string device) => new
    {
        endpoint = new Uri(_pushService.Address, "/push/" + device).AbsoluteUri,
        expirationTime = (object?)null,
        keys = new { p256dh = browser.P256dh, auth = browser.Auth },
        deviceLabel = "Android · Chrome",
    };

    private static async Task<long> IdOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        return json.RootElement.GetProperty("id").GetInt64();
    }

    [Fact]
    public async Task Someone_on_a_ticket_page_subscribes_without_an_account_and_gets_an_id_to_address()
    {
        using var browser = new PushReceiver();
        using var client = _app.CreateBrowserlessClient();

        var id = await IdOf(await client.PostAsJsonAsync("/notifications/push/subscriptions", Body(browser, "anon-" + Guid.NewGuid().ToString("N")), Ct));

        var stored = await _app.Services.GetRequiredService<IChannelAddressRepository>().GetPushSubscriptionAsync(id, Ct);
        Assert.NotNull(stored);
        Assert.Null(stored.AccountId);
        Assert.Equal(browser.P256dh, stored.P256dh);
        Assert.Equal("Android · Chrome", stored.DeviceLabel);

        // The portal's own sender reaches it, with the portal's key.
        var sender = _app.Services.GetServices<INoticeSender>().Single(s => s.Channel == NoticeChannel.WebPush);
        await sender.SendAsync(new RenderedNotice(9001, NoticeKind.TicketNear, "ja", "まもなく順番です", "あと3人です。", null),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        using var payload = JsonDocument.Parse(browser.Decrypt(_pushService.Requests.Last().Body));
        Assert.Equal("まもなく順番です", payload.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_signed_in_residents_subscription_is_theirs_and_the_same_endpoint_again_keeps_one_row()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var client = await _app.SignedInClientAsync(resident);
        using var browser = new PushReceiver();
        var body = Body(browser, "resident-" + Guid.NewGuid().ToString("N"));

        var first = await IdOf(await client.PostAsJsonAsync("/notifications/push/subscriptions", body, Ct));
        var again = await IdOf(await client.PostAsJsonAsync("/notifications/push/subscriptions", body, Ct));

        Assert.Equal(first, again);
        var devices = await _app.Services.GetRequiredService<IChannelAddressRepository>().ListPushSubscriptionsAsync(resident.Id, Ct);
        Assert.Equal(first, Assert.Single(devices).Id);
        Assert.Contains($"data-push-device=\"{first}\"", await client.GetStringAsync("/settings/channels", Ct));
    }

    [Fact]
    public async Task A_browser_unsubscribes_by_its_endpoint_but_cannot_remove_a_residents_subscription_it_does_not_own()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var owner = await _app.SignedInClientAsync(resident);
        using var stranger = _app.CreateBrowserlessClient();
        using var browser = new PushReceiver();
        var device = "owned-" + Guid.NewGuid().ToString("N");
        var id = await IdOf(await owner.PostAsJsonAsync("/notifications/push/subscriptions", Body(browser, device), Ct));
        var endpoint = new { endpoint = new Uri(_pushService.Address, "/push/" + device).AbsoluteUri };

        using var refused = await stranger.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/notifications/push/subscriptions") { Content = JsonContent.Create(endpoint) }, Ct);
        using var removed = await owner.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/notifications/push/subscriptions") { Content = JsonContent.Create(endpoint) }, Ct);

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Null(await _app.Services.GetRequiredService<IChannelAddressRepository>().GetPushSubscriptionAsync(id, Ct));
    }

    [Fact]
    public async Task A_subscription_the_browser_renewed_keeps_its_id_and_account_but_only_for_the_holder_of_the_old_secret()
    {
        var resident = await _app.CreateAccountAsync(Role.Resident);
        using var owner = await _app.SignedInClientAsync(resident);
        // The service worker renews long after the session ended: it proves itself with the old subscription's secret.
        using var worker = _app.CreateBrowserlessClient();
        using var before = new PushReceiver();
        using var after = new PushReceiver();
        using var stranger = new PushReceiver();
        var device = Guid.NewGuid().ToString("N");
        var id = await IdOf(await owner.PostAsJsonAsync("/notifications/push/subscriptions", Body(before, "before-" + device), Ct));
        var oldEndpoint = new Uri(_pushService.Address, "/push/before-" + device).AbsoluteUri;
        var newEndpoint = new Uri(_pushService.Address, "/push/after-" + device).AbsoluteUri;

        // Knowing the endpoint is not enough: without the secret the caller only gets a subscription of its own.
        using var guessed = await worker.PostAsJsonAsync("/notifications/push/subscriptions/renew", new
        {
            endpoint = new Uri(_pushService.Address, "/push/stranger-" + device).AbsoluteUri,
            keys = new { p256dh = stranger.P256dh, auth = stranger.Auth },
            oldEndpoint, oldAuth = stranger.Auth,
        }, Ct);
        var repository = _app.Services.GetRequiredService<IChannelAddressRepository>();
        Assert.NotEqual(id, await IdOf(guessed));
        Assert.Equal(oldEndpoint, (await repository.GetPushSubscriptionAsync(id, Ct))!.Endpoint);

        using var renewed = await worker.PostAsJsonAsync("/notifications/push/subscriptions/renew", new
        {
            endpoint = newEndpoint,
            keys = new { p256dh = after.P256dh, auth = after.Auth },
            oldEndpoint, oldAuth = before.Auth,
        }, Ct);

        Assert.Equal(id, await IdOf(renewed));
        var stored = await repository.GetPushSubscriptionAsync(id, Ct);
        Assert.Equal((newEndpoint, (long?)resident.Id, "Android · Chrome"), (stored!.Endpoint, stored.AccountId, stored.DeviceLabel));

        // A notice for the id now goes to the new endpoint, encrypted for the new keys.
        var sender = _app.Services.GetServices<INoticeSender>().Single(s => s.Channel == NoticeChannel.WebPush);
        await sender.SendAsync(new RenderedNotice(9002, NoticeKind.TicketNear, "ja", "まもなく順番です", "あと2人です。", null),
            id.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        var delivered = _pushService.Requests.Last();
        Assert.Equal("/push/after-" + device, delivered.Path);
        using var payload = JsonDocument.Parse(after.Decrypt(delivered.Body));
        Assert.Equal("まもなく順番です", payload.RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task A_subscription_to_an_address_that_is_no_push_service_is_refused()
    {
        using var client = _app.CreateBrowserlessClient();
        using var browser = new PushReceiver();

        using var response = await client.PostAsJsonAsync("/notifications/push/subscriptions", new
        {
            endpoint = "https://intranet.city.chiba.example/admin",
            keys = new { p256dh = browser.P256dh, auth = browser.Auth },
        }, Ct);
        using var badKey = await client.PostAsJsonAsync("/notifications/push/subscriptions", new
        {
            endpoint = new Uri(_pushService.Address, "/push/bad-key").AbsoluteUri,
            keys = new { p256dh = WebEncoders.Base64UrlEncode(new byte[10]), auth = browser.Auth },
        }, Ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badKey.StatusCode);
    }

    [Fact]
    public async Task Posting_subscriptions_is_rate_limited_per_client()
    {
        using var app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Notifications:WebPush:AllowLoopbackEndpoints"] = "true",
            ["Notifications:WebPush:SubscriptionsPerHour"] = "2",
        });
        using var client = app.CreateBrowserlessClient();
        using var browser = new PushReceiver();

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await client.PostAsJsonAsync("/notifications/push/subscriptions", Body(browser, $"limited-{i}"), Ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
    }
}
