using Portal.Core.Geography;

namespace Portal.Core.Reports;

public sealed record DuplicateCandidate(Report Report, double DistanceMeters);

/// <summary>
/// Open reports of the same category within 250 m, nearest first: shown to a resident before they file,
/// so they can say "me too" instead, and to staff as candidates to merge.
/// </summary>
public sealed class DuplicateFinder(IReportRepository reports)
{
    public const double RadiusMeters = 250;
    public const int MaxCandidates = 10;

    /// <summary>
    /// How many more than needed are read: the flat map and the great circle can order two reports differently only when
    /// their distances differ by millimetres.
    /// </summary>
    private const int TieRoom = 4;

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(string categoryCode, GeoPoint at, long? excludeReportId, CancellationToken ct)
    {
        // Ranked in the database on a flat map of the ground, the nearest are read, with room for the one left out and
        // for near ties that the exact distance orders the other way.
        var nearest = await reports.NearestOpenAsync(categoryCode, at, BoundingBox.Around(at, RadiusMeters), MaxCandidates + 1 + TieRoom, ct);
        return Nearest(nearest, at, excludeReportId);
    }

    public static IReadOnlyList<DuplicateCandidate> Nearest(IEnumerable<Report> candidates, GeoPoint at, long? excludeReportId) =>
        candidates
            .Where(r => r.Id != excludeReportId && r.IsOpen)
            .Select(r => new DuplicateCandidate(r, r.Location.DistanceTo(at)))
            .Where(c => c.DistanceMeters <= RadiusMeters)
            .OrderBy(c => c.DistanceMeters)
            .Take(MaxCandidates)
            .ToList();
}
