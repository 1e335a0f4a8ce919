using System.Text.Json;
using Portal.Core.Languages;

namespace Portal.Core.Geography;

public enum PlaceKind
{
    /// <summary>The town (町丁目) whose boundary holds the point.</summary>
    Town,
    /// <summary>The nearest landmark (a station, a park, a public building) within <see cref="Gazetteer.LandmarkReachMeters"/>.</summary>
    Landmark,
}

/// <summary>What people call the place of a point: a town's name, or a landmark it is near.</summary>
public sealed record PlaceName(PlaceKind Kind, LocalizedText Name);

/// <summary>
/// Names the place of a point for people who do not read coordinates: the town it lies in when town boundaries are
/// known, else the nearest landmark within reach, else nothing (the page then says "near" the report's ward office).
/// Built from one GeoJSON FeatureCollection: Polygon and MultiPolygon features are towns, Point features landmarks.
/// A feature's name is its "name" property (or "S_NAME", the town name of e-Stat's small-area boundaries) in Japanese,
/// and "name:en", "name:ja-Easy", "name:zh-Hans" … in other languages.
/// </summary>
public sealed class Gazetteer
{
    /// <summary>A landmark further than this does not tell where the place is; the ward office says as much.</summary>
    public const double LandmarkReachMeters = 800;

    private const string NamePrefix = "name:";

    private readonly List<(LocalizedText Name, GeoArea Area)> _towns;
    private readonly List<(LocalizedText Name, GeoPoint Point)> _landmarks;

    private Gazetteer(List<(LocalizedText, GeoArea)> towns, List<(LocalizedText, GeoPoint)> landmarks) =>
        (_towns, _landmarks) = (towns, landmarks);

    /// <summary>No places known: every point is described by its ward office.</summary>
    public static Gazetteer None { get; } = new([], []);

    public int Towns => _towns.Count;

    public int Landmarks => _landmarks.Count;

    public static Gazetteer FromGeoJson(string geoJson)
    {
        var towns = new List<(LocalizedText, GeoArea)>();
        var landmarks = new List<(LocalizedText, GeoPoint)>();
        using var doc = JsonDocument.Parse(geoJson);
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            if (!feature.TryGetProperty("geometry", out var geometry) || geometry.ValueKind != JsonValueKind.Object) continue;
            var name = NameOf(feature.GetProperty("properties"));
            if (name is null) continue;
            if (geometry.GetProperty("type").GetString() == "Point")
                landmarks.Add((name, GeoArea.Position(geometry.GetProperty("coordinates"))));
            else if (GeoArea.From(geometry) is { } area)
                towns.Add((name, area));
        }
        return new Gazetteer(towns, landmarks);
    }

    /// <summary>The town holding the point, else the nearest landmark within reach, else null.</summary>
    public PlaceName? Name(GeoPoint point)
    {
        foreach (var (name, area) in _towns)
            if (area.Contains(point)) return new PlaceName(PlaceKind.Town, name);
        var reach = BoundingBox.Around(point, LandmarkReachMeters);
        LocalizedText? nearest = null;
        var best = LandmarkReachMeters;
        foreach (var (name, at) in _landmarks)
        {
            if (!reach.Contains(at)) continue;
            var distance = point.DistanceTo(at);
            if (distance <= best) (nearest, best) = (name, distance);
        }
        return nearest is null ? null : new PlaceName(PlaceKind.Landmark, nearest);
    }

    private static LocalizedText? NameOf(JsonElement properties)
    {
        if (properties.ValueKind != JsonValueKind.Object) return null;
        var texts = new Dictionary<string, string?>();
        foreach (var property in properties.EnumerateObject())
        {
            if (property.Value.ValueKind != JsonValueKind.String) continue;
            if (property.Name is "name" or "S_NAME") texts[Language.Japanese] = property.Value.GetString();
            else if (property.Name.StartsWith(NamePrefix, StringComparison.Ordinal) && property.Name.Length > NamePrefix.Length)
                texts[property.Name[NamePrefix.Length..]] = property.Value.GetString();
        }
        return string.IsNullOrWhiteSpace(texts.GetValueOrDefault(Language.Japanese)) ? null : LocalizedText.From(texts);
    }
}
