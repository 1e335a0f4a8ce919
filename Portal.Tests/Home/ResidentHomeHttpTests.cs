using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Points;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Home;

/// <summary>The home as first sent: the resident's own cards already filled in, nobody else's data, a stranger's home unchanged.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ResidentHomeHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_first_HTML_holds_the_signed_in_resident_s_own_cards_and_nobody_else_s()
    {
        var (hanako, taro) = (await app.CreateAccountAsync(Role.Resident), await app.CreateAccountAsync(Role.Resident));
        var funding = await app.Services.GetRequiredService<IPointLedger>().OpenAccountAsync(PointAccountKind.Funding, $"funding:http-{Guid.NewGuid():N}", "テスト", Ct);
        await app.Services.GetRequiredService<PointsLedgerService>().CreditAsync(hanako.Id, funding.Id, 4_321, Guid.NewGuid().ToString("N"), "清掃活動", null, Ct);

        using var hers = await app.SignedInClientAsync(hanako);
        var html = await hers.GetStringAsync("/", Ct);
        using var his = await app.SignedInClientAsync(taro);
        var other = await his.GetStringAsync("/", Ct);
        using var stranger = app.CreateBrowserlessClient();
        var anonymous = await stranger.GetStringAsync("/", Ct);

        // Prerendered with the data (no "loading" to flash), and the part handed on to the interactive render.
        Assert.Contains("4,321 pt", html);
        Assert.DoesNotContain("data-state=\"loading\"", html);
        Assert.Contains("Blazor-Server-Component-State", html);
        Assert.DoesNotContain("4,321 pt", other);
        Assert.Contains("data-card=\"points\"", other);
        Assert.DoesNotContain("glance-card", anonymous);
    }
}
