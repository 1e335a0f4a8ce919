using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Data.Reports;

namespace Portal.Bench.Reports.Queries;

/// <summary>
/// The public map and the duplicate check, through the real repository, on SQLite with 100,000, 1,000,000 and
/// 10,000,000 reports. Targets (issue 17, item 9): every map query at most 5 ms at 1,000,000 reports and less than twice
/// that at 10,000,000; the 250 m duplicate query at most 1 ms.
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[Config(typeof(InProcessJob))]
public class ReportQueryBenchmarks
{
    /// <summary>
    /// One launch, 3 warm-up and 15 measured iterations, in the bench's own process: on the shared machine, building
    /// BenchmarkDotNet's generated project took longer than its two-minute limit, and a query's time does not depend on
    /// the process it runs in.
    /// </summary>
    public sealed class InProcessJob : ManualConfig
    {
        public InProcessJob() => AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(3).WithIterationCount(15)
            .WithToolchain(InProcessEmitToolchain.Instance));
    }

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

    /// <summary>
    /// The report counts measured: 100,000, 1,000,000 and 10,000,000, or those listed in PORTAL_BENCH_REPORT_SIZES
    /// ("100000,1000000"), which BenchmarkDotNet's own processes inherit.
    /// </summary>
    public static IReadOnlyList<int> Sizes =>
        Environment.GetEnvironmentVariable("PORTAL_BENCH_REPORT_SIZES") is { Length: > 0 } listed
            ? listed.Split(',').Select(size => int.Parse(size, System.Globalization.CultureInfo.InvariantCulture)).ToList()
            : [100_000, 1_000_000, 10_000_000];

    [ParamsSource(nameof(Sizes))]
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

    /// <summary>The map zoomed to a neighbourhood: a 1 km box around the same office.</summary>
    [Benchmark]
    public Task<IReadOnlyList<ReportSummary>> NeighbourhoodMap() => _reports.SearchPublishedAsync(NeighbourhoodBox, CancellationToken.None);

    /// <summary>The map zoomed to a few streets: a 500 m box around the same office (fewer than 500 reports at 100,000).</summary>
    [Benchmark]
    public Task<IReadOnlyList<ReportSummary>> StreetMap() => _reports.SearchPublishedAsync(StreetBox, CancellationToken.None);

    /// <summary>"Is this already reported?": open potholes within 250 m of a point next to Inage ward office, nearest first.</summary>
    [Benchmark]
    public Task<IReadOnlyList<DuplicateCandidate>> Duplicates250m() =>
        _duplicates.FindAsync("road-pothole", NearWardOffice, null, CancellationToken.None);
}
