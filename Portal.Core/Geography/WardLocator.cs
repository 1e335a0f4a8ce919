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
    private readonly List<(string Ward, GeoArea Area)> _wards = [];
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
            var area = GeoArea.From(geometry) ?? throw new FormatException($"Geometry {geometry.GetProperty("type").GetString()} is not a polygon.");
            _wards.Add((ward, area));
        }
    }

    public string Locate(GeoPoint point)
    {
        foreach (var (ward, area) in _wards)
            if (area.Contains(point)) return ward;
        return _fallback.Locate(point);
    }
}
