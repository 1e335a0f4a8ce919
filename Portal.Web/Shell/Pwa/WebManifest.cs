using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Microsoft.Extensions.Localization;

namespace Portal.Web.Shell.Pwa;

/// <summary>
/// The web app manifest in the reader's language, made from the resource texts of the request's culture, so a
/// language the portal gains later has its manifest as soon as its resources are translated. Pages link it as
/// <c>/manifest.webmanifest?culture=xx</c> (<see cref="Href"/>): browsers fetch a manifest without cookies, so the
/// culture cookie would not reach it, while the query string is the culture provider the portal already reads first.
/// The id and start URL are the same in every language: one installed app whose name follows the reader's language.
/// </summary>
public static class WebManifest
{
    public const string Path = "/manifest.webmanifest";
    public const string ContentType = "application/manifest+json; charset=utf-8";

    /// <summary>Where a page links the manifest: in the language the page is shown in.</summary>
    public static string Href => Path + "?culture=" + Uri.EscapeDataString(CultureInfo.CurrentUICulture.Name);

    /// <summary>The shortcuts a long press on the installed icon offers: report a problem, the queue, For You.</summary>
    public static readonly IReadOnlyList<(string NameKey, string Url, string Icon)> Shortcuts =
    [
        ("Pwa_ShortcutReport", "/reports/new", "icons/shortcut-report.png"),
        ("Pwa_ShortcutQueue", "/queue", "icons/shortcut-queue.png"),
        ("Nav_Benefits", "/for-you", "icons/shortcut-for-you.png"), // "For You" in every language
    ];

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, // ShortName → short_name, as the manifest spells it
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = true,
    };

    public static string Write(IStringLocalizer l, ShellAssets assets)
    {
        var culture = CultureInfo.CurrentUICulture;
        ManifestIcon Icon(string file, string? purpose = null)
        {
            var size = PortalIcons.Files.Single(f => "icons/" + f.File == file).Size;
            return new ManifestIcon(assets.Url(file), $"{size}x{size}", "image/png", purpose);
        }
        var manifest = new Manifest(
            Id: "/",
            Name: l["App_Name"],
            ShortName: l["Pwa_ShortName"],
            Description: l["Pwa_Description"],
            // A BCP 47 tag the installing system knows: easy Japanese is Japanese to it, as in <html lang>.
            Lang: Portal.Web.Hosting.PortalCultures.HtmlLangOf(culture.Name),
            Dir: culture.TextInfo.IsRightToLeft ? "rtl" : "ltr",
            StartUrl: "/",
            Scope: "/",
            Display: "standalone",
            ThemeColor: PortalTheme.Blue,
            BackgroundColor: PortalTheme.Background,
            Icons:
            [
                Icon("icons/icon-192.png", "any"), Icon("icons/icon-512.png", "any"),
                Icon("icons/icon-maskable-192.png", "maskable"), Icon("icons/icon-maskable-512.png", "maskable"),
            ],
            Shortcuts: [.. Shortcuts.Select(s => new ManifestShortcut(l[s.NameKey], s.Url, [Icon(s.Icon)]))]);
        return JsonSerializer.Serialize(manifest, Json);
    }

    private sealed record Manifest(string Id, string Name, string ShortName, string Description, string Lang, string Dir, string StartUrl,
        string Scope, string Display, string ThemeColor, string BackgroundColor, IReadOnlyList<ManifestIcon> Icons,
        IReadOnlyList<ManifestShortcut> Shortcuts);

    private sealed record ManifestIcon(string Src, string Sizes, string Type, string? Purpose);

    private sealed record ManifestShortcut(string Name, string Url, IReadOnlyList<ManifestIcon> Icons);
}
