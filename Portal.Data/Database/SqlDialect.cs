using System.Data;
using System.Data.Common;
using System.Reflection;
using DbUp;
using DbUp.Builder;
using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;

namespace Portal.Data.Database;

/// <summary>
/// Everything that differs between SQLite and SQL Server, in one place. Repositories write portable SQL
/// and ask the dialect for the few fragments that cannot be portable.
/// </summary>
public abstract class SqlDialect
{
    public abstract DatabaseProvider Provider { get; }

    /// <summary>Folder under Portal.Data/Migrations that holds this dialect's scripts.</summary>
    public abstract string MigrationFolder { get; }

    /// <summary>Appended to an INSERT to read back the identity of the new row.</summary>
    public abstract string SelectInsertedId { get; }

    /// <summary>A page of an ordered query; expects @Skip and @Take parameters.</summary>
    public abstract string Page { get; }

    /// <summary>
    /// Table hint that makes a read inside a write transaction hold its rows until commit (SQL Server: UPDLOCK,
    /// HOLDLOCK). Empty on SQLite, where BEGIN IMMEDIATE already holds the write lock for the whole transaction.
    /// </summary>
    public abstract string LockForUpdate { get; }

    /// <summary>
    /// Table hint for taking the first free row of a queue: hold it until commit and skip rows another transaction
    /// holds (SQL Server: UPDLOCK, READPAST, ROWLOCK), so two callers never take the same row. Empty on SQLite,
    /// where BEGIN IMMEDIATE lets one writer in at a time.
    /// </summary>
    public abstract string LockNextForUpdate { get; }

    /// <summary>Was the transaction chosen as a deadlock victim (worth running again)?</summary>
    public virtual bool IsDeadlock(Exception exception) => false;

    /// <summary>The Japan-time month ("yyyy-MM") of a stored UTC time column, for grouping by month.</summary>
    public abstract string JapanMonth(string column);

    /// <summary>
    /// The published reports in a box, read through the spatial index: a FROM clause with its first WHERE conditions, to
    /// which the caller adds " AND " and its exact conditions on Report, since the index finds a superset of the box.
    /// Parameters (Reports/ReportSpatialIndex): @south, @north, @west, @east, @box (the box as well-known text),
    /// @fromCreated and @toCreated (the time axis of SQLite's tree). SQLite reads its R*Tree of published reports first
    /// and each report by its id; SQL Server asks its spatial index with Filter, the index's own superset.
    /// </summary>
    public abstract string ReportsInBox { get; }

    /// <summary>
    /// How many reports the spatial index holds in the box created at or after @windowFrom, counted up to @enough (on
    /// SQLite the published ones, which its tree alone holds and answers for, reading no report, so the map sizes its
    /// time window cheaply and closely; on SQL Server those of any state).
    /// </summary>
    public abstract string CountReportsInBox { get; }

    /// <summary>
    /// The whole statement of the duplicate check: the given columns of the open reports (@Open) of @categoryCode in the
    /// box, nearest to (@latitude, @longitude) first on a flat map of the ground (@northScale and @eastScale metres per
    /// degree; Core's LocalPlane computes the same numbers), the newer first among equals, at most @Take. SQLite ranks in
    /// its tree of open reports, which holds each one's category and exact place, and reads only the nearest from Report.
    /// </summary>
    public abstract string NearestOpenReports(string columns);

    /// <summary>The squared distance of <see cref="NearestOpenReports"/>, over the Latitude and Longitude columns in scope.</summary>
    protected const string SquaredMeters =
        "((Latitude - @latitude) * @northScale) * ((Latitude - @latitude) * @northScale) + ((Longitude - @longitude) * @eastScale) * ((Longitude - @longitude) * @eastScale)";

    /// <summary>The exact box, over the Latitude and Longitude columns in scope.</summary>
    protected const string InExactBox = "Latitude BETWEEN @south AND @north AND Longitude BETWEEN @west AND @east";

    public abstract DbConnection CreateConnection(string connectionString);

