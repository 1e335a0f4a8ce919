using System.Text.Json;
using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;
using Portal.Data.Accounts;
using Portal.Data.Notifications;
using Portal.Data.Offices;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications;
using Portal.Web.Accounts;

namespace Portal.Tests.Reports.Alerts;

/// <summary>
/// Following reports and area alerts through the services on a real database (issue 17, item 2): who is told of a staff
/// move through the outbox, in the move's transaction, each once; the daily digest (once a Japan day, only with news,
/// never hidden or own reports); the one-click link that stops one follow or alert; the limit of alerts.
/// </summary>
public sealed class ReportAlertServiceTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    // 10:00 on 9 December, Japan time.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 9, 1, 0, 0, TimeSpan.Zero));
    private readonly DataProtectionSecretProtector _protector = new(new EphemeralDataProtectionProvider());
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    private NoticeOutbox Outbox => new(_db.Database, ActiveChannels.InAppOnly, _time);

    private ReportAlertService Alerts(ReportAlertOptions? options = null) => new(
        new ReportAlertRepository(_db.Database, Outbox, _time), new ReportRepository(_db.Database, _time, Outbox), new ReportCategoryRepository(_db.Database),
        new OfficeRepository(_db.Database), _protector, _time, options ?? new ReportAlertOptions());

    private ReportService Reports(bool withFollows = true) => TestReportServices.Create(_db.Database, _time, Outbox,
        followUp: new ReportFollowUpOptions(), follows: withFollows ? new ReportFollowNotices(new ReportAlertRepository(_db.Database, Outbox, _time), _protector) : null);

    private async Task<UserAccount> AccountAsync(Role role = Role.Resident, string culture = "ja")
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", role, role == Role.Staff ? "chuo" : null, _time.GetUtcNow());
        account.SetPreferredCulture(culture);
        await new UserAccountRepository(_db.Database).CreateAsync(account, Ct);
        return account;
    }

    private async Task<Report> ReportAsync(UserAccount? reporter, string category = "road-pothole")
    {
        var draft = new ReportDraft
        {
            CategoryCode = category, Description = "歩道に穴があります", Latitude = ReportTests.Chiba.Latitude, Longitude = ReportTests.Chiba.Longitude,
        };
        return (await Reports().SubmitAsync(draft, reporter, "web", Ct)).Value!;
    }

    private async Task<List<(long AccountId, string DedupKey, Dictionary<string, string> Values, string? Link)>> NoticesAsync(NoticeKind kind)
    {
        await using var connection = await _db.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<(long, string, string, string?)>(
                "SELECT AccountId, DedupKey, ValuesJson, Link FROM Notice WHERE Kind = @kind ORDER BY Id", new { kind = kind.ToString() }))
            .Select(n => (n.Item1, n.Item2, JsonSerializer.Deserialize<Dictionary<string, string>>(n.Item3)!, n.Item4)).ToList();
    }

    [Fact]
    public async Task A_follower_is_told_of_status_changes_and_public_answers_in_their_language_and_never_twice()
    {
        var reporter = await AccountAsync();
        var follower = await AccountAsync(culture: "vi");
        var meTooFollower = await AccountAsync();
        var staff = await AccountAsync(Role.Staff);
        var report = await ReportAsync(reporter);
        var alerts = Alerts();
        var reports = Reports();
        foreach (var account in new[] { reporter, follower, meTooFollower })
            Assert.True((await alerts.FollowAsync(report.Id, account.Id, Ct)).Succeeded);
        Assert.True((await reports.MeTooAsync(report.Id, meTooFollower.Id, Ct)).Succeeded);
        var actor = Actor.For(staff, null);

        Assert.True((await reports.MoveAsync(actor, report.Id, ReportStatus.InProgress, null, null, null, Ct)).Succeeded);
        var told = await NoticesAsync(NoticeKind.ReportFollowedUpdate);
        // The reporter hears as its reporter, not again as a follower.
        Assert.Equal([follower.Id, meTooFollower.Id], told.Select(n => n.AccountId).Order());
        Assert.Single(await NoticesAsync(NoticeKind.ReportStatusChanged));
        var notice = told.Single(n => n.AccountId == follower.Id);
        Assert.Equal(($"/reports/{report.Id}", "InProgress"), (notice.Link, notice.Values[NoticeValues.Status]));
        var text = NoticeRendererTests.ResourceRenderer().Render(NoticeKind.ReportFollowedUpdate, "vi", notice.Values);
        Assert.Contains(report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), text.Subject);
        Assert.Contains(notice.Values[NoticeValues.Unsubscribe], text.Body);

        // An internal note and an assignment change nothing the public sees: nobody is told.
        Assert.True((await reports.AddNoteAsync(actor, report.Id, "現地確認予定", Ct)).Succeeded);
        Assert.True((await reports.AssignAsync(actor, report.Id, staff.Id, Ct)).Succeeded);
        Assert.Equal(2, (await NoticesAsync(NoticeKind.ReportFollowedUpdate)).Count);

        // Fixed: the "me too" follower is asked "is it fixed?" and that is all they get of this move.
        Assert.True((await reports.MoveAsync(actor, report.Id, ReportStatus.Fixed, "補修しました", null, null, Ct)).Succeeded);
        var fixedNotices = (await NoticesAsync(NoticeKind.ReportFollowedUpdate)).Skip(2).ToList();
        Assert.Equal([follower.Id], fixedNotices.Select(n => n.AccountId));
        Assert.Contains(meTooFollower.Id, (await NoticesAsync(NoticeKind.ReportFixedCheck)).Select(n => n.AccountId));

        // Hidden by moderation: the followers are not told where it went.
        _time.Advance(TimeSpan.FromMinutes(5));
        Assert.True((await reports.MoveAsync(actor, report.Id, ReportStatus.Hidden, null, "不適切な内容", null, Ct)).Succeeded);
        Assert.Equal(3, (await NoticesAsync(NoticeKind.ReportFollowedUpdate)).Count);
    }

    [Fact]
    public async Task Following_needs_a_published_report_and_is_the_same_twice()
    {
        var resident = await AccountAsync();
        var staff = await AccountAsync(Role.Staff);
        var report = await ReportAsync(await AccountAsync());
        var alerts = Alerts();
        Assert.True((await alerts.FollowAsync(report.Id, resident.Id, Ct)).Succeeded);
        Assert.True((await alerts.FollowAsync(report.Id, resident.Id, Ct)).Succeeded);
        Assert.True(await alerts.IsFollowingAsync(report.Id, resident.Id, Ct));
        Assert.Equal(ReportErrors.NotFound, (await alerts.FollowAsync(987654, resident.Id, Ct)).Errors[0].ErrorMessage);

        Assert.True((await Reports().MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Hidden, null, "重複投稿", null, Ct)).Succeeded);
        var other = await AccountAsync();
        Assert.Equal(ReportErrors.NotFound, (await alerts.FollowAsync(report.Id, other.Id, Ct)).Errors[0].ErrorMessage);
        Assert.True(await alerts.UnfollowAsync(report.Id, resident.Id, Ct));
        Assert.False(await alerts.IsFollowingAsync(report.Id, resident.Id, Ct));
    }

    [Fact]
    public async Task A_digest_goes_once_a_Japan_day_with_only_news_from_its_area_and_never_hidden_or_own_reports()
    {
        var resident = await AccountAsync(culture: "en");
        var staff = await AccountAsync(Role.Staff);
        var alerts = Alerts(new ReportAlertOptions { DigestAt = "07:00" });
        var alert = (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }, Ct)).Value!;

        _time.Advance(TimeSpan.FromMinutes(1));
        var news = await ReportAsync(await AccountAsync());
        var hidden = await ReportAsync(null);
        await ReportAsync(resident);
        Assert.True((await Reports().MoveAsync(Actor.For(staff, null), hidden.Id, ReportStatus.Hidden, null, "個人情報", null, Ct)).Succeeded);

        // 10:01 Japan time, after 07:00: due today.
        Assert.Equal(1, await alerts.RunDigestsAsync(Ct));
        var digest = Assert.Single(await NoticesAsync(NoticeKind.ReportAlertDigest));
        Assert.Equal((resident.Id, "/reports/alerts"), (digest.AccountId, digest.Link));
        Assert.Equal(("1", $"#{news.Id}", "0"), (digest.Values[NoticeValues.NewCount], digest.Values[NoticeValues.NewReports], digest.Values[NoticeValues.ChangedCount]));
        Assert.Equal($"alert:{alert.Id}:digest:2026-12-09", digest.DedupKey);

        // Later the same Japan day, with news: nothing more today.
        _time.Advance(TimeSpan.FromHours(5));
        var later = await ReportAsync(await AccountAsync());
        Assert.Equal(0, await alerts.RunDigestsAsync(Ct));

        // The next Japan day at 07:00: the news since the last digest, and only that.
        _time.SetUtcNow(new DateTimeOffset(2026, 12, 9, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await alerts.RunDigestsAsync(Ct));
        var second = (await NoticesAsync(NoticeKind.ReportAlertDigest))[1];
        Assert.Equal(($"#{later.Id}", $"alert:{alert.Id}:digest:2026-12-10"), (second.Values[NoticeValues.NewReports], second.DedupKey));

        // The day after, nothing happened: no message.
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await alerts.RunDigestsAsync(Ct));
        Assert.Equal(2, (await NoticesAsync(NoticeKind.ReportAlertDigest)).Count);
    }

    [Fact]
    public async Task A_digest_tells_status_changes_when_asked_to()
    {
        var resident = await AccountAsync();
        var staff = await AccountAsync(Role.Staff);
        var report = await ReportAsync(await AccountAsync(), "park-bench");
        var alerts = Alerts();
        await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Category, CategoryCode = "park-bench", Events = AlertEvents.StatusChanges }, Ct);
        _time.Advance(TimeSpan.FromMinutes(1));
        await ReportAsync(await AccountAsync(), "park-bench");
        Assert.True((await Reports().MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Fixed, null, null, null, Ct)).Succeeded);

        Assert.Equal(1, await alerts.RunDigestsAsync(Ct));
        var digest = Assert.Single(await NoticesAsync(NoticeKind.ReportAlertDigest));
        Assert.Equal(("0", "1", $"#{report.Id}"), (digest.Values[NoticeValues.NewCount], digest.Values[NoticeValues.ChangedCount], digest.Values[NoticeValues.ChangedReports]));
    }

    [Fact]
    public async Task The_one_click_link_stops_its_own_follow_or_alert_only_and_a_changed_link_nothing()
    {
        var resident = await AccountAsync();
        var staff = await AccountAsync(Role.Staff);
        var report = await ReportAsync(await AccountAsync());
        var alerts = Alerts();
        await alerts.FollowAsync(report.Id, resident.Id, Ct);
        var alert = (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }, Ct)).Value!;
        var keep = (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "inage" }, Ct)).Value!;
        Assert.True((await Reports().MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.InProgress, null, null, null, Ct)).Succeeded);
        var followLink = (await NoticesAsync(NoticeKind.ReportFollowedUpdate)).Single().Values[NoticeValues.Unsubscribe];
        Assert.StartsWith(UnsubscribeLinks.PathPrefix, followLink);
        var followToken = followLink[UnsubscribeLinks.PathPrefix.Length..];

        Assert.Equal(new UnsubscribePreview(new UnsubscribeTarget(UnsubscribeKind.Follow, resident.Id, report.Id), true), await alerts.PreviewAsync(followToken, Ct));
        Assert.Null(await alerts.PreviewAsync(followToken[..^2] + "xx", Ct));
        Assert.False(await alerts.UnsubscribeAsync(followToken[..^2] + "xx", Ct));
        Assert.True(await alerts.IsFollowingAsync(report.Id, resident.Id, Ct));
        Assert.True(await alerts.UnsubscribeAsync(followToken, Ct));
        Assert.False(await alerts.IsFollowingAsync(report.Id, resident.Id, Ct));
        Assert.False((await alerts.PreviewAsync(followToken, Ct))!.Active);
        // Again: the same answer, nothing else stopped.
        Assert.True(await alerts.UnsubscribeAsync(followToken, Ct));

        _time.Advance(TimeSpan.FromMinutes(1));
        await ReportAsync(await AccountAsync());
        Assert.Equal(1, await alerts.RunDigestsAsync(Ct));
        var digestLink = (await NoticesAsync(NoticeKind.ReportAlertDigest)).Single().Values[NoticeValues.Unsubscribe];
        Assert.True(await alerts.UnsubscribeAsync(digestLink[UnsubscribeLinks.PathPrefix.Length..], Ct));
        Assert.Equal([keep.Id], (await alerts.ListAsync(resident.Id, Ct)).Select(a => a.Id));
        Assert.NotEqual(alert.Id, keep.Id);
    }

    [Fact]
    public async Task An_account_keeps_at_most_the_set_number_of_alerts_each_checked()
    {
        var resident = await AccountAsync();
        var alerts = Alerts(new ReportAlertOptions { MaxSubscriptions = 2 });
        Assert.True((await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Radius, Latitude = 35.607, Longitude = 140.106, RadiusMeters = 1000 }, Ct)).Succeeded);
        Assert.Equal(AlertKeys.UnknownWard, (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "shinjuku" }, Ct)).Errors[0].ErrorMessage);
        Assert.Equal(ReportErrors.UnknownCategory,
            (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Category, CategoryCode = "no-such" }, Ct)).Errors[0].ErrorMessage);
        Assert.True((await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Category, CategoryCode = "road-pothole", WardId = "chuo" }, Ct)).Succeeded);
        Assert.Equal(AlertKeys.TooMany, (await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }, Ct)).Errors[0].ErrorMessage);

        var list = await alerts.ListAsync(resident.Id, Ct);
        Assert.Equal([AlertArea.Radius, AlertArea.Category], list.Select(a => a.Area));
        Assert.False(await alerts.DeleteAsync((await AccountAsync()).Id, list[0].Id, Ct));
        Assert.True(await alerts.DeleteAsync(resident.Id, list[0].Id, Ct));
        Assert.True((await alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }, Ct)).Succeeded);
    }
}
