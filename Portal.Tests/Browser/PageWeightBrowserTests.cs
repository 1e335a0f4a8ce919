using System.Collections.Concurrent;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Leaflet is fetched by the pages that draw a map, when they draw it, and by no other page.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class PageWeightBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task Leaflet_loads_with_the_first_map_and_not_before()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var requested = new ConcurrentQueue<string>();
        browser.Page.Request += (_, request) => requested.Enqueue(request.Url);

        await browser.Page.GotoAsync("/");
        await browser.WaitUntilReadyAsync();
        Assert.DoesNotContain(requested, url => url.Contains("/lib/leaflet/", StringComparison.Ordinal));

        await browser.Page.GotoAsync("/reports");
        await browser.WaitUntilReadyAsync();
        await Expect(browser.Page.Locator(".report-map.leaflet-container")).ToBeVisibleAsync();
        Assert.Contains(requested, url => url.Contains("/lib/leaflet/leaflet.", StringComparison.Ordinal) && url.EndsWith(".css", StringComparison.Ordinal));
        Assert.Contains(requested, url => url.Contains("/lib/leaflet/leaflet.", StringComparison.Ordinal) && url.EndsWith(".js", StringComparison.Ordinal));
    }
}
