using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Data.Reports;
using Portal.Web.Reports.Photos;
using Portal.Web.Reports.Staff;

namespace Portal.Tests.Reports.Staff;

/// <summary>
/// Filing a report for a caller or visitor (issue 17, item 4) as staff see it: the page names what is missing in the
/// reader's language, and the report's page shows how it came in, to staff only.
/// </summary>
public sealed class FileReportPageTests : BunitContext
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();
    private readonly string _photos = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _world.Dispose();
        if (Directory.Exists(_photos)) Directory.Delete(_photos, recursive: true);
    }

    [Fact]
    public async Task Filing_with_nothing_chosen_names_what_is_missing_and_files_nothing()
    {
        var staff = await _world.StaffAsync("中央 職員");
        Services.AddSingleton(new ReportPhotoService(new SkiaPhotoProcessor(), new FilePhotoStore(_photos), new PhotoUploadRepository(_world.Database), _world.Clock));
        _world.Prepare(this, staff);
        Render<MudSnackbarProvider>();

        var page = Render<FileReport>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#assisted-file")));
        page.Find("#assisted-file").Click();

        page.WaitForAssertion(() =>
        {
            var errors = page.Find("#assisted-errors").TextContent;
            Assert.Contains("受付方法を選んでください。", errors);
            Assert.Contains("種類を選んでください。", errors);
        });
        Assert.Equal(0, await _world.Reports.CountInboxAsync(new InboxFilter(), Ct));
    }

    [Fact]
    public async Task The_staff_report_page_shows_how_a_filed_report_came_in_and_the_callers_answer_about_photos()
    {
        var staff = await _world.StaffAsync("中央 職員");
        var filed = await _world.Service.FileForResidentAsync(StaffTestWorld.ActorOf(staff), new AssistedReport
        {
            Draft = new ReportDraft
            {
                CategoryCode = "road-pothole", Description = "窓口: 歩道の穴", Latitude = StaffTestWorld.Chiba.Latitude, Longitude = StaffTestWorld.Chiba.Longitude,
                Photos = [new NewPhoto(Guid.NewGuid().ToString("N"), 800, 600)],
            },
            Source = IntakeSource.Counter,
            ContactName = "千葉 太郎",
            ContactPhone = "043-245-5111",
            PhotoConsent = false,
        }, Ct);
        Assert.True(filed.Succeeded);
        _world.Prepare(this, staff);
        Render<MudDialogProvider>();

        var page = Render<StaffReportDetail>(p => p.Add(x => x.Id, filed.Value!.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#report-intake")));

        var intake = page.Find("#report-intake").TextContent;
        Assert.Contains("窓口（中央 職員が受付）", intake);
        Assert.Contains("千葉 太郎", intake);
        Assert.Contains("043-245-5111", intake);
        Assert.Contains("写真の公開に同意なし", page.Find("#report-photo-consent").TextContent);
    }
}
