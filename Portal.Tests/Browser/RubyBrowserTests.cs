using System.Text.Json;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Easy Japanese in a real browser: the interface's words carry readings over their kanji as &lt;ruby&gt;, and a screen
/// reader is not given the reading twice. Chromium keeps &lt;rt&gt; out of an element's accessible name and exposes the
/// reading as the ruby's description, so the heading's name is its words alone (お知らせ, not お知しらせ); the
/// readings stay visible and reachable, which is why &lt;rt&gt; is not hidden with aria-hidden.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class RubyBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task A_resident_reading_easy_Japanese_sees_readings_over_kanji_and_a_screen_reader_hears_each_word_once()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync("/notifications");
        await browser.WaitUntilReadyAsync();
        await browser.SwitchLanguageAsync("ja-Easy");
        var page = browser.Page;

        var heading = page.Locator("h1");
        await Expect(heading.Locator("ruby rt")).ToHaveTextAsync(["し"]);
        Assert.DoesNotContain('《', await page.EvaluateAsync<string>("() => document.body.innerText"));

        // What the accessibility tree gives a screen reader for the heading: the words, once.
        var cdp = await page.Context.NewCDPSessionAsync(page);
        var document = await cdp.SendAsync("DOM.getDocument");
        var h1 = await cdp.SendAsync("DOM.querySelector", new() { ["nodeId"] = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32(), ["selector"] = "h1" });
        var tree = await cdp.SendAsync("Accessibility.getPartialAXTree", new() { ["nodeId"] = h1!.Value.GetProperty("nodeId").GetInt32(), ["fetchRelatives"] = false });
        var node = tree!.Value.GetProperty("nodes").EnumerateArray().First(n => n.GetProperty("role").GetProperty("value").GetString() == "heading");
        Assert.Equal(PortalText.Get("Notices_Title", "ja-Easy"), node.GetProperty("name").GetProperty("value").GetString());
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/notifications (ja-Easy)");
    }
}
