namespace Portal.Data.Database;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
}

/// <summary>The "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Required for SQL Server. For SQLite, defaults to portal.db in the data folder.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up. Production may switch this off and migrate in its release step.</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>SQLite: how long a writer waits for the lock before giving up.</summary>
    public int BusyTimeoutMilliseconds { get; set; } = 10_000;
}
