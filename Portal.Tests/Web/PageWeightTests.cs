using System.Net;
using System.Net.Http.Headers;
using System.Text.RegularExpressions;
using Portal.Core.Languages;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

/// <summary>
/// What a phone downloads on a first visit (issue 15, docs/performance.md "Pages in Lighthouse"): every stylesheet and
/// script a page links is served compressed under a fingerprinted URL, Leaflet stays off pages without a map, and every
/// page carries a meta description in the reader's language.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed partial class PageWeightTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("<(?:link rel=\"stylesheet\" href|script src)=\"([^\"]+)\"")]
    private static partial Regex LinkedAsset();

    [GeneratedRegex("<meta name=\"description\" content=\"([^\"]*)\"")]
    private static partial Regex Description();

    [Theory]
    [InlineData("/")]
    [InlineData("/reports")]
    [InlineData("/for-you/check")]
    public async Task Every_stylesheet_and_script_a_page_links_is_fingerprinted_and_served_compressed(string path)
    {
        using var client = app.CreateBrowserlessClient();
        var html = await client.GetStringAsync(path, Ct);
        var assets = LinkedAsset().Matches(html).Select(m => m.Groups[1].Value).ToList();
        Assert.Contains(assets, a => a.Contains("mudblazor", StringComparison.OrdinalIgnoreCase) && a.EndsWith(".css", StringComparison.Ordinal));

        foreach (var asset in assets)
        {
            // A content hash in the name: the published build serves it cached for a year (the test host, like
            // Development, serves every asset no-cache; the lighthouse bench step reads the published headers).
            Assert.Matches(@"\.[a-z0-9]{10}\.(css|js)$", asset);
            using var request = new HttpRequestMessage(HttpMethod.Get, "/" + asset);
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("br"));
            request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
            using var response = await client.SendAsync(request, Ct);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.True(response.Content.Headers.ContentEncoding.Any(e => e is "br" or "gzip"), $"{asset} is served uncompressed.");
        }
    }

    [Theory]
    [InlineData("/", null)]
    [InlineData("/reports", null)]
    [InlineData("/for-you/check", "selfcheck-island")]
    public async Task Pages_a_phone_reads_before_its_first_tap_are_static_with_only_their_form_on_a_circuit(string path, string? island)
    {
        // The circuit's first render of a whole page (layout, headings, footer) was most of a phone's blocking time
        // in Lighthouse; a static page starts a circuit for its island alone.
        using var client = app.CreateBrowserlessClient();
        var html = await client.GetStringAsync(path, Ct);

        Assert.Contains("data-static-page=\"true\"", html, StringComparison.Ordinal);
        if (island is not null) Assert.Matches($"class=\"{island}\" data-island", html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/for-you/check")]
    [InlineData("/account/signin")]
    public async Task Pages_without_a_map_link_no_Leaflet(string path)
    {
        using var client = app.CreateBrowserlessClient();
        var html = await client.GetStringAsync(path, Ct);
        Assert.DoesNotContain("leaflet", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/", "Meta_Default")]
    [InlineData("/account/signin", "Meta_Default")]
    [InlineData("/reports", "Meta_Reports")]
    [InlineData("/for-you/check", "Meta_SelfCheck")]
    public async Task Every_page_has_one_meta_description_in_the_readers_language(string path, string key)
    {
        using var client = app.CreateBrowserlessClient();
        foreach (var culture in OfferedLanguages.Standard.All)
        {
            var html = await client.GetStringAsync($"{path}?culture={culture}", Ct);
            var description = Assert.Single(Description().Matches(html));
            Assert.Equal(PortalText.Get(key, culture), WebUtility.HtmlDecode(description.Groups[1].Value));
        }
    }
}
