using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor.Services;
using Portal.Core.Points;
using Portal.Data.Database;
using Portal.Web.Points;
using Portal.Web.Languages;

namespace Portal.Tests.Points;

/// <summary>The resident's points page against a real ledger: balance, points about to expire, recent history.</summary>
public sealed class PointsPagesTests : BunitContext, IAsyncLifetime
{
    private LedgerWorld _world = null!;

    // Set here, not in InitializeAsync: a culture set inside an async method does not flow back to the test.
    public PointsPagesTests() => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");

    public async ValueTask InitializeAsync()
    {
        _world = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddPortalLocalization();
        Services.AddMudServices();
        Services.AddSingleton(_world.Service);
        Services.AddSingleton<IPointLedger>(_world.Ledger);
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _world.Dispose();
    }

    [Fact]
    public async Task A_resident_sees_what_they_can_spend_what_expires_soon_and_their_history()
    {
        var resident = await _world.ResidentAsync();
        await _world.EarnAsync(resident, 120);
        await _world.SpendAsync(resident, 20);
        _world.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 10, 3, 0, 0, TimeSpan.Zero));   // three weeks before 31 March 2028
        AddAuthorization().SetAuthorized("千葉 花子").SetRoles("Resident")
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, resident.ToString(CultureInfo.InvariantCulture)));

        var page = Render<PointsHome>();

        page.WaitForAssertion(() => Assert.Equal("100 pt", page.Find("#points-balance").TextContent.Trim()));
        Assert.Contains("100 pt が 2028年3月31日 に有効期限を迎えます。".Replace(" ", ""), page.Find(".points-expiring").TextContent.Replace(" ", ""));
        var amounts = page.FindAll(".points-history-item").Select(li => li.Children.Last().TextContent.Trim()).ToList();
        Assert.Equal(["-20 pt", "+120 pt"], amounts);
    }

    [Fact]
    public void Someone_not_signed_in_sees_what_points_are()
    {
        AddAuthorization();

        var page = Render<PointsHome>();

        Assert.Empty(page.FindAll("#points-balance"));
        Assert.Contains("市の活動に参加するとたまる", page.Markup);
    }
}
