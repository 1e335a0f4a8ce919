using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Web.Reports.Photos;
using Portal.Web.Reports.Staff;
using SkiaSharp;

namespace Portal.Tests.Reports.Photos;

public sealed class PhotoRedactionTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _db.Dispose();
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Chosen_squares_turn_black_in_the_published_versions_the_original_stays_and_the_act_is_audited()
    {
        var processor = new SkiaPhotoProcessor();
        var store = new FilePhotoStore(_folder);
        var reports = new ReportRepository(_db.Database);
        var audit = new AuditLogRepository(_db.Database);
        using var white = new SKBitmap(800, 600);
        white.Erase(SKColors.White);
        var processed = await processor.ProcessAsync(new MemoryStream(SKImage.FromBitmap(white).Encode(SKEncodedImageFormat.Png, 100).ToArray()), Ct);
        var key = await store.SaveAsync(processed.Photo!, Ct);
        var report = await reports.SubmitAsync(Report.Submit("k", null, null, null, ReportKind.Problem, "road-pothole", "x", ReportTests.Chiba, "chuo", "web",
            DateTimeOffset.UnixEpoch.AddYears(56)), [new NewPhoto(key, processed.Photo!.Width, processed.Photo.Height)], Ct);
        var photo = Assert.Single(await reports.PhotosAsync(report.Id, Ct));
        var accounts = new UserAccountRepository(_db.Database);
        var redaction = new PhotoRedaction(reports, store, processor, new AuditTrail(audit, new FakeTimeProvider()), new StaffScopes(accounts));
        var staff = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "中央 職員", "hash", Role.Staff, "chuo", DateTimeOffset.UnixEpoch);
        await accounts.CreateAsync(staff, Ct);

        // The top-left square of the 8 x 6 grid.
        var result = await redaction.RedactAsync(Actor.For(staff, null), report.Id, photo.Id, RedactPhotoDialog.Boxes([0]), Ct);

        Assert.True(result.Succeeded);
        using var display = SKBitmap.Decode(await store.OpenReadAsync(key, PhotoVersion.Display, Ct));
        Assert.True(display.GetPixel(display.Width / 16, display.Height / 12).Red < 40, "the chosen square is black");
        Assert.True(display.GetPixel(display.Width / 2, display.Height / 2).Red > 200, "the rest is untouched");
        using var thumbnail = SKBitmap.Decode(await store.OpenReadAsync(key, PhotoVersion.Thumbnail, Ct));
        Assert.True(thumbnail.GetPixel(thumbnail.Width / 16, thumbnail.Height / 12).Red < 40);
        using var original = SKBitmap.Decode(await store.OpenReadAsync(key, PhotoVersion.Original, Ct));
        Assert.True(original.GetPixel(original.Width / 16, original.Height / 12).Red > 200, "the original is kept as it was");
        Assert.True((await reports.GetPhotoAsync(photo.Id, Ct))!.IsRedacted);
        Assert.Equal(ReportAuditActions.PhotoRedacted, Assert.Single(await audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.PhotoRedacted), Ct)).Action);
    }

    [Fact]
    public async Task A_photo_of_another_report_is_refused()
    {
        var reports = new ReportRepository(_db.Database);
        var redaction = new PhotoRedaction(reports, new FilePhotoStore(_folder), new SkiaPhotoProcessor(), new AuditTrail(new AuditLogRepository(_db.Database), new FakeTimeProvider()),
            new StaffScopes(new UserAccountRepository(_db.Database)));
        var result = await redaction.RedactAsync(Actor.System, 1, 999, RedactPhotoDialog.Boxes([0]), Ct);
        Assert.Equal(ReportErrors.PhotoNotFound, result.Errors[0].ErrorMessage);
    }
}
