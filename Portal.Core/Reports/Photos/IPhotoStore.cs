namespace Portal.Core.Reports.Photos;

/// <summary>Which stored version of a photo.</summary>
public enum PhotoVersion
{
    /// <summary>The upload as received, metadata and all. Never served publicly; staff only.</summary>
    Original,

    /// <summary>The processed, metadata-free JPEG that may be published.</summary>
    Display,

    /// <summary>The processed, metadata-free thumbnail JPEG.</summary>
    Thumbnail,
}

/// <summary>
/// Keeps report photos. Each photo gets a generated, unguessable key (32 lowercase hex characters, 128 random
/// bits); the original is kept apart from the versions that may be published.
/// </summary>
public interface IPhotoStore
{
    /// <summary>Stores the original privately and the display and thumbnail versions; returns the new key.</summary>
    Task<string> SaveAsync(ProcessedPhoto photo, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the display and thumbnail versions, for example with redacted ones; the original stays.
    /// False when the key is unknown or malformed.
    /// </summary>
    Task<bool> ReplacePublishedAsync(string key, byte[] display, byte[] thumbnail, CancellationToken cancellationToken = default);

    /// <summary>Opens a stored version for reading; null when the key is unknown or malformed.</summary>
    Task<Stream?> OpenReadAsync(string key, PhotoVersion version, CancellationToken cancellationToken = default);

    /// <summary>Deletes every version of the photo; false when there was nothing to delete.</summary>
    Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default);
}
