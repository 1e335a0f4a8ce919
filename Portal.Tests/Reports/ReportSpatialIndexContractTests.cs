using Dapper;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>
/// The map and the duplicate check read reports through the spatial index (issue 17, item 9); whatever the index holds,
/// their answers must be those of the plain queries. Each case compares the repository with a brute-force answer worked
/// out here from the Report table as it is, on random reports that were moved, hidden, closed, reopened and deleted,
/// with reports on the edges of the boxes and reports filed at the same instant.
/// </summary>
public sealed class ReportSpatialIndexContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 3, 0, 0, TimeSpan.Zero);

    /// <summary>A district of the city where the random reports lie (about 2 km across), so that boxes hold many of them.</summary>
    private static readonly BoundingBox District = new(35.600, 140.100, 35.620, 140.125);

    private static readonly string[] Categories = ["road-pothole", "park-bench", "litter-dumping"];

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_map_in_a_box_is_the_plain_answer_on_random_reports(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await RandomWorldAsync(provider, 1709);
        var (repo, random, table) = (world.Repo, world.Random, world.Table);
        foreach (var box in world.Boxes.Append(CityArea.Bounds))
        {
            foreach (var filter in Filters(box, random))
            {
                var expected = table
                    .Where(r => Matches(r, filter))
                    .OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id)
                    .Skip(filter.Skip).Take(filter.Take).Select(r => r.Id).ToList();
                var found = (await repo.SearchPublishedAsync(filter, Ct)).Select(r => r.Id).ToList();
                Assert.True(expected.SequenceEqual(found), $"{filter}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]");
            }
            var inBox = new ReportFilter(Area: box);
            Assert.Equal(table.Count(r => Matches(r, inBox)), await repo.CountPublishedAsync(inBox, Ct));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_duplicate_check_in_a_box_is_the_plain_answer_on_random_reports(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await RandomWorldAsync(provider, 2511);
        foreach (var box in world.Boxes)
        {
            foreach (var category in Categories)
            {
                var max = world.Random.Next(1, 30);
                // From the box's middle, or from a report's own place (at distance 0, with others at the same place).
                var at = world.Random.Next(2) == 0
                    ? new GeoPoint((box.South + box.North) / 2, (box.West + box.East) / 2)
                    : world.Table[world.Random.Next(world.Table.Count)].Location;
                var plane = new LocalPlane(at);
                var expected = world.Table
                    .Where(r => r.CategoryCode == category && r.IsOpen && InBox(r, box))
                    .OrderBy(r => plane.SquaredMeters(r.Location)).ThenByDescending(r => r.Id).Take(max).Select(r => r.Id).ToList();
                var found = (await world.Repo.NearestOpenAsync(category, at, box, max, Ct)).Select(r => r.Id).ToList();
                Assert.True(expected.SequenceEqual(found), $"{category} in {box} from {at}, {max}: expected [{string.Join(", ", expected)}], found [{string.Join(", ", found)}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Every_state_is_on_the_map_and_in_the_duplicate_check_as_the_workflow_says(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var at = new GeoPoint(35.61, 140.11);
        var box = BoundingBox.Around(at, 100);
        var original = await InsertAsync(test.Database, at, "road-pothole", "Fixed", Now.AddDays(-30));
        var report = await InsertAsync(test.Database, at, "road-pothole", "Received", Now);

        foreach (var status in Enum.GetValues<ReportStatus>())
        {
            await using (var connection = await test.Database.OpenAsync(Ct))
                await connection.ExecuteAsync("UPDATE Report SET Status = @status, DuplicateOfId = @duplicateOf WHERE Id = @report",
                    new { status = status.ToString(), duplicateOf = status == ReportStatus.Duplicate ? original : (long?)null, report });

            var onMap = (await repo.SearchPublishedAsync(new ReportFilter(Area: box), Ct)).Any(r => r.Id == report);
            var duplicate = (await repo.NearestOpenAsync("road-pothole", at, box, 10, Ct)).Any(r => r.Id == report);
            Assert.Equal((status, ReportWorkflow.IsPublished(status), ReportWorkflow.IsOpen(status)), (status, onMap, duplicate));
            if (provider != DatabaseProvider.Sqlite) continue;
            // SQLite's trees hold only what their queries may show (the exact conditions on Report would hide the rest,
            // but the map's count would no longer size its window closely).
            await using var trees = await test.Database.OpenAsync(Ct);
            var inPublished = await trees.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportPublishedLocation WHERE ReportId = @report", new { report });
            var inOpen = await trees.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ReportOpenLocation WHERE ReportId = @report", new { report });
            Assert.Equal((status, ReportWorkflow.IsPublished(status), ReportWorkflow.IsOpen(status)), (status, inPublished == 1, inOpen == 1));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reports_filed_before_the_spatial_index_are_in_it_after_the_migration(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider, migrateBefore: "20261215_10");
        var at = new GeoPoint(35.615, 140.115);
        var open = await InsertAsync(test.Database, at, "park-bench", "InProgress", Now.AddDays(-400));
        var fixedOne = await InsertAsync(test.Database, at, "park-bench", "Fixed", Now.AddDays(-2));
        var hidden = await InsertAsync(test.Database, at, "park-bench", "Hidden", Now.AddDays(-1));

        test.Database.Migrate();

        var repo = new ReportRepository(test.Database);
        var box = BoundingBox.Around(at, 50);
        Assert.Equal([fixedOne, open], (await repo.SearchPublishedAsync(new ReportFilter(Area: box), Ct)).Select(r => r.Id));
        Assert.Equal([open], (await repo.NearestOpenAsync("park-bench", at, box, 10, Ct)).Select(r => r.Id));
        Assert.DoesNotContain(hidden, (await repo.SearchPublishedAsync(new ReportFilter(Area: box, Take: 100), Ct)).Select(r => r.Id));
    }

    [Fact]
    public async Task On_SQLite_the_map_and_the_duplicate_check_read_the_R_tree()
    {
        using var test = TestDatabase.CreateSqlite();
        var repo = new ReportRepository(test.Database);
        var at = new GeoPoint(35.61, 140.11);
        var report = await InsertAsync(test.Database, at, "road-pothole", "Received", Now);
        var box = BoundingBox.Around(at, 100);
        Assert.Single(await repo.SearchPublishedAsync(new ReportFilter(Area: box), Ct));
        Assert.Single(await repo.NearestOpenAsync("road-pothole", at, box, 10, Ct));

        await using (var connection = await test.Database.OpenAsync(Ct))
            await connection.ExecuteAsync("DELETE FROM ReportPublishedLocation; DELETE FROM ReportOpenLocation;");

        // The plain list still has it; what reads a box finds it only through the trees, which no longer hold it.
        Assert.Equal([report], (await repo.SearchPublishedAsync(new ReportFilter(), Ct)).Select(r => r.Id));
        Assert.Empty(await repo.SearchPublishedAsync(new ReportFilter(Area: box), Ct));
        Assert.Equal(0, await repo.CountPublishedAsync(new ReportFilter(Area: box), Ct));
        Assert.Empty(await repo.NearestOpenAsync("road-pothole", at, box, 10, Ct));
    }

    [Fact]
    public async Task On_SQLite_a_deleted_report_leaves_both_trees()
    {
        using var test = TestDatabase.CreateSqlite();
        var at = new GeoPoint(35.61, 140.11);
        var kept = await InsertAsync(test.Database, at, "road-pothole", "Received", Now);
        var gone = await InsertAsync(test.Database, at, "road-pothole", "Received", Now);

        await using var connection = await test.Database.OpenAsync(Ct);
        await connection.ExecuteAsync("DELETE FROM Report WHERE Id = @gone", new { gone });

        Assert.Equal([kept], await connection.QueryAsync<long>("SELECT ReportId FROM ReportPublishedLocation"));
        Assert.Equal([kept], await connection.QueryAsync<long>("SELECT ReportId FROM ReportOpenLocation"));
    }

    /// <summary>A database of random reports (<see cref="FillAsync"/>), the table as it ended, and boxes to ask about.</summary>
    private sealed record World(TestDatabase Test, ReportRepository Repo, Random Random, List<Report> Table, List<BoundingBox> Boxes) : IDisposable
    {
        public void Dispose() => Test.Dispose();
    }

    private static async Task<World> RandomWorldAsync(DatabaseProvider provider, int seed)
    {
        var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var random = new Random(seed);
        var edges = await FillAsync(test.Database, repo, random);
        var boxes = edges.Concat(Enumerable.Range(0, 40).Select(_ => RandomBox(random))).Append(District).ToList();
        return new World(test, repo, random, await TableAsync(test.Database), boxes);
    }

    /// <summary>
    /// About 300 reports over two years in <see cref="District"/>, some at the same instant; then moves, state changes
    /// (through the repository and by plain SQL) and deletions. Returns boxes whose edges run through reports.
    /// </summary>
    private static async Task<List<BoundingBox>> FillAsync(PortalDatabase db, ReportRepository repo, Random random)
    {
        var resident = Portal.Core.Accounts.UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "住民", "hash", Portal.Core.Accounts.Role.Resident, null, Now);
        await new Portal.Data.Accounts.UserAccountRepository(db).CreateAsync(resident, Ct);
        var ids = new List<long>();
        var sharedInstant = Now.AddDays(-3);
        for (var i = 0; i < 300; i++)
        {
            var created = i % 25 == 0 ? sharedInstant : Now.AddMinutes(-random.Next(0, 2 * 365 * 24 * 60));
            // Most recent reports are open, older ones mostly fixed; a few hidden or withdrawn.
            var status = random.NextDouble() switch { < 0.35 => "Received", < 0.45 => "InProgress", < 0.80 => "Fixed", < 0.88 => "NoFurtherAction", < 0.94 => "Hidden", _ => "Withdrawn" };
            ids.Add(await InsertAsync(db, RandomPoint(random), Categories[random.Next(Categories.Length)], status, created, resident.Id));
        }

        await using var connection = await db.OpenAsync(Ct);
        // Moved by plain SQL (an import, a correction by hand): the index follows.
        foreach (var id in ids.Where((_, i) => i % 7 == 3))
        {
            var to = RandomPoint(random);
            await connection.ExecuteAsync("UPDATE Report SET Latitude = @Latitude, Longitude = @Longitude WHERE Id = @id", new { to.Latitude, to.Longitude, id });
        }
        // Moved by its reporter and accepted by staff, through the repository.
        foreach (var id in ids.Where((_, i) => i % 11 == 5))
        {
            var report = (await repo.GetAsync(id, Ct))!;
            if (report.Status != ReportStatus.Received) continue;
            await repo.SaveAsync(report, report.EditByReporter(resident.Id, report.CategoryCode, "場所を直しました", RandomPoint(random), report.WardId, Now), Ct);
            await repo.SaveAsync(report, report.MoveTo(ReportStatus.Accepted, 9, null, null, Now), Ct);
        }
        // Closed, hidden and reopened by plain SQL; filed again at another time.
        foreach (var id in ids.Where((_, i) => i % 5 == 1))
        {
            var status = random.NextDouble() switch { < 0.3 => "Hidden", < 0.6 => "Fixed", _ => "ReopenRequested" };
            await connection.ExecuteAsync("UPDATE Report SET Status = @status WHERE Id = @id", new { status, id });
        }
        foreach (var id in ids.Where((_, i) => i % 13 == 2))
            await connection.ExecuteAsync("UPDATE Report SET CreatedUtc = @created WHERE Id = @id", new { created = Now.AddDays(-random.Next(0, 700)), id });
        // Put in another category by staff.
        foreach (var id in ids.Where((_, i) => i % 9 == 6))
            await connection.ExecuteAsync("UPDATE Report SET CategoryCode = @category WHERE Id = @id", new { category = Categories[random.Next(Categories.Length)], id });
        // Deleted (a test's or an operator's clean-up): gone from the index too.
        foreach (var id in ids.Where((_, i) => i % 17 == 4))
        {
            await connection.ExecuteAsync("DELETE FROM ReportUpdate WHERE ReportId = @id", new { id });
            await connection.ExecuteAsync("DELETE FROM Report WHERE Id = @id", new { id });
        }

        // Boxes whose every edge runs exactly through a report that is still there.
        var table = await TableAsync(db);
        var edges = new List<BoundingBox>();
        for (var i = 0; i < 12; i++)
        {
            var corner = table[random.Next(table.Count)];
            var other = table[random.Next(table.Count)];
            var (a, b) = (corner.Location, other.Location);
            edges.Add(new BoundingBox(Math.Min(a.Latitude, b.Latitude), Math.Min(a.Longitude, b.Longitude), Math.Max(a.Latitude, b.Latitude), Math.Max(a.Longitude, b.Longitude)));
            // A box of no size at one report's place.
            edges.Add(new BoundingBox(a.Latitude, a.Longitude, a.Latitude, a.Longitude));
        }
        return edges;
    }

    private static async Task<long> InsertAsync(PortalDatabase db, GeoPoint at, string category, string status, DateTimeOffset created, long? reporter = null)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>("""
            INSERT INTO Report (IdempotencyKey, ReporterId, Kind, CategoryCode, Description, Latitude, Longitude, WardId, Status, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc)
            VALUES (@key, @reporter, 'Problem', @category, '説明', @Latitude, @Longitude, 'chuo', @status, NULL, 0, 'web', @created, @created)
            """ + db.Dialect.SelectInsertedId, new { key = Guid.NewGuid().ToString("N"), reporter, category, at.Latitude, at.Longitude, status, created });
    }

    /// <summary>Every report as the table holds it, each read by its id.</summary>
    private static async Task<List<Report>> TableAsync(PortalDatabase db)
    {
        var repo = new ReportRepository(db);
        await using var connection = await db.OpenAsync(Ct);
        var table = new List<Report>();
        foreach (var id in await connection.QueryAsync<long>("SELECT Id FROM Report"))
            table.Add((await repo.GetAsync(id, Ct))!);
        return table;
    }

    /// <summary>Each box with no other filter, and with random categories, states, times, pages and page sizes.</summary>
    private static IEnumerable<ReportFilter> Filters(BoundingBox box, Random random)
    {
        yield return new ReportFilter(Area: box, Take: 500);
        yield return new ReportFilter(Area: box, Take: 1);
        for (var i = 0; i < 4; i++)
        {
            yield return new ReportFilter(
                CategoryCode: random.Next(3) == 0 ? Categories[random.Next(Categories.Length)] : null,
                Status: random.Next(3) == 0 ? Enum.GetValues<PublicStatus>()[random.Next(Enum.GetValues<PublicStatus>().Length)] : null,
                FromUtc: random.Next(4) == 0 ? Now.AddDays(-random.Next(0, 800)) : null,
                ToUtc: random.Next(4) == 0 ? Now.AddDays(-random.Next(0, 400)) : null,
                Area: box, Skip: random.Next(3) == 0 ? random.Next(0, 20) : 0, Take: random.Next(1, 40));
        }
    }

    private static bool Matches(Report r, ReportFilter f) =>
        ReportWorkflow.IsPublished(r.Status)
        && (f.Status is not { } wanted || ReportWorkflow.ToPublic(r.Status) == wanted)
        && (f.CategoryCode is not { } category || r.CategoryCode == category)
        && (f.FromUtc is not { } from || r.CreatedUtc >= from)
        && (f.ToUtc is not { } to || r.CreatedUtc < to)
        && (f.Area is not { } area || InBox(r, area));

    private static bool InBox(Report r, BoundingBox box) =>
        r.Location.Latitude >= box.South && r.Location.Latitude <= box.North && r.Location.Longitude >= box.West && r.Location.Longitude <= box.East;

    private static GeoPoint RandomPoint(Random random) => new(
        District.South + random.NextDouble() * (District.North - District.South),
        District.West + random.NextDouble() * (District.East - District.West));

    private static BoundingBox RandomBox(Random random)
    {
        var centre = RandomPoint(random);
        return BoundingBox.Around(centre, random.Next(20, 1500));
    }
}
