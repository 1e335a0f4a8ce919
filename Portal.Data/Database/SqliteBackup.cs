using Microsoft.Data.Sqlite;

namespace Portal.Data.Database;

/// <summary>
/// A consistent copy of the SQLite database while the portal keeps running, through SQLite's online backup API:
/// it copies the database page by page as of one moment, and writers that come during the copy wait for the busy
/// timeout instead of corrupting it. The copy is checked (PRAGMA integrity_check) before it is called done.
/// </summary>
public static class SqliteBackup
{
    public sealed record Result(string File, long Bytes, TimeSpan Took);

    public static async Task<Result> BackupAsync(PortalDatabase database, string targetFile, CancellationToken ct)
    {
        if (database.Dialect.Provider != DatabaseProvider.Sqlite)
            throw new InvalidOperationException("The backup command copies the embedded SQLite database; back up SQL Server with its own tools.");
        var target = Path.GetFullPath(targetFile);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        File.Delete(partial);
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await using (var source = (SqliteConnection)await database.OpenAsync(ct))
        await using (var copy = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = partial, Pooling = false }.ToString()))
        {
            await copy.OpenAsync(ct);
            source.BackupDatabase(copy);
            await using var check = copy.CreateCommand();
            check.CommandText = "PRAGMA integrity_check";
            var verdict = (string?)await check.ExecuteScalarAsync(ct);
            if (verdict != "ok") throw new InvalidDataException($"The copy failed its integrity check: {verdict}");
            // One self-contained file: the copy is not left in WAL mode with a journal beside it.
            check.CommandText = "PRAGMA journal_mode = DELETE";
            await check.ExecuteNonQueryAsync(ct);
        }
        File.Move(partial, target, overwrite: true);
        return new Result(target, new FileInfo(target).Length, clock.Elapsed);
    }
}
