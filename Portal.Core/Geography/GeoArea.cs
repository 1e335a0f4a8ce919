using System.Text.Json;

namespace Portal.Core.Geography;

/// <summary>
/// A GeoJSON Polygon or MultiPolygon as the outer rings of its parts, with the box around them so that most points are
/// answered without walking a ring. Holes are ignored: wards and towns rarely have them, and a point in a hole is then
/// taken as inside, which for naming a place is the better mistake.
/// </summary>
public sealed class GeoArea
{
    private readonly GeoPoint[][] _rings;
    private readonly BoundingBox _box;

    private GeoArea(GeoPoint[][] rings)
    {
        _rings = rings;
        var all = rings.SelectMany(r => r).ToList();
        _box = new BoundingBox(all.Min(p => p.Latitude), all.Min(p => p.Longitude), all.Max(p => p.Latitude), all.Max(p => p.Longitude));
    }

    /// <summary>The area of a GeoJSON geometry, or null when it is not a polygon (a point, a line).</summary>
    public static GeoArea? From(JsonElement geometry)
    {
        var coordinates = geometry.GetProperty("coordinates");
        List<JsonElement>? polygons = geometry.GetProperty("type").GetString() switch
        {
            "Polygon" => [coordinates],
            "MultiPolygon" => coordinates.EnumerateArray().ToList(),
            _ => null,
        };
        if (polygons is null) return null;
        var rings = polygons.Select(p => p[0].EnumerateArray().Select(Position).ToArray()).Where(r => r.Length >= 3).ToArray();
        return rings.Length == 0 ? null : new GeoArea(rings);
    }

    /// <summary>A GeoJSON position: longitude first.</summary>
    public static GeoPoint Position(JsonElement coordinates) => new(coordinates[1].GetDouble(), coordinates[0].GetDouble());

    public bool Contains(GeoPoint point) => _box.Contains(point) && _rings.Any(r => Inside(r, point));

    // Ray casting: count crossings of a ray going east from the point.
    private static bool Inside(GeoPoint[] ring, GeoPoint p)
    {
        var inside = false;
        for (int i = 0, j = ring.Length - 1; i < ring.Length; j = i++)
        {
            var (a, b) = (ring[i], ring[j]);
            if ((a.Latitude > p.Latitude) != (b.Latitude > p.Latitude) &&
                p.Longitude < (b.Longitude - a.Longitude) * (p.Latitude - a.Latitude) / (b.Latitude - a.Latitude) + a.Longitude)
                inside = !inside;
        }
        return inside;
    }
}