    /// <summary>Opens a connection ready for use (SQLite: busy timeout and foreign keys set).</summary>
    public virtual async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = CreateConnection(connectionString);
        await connection.OpenAsync(ct);
        return connection;
    }

    /// <summary>A transaction that takes the write lock at once, so concurrent writers wait instead of failing.</summary>
    public abstract DbTransaction BeginWrite(DbConnection connection);

    /// <summary>Is this exception a unique-key violation?</summary>
    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>
    /// Whether small write transactions that arrive together should share one commit, each in its own savepoint
    /// (SQLite: one writer at a time and a sync per commit, so a commit shared by many is many times faster).
    /// </summary>
    public virtual bool GroupsCommits => false;

    internal abstract UpgradeEngineBuilder Migrations(string connectionString);

    internal virtual void PrepareDatabase(string connectionString) { }

    internal static bool IsScriptOf(string resourceName, string folder) =>
        resourceName.Contains($".Migrations.{folder}.", StringComparison.Ordinal) && resourceName.EndsWith(".sql", StringComparison.Ordinal);

    public static SqlDialect For(DatabaseProvider provider, int busyTimeoutMilliseconds = 10_000) => provider switch
    {
        DatabaseProvider.Sqlite => new SqliteDialect(busyTimeoutMilliseconds),
        DatabaseProvider.SqlServer => new SqlServerDialect(),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}

public sealed class SqliteDialect(int busyTimeoutMilliseconds) : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;
    public override string MigrationFolder => "Sqlite";
    public override string SelectInsertedId => "; SELECT last_insert_rowid();";
    public override string Page => " LIMIT @Take OFFSET @Skip";
    public override string LockForUpdate => "";
    public override string LockNextForUpdate => "";
    public override string JapanMonth(string column) => $"strftime('%Y-%m', {column}, '+9 hours')";

    private const string InTree = """
        MinLatitude <= @north AND MaxLatitude >= @south AND MinLongitude <= @east AND MaxLongitude >= @west
        """;

    public override string ReportsInBox =>
        $"ReportPublishedLocation CROSS JOIN Report WHERE Report.Id = ReportPublishedLocation.ReportId AND {InTree} AND MaxCreated >= @fromCreated AND MinCreated <= @toCreated";

    public override string CountReportsInBox =>
        $"SELECT COUNT(*) FROM (SELECT 1 FROM ReportPublishedLocation WHERE {InTree} AND MaxCreated >= @fromCreated AND MinCreated <= @toCreated LIMIT @enough) AS InBox";

    // CROSS JOIN keeps SQLite's order: the tree first, then Report by id for the nearest few only.
    public override string NearestOpenReports(string columns) => $"""
        SELECT {columns}
        FROM (SELECT ReportId FROM ReportOpenLocation
              WHERE {InTree} AND CategoryCode = @categoryCode AND {InExactBox}
              ORDER BY {SquaredMeters}, ReportId DESC LIMIT @Take) AS Nearest
        CROSS JOIN Report
        WHERE Report.Id = Nearest.ReportId AND Report.CategoryCode = @categoryCode AND Report.Status IN @Open
        ORDER BY {SquaredMeters}, Report.Id DESC
        """;

    public override DbConnection CreateConnection(string connectionString) => new SqliteConnection(connectionString);

    /// <summary>How much of the file a connection reads through a memory map (SQLite's own ceiling, about 2 GB).</summary>
    private const long MemoryMapBytes = 0x7fff0000;

    public override async Task<DbConnection> OpenAsync(string connectionString, CancellationToken ct)
    {
        var connection = await base.OpenAsync(connectionString, ct);
        await using var pragma = connection.CreateCommand();
        // Pages read through a memory map rather than copied into each connection's small page cache: the map reads
        // hundreds of scattered reports by id (docs/performance.md, "Report map and duplicate queries").
        pragma.CommandText = $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA mmap_size = {MemoryMapBytes};";
        await pragma.ExecuteNonQueryAsync(ct);
        return connection;
    }

    // Microsoft.Data.Sqlite starts a non-deferred transaction with BEGIN IMMEDIATE.
    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqliteConnection)connection).BeginTransaction(IsolationLevel.Serializable, deferred: false);

    public override bool GroupsCommits => true;

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteErrorCode: 19, SqliteExtendedErrorCode: 2067 or 1555 };

    internal override void PrepareDatabase(string connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (folder is not null) Directory.CreateDirectory(folder);
        }
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        // WAL lets readers go on while one writer writes; the setting is stored in the file.
        command.CommandText = "PRAGMA journal_mode = WAL;";
        command.ExecuteNonQuery();
    }

    internal override UpgradeEngineBuilder Migrations(string connectionString) =>
        DeployChanges.To.SqliteDatabase(connectionString);
}

