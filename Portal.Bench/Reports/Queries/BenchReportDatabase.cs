using System.Data;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Portal.Core.Geography;
using Portal.Data.Database;

namespace Portal.Bench.Reports.Queries;

/// <summary>
/// A migrated SQLite database holding a given number of civic reports, made once per row count and kept in the
/// temp folder (chiba-portal-bench), so a second run starts at once. Pending migrations are applied on every
/// open, so an index added to the app is measured on the same rows.
/// </summary>
public static class BenchReportDatabase
{
    // Bumped when the generated rows change, so an old cached file is not measured by mistake (2: made with the spatial
    // index's triggers in place, the table's other indexes built after the rows; 3: the open reports' tree with categories).
    private const int DataVersion = 3;

    /// <summary>The ward offices (from the Foundation migration) and the share of reports each ward files.</summary>
    public static readonly (string Id, GeoPoint Office, double Share)[] Wards =
    [
        ("chuo", new(35.608, 140.123), 0.21),
        ("hanamigawa", new(35.663, 140.077), 0.17),
        ("inage", new(35.637, 140.110), 0.16),
        ("wakaba", new(35.622, 140.162), 0.15),
        ("midori", new(35.554, 140.172), 0.13),
        ("mihama", new(35.638, 140.060), 0.18),
    ];

    /// <summary>The 13 categories and how common each is (potholes and dumping lead, as in most cities).</summary>
    private static readonly (string Code, double Weight)[] Categories =
    [
        ("road-pothole", 18), ("road-street-light", 14), ("road-sign-mirror", 5), ("road-sidewalk", 8), ("road-other", 6),
        ("park-play-equipment", 4), ("park-bench", 3), ("park-trees", 7), ("park-other", 3),
        ("litter-dumping", 13), ("litter-scattered", 9), ("other-graffiti", 5), ("other-other", 5),
    ];

    /// <summary>The newest report's time; reports go back three years from here.</summary>
    public static readonly DateTimeOffset Newest = new(2026, 11, 1, 0, 0, 0, TimeSpan.Zero);

    public static string Folder => Path.Combine(Path.GetTempPath(), "chiba-portal-bench");

