using Dapper;
using Microsoft.SqlServer.TransactSql.ScriptDom;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public sealed class MigrationTests
{
    [Fact]
    public void Every_SQL_Server_script_parses_as_T_SQL()
    {
        var scripts = DatabaseMigrator.ScriptNames(SqlDialect.For(DatabaseProvider.SqlServer));
        Assert.NotEmpty(scripts);
        var parser = new TSql160Parser(initialQuotedIdentifiers: true);
        foreach (var name in scripts)
        {
            using var stream = DatabaseMigrator.ScriptAssembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            parser.Parse(reader, out var errors);
            Assert.True(errors.Count == 0, $"{name}: " + string.Join("; ", errors.Select(e => $"line {e.Line}: {e.Message}")));
        }
    }

    [Fact]
    public void Each_dialect_has_the_same_dated_scripts()
    {
        static IEnumerable<string> Dated(DatabaseProvider p) =>
            DatabaseMigrator.ScriptNames(SqlDialect.For(p)).Select(n => n[(n.LastIndexOf(".Migrations.", StringComparison.Ordinal) + 12)..].Split('.', 2)[1]);
        Assert.Equal(Dated(DatabaseProvider.Sqlite), Dated(DatabaseProvider.SqlServer));
        Assert.All(Dated(DatabaseProvider.Sqlite), n => Assert.Matches(@"^\d{8}_\d{2}_\w+\.sql$", n));
        // Date and number say the order on their own: two scripts never share them.
        var orders = Dated(DatabaseProvider.Sqlite).Select(n => n[..11]).ToList();
        Assert.Equal(orders.Count, orders.Distinct().Count());
    }

    [Fact]
    public async Task SQLite_runs_in_WAL_mode_with_foreign_keys_and_a_busy_timeout()
    {
        using var test = TestDatabase.CreateSqlite();
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("PRAGMA foreign_keys"));
        Assert.True(await connection.ExecuteScalarAsync<int>("PRAGMA busy_timeout") >= 1000);
    }

    [Fact]
    public async Task Migrating_again_changes_nothing()
    {
        using var test = TestDatabase.CreateSqlite();
        test.Database.Migrate();
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        Assert.Equal(6, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM WardOffice"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_what_the_rules_forbid(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        await using var connection = await test.Database.OpenAsync(TestContext.Current.CancellationToken);
        const string insert = """
            INSERT INTO UserAccount (Email, DisplayName, PasswordHash, Role, OfficeId, IsDisabled, FailedSignInCount, SecurityStamp, CreatedUtc)
            VALUES (@Email, 'x', 'x', @Role, @OfficeId, 0, 0, 'stamp', '2026-11-25T00:00:00.0000000Z')
            """;
        // A staff account without an office, an office that does not exist, an unknown role.
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(insert, new { Email = "a@x.jp", Role = "Staff", OfficeId = (string?)null }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(insert, new { Email = "b@x.jp", Role = "Staff", OfficeId = "nowhere" }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(insert, new { Email = "c@x.jp", Role = "Mayor", OfficeId = (string?)null }));
        Assert.Equal(1, await connection.ExecuteAsync(insert, new { Email = "d@x.jp", Role = "Staff", OfficeId = "chuo" }));
    }
}