public sealed class SqlServerDialect : SqlDialect
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
    public override string MigrationFolder => "SqlServer";
    public override string SelectInsertedId => "; SELECT CAST(SCOPE_IDENTITY() AS bigint);";
    public override string Page => " OFFSET @Skip ROWS FETCH NEXT @Take ROWS ONLY";
    public override string LockForUpdate => " WITH (UPDLOCK, HOLDLOCK)";
    public override string LockNextForUpdate => " WITH (UPDLOCK, READPAST, ROWLOCK)";
    public override bool IsDeadlock(Exception exception) => exception is SqlException { Number: 1205 };
    public override string JapanMonth(string column) => $"CONVERT(CHAR(7), SWITCHOFFSET({column}, '+09:00'), 126)";

    private const string InIndex = "Location.Filter(geometry::STGeomFromText(@box, 0)) = 1";

    public override string ReportsInBox => $"Report WHERE {InIndex}";

    public override string CountReportsInBox =>
        $"SELECT COUNT(*) FROM (SELECT TOP (@enough) Id FROM Report WHERE {InIndex} AND CreatedUtc >= @windowFrom) AS InBox";

    public override string NearestOpenReports(string columns) => $"""
        SELECT {columns} FROM Report
        WHERE {InIndex} AND Report.CategoryCode = @categoryCode AND Report.Status IN @Open AND {InExactBox}
        ORDER BY {SquaredMeters}, Report.Id DESC OFFSET 0 ROWS FETCH NEXT @Take ROWS ONLY
        """;

    public override DbConnection CreateConnection(string connectionString) => new SqlConnection(connectionString);

    public override DbTransaction BeginWrite(DbConnection connection) =>
        ((SqlConnection)connection).BeginTransaction(IsolationLevel.ReadCommitted);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqlException { Number: 2601 or 2627 };

    internal override void PrepareDatabase(string connectionString) => EnsureDatabase.For.SqlDatabase(connectionString);

    internal override UpgradeEngineBuilder Migrations(string connectionString) =>
        DeployChanges.To.SqlDatabase(connectionString);
}

/// <summary>Runs the embedded, dated migration scripts of one dialect with DbUp, each inside a transaction.</summary>
public static class DatabaseMigrator
{
    public static Assembly ScriptAssembly => typeof(DatabaseMigrator).Assembly;

    public static IReadOnlyList<string> ScriptNames(SqlDialect dialect) =>
        ScriptAssembly.GetManifestResourceNames().Where(n => SqlDialect.IsScriptOf(n, dialect.MigrationFolder)).Order(StringComparer.Ordinal).ToList();

    /// <param name="before">
    /// Only the scripts whose dated name sorts before this one ("20261207_41_..."): a database as an older portal left it,
    /// for a test that puts old rows in and then migrates the rest. Null for every script.
    /// </param>
    public static void Migrate(SqlDialect dialect, string connectionString, Action<string>? log = null, string? before = null)
    {
        dialect.PrepareDatabase(connectionString);
        var builder = dialect.Migrations(connectionString)
            .WithScriptsEmbeddedInAssembly(ScriptAssembly, name => SqlDialect.IsScriptOf(name, dialect.MigrationFolder)
                && (before is null || string.CompareOrdinal(DatedName(name, dialect.MigrationFolder), before) < 0))
            .WithTransactionPerScript();
        builder = log is null ? builder.LogToNowhere() : builder.LogTo(new ActionLog(log));
        var result = builder.Build().PerformUpgrade();
        if (!result.Successful)
            throw new InvalidOperationException($"Database migration failed in {result.ErrorScript?.Name}: {result.Error.Message}", result.Error);
    }

    /// <summary>A script's dated name ("20261207_41_CityTexts.sql") from its resource name.</summary>
    private static string DatedName(string resourceName, string folder)
    {
        var marker = $".Migrations.{folder}.";
        return resourceName[(resourceName.IndexOf(marker, StringComparison.Ordinal) + marker.Length)..];
    }

    private sealed class ActionLog(Action<string> log) : DbUp.Engine.Output.IUpgradeLog
    {
        public void LogTrace(string format, params object[] args) { }
        public void LogDebug(string format, params object[] args) { }
        public void LogInformation(string format, params object[] args) => log(string.Format(format, args));
        public void LogWarning(string format, params object[] args) => log(string.Format(format, args));
        public void LogError(string format, params object[] args) => log(string.Format(format, args));
        public void LogError(Exception ex, string format, params object[] args) => log(string.Format(format, args) + ": " + ex.Message);
    }
}
