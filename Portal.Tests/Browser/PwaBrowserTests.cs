using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications;
using Portal.Tests.Notifications.WebPush;
using Portal.Tests.Queues;
using Portal.Web.Hosting;
using Portal.Web.Notifications;
using Portal.Web.Shell.Pwa;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// The installable app in a real Chromium: installability as Chromium itself judges it, the offline page, what the
/// service worker keeps, and Web Push through the same worker (a changed subscription renewed, a removed device
/// unsubscribed). A server of its own, whose Web Push accepts a local push service.
/// </summary>
public sealed class PwaBrowserTests(LocalPushPortal portal, ChromiumFixture chromium) : IClassFixture<LocalPushPortal>
{
    private readonly PortalAppFactory _app = portal.App;
    private readonly LocalHttpServer _pushService = portal.PushService;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Origin => _app.ServerAddress.GetLeftPart(UriPartial.Authority);

    /// <summary>Waits until the portal's service worker is active and controls the page.</summary>
    private static Task WaitForWorkerAsync(IPage page) => page.EvaluateAsync("""
        async () => {
            await navigator.serviceWorker.ready;
            if (!navigator.serviceWorker.controller)
                await new Promise(resolve => navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
        }
        """);

    /// <summary>The addresses the service worker keeps in its caches.</summary>
    private static Task<string[]> KeptAsync(IPage page) => page.EvaluateAsync<string[]>("""
        async () => {
            const urls = [];
            for (const name of await caches.keys())
                for (const request of await (await caches.open(name)).keys()) {
                    const url = new URL(request.url);
                    urls.push(url.pathname + url.search);
                }
            return urls;
        }
        """);

    [Fact]
    public async Task A_ticket_page_opened_from_its_QR_code_installs_the_worker_without_downloading_the_interactive_app()
    {
        var service = await QueueHttpTests.ServiceAsync(_app);
        var issued = await _app.Services.GetRequiredService<TicketService>().IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        await using var browser = await PortalBrowser.OpenAsync(chromium, _app.ServerAddress, PortalBrowser.Phone);
        var page = browser.Page;
        var assets = _app.Services.GetRequiredService<ShellAssets>();
        string[] interactive = [assets.Url("_framework/blazor.web.js"), assets.Url("lib/mudblazor/MudBlazor.min.css"), assets.Url("lib/mudblazor/MudBlazor.min.js")];
        var fetched = new ConcurrentQueue<string>();
        browser.Context.Request += (_, request) => fetched.Enqueue(new Uri(request.Url).AbsolutePath);

        await page.GotoAsync($"/queue/t/{issued.Token}");
        await WaitForWorkerAsync(page);
        await Expect(page.Locator("[data-field=headline]")).ToBeVisibleAsync();

        var kept = await KeptAsync(page);
        Assert.Contains("/offline", kept);
        Assert.All(OfflinePage.Files, label => Assert.Contains(assets.Url(label), kept));
        Assert.All(interactive, url => Assert.DoesNotContain(url, kept));
        Assert.All(interactive, url => Assert.DoesNotContain(url, fetched));

        // A page that uses the interactive app has its files kept as it uses them.
        await page.GotoAsync("/");
        await Expect(page.Locator("h1[tabindex]").First).ToBeAttachedAsync();
        await page.WaitForFunctionAsync("""
            async url => {
                for (const name of await caches.keys())
                    if (await (await caches.open(name)).match(url)) return true;
                return false;
            }
            """, assets.Url("_framework/blazor.web.js"));
    }

