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

    public async Task<IReadOnlyList<DuplicateCandidate>> FindAsync(string categoryCode, GeoPoint at, long? excludeReportId, CancellationToken ct)
    {
        var inBox = await reports.OpenInAreaAsync(categoryCode, BoundingBox.Around(at, RadiusMeters), 200, ct);
        return Nearest(inBox, at, excludeReportId);
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
