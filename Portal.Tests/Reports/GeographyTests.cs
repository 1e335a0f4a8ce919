using Portal.Core.Languages;
using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;

namespace Portal.Tests.Reports;

public sealed class GeographyTests
{
    private static readonly IReadOnlyList<WardOffice> Offices =
    [
        new("chuo", LocalizedText.Of("中央区役所", "Chuo"), LocalizedText.Of("千葉市"), 35.608, 140.123),
        new("hanamigawa", LocalizedText.Of("花見川区役所", "Hanamigawa"), LocalizedText.Of("千葉市"), 35.663, 140.077),
        new("inage", LocalizedText.Of("稲毛区役所", "Inage"), LocalizedText.Of("千葉市"), 35.637, 140.110),
        new("wakaba", LocalizedText.Of("若葉区役所", "Wakaba"), LocalizedText.Of("千葉市"), 35.622, 140.162),
        new("midori", LocalizedText.Of("緑区役所", "Midori"), LocalizedText.Of("千葉市"), 35.554, 140.172),
        new("mihama", LocalizedText.Of("美浜区役所", "Mihama"), LocalizedText.Of("千葉市"), 35.638, 140.060),
    ];

    [Fact]
    public void Distance_between_two_ward_offices_matches_the_map()
    {
        // Chuo to Inage ward office: about 3.4 km.
        var d = new GeoPoint(35.608, 140.123).DistanceTo(new GeoPoint(35.637, 140.110));
        Assert.InRange(d, 3_300, 3_500);
    }

    [Fact]
    public void A_box_around_a_point_holds_every_point_within_the_distance()
    {
        var centre = new GeoPoint(35.6, 140.1);
        var box = BoundingBox.Around(centre, 250);
        foreach (var bearing in Enumerable.Range(0, 36).Select(i => i * 10.0 * Math.PI / 180))
        {
            var p = new GeoPoint(centre.Latitude + 249 / 111_320.0 * Math.Cos(bearing),
                centre.Longitude + 249 / (111_320.0 * Math.Cos(centre.Latitude * Math.PI / 180)) * Math.Sin(bearing));
            Assert.True(box.Contains(p), $"bearing {bearing}");
            Assert.InRange(centre.DistanceTo(p), 247, 251);
        }
    }

    [Theory]
    [InlineData(35.608, 140.123, true)]
    [InlineData(35.681, 139.767, false)]
    [InlineData(double.NaN, 140.1, false)]
    public void Only_points_in_the_city_are_in_the_city(double lat, double lon, bool inside) =>
        Assert.Equal(inside, CityArea.Contains(new GeoPoint(lat, lon)));

    [Theory]
    [InlineData(35.6405, 140.0583, "mihama")]
    [InlineData(35.5500, 140.1800, "midori")]
    [InlineData(35.6090, 140.1250, "chuo")]
    public void Without_boundaries_the_nearest_ward_office_decides(double lat, double lon, string ward) =>
        Assert.Equal(ward, new NearestOfficeLocator(Offices).Locate(new GeoPoint(lat, lon)));

    [Fact]
    public void Configured_boundaries_win_over_the_nearest_office()
    {
        // A square "wakaba" ward that reaches right up to the Chuo ward office.
        const string geoJson = """
            {"type":"FeatureCollection","features":[
              {"type":"Feature","properties":{"ward":"wakaba"},
               "geometry":{"type":"Polygon","coordinates":[[[140.12,35.60],[140.20,35.60],[140.20,35.65],[140.12,35.65],[140.12,35.60]]]}}]}
            """;
        var locator = new BoundaryWardLocator(geoJson, new NearestOfficeLocator(Offices));
        Assert.Equal("wakaba", locator.Locate(new GeoPoint(35.6085, 140.1232)));
        Assert.Equal("mihama", locator.Locate(new GeoPoint(35.638, 140.061)));
    }

    [Fact]
    public void Duplicates_are_open_reports_within_250_m_nearest_first()
    {
        var here = ReportTests.Chiba;
        Report At(double metersNorth, long id)
        {
            var r = ReportTests.NewReport(at: new GeoPoint(here.Latitude + metersNorth / 111_320.0, here.Longitude));
            r.AssignId(id);
            return r;
        }
        var near = At(100, 1);
        var nearer = At(20, 2);
        var far = At(300, 3);
        var closed = At(10, 4);
        closed.MoveTo(ReportStatus.Fixed, 7, null, null, DateTimeOffset.UnixEpoch);
        var self = At(0, 5);

        var found = DuplicateFinder.Nearest([near, nearer, far, closed, self], here, excludeReportId: 5);

        Assert.Equal([2L, 1L], found.Select(c => c.Report.Id));
        Assert.InRange(found[0].DistanceMeters, 19, 21);
    }
}