    /// <summary>Opens (making it first if needed) the database with <paramref name="rows"/> reports.</summary>
    public static PortalDatabase Open(int rows, Action<string>? log = null)
    {
        Directory.CreateDirectory(Folder);
        var file = Path.Combine(Folder, $"reports-v{DataVersion}-{rows}.db");
        if (!File.Exists(file))
        {
            var building = file + ".building";
            foreach (var stale in new[] { building, building + "-wal", building + "-shm" }) File.Delete(stale);
            var started = System.Diagnostics.Stopwatch.StartNew();
            var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), Connection(building));
            db.Migrate();
            Fill(building, rows, log);
            SqliteConnection.ClearAllPools();
            File.Move(building, file);
            log?.Invoke($"made {file} with {rows:N0} reports in {started.Elapsed.TotalSeconds:F0} s");
        }
        var database = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), Connection(file));
        database.Migrate();
        return database;
    }

    private static string Connection(string file) => new SqliteConnectionStringBuilder { DataSource = file, Pooling = true }.ToString();

    /// <summary>
    /// One transaction, one prepared INSERT with its parameters re-bound per row. The migrated table's B-tree indexes are
    /// taken off first and made again from their own SQL afterwards (a sorted build, several times faster than keeping
    /// them row by row); the spatial index's triggers stay, so the R*Trees grow as they do in use.
    /// </summary>
    private static void Fill(string file, int rows, Action<string>? log)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA synchronous = OFF; PRAGMA cache_size = -1048576;";
            pragma.ExecuteNonQuery();
        }
        var indexes = new List<(string Name, string Sql)>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Report' AND sql IS NOT NULL";
            using var reader = list.ExecuteReader();
            while (reader.Read()) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) Execute(connection, $"DROP INDEX {name}");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = """
            INSERT INTO Report (Id, IdempotencyKey, ReporterId, ReporterName, ContactEmail, Kind, CategoryCode, Description, Latitude, Longitude,
                                WardId, Status, AssignedToId, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc, FirstResponseUtc, FixedUtc, ClosedUtc)
            VALUES ($id, $key, NULL, NULL, NULL, $kind, $category, $description, $lat, $lon,
                    $ward, $status, NULL, $duplicateOf, $support, $source, $created, $updated, $firstResponse, $fixed, $closed)
            """;
        string[] names = ["$id", "$key", "$kind", "$category", "$description", "$lat", "$lon", "$ward", "$status", "$duplicateOf", "$support", "$source",
            "$created", "$updated", "$firstResponse", "$fixed", "$closed"];
        var p = names.ToDictionary(n => n, n => insert.Parameters.Add(new SqliteParameter { ParameterName = n }));
        insert.Prepare();

        var random = new Random(20261125);
        var span = TimeSpan.FromDays(3 * 365);
        var first = Newest - span;
        var categoryTotal = Categories.Sum(c => c.Weight);
        for (var i = 1; i <= rows; i++)
        {
            var ward = Pick(Wards, w => w.Share, 1, random);
            // Clustered around the ward office: a normal spread of about 1.5 km, a tenth of reports wider (3.5 km).
            var sigma = random.NextDouble() < 0.9 ? 1500 : 3500;
            var lat = Math.Clamp(ward.Office.Latitude + Gaussian(random) * sigma / 111_320, CityArea.Bounds.South, CityArea.Bounds.North);
            var lon = Math.Clamp(ward.Office.Longitude + Gaussian(random) * sigma / 90_600, CityArea.Bounds.West, CityArea.Bounds.East);
            var created = first + span * ((i - 1 + random.NextDouble()) / rows);
            var age = Newest - created;
            var status = StatusFor(age, random);
            var responded = status == "Received" ? (DateTimeOffset?)null : created.AddHours(2 + random.NextDouble() * 100);
            var closed = status is "Received" or "Accepted" or "InProgress" or "ActionScheduled" ? (DateTimeOffset?)null : created.AddDays(1 + random.NextDouble() * Math.Min(60, age.TotalDays));

            p["$id"].Value = i;
            p["$key"].Value = "bench-" + i.ToString(CultureInfo.InvariantCulture);
            p["$kind"].Value = random.NextDouble() < 0.97 ? "Problem" : "Fixed";
            p["$category"].Value = Pick(Categories, c => c.Weight, categoryTotal, random).Code;
            p["$description"].Value = "Report " + i.ToString(CultureInfo.InvariantCulture) + ": something on the street near the ward office needs a look.";
            p["$lat"].Value = lat;
            p["$lon"].Value = lon;
            p["$ward"].Value = ward.Id;
            p["$status"].Value = status;
            p["$duplicateOf"].Value = status == "Duplicate" ? Math.Max(1, i - 1 - random.Next(1000)) : DBNull.Value;
            p["$support"].Value = random.NextDouble() < 0.8 ? 0 : random.Next(1, 12);
            p["$source"].Value = random.NextDouble() < 0.85 ? "web" : "open311";
            p["$created"].Value = Text(created);
            p["$updated"].Value = Text(closed ?? responded ?? created);
            p["$firstResponse"].Value = responded is { } r ? Text(r) : DBNull.Value;
            p["$fixed"].Value = status == "Fixed" && closed is { } f ? Text(f) : DBNull.Value;
            p["$closed"].Value = closed is { } c ? Text(c) : DBNull.Value;
            insert.ExecuteNonQuery();
            if (i % 1_000_000 == 0) log?.Invoke($"  {i:N0} reports written, {clock.Elapsed.TotalSeconds:F0} s");
        }
        transaction.Commit();
        log?.Invoke($"  rows and R*Trees in {clock.Elapsed.TotalSeconds:F0} s");
        foreach (var (_, sql) in indexes) Execute(connection, sql);
        log?.Invoke($"  and {indexes.Count} indexes in {clock.Elapsed.TotalSeconds:F0} s");
        Execute(connection, "PRAGMA wal_checkpoint(TRUNCATE);");
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Recent reports are mostly still open; older ones mostly fixed or otherwise closed. About 5% are never
    /// published (hidden or withdrawn).
    /// </summary>
    private static string StatusFor(TimeSpan age, Random random)
    {
        var x = random.NextDouble();
        if (age.TotalDays < 14)
            return x switch { < 0.45 => "Received", < 0.65 => "Accepted", < 0.78 => "InProgress", < 0.83 => "ActionScheduled", < 0.92 => "Fixed",
                < 0.95 => "Duplicate", < 0.97 => "Hidden", _ => "Withdrawn" };
        if (age.TotalDays < 90)
            return x switch { < 0.05 => "Received", < 0.12 => "Accepted", < 0.20 => "InProgress", < 0.26 => "ActionScheduled", < 0.75 => "Fixed",
                < 0.82 => "NoFurtherAction", < 0.87 => "Referred", < 0.92 => "Duplicate", < 0.95 => "Hidden", _ => "Withdrawn" };
        return x switch { < 0.01 => "Accepted", < 0.03 => "InProgress", < 0.05 => "ActionScheduled", < 0.70 => "Fixed", < 0.82 => "NoFurtherAction",
            < 0.88 => "Referred", < 0.94 => "Duplicate", < 0.97 => "Hidden", _ => "Withdrawn" };
    }

    private static T Pick<T>(T[] items, Func<T, double> weight, double total, Random random)
    {
        var x = random.NextDouble() * total;
        foreach (var item in items)
        {
            x -= weight(item);
            if (x < 0) return item;
        }
        return items[^1];
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static string Text(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}
