using Portal.Core.Geography;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Core.Text;

namespace Portal.Tests.Reports;

/// <summary>
/// A report's place in words (a town, or the landmark it is near), the inbox's search box and the first words of a
/// description: the rules behind the staff inbox's columns.
/// </summary>
public sealed class PlaceNameTests
{
    // A square town around Chiba station, and two landmarks outside it.
    private const string Places = """
        { "type": "FeatureCollection", "features": [
          { "type": "Feature", "properties": { "S_NAME": "新千葉一丁目", "name:en": "Shinchiba 1-chome" },
            "geometry": { "type": "Polygon", "coordinates": [[[140.110, 35.611], [140.116, 35.611], [140.116, 35.616], [140.110, 35.616], [140.110, 35.611]]] } },
          { "type": "Feature", "properties": { "name": "千葉公園", "name:en": "Chiba Park", "name:ja-Easy": "千葉公園《ちばこうえん》" },
            "geometry": { "type": "Point", "coordinates": [140.1183, 35.6228] } },
          { "type": "Feature", "properties": { "name": "千葉県庁" },
            "geometry": { "type": "Point", "coordinates": [140.1233, 35.6047] } },
          { "type": "Feature", "properties": { "name:en": "No Japanese name" },
            "geometry": { "type": "Point", "coordinates": [140.1200, 35.6100] } },
          { "type": "Feature", "properties": { "name": "線路" },
            "geometry": { "type": "LineString", "coordinates": [[140.1, 35.6], [140.2, 35.7]] } }
        ] }
        """;

    private static readonly Gazetteer Gazetteer = Gazetteer.FromGeoJson(Places);

    [Fact]
    public void A_point_in_a_town_is_named_by_the_town_in_the_reader_s_language()
    {
        var place = Gazetteer.Name(new GeoPoint(35.6131, 140.1133));

        Assert.Equal(PlaceKind.Town, place!.Kind);
        Assert.Equal("新千葉一丁目", place.Name.For(Language.Japanese));
        Assert.Equal("Shinchiba 1-chome", place.Name.For(Language.English));
    }

    [Fact]
    public void Outside_every_town_the_nearest_landmark_within_reach_names_the_place()
    {
        // 300 m from the park, 2 km from the prefectural office.
        var nearPark = Gazetteer.Name(new GeoPoint(35.6201, 140.1183));
        Assert.Equal((PlaceKind.Landmark, "千葉公園"), (nearPark!.Kind, nearPark.Name.Japanese));
        Assert.Equal("千葉公園《ちばこうえん》", nearPark.Name.For(Language.EasyJapanese));

        // Between the two, nearer the office.
        var nearOffice = Gazetteer.Name(new GeoPoint(35.6060, 140.1225));
        Assert.Equal("千葉県庁", nearOffice!.Name.Japanese);
    }

    [Fact]
    public void A_landmark_beyond_reach_names_nothing_and_so_does_an_empty_gazetteer()
    {
        var park = new GeoPoint(35.6228, 140.1183);
        // Due north of the park: 790 m is within reach, 810 m is not.
        Assert.NotNull(Gazetteer.Name(new GeoPoint(park.Latitude + 790 / 111_195.0, park.Longitude)));
        Assert.Null(Gazetteer.Name(new GeoPoint(park.Latitude + 810 / 111_195.0, park.Longitude)));
        Assert.Null(Gazetteer.None.Name(park));
    }

    [Fact]
    public void Features_without_a_Japanese_name_or_that_are_lines_are_left_out()
    {
        Assert.Equal((1, 2), (Gazetteer.Towns, Gazetteer.Landmarks));
    }

    [Fact]
    public void The_demo_landmarks_shipped_with_the_portal_lie_in_the_city_and_have_every_language()
    {
        var file = Path.Combine(AppContext.BaseDirectory, "Reports", "Places", "chiba-landmarks.geojson");
        var json = File.ReadAllText(file);
        var demo = Gazetteer.FromGeoJson(json);

        Assert.True(demo.Landmarks >= 20);
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var at = GeoArea.Position(feature.GetProperty("geometry").GetProperty("coordinates"));
            Assert.True(CityArea.Contains(at), $"{at} is outside the city");
            var properties = feature.GetProperty("properties");
            foreach (var language in OfferedLanguages.Standard.All.Where(l => l != Language.Japanese))
                Assert.True(properties.TryGetProperty("name:" + language, out _), $"{properties.GetProperty("name")} has no {language} name");
        }
        // Chiba station names a report on its forecourt.
        Assert.Equal("千葉駅", demo.Name(new GeoPoint(35.6128, 140.1140))!.Name.Japanese);
    }

    [Theory]
    [InlineData("123", 123L, "123")]
    [InlineData("#123", 123L, "123")]
    [InlineData(" ＃１２３ ", 123L, "123")]
    [InlineData("街灯 4711", null, "街灯 4711")]
    [InlineData("0", null, "0")]
    public void The_inbox_search_reads_a_report_number_or_words(string typed, long? id, string words)
    {
        var search = InboxSearch.Parse(typed);

        Assert.Equal(new InboxSearch(id, words), search);
    }

    [Fact]
    public void A_blank_search_is_no_search_and_a_long_one_is_cut()
    {
        Assert.Null(InboxSearch.Parse("  "));
        Assert.Null(InboxSearch.Parse(null));
        Assert.Equal(InboxSearch.MaxLength, InboxSearch.Parse(new string('あ', 300))!.Words.Length);
    }

    [Fact]
    public void An_excerpt_keeps_the_first_characters_as_a_reader_counts_them_on_one_line()
    {
        Assert.Equal("短い説明", Excerpt.Of("短い説明", 10));
        Assert.Equal("一行目 二行目", Excerpt.Of("一行目\r\n\r\n二行目", 10));
        Assert.Equal("あいう…", Excerpt.Of("あいうえお", 3));
        // An emoji and a family of emoji are one character each, never cut in half.
        Assert.Equal("🕳️穴…", Excerpt.Of("🕳️穴があいています", 2));
        Assert.Equal("👨‍👩‍👧…", Excerpt.Of("👨‍👩‍👧が通れません", 1));
    }
}
