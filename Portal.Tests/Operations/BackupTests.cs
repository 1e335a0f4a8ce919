using System.Net;
using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Operations;

/// <summary>The SQLite backup is consistent while writers keep writing, and a restored copy serves the portal again.</summary>
public sealed class BackupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_backup_taken_during_writes_is_whole_and_self_contained()
    {
        using var test = TestDatabase.CreateSqlite();
        var db = test.Database;
        await db.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition("CREATE TABLE Tick (Id INTEGER PRIMARY KEY, Pair INTEGER NOT NULL)", transaction: t, cancellationToken: Ct)), Ct);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        // Each transaction writes two rows; a torn copy would show an odd count.
        var writers = Enumerable.Range(0, 3).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
                await db.WriteAsync((c, t) => c.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO Tick (Pair) VALUES (1); INSERT INTO Tick (Pair) VALUES (2);", transaction: t, cancellationToken: CancellationToken.None)), CancellationToken.None);
        })).ToList();
        await Eventually.TrueAsync(async () => await CountAsync(db.ConnectionString) >= 200, what: "the writers have written 200 rows");

        var file = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"), "backup.db");
        var result = await SqliteBackup.BackupAsync(db, file, Ct);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.True(File.Exists(result.File));
        Assert.False(File.Exists(file + "-wal"));
        var copied = await CountAsync(new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString());
        Assert.True(copied >= 200);
        Assert.Equal(0, copied % 2);
        Assert.True(copied <= await CountAsync(db.ConnectionString));
        SqliteConnection.ClearAllPools();
        Directory.Delete(Path.GetDirectoryName(file)!, recursive: true);
    }

    [Fact]
    public async Task A_restored_copy_starts_the_portal_with_its_accounts()
    {
        var backupFile = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"), "portal-backup.db");
        UserAccount account;
        await using (var original = new PortalAppFactory())
        {
            account = await original.CreateAccountAsync(Role.Resident);
            await SqliteBackup.BackupAsync(original.Services.GetRequiredService<PortalDatabase>(), backupFile, Ct);
        }

        // The documented restore: the copy becomes portal.db in the data folder of a stopped portal, which then starts.
        var restoredFolder = PortalAppFactory.NewDataFolder();
        Directory.CreateDirectory(restoredFolder);
        File.Copy(backupFile, Path.Combine(restoredFolder, "portal.db"));
        try
        {
            await using var restored = PortalAppFactory.With(new Dictionary<string, string?> { ["Portal:DataFolder"] = restoredFolder });
            using var client = restored.CreateBrowserlessClient();
            using var response = await PortalAppFactory.PostSignInAsync(client, account.Email, PortalAppFactory.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.DoesNotContain("/account/signin", response.Headers.Location!.OriginalString);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(restoredFolder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<long> CountAsync(string connectionString)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM Tick");
    }
}
