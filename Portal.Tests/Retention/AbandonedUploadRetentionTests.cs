using Microsoft.Extensions.Time.Testing;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Core.Retention;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Data.Retention;
using Portal.Tests.Infrastructure;
using Portal.Tests.Reports;
using Portal.Tests.Reports.Photos;
using Portal.Web.Reports.Photos;

namespace Portal.Tests.Retention;

/// <summary>
/// A report form's photos (issue 17, item 8): one never submitted is deleted, original and derived files, by the first
/// nightly run after the upload period; one on a submitted report stays. The real database, store and processor on a
/// fake clock.
/// </summary>
public sealed class AbandonedUploadRetentionTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    private static DateTimeOffset Japan(int day, int hour, int minute = 0) => new DateTimeOffset(2026, 12, day, hour, minute, 0, TimeSpan.FromHours(9)).ToUniversalTime();

    private static PhotoUpload Jpeg(int seed)
    {
        var bytes = TestImages.Jpeg(TestImages.Noise(320, 240, seed));
        return new PhotoUpload($"IMG_{seed}.JPG", bytes.Length, max => new MemoryStream(bytes, 0, (int)Math.Min(max, bytes.Length)));
    }

    private static async Task<bool[]> KeptAsync(IPhotoStore store, string key)
    {
        var kept = new List<bool>();
        foreach (var version in Enum.GetValues<PhotoVersion>())
        {
            await using var stream = await store.OpenReadAsync(key, version, Ct);
            kept.Add(stream is not null);
        }
        return [.. kept];
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_abandoned_drafts_photo_is_gone_after_the_first_night_past_a_day_and_a_submitted_reports_photos_stay(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var time = new FakeTimeProvider(Japan(7, 10));
        var store = new FilePhotoStore(_folder);
        var photos = new ReportPhotoService(new SkiaPhotoProcessor(), store, new PhotoUploadRepository(test.Database), time);
        var policy = new RetentionPolicy(new RetentionOptions());
        var retention = new RetentionService(new RetentionRepository(test.Database, store), policy,
            new AuditTrail(new AuditLogRepository(test.Database), time), time);

        // Monday 7 December, 10:00 in Japan: one resident chooses a photo and never sends the report; another sends theirs.
        var abandoned = new ReportDraft();
        await photos.AddAsync(abandoned, [Jpeg(1)], Ct);
        var sent = new ReportDraft();
        await photos.AddAsync(sent, [Jpeg(2), Jpeg(3)], Ct);
        var reports = new ReportRepository(test.Database, time);
        var report = await reports.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem, "road-pothole",
            "歩道に穴があります", ReportTests.Chiba, "chuo", "web", time.GetUtcNow()), sent.Photos, Ct);
        var abandonedKey = abandoned.Photos[0].StorageKey;
        Assert.Equal(new[] { true, true, true }, await KeptAsync(store, abandonedKey));

        // The first night (03:30 on the 8th) is less than a day after the upload: the resident may still be writing.
        time.SetUtcNow(policy.NextRunUtc(time.GetUtcNow()));
        Assert.Equal(Japan(8, 3, 30), time.GetUtcNow());
        var first = await retention.RunAsync(Actor.System with { Name = RetentionService.Nightly }, Ct);
        Assert.Equal(0, first!.Counts.Single(c => c.Kind == RetentionKind.AbandonedUploads).Removed);
        Assert.Equal(new[] { true, true, true }, await KeptAsync(store, abandonedKey));

        // The next night, past the day: the abandoned photo is gone, its original with it; the report's photos stay.
        time.SetUtcNow(policy.NextRunUtc(time.GetUtcNow()));
        var second = await retention.RunAsync(Actor.System with { Name = RetentionService.Nightly }, Ct);

        Assert.Null(second!.Error);
        Assert.Equal(1, second.Counts.Single(c => c.Kind == RetentionKind.AbandonedUploads).Removed);
        Assert.Equal(new[] { false, false, false }, await KeptAsync(store, abandonedKey));
        var kept = await reports.PhotosAsync(report.Id, Ct);
        Assert.Equal(2, kept.Count);
        foreach (var photo in kept) Assert.Equal(new[] { true, true, true }, await KeptAsync(store, photo.StorageKey));
        Assert.Equal(0, (await retention.RunAsync(Actor.System, Ct))!.Counts.Single(c => c.Kind == RetentionKind.AbandonedUploads).Removed);
    }
}
