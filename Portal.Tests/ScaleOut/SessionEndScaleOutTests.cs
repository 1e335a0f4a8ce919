using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Security;

namespace Portal.Tests.ScaleOut;

/// <summary>An account stopped on one node ends its pages open on the other at once (the signal goes through Redis).</summary>
public sealed class SessionEndScaleOutTests(TwoNodes nodes, ChromiumFixture chromium) : IClassFixture<TwoNodes>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_staff_page_open_on_node_B_goes_to_sign_in_when_node_A_stops_the_account()
    {
        RedisServer.SkipUnlessInstalled();
        var staff = await nodes.A.CreateAccountAsync(Role.Staff, "chuo");
        await using var browser = await PortalBrowser.OpenAsync(chromium, nodes.B.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        await browser.Page.GotoAsync("/staff/reports");
        await browser.WaitUntilReadyAsync();

        var result = await nodes.A.Services.GetRequiredService<AccountService>().SetDisabledAsync(Actor.System, staff.Id, true, "異動のため停止", Ct);
        Assert.True(result.Succeeded);
        nodes.A.Services.GetRequiredService<SessionValidator>().Forget(staff.Id);

        // Node B's circuit would otherwise learn of it at its next revalidation, a minute later.
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
    }
}
