using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Shell.Pwa;
using SkiaSharp;

namespace Portal.Tests.Shell;

/// <summary>
/// The installable app over HTTP: the manifest in every language with icons of the sizes it names, the maskable icons'
/// safe zone, the service worker's list of files to keep (fingerprinted files only) and the offline page.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed partial class PwaHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Cultures => [.. OfferedLanguages.Standard.All];

    [Theory]
    [MemberData(nameof(Cultures))]
    public async Task The_manifest_speaks_the_readers_language_and_names_the_app_its_icons_and_shortcuts(string culture)
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/manifest.webmanifest?culture=" + culture, Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/manifest+json", response.Content.Headers.ContentType?.MediaType);
        using var manifest = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        var root = manifest.RootElement;
        string Text(string name) => root.GetProperty(name).GetString()!;
        Assert.Equal(PortalText.Get("App_Name", culture), Text("name"));
        Assert.Equal(PortalText.Get("Pwa_ShortName", culture), Text("short_name"));
        Assert.Equal(PortalText.Get("Pwa_Description", culture), Text("description"));
        // Easy Japanese is "ja" to the system installing the app, as its pages' <html lang> are.
        Assert.Equal((culture == "ja-Easy" ? "ja" : culture, "ltr"), (Text("lang"), Text("dir")));
        Assert.Equal(("/", "/", "/", "standalone"), (Text("id"), Text("start_url"), Text("scope"), Text("display")));
        Assert.Equal(("#00589c", "#f7f9fb"), (Text("theme_color"), Text("background_color")));

        var icons = root.GetProperty("icons").EnumerateArray().Select(i => (Size: i.GetProperty("sizes").GetString(), Purpose: i.GetProperty("purpose").GetString())).ToList();
        Assert.Equal([("192x192", "any"), ("512x512", "any"), ("192x192", "maskable"), ("512x512", "maskable")], icons);
        foreach (var icon in root.GetProperty("icons").EnumerateArray())
            await AssertPngAsync(client, icon);

        var shortcuts = root.GetProperty("shortcuts").EnumerateArray().ToList();
        Assert.Equal(
            [(PortalText.Get("Pwa_ShortcutReport", culture), "/reports/new"), (PortalText.Get("Pwa_ShortcutQueue", culture), "/queue"),
             (PortalText.Get("Nav_Benefits", culture), "/for-you")],
            shortcuts.Select(s => (s.GetProperty("name").GetString(), s.GetProperty("url").GetString())));
        foreach (var shortcut in shortcuts)
            await AssertPngAsync(client, Assert.Single(shortcut.GetProperty("icons").EnumerateArray()));
    }

    /// <summary>The icon answers as a PNG of exactly the size the manifest gives it, from its fingerprinted address.</summary>
    private async Task AssertPngAsync(HttpClient client, JsonElement icon)
    {
        var src = icon.GetProperty("src").GetString()!;
        using var response = await client.GetAsync(src, Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("image/png", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(src, app.Services.GetRequiredService<ShellAssets>().Fingerprinted.Values);
        using var bitmap = SKBitmap.Decode(await response.Content.ReadAsByteArrayAsync(Ct));
        Assert.Equal(icon.GetProperty("sizes").GetString(), $"{bitmap.Width}x{bitmap.Height}");
    }

    [Fact]
    public async Task Every_page_links_the_manifest_in_its_language_and_the_icons_and_tags_an_iPhone_needs()
    {
        using var client = app.CreateBrowserlessClient();
        foreach (var culture in OfferedLanguages.Standard.All)
        {
            foreach (var path in new[] { "/", "/account/signin" })
            {
                using var response = await client.GetAsync($"{path}?culture={culture}", Ct);
                var page = await response.Content.ReadAsStringAsync(Ct);
                // The policy lets the page use the portal's own manifest and worker, and no one else's.
                var policy = response.Headers.GetValues("Content-Security-Policy").Single();
                Assert.Contains("manifest-src 'self';", policy);
                Assert.Contains("worker-src 'self';", policy);
                Assert.Contains($"<link rel=\"manifest\" href=\"/manifest.webmanifest?culture={culture}\" />", page);
                Assert.Matches("<meta name=\"apple-mobile-web-app-capable\" content=\"yes\" ?/?>", page);
                Assert.Matches($"<meta name=\"apple-mobile-web-app-title\" content=\"{PortalText.Get("Pwa_ShortName", culture)}\" ?/?>", page);
                var touchIcon = AppleTouchIcon().Match(page);
                Assert.True(touchIcon.Success, $"{path} has no apple-touch-icon.");
                using var bitmap = SKBitmap.Decode(await client.GetByteArrayAsync(touchIcon.Groups[1].Value, Ct));
                Assert.Equal((180, 180), (bitmap.Width, bitmap.Height));
                // iOS shows transparency as black: the touch icon is opaque to its corners.
                Assert.Equal(255, bitmap.GetPixel(0, 0).Alpha);
            }
        }
    }

    [GeneratedRegex("<link rel=\"apple-touch-icon\" href=\"([^\"]+)\"")]
    private static partial Regex AppleTouchIcon();

    [Theory]
    [InlineData("icon-maskable-192.png")]
    [InlineData("icon-maskable-512.png")]
    public async Task A_maskable_icon_draws_only_inside_its_safe_zone_and_fills_its_square(string file)
    {
        using var client = app.CreateBrowserlessClient();
        using var bitmap = SKBitmap.Decode(await client.GetByteArrayAsync("/icons/" + file, Ct));
        var size = bitmap.Width;
        var centre = size / 2.0;
        var outside = 0;
        var drawn = 0;
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var pixel = bitmap.GetPixel(x, y);
                Assert.Equal(255, pixel.Alpha); // full bleed: the launcher cuts the shape
                var distance = Math.Sqrt(Math.Pow(x + 0.5 - centre, 2) + Math.Pow(y + 0.5 - centre, 2)) / size;
                if (pixel == PortalIcons.Blue) continue;
                drawn++;
                if (distance > PortalIcons.SafeZoneRadius) outside++;
            }
        }
        Assert.True(drawn > size * size / 50, "The icon should show its character.");
        Assert.Equal(0, outside);
    }

    [Fact]
    public async Task The_committed_icons_are_what_the_drawing_code_draws()
    {
        using var client = app.CreateBrowserlessClient();
        foreach (var (file, size, kind) in PortalIcons.Files)
        {
            using var committed = SKBitmap.Decode(await client.GetByteArrayAsync("/icons/" + file, Ct));
            using var drawn = SKBitmap.Decode(PortalIcons.Png(kind, size));
            Assert.Equal((size, size), (committed.Width, committed.Height));
            var differing = 0;
            for (var y = 0; y < size; y++)
                for (var x = 0; x < size; x++)
                    if (committed.GetPixel(x, y) != drawn.GetPixel(x, y)) differing++;
            Assert.True(differing == 0, $"{file} differs from PortalIcons in {differing} pixels: run dotnet run --project Portal.Web -- icons");
        }
    }

    [Fact]
    public async Task The_service_worker_keeps_only_fingerprinted_files_and_the_offline_page()
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/sw.js", Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/javascript", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var script = await response.Content.ReadAsStringAsync(Ct);
        using var settings = JsonDocument.Parse(WorkerSettings().Match(script).Groups[1].Value);
        var shell = settings.RootElement.GetProperty("shell").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Matches("^[0-9a-f]{16}$", settings.RootElement.GetProperty("version").GetString());
        Assert.Equal("/offline", settings.RootElement.GetProperty("offline").GetString());

        var assets = app.Services.GetRequiredService<ShellAssets>();
        Assert.Equal(assets.Shell, shell);
        foreach (var label in new[] { "css/portal.css", "css/display.css", "js/portal.js", "js/pwa.js", "js/offline.js", "icons/icon-192.png",
                     "lib/mudblazor/MudBlazor.min.css", "lib/mudblazor/MudBlazor.min.js", "_framework/blazor.web.js" })
            Assert.Contains(assets.Url(label), shell);
        foreach (var url in shell)
        {
            // Each is a static file's fingerprinted address (named by its content): never a page, an API or a plain path.
            Assert.Contains(url, assets.Fingerprinted.Values);
            Assert.DoesNotContain(url.TrimStart('/'), assets.Fingerprinted.Keys);
            using var file = await client.GetAsync(url, Ct);
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        }

        // What the install fetches: the offline page's own few files, fingerprinted, not MudBlazor or Blazor's runtime.
        var offlineFiles = settings.RootElement.GetProperty("offlineFiles").EnumerateArray().Select(e => e.GetString()!).ToList();
        Assert.Equal(OfflinePage.Files.Select(assets.Url), offlineFiles);
        Assert.All(offlineFiles, url => Assert.Contains(url, shell));
        var offlinePage = await client.GetStringAsync("/offline", Ct);
        Assert.All(offlineFiles, url => Assert.Contains(url, offlinePage));
        Assert.Equal(offlineFiles.Count, AssetReferences().Matches(offlinePage).Count);
    }

    [GeneratedRegex(@"(?:href|src)=""/(?:css|js|favicon|lib|_framework)[^""]*""")]
    private static partial Regex AssetReferences();

    [GeneratedRegex(@"const PORTAL = (\{.*?\n\});", RegexOptions.Singleline)]
    private static partial Regex WorkerSettings();

    [Fact]
    public async Task The_offline_page_has_every_language_and_the_same_bytes_for_everyone()
    {
        using var anonymous = app.CreateBrowserlessClient();
        using var signedIn = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Resident, name: "オフライン 花子"));

        using var response = await anonymous.GetAsync("/offline", Ct);
        var page = await response.Content.ReadAsStringAsync(Ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("no-cache", response.Headers.CacheControl?.ToString());
        var text = WebUtility.HtmlDecode(page);
        foreach (var culture in OfferedLanguages.Standard.All)
        {
            Assert.Contains($"data-offline-language=\"{culture}\"", page);
            Assert.Contains(PortalText.Get("Pwa_OfflineTitle", culture), text);
            Assert.Contains(PortalText.Get("Pwa_OfflineDraft", culture), text);
        }
        // Nothing of the person who fetched it: the worker keeps one copy for whoever uses the phone next.
        Assert.Equal(page, await signedIn.GetStringAsync("/offline", Ct));
        Assert.DoesNotContain("オフライン 花子", page);
    }
}
