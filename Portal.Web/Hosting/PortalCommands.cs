using Portal.Data.Database;

namespace Portal.Web.Hosting;

/// <summary>Commands the portal's executable runs instead of serving (dotnet run --project Portal.Web -- backup file.db).</summary>
public static class PortalCommands
{
    public static async Task<int> BackupAsync(WebApplicationBuilder builder, string target)
    {
        var portal = builder.Configuration.GetSection(PortalOptions.Section).Get<PortalOptions>() ?? new PortalOptions();
        var database = PortalServices.CreateDatabase(builder.Configuration, portal.ResolveDataFolder(builder.Environment.ContentRootPath));
        try
        {
            var result = await SqliteBackup.BackupAsync(database, target, CancellationToken.None);
            Console.WriteLine($"Backed up to {result.File} ({result.Bytes:N0} bytes, {result.Took.TotalSeconds:F1} s); integrity check ok.");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            Console.Error.WriteLine($"Backup failed: {e.Message}");
            return 1;
        }
    }
}
