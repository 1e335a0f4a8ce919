namespace Portal.Core.Reports.Photos;

/// <summary>
/// The photos kept for a report form that has not been submitted yet. Submitting a report takes its photos off the log
/// (in the report's transaction); the retention run deletes what is still on it after
/// <see cref="Retention.RetentionOptions.AbandonedUploadHours"/>, files and all, so an abandoned draft leaves no original
/// (with its GPS) on disk.
/// </summary>
public interface IPhotoUploadLog
{
    Task RecordAsync(string storageKey, DateTimeOffset uploadedUtc, CancellationToken ct);

    /// <summary>The resident took the photo out of the draft, or dropped the draft: nothing is left to delete later.</summary>
    Task ForgetAsync(string storageKey, CancellationToken ct);
}
