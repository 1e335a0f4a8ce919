using BenchmarkDotNet.Attributes;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Data.Reports;

namespace Portal.Bench.Reports.Queries;

/// <summary>
/// The public map and the duplicate check, through the real repository, on SQLite with 100,000 and 1,000,000
/// reports. Targets at 1,000,000: the city-wide map (newest 500 in the city's box) under 20 ms, the 250 m
/// duplicate query under 5 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 15)]
public class ReportQueryBenchmarks
{
    private PortalDatabase _database = null!;
    private ReportRepository _reports = null!;
    private DuplicateFinder _duplicates = null!;

    /// <summary>Inage ward office; a resident reporting a pothole 120 m to the north-east of it.</summary>
    private static readonly GeoPoint WardOffice = new(35.637, 140.110);
    private static readonly GeoPoint NearWardOffice = new(35.6378, 140.1110);

    private static readonly ReportFilter CityWide = new(Area: CityArea.Bounds, Take: 500);
    private static readonly ReportFilter WardBox = new(Area: BoundingBox.Around(WardOffice, 1000), Take: 500);
    private static readonly ReportFilter NeighbourhoodBox = new(Area: BoundingBox.Around(WardOffice, 500), Take: 500);
    private static readonly ReportFilter StreetBox = new(Area: BoundingBox.Around(WardOffice, 250), Take: 500);

    [Params(100_000, 1_000_000)]
    public int Reports { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _database = BenchReportDatabase.Open(Reports, Console.WriteLine);
        _reports = new ReportRepository(_database);
        _duplicates = new DuplicateFinder(_reports);
        // Fail here rather than measure an empty result.
        if (CityMap().GetAwaiter().GetResult().Count != 500 || WardMap().GetAwaiter().GetResult().Count != 500)
            throw new InvalidOperationException("The map queries did not return 500 reports.");
    }

    /// <summary>The map zoomed out to the whole city: the newest 500 published reports in CityArea.Bounds.</summary>
    [Benchmark]
    public Task<IReadOnlyList<ReportSummary>> CityMap() => _reports.SearchPublishedAsync(CityWide, CancellationToken.None);

    /// <summary>The map zoomed to one ward: the newest 500 published reports in a 2 km box around Inage ward office.</summary>
    [Benchmark]
    public Task<IReadOnlyList<ReportSummary>> WardMap() => _reports.SearchPublishedAsync(WardBox, CancellationToken.None);

    /// <summary>The map zoomed to a neighbourhood: a 1 km box, just above the size read newest first.</summary>
    [Benchmark]
    public Task<IReadOnlyList<ReportSummary>> NeighbourhoodMap() => _reports.SearchPublishedAsync(NeighbourhoodBox, CancellationToken.None);

    /// <summary>The map zoomed to a few streets: a 500 m box around the same office (fewer than 500 reports at 100,000), read by latitude.</summary>
    [Benchmark]
    public Task<IReadOnlyList<ReportSummary>> StreetMap() => _reports.SearchPublishedAsync(StreetBox, CancellationToken.None);

    /// <summary>"Is this already reported?": open potholes within 250 m of a point next to Inage ward office, nearest first.</summary>
    [Benchmark]
    public Task<IReadOnlyList<DuplicateCandidate>> Duplicates250m() =>
        _duplicates.FindAsync("road-pothole", NearWardOffice, null, CancellationToken.None);
}
