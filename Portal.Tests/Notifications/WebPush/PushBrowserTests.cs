using System.Text.Json;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>
/// The push pieces in a real Chromium: the settings page with its cards (axe-core, both languages, a phone screen),
/// push.js loaded under the portal's Content-Security-Policy, and sw.js turning a pushed payload into a notification.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class PushBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task The_channel_settings_fit_a_phone_and_the_push_button_is_ready_once_notifications_are_allowed()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.Context.GrantPermissionsAsync(["notifications"], new BrowserContextGrantPermissionsOptions { Origin = app.ServerAddress.GetLeftPart(UriPartial.Authority) });
        await browser.SignInQuietlyAsync(await app.CreateAccountAsync(Role.Resident));

        await browser.VisitAndCheckAsync("/settings/channels", async language =>
        {
            await Expect(browser.Page.Locator("[data-push-state='Ready']")).ToBeAttachedAsync();
            await Expect(browser.Page.Locator("[data-channel-off='line']")).ToHaveTextAsync(PortalText.Get("Channels_LineOff", language));
        });
    }

    [Fact]
    public async Task The_service_worker_shows_a_pushed_notice_with_its_title_body_and_link()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var origin = app.ServerAddress.GetLeftPart(UriPartial.Authority);
        await browser.Context.GrantPermissionsAsync(["notifications"], new BrowserContextGrantPermissionsOptions { Origin = origin });
        await browser.Page.GotoAsync("/");

        var cdp = await browser.Context.NewCDPSessionAsync(browser.Page);
        var registrationId = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("ServiceWorker.workerRegistrationUpdated").OnEvent += (_, data) =>
        {
            foreach (var registration in data!.Value.GetProperty("registrations").EnumerateArray())
                if (registration.GetProperty("scopeURL").GetString() == origin + "/" && !registration.GetProperty("isDeleted").GetBoolean())
                    registrationId.TrySetResult(registration.GetProperty("registrationId").GetString()!);
        };
        await cdp.SendAsync("ServiceWorker.enable");
        var script = await browser.Page.EvaluateAsync<string>("""
            async () => {
                await navigator.serviceWorker.register('/sw.js', { scope: '/' });
                const ready = await navigator.serviceWorker.ready;
                // Ready has an active worker, which may still be activating; a push the DevTools protocol delivers
                // to it then can be lost. Wait until it has activated.
                const worker = ready.active;
                if (worker.state !== 'activated')
                    await new Promise(resolve => worker.addEventListener('statechange', () => worker.state === 'activated' && resolve()));
                return worker.scriptURL;
            }
            """);
        Assert.EndsWith("/sw.js", script);

        var payload = JsonSerializer.Serialize(new { title = "お呼び出しです", body = "3番窓口へお越しください。", url = origin + "/queue", icon = "/favicon.svg", tag = "notice-5", lang = "ja" });
        await cdp.SendAsync("ServiceWorker.deliverPushMessage", new Dictionary<string, object>
        {
            ["origin"] = origin,
            ["registrationId"] = await Eventually.DoneAsync(registrationId.Task, what: "the service worker registers"),
            ["data"] = payload,
        });

        var shown = await browser.Page.EvaluateAsync<JsonElement>("""
            async () => {
                const registration = await navigator.serviceWorker.ready;
                // Up to 30 s, as every wait of the suite: the worker's push event is slow on a machine at a load of 10 or more.
                for (let i = 0; i < 600; i++) {
                    const list = await registration.getNotifications({ tag: 'notice-5' });
                    if (list.length) return { title: list[0].title, body: list[0].body, url: list[0].data.url, icon: list[0].icon };
                    await new Promise(resolve => setTimeout(resolve, 50));
                }
                return null;
            }
            """);
        Assert.Equal(JsonValueKind.Object, shown.ValueKind);
        Assert.Equal("お呼び出しです", shown.GetProperty("title").GetString());
        Assert.Equal("3番窓口へお越しください。", shown.GetProperty("body").GetString());
        Assert.Equal(origin + "/queue", shown.GetProperty("url").GetString());
        Assert.EndsWith("/favicon.svg", shown.GetProperty("icon").GetString());
    }
}
