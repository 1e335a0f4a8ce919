using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

[Collection(PortalAppCollection.Name)]
public sealed class HostingTests(PortalAppFactory app)
{
    [Fact]
    public async Task Healthz_answers_healthy_when_the_database_answers_and_names_each_check()
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).Split('\n');
        Assert.Equal("Healthy", lines[0]);
        Assert.Contains("database: Healthy (Sqlite answers)", lines);
        // One node without Redis: no Redis check.
        Assert.DoesNotContain(lines, l => l.StartsWith("redis:", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Home_page_is_Japanese_by_default_and_serves_its_stylesheets()
    {
        using var client = app.CreateBrowserlessClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"ja\">", html);
        Assert.Contains("ちばポータル", html);
        var mud = System.Text.RegularExpressions.Regex.Match(html, "href=\"(lib/mudblazor/[^\"]+\\.css)\"").Groups[1].Value;
        using var css = await client.GetAsync("/" + mud, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }
}
