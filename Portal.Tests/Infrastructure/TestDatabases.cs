using Microsoft.Data.SqlClient;
using Microsoft.Data.Sqlite;
using Portal.Data.Database;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// A fresh, migrated database per test class. SQLite always; SQL Server too when the environment
/// variable PORTAL_TEST_SQLSERVER holds a connection string (a throw-away database is made on that server).
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string SqlServerVariable = "PORTAL_TEST_SQLSERVER";

    private readonly Action _drop;

    private TestDatabase(PortalDatabase database, Action drop)
    {
        Database = database;
        _drop = drop;
    }

    public PortalDatabase Database { get; }

    public static string? SqlServerConnectionString => Environment.GetEnvironmentVariable(SqlServerVariable) is { Length: > 0 } cs ? cs : null;

    /// <param name="migrateBefore">Migrate only up to this script (exclusive): a database as an older portal left it.</param>
    public static TestDatabase Create(DatabaseProvider provider, string? migrateBefore = null) => provider switch
    {
        DatabaseProvider.Sqlite => CreateSqlite(migrateBefore),
        DatabaseProvider.SqlServer => CreateSqlServer(migrateBefore),
        _ => throw new ArgumentOutOfRangeException(nameof(provider)),
    };

    public static TestDatabase CreateSqlite(string? migrateBefore = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db"), Pooling = true }.ToString();
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), cs);
        Migrate(db, migrateBefore);
        return new TestDatabase(db, () =>
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        });
    }

    private static void Migrate(PortalDatabase db, string? before)
    {
        if (before is null) db.Migrate();
        else db.MigrateBefore(before);
    }

    private static TestDatabase CreateSqlServer(string? migrateBefore)
    {
        var server = SqlServerConnectionString ?? throw new InvalidOperationException($"{SqlServerVariable} is not set.");
        var builder = new SqlConnectionStringBuilder(server) { InitialCatalog = "PortalTest_" + Guid.NewGuid().ToString("N") };
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.SqlServer), builder.ConnectionString);
        Migrate(db, migrateBefore);
        return new TestDatabase(db, () =>
        {
            SqlConnection.ClearAllPools();
            using var connection = new SqlConnection(server);
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"ALTER DATABASE [{builder.InitialCatalog}] SET SINGLE_USER WITH ROLLBACK IMMEDIATE; DROP DATABASE [{builder.InitialCatalog}];";
            command.ExecuteNonQuery();
        });
    }

    public void Dispose() => _drop();
}

/// <summary>The providers a contract test runs against: SQLite always, SQL Server when configured.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> All => [DatabaseProvider.Sqlite, DatabaseProvider.SqlServer];

    /// <summary>Skips the running test, with the reason printed, when the provider is not available here.</summary>
    public static void SkipUnlessAvailable(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.SqlServer && TestDatabase.SqlServerConnectionString is null)
            Skips.Because($"SQL Server not configured: set {TestDatabase.SqlServerVariable} to a connection string to run this case against SQL Server.");
    }
}

/// <summary>Skips a test for a tool that is missing here, printing the reason in the test run's output.</summary>
public static class Skips
{
    public static void Because(string reason)
    {
        TestContext.Current.SendDiagnosticMessage($"SKIP {TestContext.Current.Test?.TestDisplayName}: {reason}");
        Assert.Skip(reason);
    }
}
