using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

[Collection(PortalAppCollection.Name)]
public sealed class HostingTests(PortalAppFactory app)
{
    [Fact]
    public async Task Healthz_answers_healthy_when_the_database_answers()
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/healthz", TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Home_page_is_Japanese_by_default_and_serves_its_stylesheets()
    {
        using var client = app.CreateBrowserlessClient();
        var html = await client.GetStringAsync("/", TestContext.Current.CancellationToken);
        Assert.Contains("<html lang=\"ja\">", html);
        Assert.Contains("ちばポータル", html);
        var mud = System.Text.RegularExpressions.Regex.Match(html, "href=\"(_content/MudBlazor/[^\"]+\\.css)\"").Groups[1].Value;
        using var css = await client.GetAsync("/" + mud, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
    }
}