    /// <summary>The reader's language as the language switch keeps it (the culture cookie), for any of the portal's languages.</summary>
    private Task ChooseLanguageAsync(IBrowserContext context, string culture) => context.AddCookiesAsync(
    [
        new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = Origin + "/", SameSite = SameSiteAttribute.Lax },
    ]);

    [Fact]
    public async Task Chromium_finds_the_portal_installable_in_every_language()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var profile = Directory.CreateTempSubdirectory("chibaportal-profile-");
        try
        {
            // Chromium never offers to install from an incognito profile, which every context of the shared browser is.
            await using var context = await chromium.LaunchWithProfileAsync(profile.FullName, new BrowserTypeLaunchPersistentContextOptions
            {
                BaseURL = _app.ServerAddress.ToString(), Locale = "ja-JP", TimezoneId = "Asia/Tokyo",
            });
            await context.RouteAsync(url => !url.StartsWith(Origin, StringComparison.Ordinal), route => route.AbortAsync());
            var page = context.Pages.FirstOrDefault() ?? await context.NewPageAsync();
            var cdp = await context.NewCDPSessionAsync(page);
            foreach (var culture in OfferedLanguages.Standard.All)
            {
                await ChooseLanguageAsync(context, culture);
                await page.GotoAsync("/");
                await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.HtmlLangOf(culture));
                await WaitForWorkerAsync(page);

                var manifest = (await cdp.SendAsync("Page.getAppManifest"))!.Value;
                Assert.Equal(Origin + "/manifest.webmanifest?culture=" + culture, manifest.GetProperty("url").GetString());
                Assert.True(manifest.GetProperty("errors").GetArrayLength() == 0, $"Manifest errors ({culture}): {manifest.GetProperty("errors")}");
                using var data = JsonDocument.Parse(manifest.GetProperty("data").GetString()!);
                Assert.Equal(PortalText.Get("App_Name", culture), data.RootElement.GetProperty("name").GetString());

                var installability = (await cdp.SendAsync("Page.getInstallabilityErrors"))!.Value.GetProperty("installabilityErrors");
                Assert.True(installability.GetArrayLength() == 0, $"Chromium would not install the portal ({culture}): {installability}");
            }
        }
        finally
        {
            try { profile.Delete(recursive: true); } catch (IOException) { }
        }
    }

    [Fact]
    public async Task Offline_a_page_answers_with_the_offline_page_in_the_readers_language_never_with_a_personal_page_seen_before()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, _app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(await _app.CreateAccountAsync(Role.Resident));
        var page = browser.Page;
        var offlineHeading = page.Locator("h1").Filter(new LocatorFilterOptions { Visible = true });

        var online = true;
        foreach (var culture in OfferedLanguages.Standard.All)
        {
            // A personal page, seen while online, in this language.
            await ChooseLanguageAsync(browser.Context, culture);
            if (online)
                await page.GotoAsync("/points");
            else
                await browser.Context.SetOfflineAsync(false); // the offline page tries again by itself once the network is back
            await Expect(page.Locator("#points-balance")).ToBeAttachedAsync(); // the resident's own page, not the offline page
            // The page is static HTML, there before its scripts ran: wait until js/pwa.js has noted its language.
            await page.WaitForFunctionAsync("language => localStorage.getItem('chiba-portal.language') === language", culture);
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.HtmlLangOf(culture));
            Assert.EndsWith("/points", page.Url);
            await WaitForWorkerAsync(page);

            await browser.Context.SetOfflineAsync(true);
            online = false;
            await page.GotoAsync("/points");

            await Expect(offlineHeading).ToHaveTextAsync(PortalText.Get("Pwa_OfflineTitle", culture));
            await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", PortalCultures.HtmlLangOf(culture));
            await Expect(page.Locator("[data-offline-language]:visible")).ToContainTextAsync(PortalText.Get("Pwa_OfflineDraft", culture));
            await Expect(page.Locator(".points-balance")).ToHaveCountAsync(0);
            var where = $"the offline page ({culture}, 390x844)";
            await browser.AssertNoHorizontalOverflowAsync(where);
            await Accessibility.AssertNoSeriousViolationsAsync(page, where);
        }

        // What the worker keeps: the offline page and fingerprinted static files, nothing else.
        var kept = await KeptAsync(page);
        var assets = _app.Services.GetRequiredService<ShellAssets>();
        Assert.Contains("/offline", kept);
        Assert.Contains(assets.Url("css/portal.css"), kept);
        Assert.All(kept.Where(url => url != "/offline"), url => Assert.Contains(url, assets.Fingerprinted.Values));
        Assert.DoesNotContain(kept, url => url.StartsWith("/points", StringComparison.Ordinal) || url.StartsWith("/_blazor", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_worker_puts_a_subscription_the_browser_changed_in_the_old_ones_place()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, _app.ServerAddress);
        var resident = await _app.CreateAccountAsync(Role.Resident);
        var addresses = _app.Services.GetRequiredService<IChannelAddressRepository>();
        using var first = new PushReceiver();
        using var second = new PushReceiver();
        using var third = new PushReceiver();
        var device = Guid.NewGuid().ToString("N");
        string Endpoint(string name) => new Uri(_pushService.Address, $"/push/{name}-{device}").AbsoluteUri;
        var id = await addresses.SavePushSubscriptionAsync(resident.Id, Endpoint("first"), first.P256dh, first.Auth, "Android · Chrome",
            DateTimeOffset.UtcNow, Ct);

        await browser.Page.GotoAsync("/");
        await WaitForWorkerAsync(browser.Page);
        // A stand-in for the PushSubscription objects the browser hands the event: what the worker reads of them.
        async Task<long> RenewAsync(object? old, object fresh) => (await EvaluateInWorkerAsync(browser, $$"""
            (async () => {
                const subscription = s => s && ({ endpoint: s.endpoint, toJSON: () => ({ endpoint: s.endpoint, expirationTime: null, keys: s.keys }) });
                return await renewPushSubscription(subscription({{JsonSerializer.Serialize(old)}}), subscription({{JsonSerializer.Serialize(fresh)}}));
            })()
            """)).GetInt64();

        // Chrome and Safari hand over the old subscription: the portal replaces it, proven by its secret.
        var renewed = await RenewAsync(
            new { endpoint = Endpoint("first"), keys = new { p256dh = first.P256dh, auth = first.Auth } },
            new { endpoint = Endpoint("second"), keys = new { p256dh = second.P256dh, auth = second.Auth } });
        Assert.Equal(id, renewed);
        Assert.Equal((Endpoint("second"), (long?)resident.Id), await EndpointAndOwnerAsync(id));

        // Firefox may hand over none: the worker remembers the subscription it last renewed (or push.js last saved).
        var again = await RenewAsync(null, new { endpoint = Endpoint("third"), keys = new { p256dh = third.P256dh, auth = third.Auth } });
        Assert.Equal(id, again);
        Assert.Equal((Endpoint("third"), (long?)resident.Id), await EndpointAndOwnerAsync(id));

        async Task<(string, long?)> EndpointAndOwnerAsync(long subscription) =>
            await addresses.GetPushSubscriptionAsync(subscription, Ct) is { } stored ? (stored.Endpoint, stored.AccountId) : ("", null);
    }

    /// <summary>
    /// Runs an expression in the portal's service worker of this browser's context, as DevTools' console would, and
    /// answers its value (awaited). Playwright for .NET has no handle on service workers: this goes through the
    /// browser's DevTools protocol, attached to the worker's target.
    /// </summary>
    private async Task<JsonElement> EvaluateInWorkerAsync(PortalBrowser browser, string expression)
    {
        var page = await browser.Context.NewCDPSessionAsync(browser.Page);
        var context = (await page.SendAsync("Target.getTargetInfo"))!.Value.GetProperty("targetInfo").GetProperty("browserContextId").GetString();
        var cdp = await browser.Context.Browser!.NewBrowserCDPSessionAsync();
        var worker = (await cdp.SendAsync("Target.getTargets"))!.Value.GetProperty("targetInfos").EnumerateArray()
            .Single(t => t.GetProperty("type").GetString() == "service_worker" && t.GetProperty("url").GetString() == Origin + "/sw.js"
                         && t.GetProperty("browserContextId").GetString() == context)
            .GetProperty("targetId").GetString();
        var session = (await cdp.SendAsync("Target.attachToTarget", new Dictionary<string, object> { ["targetId"] = worker!, ["flatten"] = false }))!
            .Value.GetProperty("sessionId").GetString();
        var answer = new TaskCompletionSource<JsonElement>(TaskCreationOptions.RunContinuationsAsynchronously);
        cdp.Event("Target.receivedMessageFromTarget").OnEvent += (_, message) =>
        {
            if (message is not { } received || received.GetProperty("sessionId").GetString() != session) return;
            var reply = JsonDocument.Parse(received.GetProperty("message").GetString()!).RootElement;
            if (reply.TryGetProperty("id", out var id) && id.GetInt32() == 1) answer.TrySetResult(reply);
        };
        await cdp.SendAsync("Target.sendMessageToTarget", new Dictionary<string, object>
        {
            ["sessionId"] = session!,
            ["message"] = JsonSerializer.Serialize(new
            {
                id = 1, method = "Runtime.evaluate", @params = new { expression, awaitPromise = true, returnByValue = true },
            }),
        });
        var result = (await answer.Task.WaitAsync(TimeSpan.FromSeconds(30), Ct)).GetProperty("result");
        Assert.False(result.TryGetProperty("exceptionDetails", out var failure), $"The worker threw: {failure}");
        await cdp.DetachAsync();
        return result.GetProperty("result").GetProperty("value");
    }

    /// <summary>
    /// Headless Chromium has no push service to subscribe with: this browser's subscription is a stand-in that answers
    /// what push.js asks of one (its endpoint, key and secret) and records being unsubscribed.
    /// </summary>
    private async Task StandInSubscriptionAsync(IBrowserContext context, string endpoint, PushReceiver here)
    {
        var key = _app.Services.GetRequiredService<WebPushKey>().PublicKey!;
        await context.AddInitScriptAsync($$"""
            (() => {
                const bytes = s => Uint8Array.from(atob((s + "===".slice((s.length + 3) % 4)).replace(/-/g, "+").replace(/_/g, "/")), c => c.charCodeAt(0));
                window.standInSubscription = sessionStorage.getItem("unsubscribed") ? null : {
                    endpoint: "{{endpoint}}",
                    options: { applicationServerKey: bytes("{{key}}").buffer },
                    toJSON() { return { endpoint: this.endpoint, expirationTime: null, keys: { p256dh: "{{here.P256dh}}", auth: "{{here.Auth}}" } }; },
                    async unsubscribe() { sessionStorage.setItem("unsubscribed", "yes"); window.standInSubscription = null; return true; },
                };
                PushManager.prototype.getSubscription = async () => window.standInSubscription;
            })();
            """);
    }

    [Fact]
    public async Task A_ticket_page_without_an_account_has_its_notice_sent_to_this_phone_s_own_subscription()
    {
        var service = await QueueHttpTests.ServiceAsync(_app);
        var issued = await _app.Services.GetRequiredService<TicketService>().IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        await using var browser = await PortalBrowser.OpenAsync(chromium, _app.ServerAddress, PortalBrowser.Phone);
        await browser.Context.GrantPermissionsAsync(["notifications"], new BrowserContextGrantPermissionsOptions { Origin = Origin });
        using var here = new PushReceiver();
        var endpoint = new Uri(_pushService.Address, "/push/ticket-" + Guid.NewGuid().ToString("N")).AbsoluteUri;
        await StandInSubscriptionAsync(browser.Context, endpoint, here);

        await browser.Page.GotoAsync($"/queue/t/{issued.Token}");
        await WaitForWorkerAsync(browser.Page);
        // This phone is subscribed (the stand-in): on opening, the page saves the subscription again and holds its sealed handle.
        await browser.Page.ReloadAsync();
        await Expect(browser.Page.Locator("[data-push-handle]")).Not.ToHaveValueAsync("");
        await Expect(browser.Page.Locator("[data-push-subscribe]")).ToBeHiddenAsync();
        await browser.Page.GetByTestId("notify-called").ClickAsync();
        await Expect(browser.Page.GetByTestId("notify-done")).ToBeVisibleAsync();

        await using var connection = await _app.Services.GetRequiredService<PortalDatabase>().OpenAsync(Ct);
        var saved = await connection.QuerySingleAsync<long>("SELECT Id FROM PushSubscription WHERE Endpoint = @endpoint", new { endpoint });
        var wish = await connection.QuerySingleAsync<(string Channel, string Destination)>(
            "SELECT Channel, Destination FROM QueueNoticeSubscription WHERE TicketId = @id", new { id = issued.Ticket.Id });
        Assert.Equal(("WebPush", saved.ToString(CultureInfo.InvariantCulture)), wish);
    }

    [Fact]
    public async Task Removing_this_browser_from_the_device_list_unsubscribes_it_and_removing_another_device_does_not()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, _app.ServerAddress, PortalBrowser.Phone);
        var resident = await _app.CreateAccountAsync(Role.Resident);
        await browser.SignInQuietlyAsync(resident);
        await browser.Context.GrantPermissionsAsync(["notifications"], new BrowserContextGrantPermissionsOptions { Origin = Origin });
        var addresses = _app.Services.GetRequiredService<IChannelAddressRepository>();
        using var here = new PushReceiver();
        using var elsewhere = new PushReceiver();
        var device = Guid.NewGuid().ToString("N");
        var thisEndpoint = new Uri(_pushService.Address, "/push/this-" + device).AbsoluteUri;
        var otherId = await addresses.SavePushSubscriptionAsync(resident.Id, new Uri(_pushService.Address, "/push/other-" + device).AbsoluteUri,
            elsewhere.P256dh, elsewhere.Auth, "iOS · Safari", DateTimeOffset.UtcNow, Ct);
        await StandInSubscriptionAsync(browser.Context, thisEndpoint, here);
        await browser.Page.GotoAsync("/");
        await WaitForWorkerAsync(browser.Page);

        // The card saves this browser's subscription again on opening: both devices are listed.
        await browser.VisitAndCheckAsync("/settings/channels", async _ =>
        {
            await Expect(browser.Page.Locator("[data-push-state='Subscribed']")).ToBeVisibleAsync();
            await Expect(browser.Page.Locator("[data-push-device]")).ToHaveCountAsync(2);
        });
        var thisId = (await addresses.ListPushSubscriptionsAsync(resident.Id, Ct)).Single(s => s.Endpoint == thisEndpoint).Id;

        await browser.Page.Locator($"[data-push-device='{otherId}'] button").ClickAsync();
        await Expect(browser.Page.Locator("[data-push-device]")).ToHaveCountAsync(1);
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.standInSubscription !== null"));
        await Expect(browser.Page.Locator("[data-push-state='Subscribed']")).ToBeVisibleAsync();

        await browser.Page.Locator($"[data-push-device='{thisId}'] button").ClickAsync();
        await Expect(browser.Page.Locator("[data-push-device]")).ToHaveCountAsync(0);
        await Expect(browser.Page.Locator("[data-push-state='Ready']")).ToBeVisibleAsync();
        Assert.True(await browser.Page.EvaluateAsync<bool>("() => window.standInSubscription === null"));
        Assert.Empty(await addresses.ListPushSubscriptionsAsync(resident.Id, Ct));
    }
}
