using System.Data;
using System.Data.Common;
using Dapper;

namespace Portal.Data.Database;

/// <summary>The portal's database: its dialect and connection string. Repositories open connections through it.</summary>
public sealed class PortalDatabase
{
    static PortalDatabase() => DapperSetup.Configure();

    public PortalDatabase(SqlDialect dialect, string connectionString)
    {
        Dialect = dialect;
        ConnectionString = connectionString;
    }

    public SqlDialect Dialect { get; }
    public string ConnectionString { get; }

    public Task<DbConnection> OpenAsync(CancellationToken ct) => Dialect.OpenAsync(ConnectionString, ct);

    public void Migrate(Action<string>? log = null) => DatabaseMigrator.Migrate(Dialect, ConnectionString, log);

    /// <summary>Runs the migration scripts dated before <paramref name="script"/> only (a test's older database).</summary>
    public void MigrateBefore(string script) => DatabaseMigrator.Migrate(Dialect, ConnectionString, before: script);

    /// <summary>Runs work in one write transaction, committed when the work returns.</summary>
    public async Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = Dialect.BeginWrite(connection);
        var result = await work(connection, transaction);
        await transaction.CommitAsync(ct);
        return result;
    }

    public async Task<bool> CanConnectAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct)) == 1;
    }
}

/// <summary>
/// Times are stored as UTC. SQLite has no date type: there they are ISO-8601 text; SQL Server uses
/// datetimeoffset. One handler reads both back as DateTimeOffset in UTC.
/// </summary>
internal static class DapperSetup
{
    private static int _configured;

    public static void Configure()
    {
        if (Interlocked.Exchange(ref _configured, 1) == 1) return;
        SqlMapper.AddTypeHandler(new DateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new NullableDateTimeOffsetHandler());
        SqlMapper.AddTypeHandler(new LocalizedTextHandler());
    }

    internal static DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d.ToUniversalTime(),
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        // The portal writes times in the round-trip shape (Set, below), which the runtime parses on a fast path of its own;
        // the general parser, several times slower, is kept for other shapes (SQLite's CURRENT_TIMESTAMP, older rows).
        string s when DateTimeOffset.TryParseExact(s, "O", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var exact) => exact.ToUniversalTime(),
        string s => DateTimeOffset.Parse(s, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal).ToUniversalTime(),
        _ => throw new DataException($"Cannot read {value.GetType().Name} as a time."),
    };

    internal static void Set(IDbDataParameter parameter, DateTimeOffset value)
    {
        if (parameter is Microsoft.Data.Sqlite.SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = value.ToUniversalTime();
        }
    }

    private sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset value) => Set(parameter, value);
        public override DateTimeOffset Parse(object value) => DapperSetup.Parse(value);
    }

    /// <summary>A city-written text is one text column holding its languages as JSON (<see cref="Portal.Core.Languages.LocalizedText.ToJson"/>).</summary>
    private sealed class LocalizedTextHandler : SqlMapper.TypeHandler<Portal.Core.Languages.LocalizedText>
    {
        public override void SetValue(IDbDataParameter parameter, Portal.Core.Languages.LocalizedText? value)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value is null ? DBNull.Value : value.ToJson();
        }

        public override Portal.Core.Languages.LocalizedText? Parse(object value) =>
            value is string text ? Portal.Core.Languages.LocalizedText.Parse(text) : null;
    }

    private sealed class NullableDateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset?>
    {
        public override void SetValue(IDbDataParameter parameter, DateTimeOffset? value)
        {
            if (value is { } v) Set(parameter, v);
            else parameter.Value = DBNull.Value;
        }

        public override DateTimeOffset? Parse(object value) => value is null or DBNull ? null : DapperSetup.Parse(value);
    }
}
