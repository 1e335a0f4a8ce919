using System.Net;
using System.Text.Json;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Core.Time;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.Reports.Themes;

/// <summary>Theme reports over HTTP, on a server of their own: the map's markers and the statistics CSV by theme.</summary>
public sealed class ReportThemeHttpTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_map_markers_and_the_statistics_CSV_are_by_theme()
    {
        var theme = await ReportSeeds.OpenThemeAsync(app);
        var now = DateTimeOffset.UtcNow;
        var fixedOne = await ReportSeeds.SubmitAsync(app, "road-sidewalk", now.AddHours(-3), "段差があります", theme: theme.Code);
        await ReportSeeds.MoveAsync(app, fixedOne, ReportStatus.Fixed, now.AddHours(-1));
        await ReportSeeds.SubmitAsync(app, "road-sidewalk", now.AddHours(-2), "見通しが悪い交差点", theme: theme.Code);
        await ReportSeeds.SubmitAsync(app, "road-sidewalk", now.AddHours(-2), "テーマなしのレポート");
        using var anonymous = app.CreateBrowserlessClient();

        var markers = JsonDocument.Parse(await anonymous.GetStringAsync($"/reports/map-markers?theme={theme.Code}", Ct)).RootElement;

        Assert.Equal(2, markers.GetArrayLength());

        using var staff = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Staff));
        var today = JapanTime.Today(TimeProvider.System);
        using var response = await staff.GetAsync($"/staff/reports/statistics.csv?from={today.AddDays(-1):yyyy-MM-dd}&to={today:yyyy-MM-dd}&culture=en", Ct);
        var rows = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"theme,{theme.Code},Dangerous spots on school routes,2", rows);
        Assert.Contains($"theme_status,{theme.Code}/Fixed,Dangerous spots on school routes / Fixed,1", rows);
        Assert.Contains($"theme_status,{theme.Code}/Received,Dangerous spots on school routes / Received,1", rows);
        Assert.Single(rows, r => r.StartsWith($"theme_category,{theme.Code}/road-sidewalk,", StringComparison.Ordinal) && r.EndsWith(",2", StringComparison.Ordinal));
    }
}

/// <summary>The Development demo data's themes are ones an administrator could have saved, and open on any day they are seeded.</summary>
public sealed class DemoThemesTests
{
    [Theory]
    [InlineData(2026, 12, 8)]
    [InlineData(2027, 2, 28)]
    public void The_demo_themes_are_valid_and_open_on_the_day_they_are_seeded(int year, int month, int day)
    {
        var today = new DateOnly(year, month, day);
        var noon = JapanTime.StartOfDayUtc(today).AddHours(12);
        foreach (var theme in DemoThemes.For(today))
        {
            var input = Portal.Core.Reports.Themes.ReportThemeInput.From(theme);
            Assert.Empty(new Portal.Core.Reports.Themes.ReportThemeValidator().Validate(input).Errors);
            Assert.True(theme.IsOpen(noon), theme.Code);
        }
    }
}
