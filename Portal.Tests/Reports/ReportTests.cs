using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Rules;

namespace Portal.Tests.Reports;

public sealed class ReportTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    internal static readonly GeoPoint Chiba = new(35.6083, 140.1233);

    internal static Report NewReport(long? reporterId = 1, string category = "road-pothole", GeoPoint? at = null) =>
        Report.Submit(Guid.NewGuid().ToString("N"), reporterId, "千葉 花子", "hanako@example.jp", ReportKind.Problem, category,
            "  歩道に穴があります  ", at ?? Chiba, "chuo", "web", Now);

    [Fact]
    public void A_new_report_is_received_trimmed_and_open()
    {
        var report = NewReport();
        Assert.Equal((ReportStatus.Received, "歩道に穴があります", true), (report.Status, report.Description, report.IsOpen));
    }

    [Fact]
    public void A_place_outside_the_city_is_refused()
    {
        var tokyoStation = new GeoPoint(35.681, 139.767);
        var e = Assert.Throws<RuleException>(() => NewReport(at: tokyoStation));
        Assert.Equal(ReportErrors.OutsideCity, e.Key);
    }

    [Fact]
    public void The_reporter_edits_or_withdraws_only_while_received_and_only_their_own()
    {
        var report = NewReport(reporterId: 1);
        Assert.Equal(ReportErrors.NotYours, Assert.Throws<RuleException>(() => report.Withdraw(2, Now)).Key);

        report.EditByReporter(1, "road-street-light", "街灯が消えています", Chiba, "chuo", Now);
        Assert.Equal("road-street-light", report.CategoryCode);

        report.MoveTo(ReportStatus.Accepted, 7, null, null, Now);
        Assert.Equal(ReportErrors.NoLongerEditable, Assert.Throws<RuleException>(() => report.EditByReporter(1, "road-pothole", "x", Chiba, "chuo", Now)).Key);
        Assert.Equal(ReportErrors.NoLongerEditable, Assert.Throws<RuleException>(() => report.Withdraw(1, Now)).Key);
    }

    [Fact]
    public void Personal_details_can_be_removed_at_any_time()
    {
        var report = NewReport();
        report.MoveTo(ReportStatus.Fixed, 7, "直しました", null, Now);
        report.RemovePersonalDetails(1, Now);
        Assert.Null(report.ReporterName);
        Assert.Null(report.ContactEmail);
    }

    [Fact]
    public void First_response_fix_and_closing_times_are_kept()
    {
        var report = NewReport();
        report.MoveTo(ReportStatus.Accepted, 7, null, null, Now.AddDays(1));
        report.MoveTo(ReportStatus.Fixed, 7, null, null, Now.AddDays(5));
        Assert.Equal((Now.AddDays(1), Now.AddDays(5), Now.AddDays(5)), (report.FirstResponseUtc!.Value, report.FixedUtc!.Value, report.ClosedUtc!.Value));

        report.MoveTo(ReportStatus.InProgress, 7, null, "住民から未解決との連絡", Now.AddDays(6));
        Assert.Null(report.FixedUtc);
        Assert.Null(report.ClosedUtc);
        Assert.Equal(Now.AddDays(1), report.FirstResponseUtc);
    }

    [Fact]
    public void A_report_is_overdue_when_open_without_response_past_its_target()
    {
        var report = NewReport();
        Assert.False(report.IsOverdue(Now.AddDays(7), targetDays: 7));
        Assert.True(report.IsOverdue(Now.AddDays(7).AddMinutes(1), targetDays: 7));
        report.MoveTo(ReportStatus.Accepted, 7, null, null, Now.AddDays(8));
        Assert.False(report.IsOverdue(Now.AddDays(9), targetDays: 7));
    }
}
