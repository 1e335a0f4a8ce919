using System.Net;
using System.Text;
using Microsoft.Extensions.Localization;
using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Notifications;

namespace Portal.Web.Shell.Pwa;

/// <summary>
/// The page the service worker shows when a page cannot be loaded for want of a network. The worker keeps one copy
/// and cannot ask the server which language the reader chose (the culture cookie is the server's), so the page holds
/// its text in every language of the application (<see cref="OfferedLanguages"/>) and js/offline.js shows the language of the last page
/// this browser showed (js/pwa.js notes it), with the reader's text size and contrast. It holds nothing personal.
/// </summary>
public sealed class OfflinePage(IStringLocalizer<SharedResource> l, ShellAssets assets, OfferedLanguages languages)
{
    public const string Path = "/offline";

    private string? _html;

    public string Html => _html ??= Write();

    /// <summary>The static files the offline page uses: the service worker keeps them from its install on, with the page.</summary>
    public static readonly IReadOnlyList<string> Files = ["favicon.svg", "css/portal.css", "css/display.css", "js/offline.js"];

    private string Write()
    {
        static string E(string text) => WebUtility.HtmlEncode(text);
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{E(PortalCultures.HtmlLangOf(languages.All[0]))}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1.0">
            <meta name="robots" content="noindex">
            <meta name="theme-color" content="{PortalTheme.Blue}">
            <title>{E(Title(languages.All[0]))}</title>
            <link rel="icon" type="image/svg+xml" href="{E(assets.Url(Files[0]))}">
            <link rel="stylesheet" href="{E(assets.Url(Files[1]))}">
            <link rel="stylesheet" href="{E(assets.Url(Files[2]))}">
            <script src="{E(assets.Url(Files[3]))}" defer></script>
            </head>
            <body>

            """);
        foreach (var culture in languages.All)
        {
            using var _ = CultureScope.Use(culture);
            html.Append($"""
                <div class="offline" lang="{E(PortalCultures.HtmlLangOf(culture))}" data-offline-language="{E(culture)}" data-title="{E(Title(culture))}"{(culture == languages.All[0] ? "" : " hidden")}>
                <header class="static-bar"><span class="portal-brand">{E(l["App_Name"])}</span></header>
                <main class="static-main">
                <h1>{E(l["Pwa_OfflineTitle"])}</h1>
                <p>{E(l["Pwa_OfflineBody"])}</p>
                <p class="static-success">{E(l["Pwa_OfflineDraft"])}</p>
                <p><button type="button" class="static-button" data-offline-retry>{E(l["Pwa_OfflineRetry"])}</button></p>
                </main>
                </div>

                """);
        }
        html.Append("</body>\n</html>\n");
        return html.ToString();
    }

    private string Title(string culture)
    {
        using var _ = CultureScope.Use(culture);
        return $"{l["Pwa_OfflineTitle"]} | {l["App_Name"]}";
    }
}
