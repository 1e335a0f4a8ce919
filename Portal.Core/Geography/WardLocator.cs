using System.Text.Json;
using Portal.Core.Offices;

namespace Portal.Core.Geography;

/// <summary>Which ward a point lies in. Staff can correct the answer on each report.</summary>
public interface IWardLocator
{
    string Locate(GeoPoint point);
}

/// <summary>Without boundary data, the nearest ward office is a reasonable first guess.</summary>
public sealed class NearestOfficeLocator(IReadOnlyList<WardOffice> offices) : IWardLocator
{
    public string Locate(GeoPoint point) =>
        offices.MinBy(o => point.DistanceTo(new GeoPoint(o.Latitude, o.Longitude)))?.Id
        ?? throw new InvalidOperationException("No ward offices are known.");
}

/// <summary>
/// Ward boundaries from a GeoJSON FeatureCollection of Polygon or MultiPolygon features whose
/// properties name the ward office id in "ward". A point in no polygon (a boundary gap, the sea)
/// falls back to the nearest office.
/// </summary>
public sealed class BoundaryWardLocator : IWardLocator
{
    private readonly List<(string Ward, List<GeoPoint[]> Rings)> _wards = [];
    private readonly IWardLocator _fallback;

    public BoundaryWardLocator(string geoJson, IWardLocator fallback)
    {
        _fallback = fallback;
        using var doc = JsonDocument.Parse(geoJson);
        foreach (var feature in doc.RootElement.GetProperty("features").EnumerateArray())
        {
            var ward = feature.GetProperty("properties").GetProperty("ward").GetString()
                       ?? throw new FormatException("A feature has no ward.");
            var geometry = feature.GetProperty("geometry");
            var coordinates = geometry.GetProperty("coordinates");
            var polygons = geometry.GetProperty("type").GetString() switch
            {
                "Polygon" => [coordinates],
                "MultiPolygon" => coordinates.EnumerateArray().ToList(),
                var other => throw new FormatException($"Geometry {other} is not a polygon."),
            };
            // The outer ring of each polygon; holes are rare in ward boundaries and ignored.
            var rings = polygons.Select(p => p[0].EnumerateArray().Select(c => new GeoPoint(c[1].GetDouble(), c[0].GetDouble())).ToArray()).ToList();
            _wards.Add((ward, rings));
        }
    }

    public string Locate(GeoPoint point)
    {
        foreach (var (ward, rings) in _wards)
            if (rings.Any(r => Inside(r, point))) return ward;
        return _fallback.Locate(point);
    }

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
