using Microsoft.AspNetCore.Components.Forms;
using Bunit;
using MudBlazor;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Tests.Reports.Staff;
using Portal.Web.Reports;

namespace Portal.Tests.Reports;

/// <summary>
/// The report page's "is it fixed?" (issue 17, item 1): the reporter and those who said "me too" answer there, within
/// the period; 「まだ直っていない」 with a comment reopens the report; nobody else is asked.
/// </summary>
public sealed class ReportFollowUpPageTests : BunitContext
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    /// <summary>A report by <paramref name="reporter"/> that staff of its ward fixed.</summary>
    private async Task<Report> FixedReportAsync(UserAccount reporter)
    {
        var draft = new ReportDraft
        {
            CategoryCode = "road-pothole", Description = "歩道に穴があります", Latitude = StaffTestWorld.Chiba.Latitude, Longitude = StaffTestWorld.Chiba.Longitude,
        };
        var report = (await _world.Service.SubmitAsync(draft, reporter, "web", Ct)).Value!;
        var staff = await _world.StaffAsync("中央 職員");
        Assert.True((await _world.Service.MoveAsync(StaffTestWorld.ActorOf(staff), report.Id, ReportStatus.Fixed, "補修しました", null, null, Ct)).Succeeded);
        return report;
    }

    private IRenderedComponent<ReportPage> Open(long id)
    {
        Render<MudSnackbarProvider>();
        var page = Render<ReportPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".report-description")));
        return page;
    }

    [Fact]
    public async Task The_reporter_answers_not_fixed_with_a_comment_and_the_report_is_reopened_for_staff()
    {
        var reporter = await _world.StaffAsync("市民 花子", role: Role.Resident);
        var report = await FixedReportAsync(reporter);
        _world.Prepare(this, reporter);

        var page = Open(report.Id);

        var section = page.Find("#report-follow-up");
        Assert.Contains("直りましたか？", section.TextContent);
        // Fixed on 25 November (Japan time): asked until the end of 23 December.
        Assert.Contains("2026年12月23日まで", section.TextContent);
        page.Find("#follow-up-comment").Input("まだ穴が残っています");
        // A photo of the hole that is still there: previewed, then kept with the answer.
        page.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(PhotoBytes(), "still.png", contentType: "image/png"));
        page.WaitForAssertion(() => Assert.StartsWith("data:image/jpeg;base64,", page.Find("img.follow-up-photo").GetAttribute("src")));
        page.Find("#follow-up-not-fixed").Click();

        page.WaitForAssertion(() => Assert.Contains("「まだ直っていない」と回答しました", page.Find("#follow-up-answered").TextContent));
        Assert.Single(await _world.Reports.PhotosAsync(report.Id, Ct), p => !p.IsPublished);
        Assert.Empty(page.FindAll("#follow-up-not-fixed"));
        var stored = (await _world.Reports.GetAsync(report.Id, Ct))!;
        Assert.Equal(ReportStatus.ReopenRequested, stored.Status);
        var line = (await _world.Reports.HistoryAsync(report.Id, Ct))[^1];
        Assert.Equal((reporter.Id, "まだ穴が残っています"), (line.ActorId!.Value, line.InternalNote));
        // The public history shows the report in progress again, never the comment.
        Assert.DoesNotContain("まだ穴が残っています", page.Find(".report-history").TextContent);
    }

    [Fact]
    public async Task A_me_too_resident_answers_fixed_and_the_report_stays_fixed()
    {
        var reporter = await _world.StaffAsync("市民 花子", role: Role.Resident);
        var follower = await _world.StaffAsync("市民 次郎", role: Role.Resident);
        var draft = new ReportDraft
        {
            CategoryCode = "road-pothole", Description = "歩道に穴があります", Latitude = StaffTestWorld.Chiba.Latitude, Longitude = StaffTestWorld.Chiba.Longitude,
        };
        var report = (await _world.Service.SubmitAsync(draft, reporter, "web", Ct)).Value!;
        Assert.True((await _world.Service.MeTooAsync(report.Id, follower.Id, Ct)).Succeeded);
        var staff = await _world.StaffAsync("中央 職員");
        await _world.Service.MoveAsync(StaffTestWorld.ActorOf(staff), report.Id, ReportStatus.Fixed, null, null, null, Ct);
        _world.Prepare(this, follower);

        var page = Open(report.Id);
        page.Find("#follow-up-fixed").Click();

        page.WaitForAssertion(() => Assert.Contains("「直りました」と回答しました", page.Find("#follow-up-answered").TextContent));
        Assert.Equal(ReportStatus.Fixed, (await _world.Reports.GetAsync(report.Id, Ct))!.Status);
    }

    [Fact]
    public async Task Someone_who_neither_reported_nor_said_me_too_is_not_asked_nor_anyone_after_the_period()
    {
        var reporter = await _world.StaffAsync("市民 花子", role: Role.Resident);
        var report = await FixedReportAsync(reporter);
        var stranger = await _world.StaffAsync("市民 三郎", role: Role.Resident);
        _world.Prepare(this, stranger);

        var page = Open(report.Id);

        Assert.Empty(page.FindAll("#report-follow-up"));
        // Past the period the reporter is not asked either (a page opened then shows nothing to answer).
        _world.Clock.Advance(TimeSpan.FromDays(30));
        var later = (await _world.Reports.GetAsync(report.Id, Ct))!;
        Assert.False((await _world.Service.FollowUpStateAsync(later, reporter.Id, Ct)).Asked);
    }

    private static byte[] PhotoBytes()
    {
        using var bitmap = new SkiaSharp.SKBitmap(320, 240);
        bitmap.Erase(new SkiaSharp.SKColor(120, 90, 60));
        using var encoded = SkiaSharp.SKImage.FromBitmap(bitmap).Encode(SkiaSharp.SKEncodedImageFormat.Png, 100);
        return encoded.ToArray();
    }
}
