namespace Portal.Core.Geography;

/// <summary>A WGS84 position in decimal degrees.</summary>
public readonly record struct GeoPoint(double Latitude, double Longitude)
{
    private const double EarthRadiusMeters = 6_371_008.8;

    public bool IsValid => Latitude is >= -90 and <= 90 && Longitude is >= -180 and <= 180 && !double.IsNaN(Latitude) && !double.IsNaN(Longitude);

    /// <summary>Great-circle distance by the haversine formula; accurate to well under a metre at city scale.</summary>
    public double DistanceTo(GeoPoint other)
    {
        var dLat = ToRadians(other.Latitude - Latitude);
        var dLon = ToRadians(other.Longitude - Longitude);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2) +
                Math.Cos(ToRadians(Latitude)) * Math.Cos(ToRadians(other.Latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusMeters * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    internal static double ToRadians(double degrees) => degrees * Math.PI / 180;
}

/// <summary>A latitude/longitude rectangle: the first, index-friendly filter of every map and "nearby" query.</summary>
public readonly record struct BoundingBox(double South, double West, double North, double East)
{
    private const double MetersPerDegreeLatitude = LocalPlane.MetersPerDegreeLatitude;

    public bool Contains(GeoPoint p) => p.Latitude >= South && p.Latitude <= North && p.Longitude >= West && p.Longitude <= East;

    /// <summary>The smallest box holding every point within the given distance of the centre.</summary>
    public static BoundingBox Around(GeoPoint centre, double meters)
    {
        var dLat = meters / MetersPerDegreeLatitude;
        var dLon = meters / (MetersPerDegreeLatitude * Math.Cos(GeoPoint.ToRadians(centre.Latitude)));
        return new BoundingBox(centre.Latitude - dLat, centre.Longitude - dLon, centre.Latitude + dLat, centre.Longitude + dLon);
    }
}

/// <summary>
/// A flat map of the ground around a point, in metres east and north of it: within a few hundred metres as good as the
/// great circle for ranking what is nearer (the duplicate check ranks in the database by this, then measures exactly).
/// Written as plain products and sums so that SQL computes the same numbers (see SqlDialect.NearestOpenReports).
/// </summary>
public readonly record struct LocalPlane(GeoPoint Origin)
{
    /// <summary>Metres per degree of latitude, as BoundingBox.Around counts them.</summary>
    public const double MetersPerDegreeLatitude = 111_320;

    /// <summary>Metres per degree of longitude at the origin's latitude.</summary>
    public double MetersPerDegreeLongitude => MetersPerDegreeLatitude * Math.Cos(GeoPoint.ToRadians(Origin.Latitude));

    /// <summary>The squared distance in square metres from the origin, in the order of operations SQL uses.</summary>
    public double SquaredMeters(GeoPoint p)
    {
        var north = (p.Latitude - Origin.Latitude) * MetersPerDegreeLatitude;
        var east = (p.Longitude - Origin.Longitude) * MetersPerDegreeLongitude;
        return north * north + east * east;
    }
}

/// <summary>Chiba City's extent. A point outside this box is certainly not in the city.</summary>
public static class CityArea
{
    public static BoundingBox Bounds { get; } = new(35.49, 139.99, 35.72, 140.29);

    public static GeoPoint Centre { get; } = new(35.607, 140.106);

    public static bool Contains(GeoPoint p) => p.IsValid && Bounds.Contains(p);
}
