using System.Collections.Concurrent;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Leaflet is fetched by the pages that draw a map, when they draw it (the report form's when the resident starts on it), and by no other page.</summary>
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

    [Fact]
    public async Task The_report_form_fetches_Leaflet_when_the_resident_starts_on_it_not_while_it_opens()
    {
        var resident = await app.CreateAccountAsync(Portal.Core.Accounts.Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        var requested = new ConcurrentQueue<string>();
        browser.Page.Request += (_, request) => requested.Enqueue(request.Url);

        await browser.Page.GotoAsync("/reports/new");
        await browser.WaitUntilReadyAsync();
        // The picker is there, waiting: a slow phone starting the form does not also fetch and run the map's library.
        await Expect(browser.Page.Locator(".report-map[data-picker=waiting]")).ToBeAttachedAsync();
        Assert.DoesNotContain(requested, url => url.Contains("/lib/leaflet/", StringComparison.Ordinal));

        await browser.Page.Locator("h1").First.ClickAsync(); // the resident's first tap on the page

        await Expect(browser.Page.Locator(".report-map.leaflet-container[data-picker=drawn]")).ToBeVisibleAsync();
        Assert.Contains(requested, url => url.Contains("/lib/leaflet/leaflet.", StringComparison.Ordinal) && url.EndsWith(".js", StringComparison.Ordinal));
    }
}
