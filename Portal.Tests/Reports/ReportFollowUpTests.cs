using System.Text.Json;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Data.Accounts;
using Portal.Data.Notifications;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications;

namespace Portal.Tests.Reports;

/// <summary>
/// "Is it fixed?" (issue 17, item 1) through the service on a real database: who is asked and told through the outbox,
/// in the move's own transaction; 「まだ直っていない」 reopening the report and telling its assigned staff member;
/// 「直りました」 counted in the statistics; one answer per resident and closing, only within the period.
/// </summary>
public sealed class ReportFollowUpTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    private ReportService Service() => TestReportServices.Create(_db.Database, _time, new NoticeOutbox(_db.Database, ActiveChannels.InAppOnly, _time),
        followUp: new ReportFollowUpOptions { FollowUpDays = 28 });

    private async Task<UserAccount> AccountAsync(Role role, string culture = "ja")
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", role, role == Role.Staff ? "chuo" : null, _time.GetUtcNow());
        account.SetPreferredCulture(culture);
        await new UserAccountRepository(_db.Database).CreateAsync(account, Ct);
        return account;
    }

    private static ReportDraft Draft() => new()
    {
        CategoryCode = "road-pothole", Description = "歩道に穴があります", Latitude = ReportTests.Chiba.Latitude, Longitude = ReportTests.Chiba.Longitude,
    };

    private async Task<List<(string Kind, long AccountId, string DedupKey, string ValuesJson, string? Link)>> NoticesAsync(string kind)
    {
        await using var connection = await _db.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<(string, long, string, string, string?)>(
            "SELECT Kind, AccountId, DedupKey, ValuesJson, Link FROM Notice WHERE Kind = @kind ORDER BY Id", new { kind })).ToList();
    }

    /// <summary>A report by a resident, with a "me too" from two others, assigned to a staff member of its ward.</summary>
    private async Task<(ReportService Service, Report Report, UserAccount Reporter, UserAccount[] MeToo, UserAccount Staff)> WorldAsync()
    {
        var service = Service();
        var reporter = await AccountAsync(Role.Resident, "en");
        var meToo = new[] { await AccountAsync(Role.Resident), await AccountAsync(Role.Resident, "vi") };
        var staff = await AccountAsync(Role.Staff);
        var report = (await service.SubmitAsync(Draft(), reporter, "web", Ct)).Value!;
        foreach (var resident in meToo) Assert.True((await service.MeTooAsync(report.Id, resident.Id, Ct)).Succeeded);
        Assert.True((await service.AssignAsync(Actor.For(staff, null), report.Id, staff.Id, Ct)).Succeeded);
        return (service, report, reporter, meToo, staff);
    }

    [Fact]
    public async Task Fixing_a_report_asks_its_reporter_and_every_me_too_resident_is_it_fixed()
    {
        var (service, report, reporter, meToo, staff) = await WorldAsync();
        var outsider = await AccountAsync(Role.Resident);

        Assert.True((await service.MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Fixed, "補修しました", null, null, Ct)).Succeeded);

        var asked = await NoticesAsync(nameof(NoticeKind.ReportFixedCheck));
        Assert.Equal([reporter.Id, meToo[0].Id, meToo[1].Id], asked.Select(n => n.AccountId).Order());
        Assert.All(asked, n => Assert.Equal($"/reports/{report.Id}", n.Link));
        var values = JsonSerializer.Deserialize<Dictionary<string, string>>(asked[0].ValuesJson)!;
        // Fixed on 25 November (Japan time): the question is open until the end of 23 December, 28 days later.
        Assert.Equal(("Fixed", "2026-12-23"), (values["status"], values["until"]));
        var rendered = NoticeRendererTests.ResourceRenderer().Render(NoticeKind.ReportFixedCheck, "ja", values);
        Assert.Equal($"ちばレポ No.{report.Id} は直りましたか", rendered.Subject);
        Assert.Contains("2026-12-23", rendered.Body);
        // The reporter still hears of the new status as before.
        Assert.Single(await NoticesAsync(nameof(NoticeKind.ReportStatusChanged)));

        var fixedReport = (await new ReportRepository(_db.Database).GetAsync(report.Id, Ct))!;
        Assert.True((await service.FollowUpStateAsync(fixedReport, reporter.Id, Ct)).Asked);
        Assert.True((await service.FollowUpStateAsync(fixedReport, meToo[1].Id, Ct)).Asked);
        Assert.Equal(FollowUpState.None, await service.FollowUpStateAsync(fixedReport, outsider.Id, Ct));
        Assert.Equal(ReportErrors.NotAsked, (await service.AnswerFollowUpAsync(report.Id, outsider.Id, FollowUpAnswer.NotFixed, null, Ct)).Errors[0].ErrorMessage);
    }

    [Fact]
    public async Task Not_fixed_reopens_the_report_for_staff_and_tells_the_assigned_staff_member_once()
    {
        var (service, report, _, meToo, staff) = await WorldAsync();
        await service.MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Fixed, null, null, null, Ct);
        _time.Advance(TimeSpan.FromDays(3));

        // A photo with "fixed" is not taken, nor two photos; the one photo of "not fixed" joins the report's, unpublished.
        Assert.Equal(ReportValidationKeys.TooManyPhotos, (await service.AnswerFollowUpAsync(report.Id, meToo[1].Id, FollowUpAnswer.Fixed, null,
            [new NewPhoto("fixed-photo", 800, 600)], Ct)).Errors[0].ErrorMessage);
        Assert.Equal(ReportValidationKeys.TooManyPhotos, (await service.AnswerFollowUpAsync(report.Id, meToo[0].Id, FollowUpAnswer.NotFixed, null,
            [new NewPhoto("one", 800, 600), new NewPhoto("two", 800, 600)], Ct)).Errors[0].ErrorMessage);
        var answered = await service.AnswerFollowUpAsync(report.Id, meToo[0].Id, FollowUpAnswer.NotFixed, "まだ穴があります", [new NewPhoto("still-a-hole", 800, 600)], Ct);

        Assert.True(answered.Succeeded);
        var photo = Assert.Single(await new ReportRepository(_db.Database).PhotosAsync(report.Id, Ct));
        Assert.Equal(("still-a-hole", false), (photo.StorageKey, photo.IsPublished));
        var reopened = (await new ReportRepository(_db.Database).GetAsync(report.Id, Ct))!;
        Assert.Equal((ReportStatus.ReopenRequested, true, (DateTimeOffset?)null), (reopened.Status, reopened.IsOpen, reopened.ClosedUtc));
        var line = (await new ReportRepository(_db.Database).HistoryAsync(report.Id, Ct))[^1];
        Assert.Equal((meToo[0].Id, ReportStatus.Fixed, ReportStatus.ReopenRequested, "まだ穴があります"),
            (line.ActorId!.Value, line.FromStatus!.Value, line.ToStatus!.Value, line.InternalNote));
        var told = Assert.Single(await NoticesAsync(nameof(NoticeKind.ReportReopenRequested)));
        Assert.Equal((staff.Id, $"/staff/reports/{report.Id}", $"report:{report.Id}:update:{line.Id}"), (told.AccountId, told.Link, told.DedupKey));
        // In the staff inbox: the open states are its default.
        Assert.Contains(await service.InboxAsync(Actor.For(staff, null), new InboxFilter(), Ct), r => r.Id == report.Id);

        // The report is open again: nobody is asked any more, not even to answer again.
        Assert.Equal(ReportErrors.NotAsked,
            (await service.AnswerFollowUpAsync(report.Id, meToo[0].Id, FollowUpAnswer.NotFixed, null, Ct)).Errors[0].ErrorMessage);
        Assert.Equal(ReportErrors.NotAsked,
            (await service.AnswerFollowUpAsync(report.Id, meToo[1].Id, FollowUpAnswer.Fixed, null, Ct)).Errors[0].ErrorMessage);
    }

    [Fact]
    public async Task Fixed_answers_are_counted_in_the_statistics_and_the_question_ends_after_the_period()
    {
        var (service, report, reporter, meToo, staff) = await WorldAsync();
        await service.MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Fixed, null, null, null, Ct);

        Assert.True((await service.AnswerFollowUpAsync(report.Id, reporter.Id, FollowUpAnswer.Fixed, null, Ct)).Succeeded);
        Assert.True((await service.AnswerFollowUpAsync(report.Id, meToo[0].Id, FollowUpAnswer.Fixed, "きれいになりました", Ct)).Succeeded);
        // One answer per resident and closing.
        Assert.Equal(ReportErrors.AlreadyAnswered,
            (await service.AnswerFollowUpAsync(report.Id, reporter.Id, FollowUpAnswer.NotFixed, null, Ct)).Errors[0].ErrorMessage);
        // 24 December, 10:00 in Japan: the period ended at midnight.
        _time.Advance(TimeSpan.FromDays(29));
        Assert.Equal(ReportErrors.NotAsked,
            (await service.AnswerFollowUpAsync(report.Id, meToo[1].Id, FollowUpAnswer.NotFixed, null, Ct)).Errors[0].ErrorMessage);

        var stored = (await new ReportRepository(_db.Database).GetAsync(report.Id, Ct))!;
        Assert.Equal(ReportStatus.Fixed, stored.Status);
        Assert.Equal(FollowUpAnswer.Fixed, (await service.FollowUpStateAsync(stored, reporter.Id, Ct)).Answered);
        var counts = await new ReportStatisticsRepository(_db.Database).CountAsync(
            new StatisticsQuery(_time.GetUtcNow().AddYears(-1), _time.GetUtcNow().AddDays(1)), Ct);
        var statistics = ReportStatisticsService.Summarize(new StatisticsQuery(_time.GetUtcNow().AddYears(-1), _time.GetUtcNow().AddDays(1)), counts);
        Assert.Equal((2, 0), (statistics.ConfirmedFixed, statistics.ReportedNotFixed));
    }
}
