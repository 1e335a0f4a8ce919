using System.Diagnostics;
using Dapper;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Reports;

namespace Portal.Bench.Reports.Queries;

/// <summary>
/// SQLite's query plan for the statements ReportRepository sends for the benchmarked calls (the same WHERE and
/// ORDER BY, with the benchmark's values), and a rough single-shot timing; BenchmarkDotNet gives the real numbers.
/// </summary>
public static class ReportQueryPlans
{
    public static async Task PrintAsync(int rows)
    {
        var database = BenchReportDatabase.Open(rows, Console.WriteLine);
        await using var connection = await database.OpenAsync(CancellationToken.None);
        var published = Enum.GetValues<ReportStatus>().Where(ReportWorkflow.IsPublished).Select(s => s.ToString()).ToArray();
        var open = ReportWorkflow.OpenStatuses.Select(s => s.ToString()).ToArray();
        var city = CityArea.Bounds;
        var ward = BoundingBox.Around(new GeoPoint(35.637, 140.110), 1000);
        var street = BoundingBox.Around(new GeoPoint(35.637, 140.110), 250);
        var neighbourhood = BoundingBox.Around(new GeoPoint(35.637, 140.110), 500);
        var near = BoundingBox.Around(new GeoPoint(35.6378, 140.1110), DuplicateFinder.RadiusMeters);
        // As ReportRepository.PublicFilter: boxes at least 0.006 degrees tall are read newest first.
        string Map(BoundingBox box) => $"""
            SELECT Id FROM Report WHERE Status IN @statuses AND {(box.North - box.South >= 0.006 ? database.Dialect.NotIndexed("Latitude") : "Latitude")} BETWEEN @South AND @North
              AND Longitude BETWEEN @West AND @East
            ORDER BY CreatedUtc DESC, Id DESC LIMIT 500
            """;
        const string duplicates = """
            SELECT Id FROM Report WHERE CategoryCode = 'road-pothole' AND Latitude BETWEEN @South AND @North AND Longitude BETWEEN @West AND @East
              AND Status IN @statuses ORDER BY Id DESC LIMIT 200
            """;
        foreach (var (name, sql, area, statuses) in new[] { ("city map", Map(city), city, published), ("ward map (2 km box)", Map(ward), ward, published),
            ("neighbourhood map (1 km box)", Map(neighbourhood), neighbourhood, published), ("street map (500 m box)", Map(street), street, published), ("duplicates 250 m", duplicates, near, open) })
        {
            var parameters = new { statuses, area.South, area.North, area.West, area.East };
            Console.WriteLine($"{name}:");
            foreach (var step in await connection.QueryAsync<(long Id, long Parent, long NotUsed, string Detail)>("EXPLAIN QUERY PLAN " + sql, parameters))
                Console.WriteLine($"  {step.Detail}");
            var inBox = await connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM Report WHERE Latitude BETWEEN @South AND @North AND Longitude BETWEEN @West AND @East", parameters);
            var found = 0;
            var times = new List<double>();
            for (var i = 0; i < 15; i++)
            {
                var clock = Stopwatch.StartNew();
                found = (await connection.QueryAsync<long>(sql, parameters)).Count();
                times.Add(clock.Elapsed.TotalMilliseconds);
            }
            times.Sort();
            Console.WriteLine($"  {inBox:N0} reports in the box; {found} rows; first run {times.Max():F1} ms, median of 15 {times[7]:F2} ms");
        }
        var repository = new ReportRepository(database);
        var finder = new DuplicateFinder(repository);
        var candidates = await finder.FindAsync("road-pothole", new GeoPoint(35.6378, 140.1110), null, CancellationToken.None);
        Console.WriteLine($"duplicate candidates within 250 m: {candidates.Count}");
    }
}
