using System.Net;
using System.Text.Json;
using Portal.Core.Geography;
using Portal.Tests.Infrastructure;
using Portal.Web.Reports.Map;

namespace Portal.Tests.Reports;

/// <summary>
/// The public map's markers (/reports/map-markers): the list's filters, and once the reader pans or zooms, the view they
/// look at, so that a street shows its own newest reports rather than the city's newest ones.
/// </summary>
public sealed class ReportMarkersTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(HttpStatusCode Status, string Text)> GetAsync(string path)
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync(path, Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static List<string> Hrefs(string json) =>
        JsonDocument.Parse(json).RootElement.EnumerateArray().Select(m => m.GetProperty("href").GetString()!).ToList();

    private static string View(BoundingBox box) =>
        string.Join(",", new[] { box.West, box.South, box.East, box.North }.Select(n => n.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));

    [Fact]
    public async Task A_view_gives_the_reports_in_it_and_none_outside()
    {
        var inMidori = new GeoPoint(35.5541, 140.1722);
        var inMihama = new GeoPoint(35.6389, 140.0603);
        var there = await ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow.AddDays(-900), "古いベンチ", at: inMidori, ward: "midori");
        var elsewhere = await ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow.AddDays(-1), "新しいベンチ", at: inMihama, ward: "mihama");

        var street = await GetAsync("/reports/map-markers?bbox=" + View(BoundingBox.Around(inMidori, 200)));

        Assert.Equal(HttpStatusCode.OK, street.Status);
        var hrefs = Hrefs(street.Text);
        Assert.Contains($"/reports/{there.Id}", hrefs);
        Assert.DoesNotContain($"/reports/{elsewhere.Id}", hrefs);
        // The list's filters still apply within the view.
        Assert.DoesNotContain($"/reports/{there.Id}",
            Hrefs((await GetAsync("/reports/map-markers?category=road-pothole&bbox=" + View(BoundingBox.Around(inMidori, 200)))).Text));
    }

    [Theory]
    [InlineData("140.1,35.6,140.2")]
    [InlineData("a,b,c,d")]
    [InlineData("140.2,35.6,140.1,35.7")]
    [InlineData("140.1,35.7,140.2,35.6")]
    [InlineData("140.1,35.6,NaN,35.7")]
    [InlineData("200,35.6,210,35.7")]
    public async Task A_view_that_is_not_four_numbers_in_order_is_refused(string bbox)
    {
        var answer = await GetAsync("/reports/map-markers?bbox=" + Uri.EscapeDataString(bbox));
        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
    }

    [Fact]
    public async Task A_view_of_somewhere_else_than_the_city_has_no_markers()
    {
        await ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow.AddDays(-1), "ベンチ");
        var osaka = await GetAsync("/reports/map-markers?bbox=135.4,34.6,135.6,34.8");
        Assert.Equal((HttpStatusCode.OK, 0), (osaka.Status, Hrefs(osaka.Text).Count));
    }

    [Fact]
    public void A_view_wider_than_the_city_is_clipped_to_it()
    {
        Assert.True(ReportMarkers.TryParseView("139,35,141,36", out var view));
        Assert.Equal(CityArea.Bounds, ReportMarkers.Clip(view!.Value));
        Assert.True(ReportMarkers.TryParseView(null, out var none));
        Assert.Null(none);
    }
}
