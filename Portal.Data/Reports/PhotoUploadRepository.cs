using Dapper;
using Portal.Core.Reports.Photos;
using Portal.Data.Database;

namespace Portal.Data.Reports;

/// <summary>The report form's uploads not yet on a submitted report (<see cref="IPhotoUploadLog"/>).</summary>
public sealed class PhotoUploadRepository(PortalDatabase db) : IPhotoUploadLog
{
    // PhotoUpload_Record
    public Task RecordAsync(string storageKey, DateTimeOffset uploadedUtc, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "INSERT INTO PhotoUpload (StorageKey, UploadedUtc) VALUES (@storageKey, @uploadedUtc)",
            new { storageKey, uploadedUtc }, transaction, cancellationToken: ct)), ct);

    // PhotoUpload_Forget
    public Task ForgetAsync(string storageKey, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM PhotoUpload WHERE StorageKey = @storageKey", new { storageKey }, transaction, cancellationToken: ct)), ct);
}
