using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Web.Reports.Photos;

namespace Portal.Tests.Reports.Photos;

/// <summary>The report form's photos through their service, with the real processor and a store in a folder of the test's own.</summary>
public sealed class ReportPhotoServiceTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));
    private readonly FilePhotoStore _store;
    private readonly ReportPhotoService _photos;
    private readonly MemoryUploadLog _uploads = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ReportPhotoServiceTests()
    {
        _store = new FilePhotoStore(_folder);
        _photos = new ReportPhotoService(new SkiaPhotoProcessor(), _store, _uploads, TimeProvider.System);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    /// <summary>The upload log in memory: which kept photos still wait for their report.</summary>
    private sealed class MemoryUploadLog : IPhotoUploadLog
    {
        public HashSet<string> Keys { get; } = [];
        public Task RecordAsync(string storageKey, DateTimeOffset uploadedUtc, CancellationToken ct) { lock (Keys) Keys.Add(storageKey); return Task.CompletedTask; }
        public Task ForgetAsync(string storageKey, CancellationToken ct) { lock (Keys) Keys.Remove(storageKey); return Task.CompletedTask; }
    }

    private static PhotoUpload File(string name, byte[] bytes) => new(name, bytes.Length, max => new MemoryStream(bytes, 0, (int)Math.Min(max, bytes.Length)));

    private static byte[] Jpeg(int seed = 1) => TestImages.Jpeg(TestImages.Noise(320, 240, seed));

    [Fact]
    public async Task Four_chosen_photos_add_three_to_the_draft_and_the_fourth_is_refused_as_one_too_many()
    {
        var draft = new ReportDraft();

        var result = await _photos.AddAsync(draft, [.. Enumerable.Range(1, 4).Select(i => File($"IMG_{i}.JPG", Jpeg(i)))], Ct);

        Assert.Equal(3, draft.Photos.Count);
        Assert.Equal(draft.Photos, result.Value!.Photos.Select(p => p.Photo));
        // Each kept photo waits on the upload log for its report (the retention run deletes it if none comes).
        Assert.Equal(draft.Photos.Select(p => p.StorageKey).Order(), _uploads.Keys.Order());
        Assert.All(result.Value.Photos, p => Assert.NotEmpty(p.Thumbnail));
        var refused = Assert.Single(result.Errors);
        Assert.Equal(("", ReportValidationKeys.TooManyPhotos), (refused.PropertyName, refused.ErrorMessage));
        foreach (var photo in draft.Photos)
            Assert.NotNull(await _photos.ThumbnailAsync(photo.StorageKey, Ct));
    }

    [Fact]
    public async Task A_file_too_large_is_refused_unread_and_one_that_is_no_image_is_refused_with_its_reason_and_the_next_is_still_added()
    {
        var draft = new ReportDraft();
        var huge = new PhotoUpload("huge.jpg", PhotoRules.MaxBytes + 1, _ => throw new InvalidOperationException("A file over the limit is not read."));
        var text = File("notes.jpg", "これは写真ではありません"u8.ToArray());

        var result = await _photos.AddAsync(draft, [huge, text, File("IMG_1.JPG", Jpeg())], Ct);

        Assert.Equal([("huge.jpg", PhotoProblem.TooLarge.ResourceKey()), ("notes.jpg", PhotoProblem.UnsupportedFormat.ResourceKey())],
            result.Errors.Select(e => (e.PropertyName, e.ErrorMessage)));
        Assert.False(result.Succeeded);
        Assert.Single(draft.Photos);
        Assert.NotNull(await _photos.ThumbnailAsync(draft.Photos[0].StorageKey, Ct));
    }

    [Fact]
    public async Task A_photo_taken_in_the_city_places_a_draft_without_a_place_and_only_offers_its_place_to_one_with_a_place()
    {
        var gps = TestImages.WithMetadata(Jpeg());
        var empty = new ReportDraft();

        var placed = (await _photos.AddAsync(empty, [File("gps.jpg", gps)], Ct)).Value!;

        Assert.Equal(TestImages.Latitude, placed.PlaceDraftAt!.Value.Latitude, 4);
        Assert.Equal(placed.PlaceDraftAt, placed.TakenAt);

        var located = new ReportDraft { Latitude = 35.6, Longitude = 140.12 };
        var offered = (await _photos.AddAsync(located, [File("gps.jpg", gps)], Ct)).Value!;
        Assert.Null(offered.PlaceDraftAt);
        Assert.Equal(TestImages.Longitude, offered.TakenAt!.Value.Longitude, 4);

        var plain = (await _photos.AddAsync(new ReportDraft(), [File("plain.jpg", Jpeg())], Ct)).Value!;
        Assert.Equal((null, null), (plain.TakenAt, plain.PlaceDraftAt));
        Assert.True(CityArea.Contains(placed.TakenAt!.Value));
    }

    [Fact]
    public async Task A_removed_photo_leaves_the_draft_and_the_store_and_a_discarded_draft_leaves_nothing_kept()
    {
        var draft = new ReportDraft();
        await _photos.AddAsync(draft, [File("a.jpg", Jpeg(1)), File("b.jpg", Jpeg(2))], Ct);
        var (first, second) = (draft.Photos[0], draft.Photos[1]);

        await _photos.RemoveAsync(draft, first, Ct);

        Assert.Equal([second], draft.Photos);
        Assert.Null(await _photos.ThumbnailAsync(first.StorageKey, Ct));
        Assert.Null(await _store.OpenReadAsync(first.StorageKey, PhotoVersion.Original, Ct));

        await _photos.DiscardAsync(draft, Ct);

        Assert.Empty(draft.Photos);
        Assert.Null(await _store.OpenReadAsync(second.StorageKey, PhotoVersion.Display, Ct));
        Assert.Empty(_uploads.Keys);
    }
}
