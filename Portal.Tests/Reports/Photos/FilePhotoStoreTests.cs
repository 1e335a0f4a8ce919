using Portal.Core.Reports.Photos;
using Portal.Web.Reports.Photos;

namespace Portal.Tests.Reports.Photos;

/// <summary>Photos on disk: originals apart from what may be published, under keys nobody can guess.</summary>
public sealed class FilePhotoStoreTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "chibaportal-tests", "photos-" + Guid.NewGuid().ToString("N"));
    private readonly FilePhotoStore _store;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public FilePhotoStoreTests() => _store = new FilePhotoStore(_root);

    public void Dispose()
    {
        try { Directory.Delete(_root, recursive: true); } catch (DirectoryNotFoundException) { }
    }

    private static ProcessedPhoto Photo(byte seed) => new()
    {
        Original = [.. "original with GPS "u8, seed],
        OriginalFormat = PhotoFormat.Jpeg,
        Display = [.. "display "u8, seed],
        Width = 2048,
        Height = 1536,
        Thumbnail = [.. "thumbnail "u8, seed],
        ThumbnailWidth = 400,
        ThumbnailHeight = 300,
    };

    private async Task<byte[]?> Read(string key, PhotoVersion version)
    {
        await using var stream = await _store.OpenReadAsync(key, version, Ct);
        if (stream is null)
            return null;
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy, Ct);
        return copy.ToArray();
    }

    [Fact]
    public async Task Every_version_reads_back_as_saved()
    {
        var photo = Photo(1);
        var key = await _store.SaveAsync(photo, Ct);

        Assert.Equal(photo.Original, await Read(key, PhotoVersion.Original));
        Assert.Equal(photo.Display, await Read(key, PhotoVersion.Display));
        Assert.Equal(photo.Thumbnail, await Read(key, PhotoVersion.Thumbnail));
    }

    [Fact]
    public async Task Keys_are_128_random_bits_and_never_repeat()
    {
        var keys = new List<string>();
        for (var i = 0; i < 20; i++)
            keys.Add(await _store.SaveAsync(Photo((byte)i), Ct));

        Assert.All(keys, k => Assert.Matches("^[0-9a-f]{32}$", k));
        Assert.Equal(keys.Count, keys.Distinct().Count());
    }

    [Fact]
    public async Task The_original_is_kept_in_its_own_folder_apart_from_the_published_versions()
    {
        var photo = Photo(2);
        var key = await _store.SaveAsync(photo, Ct);

        var originals = Directory.GetFiles(Path.Combine(_root, FilePhotoStore.OriginalsFolder));
        var published = Directory.GetFiles(Path.Combine(_root, FilePhotoStore.PublishedFolder));
        Assert.Equal([Path.Combine(_root, "originals", key)], originals);
        Assert.Equal(2, published.Length);
        Assert.All(published, f => Assert.StartsWith(key, Path.GetFileName(f), StringComparison.Ordinal));
        Assert.DoesNotContain(published, f => File.ReadAllBytes(f).SequenceEqual(photo.Original));
        Assert.Empty(Directory.GetFiles(_root));
        if (!OperatingSystem.IsWindows())
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(originals[0]));
    }

    [Fact]
    public async Task Redacted_versions_replace_the_published_ones_and_the_original_stays()
    {
        var photo = Photo(3);
        var key = await _store.SaveAsync(photo, Ct);

        Assert.True(await _store.ReplacePublishedAsync(key, "redacted display"u8.ToArray(), "redacted thumbnail"u8.ToArray(), Ct));

        Assert.Equal("redacted display"u8.ToArray(), await Read(key, PhotoVersion.Display));
        Assert.Equal("redacted thumbnail"u8.ToArray(), await Read(key, PhotoVersion.Thumbnail));
        Assert.Equal(photo.Original, await Read(key, PhotoVersion.Original));
        Assert.DoesNotContain(Directory.GetFiles(_root, "*", SearchOption.AllDirectories), f => f.EndsWith(".tmp", StringComparison.Ordinal));
        Assert.False(await _store.ReplacePublishedAsync(new string('0', 32), [1], [2], Ct));
    }

    [Fact]
    public async Task Deleting_removes_every_version()
    {
        var key = await _store.SaveAsync(Photo(4), Ct);

        Assert.True(await _store.DeleteAsync(key, Ct));

        foreach (var version in Enum.GetValues<PhotoVersion>())
            Assert.Null(await Read(key, version));
        Assert.False(await _store.DeleteAsync(key, Ct));
    }

    [Theory]
    [InlineData("")]
    [InlineData("../originals/0123456789abcdef0123456789abcdef")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    [InlineData("0123456789abcdef0123456789abcde")]
    [InlineData("/etc/passwd")]
    public async Task A_key_the_store_could_not_have_made_finds_nothing(string key)
    {
        Assert.Null(await _store.OpenReadAsync(key, PhotoVersion.Original, Ct));
        Assert.False(await _store.DeleteAsync(key, Ct));
        Assert.False(await _store.ReplacePublishedAsync(key, [1], [2], Ct));
    }

    [Fact]
    public async Task An_unknown_key_finds_nothing()
    {
        Assert.Null(await _store.OpenReadAsync("0123456789abcdef0123456789abcdef", PhotoVersion.Display, Ct));
    }
}
