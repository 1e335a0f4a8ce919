using System.Security.Cryptography;
using Portal.Core.Reports.Photos;

namespace Portal.Web.Reports.Photos;

/// <summary>
/// Keeps photos as files under one folder:
/// <c>published/{key}.jpg</c> and <c>published/{key}.thumb.jpg</c> for the versions that may be shown, and
/// <c>originals/{key}</c> (owner-only on Unix) for the uploads with their metadata. No folder is mapped to a URL:
/// a page or endpoint streams a version through <see cref="OpenReadAsync"/> after checking who may see it.
/// Every file is written to a temporary name and moved into place, so a reader never sees half a photo.
/// </summary>
public sealed class FilePhotoStore : IPhotoStore
{
    public const string OriginalsFolder = "originals";
    public const string PublishedFolder = "published";

    private readonly string _originals;
    private readonly string _published;

    public FilePhotoStore(string rootFolder)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootFolder);
        RootFolder = Path.GetFullPath(rootFolder);
        _originals = Path.Combine(RootFolder, OriginalsFolder);
        _published = Path.Combine(RootFolder, PublishedFolder);
    }

    public string RootFolder { get; }

    public async Task<string> SaveAsync(ProcessedPhoto photo, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(photo);
        var key = NewKey();
        try
        {
            await WriteAsync(PathOf(key, PhotoVersion.Original), photo.Original, ownerOnly: true, replace: false, cancellationToken);
            await WriteAsync(PathOf(key, PhotoVersion.Display), photo.Display, ownerOnly: false, replace: false, cancellationToken);
            await WriteAsync(PathOf(key, PhotoVersion.Thumbnail), photo.Thumbnail, ownerOnly: false, replace: false, cancellationToken);
        }
        catch
        {
            await DeleteAsync(key, CancellationToken.None);
            throw;
        }
        return key;
    }

    public async Task<bool> ReplacePublishedAsync(string key, byte[] display, byte[] thumbnail, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(display);
        ArgumentNullException.ThrowIfNull(thumbnail);
        if (!IsKey(key) || !File.Exists(PathOf(key, PhotoVersion.Original)))
            return false;
        await WriteAsync(PathOf(key, PhotoVersion.Display), display, ownerOnly: false, replace: true, cancellationToken);
        await WriteAsync(PathOf(key, PhotoVersion.Thumbnail), thumbnail, ownerOnly: false, replace: true, cancellationToken);
        return true;
    }

    public Task<Stream?> OpenReadAsync(string key, PhotoVersion version, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsKey(key))
            return Task.FromResult<Stream?>(null);
        try
        {
            Stream stream = new FileStream(PathOf(key, version), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete,
                bufferSize: 1, FileOptions.Asynchronous | FileOptions.SequentialScan);
            return Task.FromResult<Stream?>(stream);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return Task.FromResult<Stream?>(null);
        }
    }

    public Task<bool> DeleteAsync(string key, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (!IsKey(key))
            return Task.FromResult(false);
        var deleted = false;
        foreach (var version in Enum.GetValues<PhotoVersion>())
        {
            var path = PathOf(key, version);
            if (!File.Exists(path))
                continue;
            File.Delete(path);
            deleted = true;
        }
        return Task.FromResult(deleted);
    }

    /// <summary>Where a version lives; the key must have passed <see cref="IsKey"/>.</summary>
    internal string PathOf(string key, PhotoVersion version) => version switch
    {
        PhotoVersion.Original => Path.Combine(_originals, key),
        PhotoVersion.Display => Path.Combine(_published, key + ".jpg"),
        PhotoVersion.Thumbnail => Path.Combine(_published, key + ".thumb.jpg"),
        _ => throw new ArgumentOutOfRangeException(nameof(version), version, null),
    };

    /// <summary>128 random bits as 32 lowercase hex characters: unguessable, and safe in a path or a URL.</summary>
    private static string NewKey() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>Only keys this store could have made, so no key can point outside its folders.</summary>
    public static bool IsKey(string? key) => key is { Length: 32 } && key.All(char.IsAsciiHexDigitLower);

    private static async Task WriteAsync(string path, byte[] content, bool ownerOnly, bool replace, CancellationToken cancellationToken)
    {
        var folder = Path.GetDirectoryName(path)!;
        Directory.CreateDirectory(folder);
        var temporary = Path.Combine(folder, $".{Path.GetFileName(path)}.{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4))}.tmp");
        var options = new FileStreamOptions
        {
            Mode = FileMode.CreateNew,
            Access = FileAccess.Write,
            Options = FileOptions.Asynchronous,
            BufferSize = 0,
        };
        if (ownerOnly && !OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        try
        {
            await using (var file = new FileStream(temporary, options))
            {
                await file.WriteAsync(content, cancellationToken);
                await file.FlushAsync(cancellationToken);
            }
            File.Move(temporary, path, overwrite: replace);
        }
        finally
        {
            File.Delete(temporary);
        }
    }
}
