using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>
/// The ticket page and the crowding page are the lightest of the portal: each at most 40 KB over the wire on a first
/// visit, HTML, stylesheet, scripts and icon together, fetched as a phone's browser fetches them (asking for br and
/// gzip, counting the bytes that arrive, not decompressed), and nothing that holds up the first paint but the page's
/// own stylesheet. The HTML itself is sent uncompressed (it carries a form token), so it counts at its full size.
/// The server here serves static files as a published one does: from the manifest's precompressed, fingerprinted files
/// with their year-long cache headers. (A build's server otherwise reloads them at run time for development, sending
/// them gzip-stored, not compressed, and no-cache.) A published build adds brotli, smaller still than the gzip
/// measured here.
/// </summary>
public sealed partial class LightPageBudgetTests
{
    private const int Budget = 40 * 1024;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_ticket_page_and_the_crowding_page_each_arrive_in_at_most_40_KB_with_only_their_own_files_in_every_language()
    {
        await using var app = PortalAppFactory.With(new Dictionary<string, string?> { ["ReloadStaticAssetsAtRuntime"] = "false" });
        var service = await QueueHttpTests.ServiceAsync(app);
        var issued = await app.Services.GetRequiredService<TicketService>().IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        using var phone = new HttpClient(new HttpClientHandler { AutomaticDecompression = DecompressionMethods.None, UseCookies = false })
        {
            BaseAddress = app.ServerAddress,
        };
        phone.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br, gzip");

        var languages = app.Services.GetRequiredService<OfferedLanguages>().All;
        Assert.Equal(OfferedLanguages.Default, languages);
        foreach (var path in languages.SelectMany(l => new[] { $"/queue/t/{issued.Token}?culture={l}", $"/queue?culture={l}" }))
        {
            using var page = await phone.GetAsync(path, Ct);
            var html = await page.Content.ReadAsStringAsync(Ct);
            // In the language asked for, not Japanese by default.
            var language = path[(path.IndexOf("culture=", StringComparison.Ordinal) + "culture=".Length)..];
            Assert.Contains($"<html lang=\"{OfferedLanguages.HtmlLang(language)}\"", html);
            var total = (await page.Content.ReadAsByteArrayAsync(Ct)).Length;
            var files = new List<string>();

            var head = html[..html.IndexOf("</head>", StringComparison.Ordinal)];
            // Render-blocking in the head: stylesheets and classic scripts. Only the page's own stylesheets are allowed:
            // its layout's and the reader's text size and contrast (every page's, so that the first paint is right).
            Assert.Equal(["css/light.css", "css/display.css"], StylesheetRegex().Matches(head).Select(m => Unfingerprinted(m.Groups[1].Value)));
            Assert.DoesNotMatch(ClassicScriptRegex(), head);
            foreach (Match file in FileRegex().Matches(html))
            {
                var url = file.Groups[1].Value;
                Assert.False(url.Contains("//", StringComparison.Ordinal), $"{path} loads {url} from elsewhere.");
                using var response = await phone.GetAsync("/" + url.TrimStart('/'), Ct);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                var bytes = (await response.Content.ReadAsByteArrayAsync(Ct)).Length;
                total += bytes;
                files.Add($"{Unfingerprinted(url)} {bytes} B {string.Join(",", response.Content.Headers.ContentEncoding)}");
                // Fingerprinted, so cached for good; and compressed unless it is an icon too small to gain.
                Assert.Matches(@"\.[a-z0-9]{8,}\.\w+$", url);
                Assert.Contains("immutable", response.Headers.CacheControl?.ToString() ?? "");
                if (!url.EndsWith(".svg", StringComparison.Ordinal))
                    Assert.Contains(response.Content.Headers.ContentEncoding, e => e is "br" or "gzip");
            }
            TestContext.Current.TestOutputHelper?.WriteLine($"{path}: HTML {html.Length} chars; {string.Join("; ", files)}; total {total} B");
            Assert.True(total <= Budget, $"{path} takes {total} bytes on a first visit ({string.Join("; ", files)}), over {Budget}.");
            Assert.DoesNotContain("blazor.web", html);
        }
    }

    private static string Unfingerprinted(string url) => FingerprintRegex().Replace(url.TrimStart('/'), "$1");

    // Every file the page's first load asks for: stylesheets, icon, scripts and the module its script imports at once.
    [GeneratedRegex("(?:<link [^>]*href|<script [^>]*src|data-push-script)=\"([^\"]+\\.(?:css|js|svg))\"")]
    private static partial Regex FileRegex();

    [GeneratedRegex("<link rel=\"stylesheet\" href=\"([^\"]+)\"")]
    private static partial Regex StylesheetRegex();

    [GeneratedRegex("<script(?![^>]*(?:type=\"module\"|defer|async))[^>]*src=")]
    private static partial Regex ClassicScriptRegex();

    [GeneratedRegex(@"\.[a-z0-9]{8,}(\.\w+)$")]
    private static partial Regex FingerprintRegex();
}
