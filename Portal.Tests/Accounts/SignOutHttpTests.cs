using System.Net;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Accounts;

/// <summary>Signing out is a post of the portal's own form: a page elsewhere cannot sign a resident out.</summary>
public sealed class SignOutHttpTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Signing_out_needs_the_form_s_antiforgery_token_and_a_post_without_it_changes_nothing()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);

        using var forged = await client.PostAsync("/account/signout", new FormUrlEncodedContent([]), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        using (var still = await client.GetAsync("/account", Ct))
            Assert.Equal(HttpStatusCode.OK, still.StatusCode);

        var page = await client.GetStringAsync("/points", Ct);
        using var real = await client.PostAsync("/account/signout", new FormUrlEncodedContent(
            [new("__RequestVerificationToken", PortalAppFactory.HiddenValue(page, "__RequestVerificationToken"))]), Ct);

        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        using var after = await client.GetAsync("/account", Ct);
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/signin", after.Headers.Location!.OriginalString);
    }
}
