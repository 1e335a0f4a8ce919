using System.Diagnostics;
using System.Text.Json;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Pages in Chinese and Korean are drawn with fonts that carry their glyphs, not with a Japanese font's shapes or
/// boxes (tofu), and Vietnamese with a Latin font: Chromium reports, through the DevTools protocol, which platform
/// fonts drew a node's text.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class LanguageFontTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Theory]
    [InlineData("/reports", "zh-Hans", "Noto Sans CJK SC")]
    [InlineData("/reports", "ko", "Noto Sans CJK KR")]
    [InlineData("/queue", "zh-Hans", "Noto Sans CJK SC")]
    [InlineData("/queue", "ko", "Noto Sans CJK KR")]
    public async Task Chinese_and_Korean_pages_use_fonts_made_for_them(string path, string language, string font)
    {
        if (!InstalledFonts().Contains(font, StringComparison.Ordinal))
            Assert.Skip($"The font {font} is not installed on this machine (Debian: fonts-noto-cjk, which .ci/run installs).");
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.Page.GotoAsync($"{path}?culture={language}");
        await Expect(browser.Page.Locator("html")).ToHaveAttributeAsync("lang", language);

        var fonts = await FontsDrawingAsync(browser, "h1");
        Assert.True(fonts.Count > 0, $"No font drew the heading of {path} ({language}).");
        Assert.True(fonts.All(f => f == font), $"The heading of {path} ({language}) was drawn with {string.Join(", ", fonts)}, not {font}.");
        // For a person to look at: the page as it was drawn.
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"chibaportal-fonts-{path.Trim('/')}-{language}.png") });
    }

    /// <summary>
    /// Vietnamese is drawn with a Latin font that carries its stacked diacritics, not with the Japanese default Noto
    /// Sans CJK JP, in a browser with a Japanese locale (this suite's, and a shared device's in Japan): the heading of
    /// a static and of a light page, given a text that needs every kind of mark.
    /// </summary>
    [Theory]
    [InlineData("/reports")]
    [InlineData("/queue")]
    public async Task Vietnamese_pages_use_a_Latin_font_with_its_diacritics_not_a_Japanese_one(string path)
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.Page.GotoAsync($"{path}?culture=vi");
        await Expect(browser.Page.Locator("html")).ToHaveAttributeAsync("lang", "vi");
        // A heading with every kind of Vietnamese mark: ă, ơ, ư, đ and a tone stacked on a circumflex (ể, ộ).
        await browser.Page.EvaluateAsync("() => document.querySelector('h1').textContent = 'Đăng ký thông báo: Tiếng Việt, để hỏi ở đâu, mười một'");

        var fonts = await FontsDrawingAsync(browser, "h1");
        Assert.True(fonts.Count > 0, $"No font drew the heading of {path} (vi).");
        Assert.True(!fonts.Any(f => f.Contains("CJK", StringComparison.Ordinal) || f.EndsWith(" JP", StringComparison.Ordinal)),
            $"The heading of {path} (vi) was drawn with {string.Join(", ", fonts)}: a Japanese font.");
        await browser.Page.ScreenshotAsync(new() { Path = Path.Combine(Path.GetTempPath(), $"chibaportal-fonts-{path.Trim('/')}-vi.png") });
    }

    /// <summary>The platform fonts that drew the text of the first element matching <paramref name="selector"/>.</summary>
    private static async Task<List<string>> FontsDrawingAsync(PortalBrowser browser, string selector)
    {
        await browser.Page.Locator(selector).First.WaitForAsync();
        var cdp = await browser.Context.NewCDPSessionAsync(browser.Page);
        await cdp.SendAsync("DOM.enable");
        await cdp.SendAsync("CSS.enable");
        var document = await cdp.SendAsync("DOM.getDocument", new Dictionary<string, object> { ["depth"] = -1 });
        var root = document!.Value.GetProperty("root").GetProperty("nodeId").GetInt32();
        var found = await cdp.SendAsync("DOM.querySelector", new Dictionary<string, object> { ["nodeId"] = root, ["selector"] = selector });
        var node = found!.Value.GetProperty("nodeId").GetInt32();
        // The element's own text is in its text-node children; the protocol answers for the node and its children.
        var fonts = await cdp.SendAsync("CSS.getPlatformFontsForNode", new Dictionary<string, object> { ["nodeId"] = node });
        return fonts!.Value.GetProperty("fonts").EnumerateArray()
            .Where(f => f.GetProperty("glyphCount").GetDouble() > 0)
            .Select(f => f.GetProperty("familyName").GetString()!).Distinct().ToList();
    }

    private static string InstalledFonts()
    {
        try
        {
            using var list = Process.Start(new ProcessStartInfo("fc-list", ": family") { RedirectStandardOutput = true })!;
            var text = list.StandardOutput.ReadToEnd();
            list.WaitForExit();
            return text;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return "";
        }
    }
}
