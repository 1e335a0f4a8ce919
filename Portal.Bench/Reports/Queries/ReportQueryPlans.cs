using System.Diagnostics;
using Dapper;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Reports;

namespace Portal.Bench.Reports.Queries;

/// <summary>
/// SQLite's query plans for the spatial index's statements (the dialect's own SQL, with the benchmark's boxes), how many
/// reports each box holds, and a rough median of 15 calls of each benchmarked repository call with the process's CPU time
/// per call; BenchmarkDotNet gives the real numbers.
/// </summary>
public static class ReportQueryPlans
{
    public static async Task PrintAsync(int rows)
    {
        var database = BenchReportDatabase.Open(rows, Console.WriteLine);
        var dialect = database.Dialect;
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var office = new GeoPoint(35.637, 140.110);
        var parameters = new
        {
            south = 35.6, north = 35.7, west = 140.0, east = 140.2, box = "", fromCreated = 0.0, toCreated = 1e9, enough = 600, windowFrom = "", categoryCode = "road-pothole",
            latitude = 35.65, longitude = 140.1, northScale = LocalPlane.MetersPerDegreeLatitude, eastScale = 90_000.0, Take = 15,
            Open = new[] { "Received", "Accepted", "InProgress", "ActionScheduled", "ReopenRequested" },
        };
        foreach (var (name, sql) in new[]
        {
            ("map, the tree's count that sizes the time window", dialect.CountReportsInBox),
            ("map, the exact read", $"SELECT Id FROM {dialect.ReportsInBox} AND Status = 'Fixed' AND CreatedUtc >= @windowFrom ORDER BY CreatedUtc DESC, Id DESC LIMIT 500"),
            ("duplicates, ranked by distance in the tree of open reports", dialect.NearestOpenReports("Report.Id")),
        })
        {
            Console.WriteLine($"{name}:");
            foreach (var step in await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
                Console.WriteLine($"  {step.Detail}");
        }

        var repository = new ReportRepository(database);
        var finder = new DuplicateFinder(repository);
        var calls = new (string Name, BoundingBox Box, Func<Task<int>> Call)[]
        {
            ("city map", CityArea.Bounds, async () => (await repository.SearchPublishedAsync(new ReportFilter(Area: CityArea.Bounds, Take: 500), CancellationToken.None)).Count),
            ("ward map (2 km box)", BoundingBox.Around(office, 1000), async () => (await repository.SearchPublishedAsync(new ReportFilter(Area: BoundingBox.Around(office, 1000), Take: 500), CancellationToken.None)).Count),
            ("neighbourhood map (1 km box)", BoundingBox.Around(office, 500), async () => (await repository.SearchPublishedAsync(new ReportFilter(Area: BoundingBox.Around(office, 500), Take: 500), CancellationToken.None)).Count),
            ("street map (500 m box)", BoundingBox.Around(office, 250), async () => (await repository.SearchPublishedAsync(new ReportFilter(Area: BoundingBox.Around(office, 250), Take: 500), CancellationToken.None)).Count),
            ("duplicates 250 m", BoundingBox.Around(new GeoPoint(35.6378, 140.1110), DuplicateFinder.RadiusMeters),
                async () => (await finder.FindAsync("road-pothole", new GeoPoint(35.6378, 140.1110), null, CancellationToken.None)).Count),
        };
        foreach (var (name, box, call) in calls)
        {
            var inBox = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Report WHERE Latitude BETWEEN @South AND @North AND Longitude BETWEEN @West AND @East", box);
            var first = Stopwatch.StartNew();
            var found = await call();
            var firstCall = first.Elapsed.TotalMilliseconds;
            // Past the JIT's tiers: the calls measured below run optimized code, as BenchmarkDotNet's do after its warm-up.
            for (var i = 0; i < 60; i++) await call();
            var times = new List<double>();
            var self = Process.GetCurrentProcess();
            self.Refresh();
            var cpu = self.TotalProcessorTime;
            for (var i = 0; i < 31; i++)
            {
                var clock = Stopwatch.StartNew();
                found = await call();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            self.Refresh();
            var cpuPerCall = (self.TotalProcessorTime - cpu).TotalMilliseconds / 31;
            times.Sort();
            // CPU time per call: the process's, so a busy machine's waiting is left out of it (wall times are not).
            Console.WriteLine($"{name}: {inBox:N0} reports in the box; {found} found; first call {firstCall:F1} ms, median of 31 after 60 more {times[15]:F2} ms, " +
                $"CPU {cpuPerCall:F2} ms per call");
        }
    }
}
