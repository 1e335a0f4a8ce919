using System.Net;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

public sealed class ExternalProviderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_configuration_there_is_no_external_sign_in()
    {
        using var app = PortalAppFactory.With(new Dictionary<string, string?>());
        using var client = app.CreateBrowserlessClient();
        var html = await client.GetStringAsync("/account/signin", Ct);
        Assert.DoesNotContain("/account/external", html);
    }

    [Fact]
    public async Task Configuration_alone_switches_on_a_provider_and_lets_the_form_reach_it()
    {
        using var app = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Authentication:OpenIdConnect:Authority"] = "https://id.city.example/realms/chiba",
            ["Authentication:OpenIdConnect:ClientId"] = "chiba-portal",
            ["Authentication:OpenIdConnect:DisplayName"] = "ちばシティID",
        });
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync("/account/signin", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("action=\"/account/external\"", html);
        Assert.Contains("ちばシティID でログイン", html);
        var csp = response.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("form-action 'self' https://id.city.example", csp);
    }
}
