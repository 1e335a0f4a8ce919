using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports.Supporters;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Reports.Supporters;

namespace Portal.Tests.Notifications;

/// <summary>Supporter tasks remind their volunteers the day before and tell them when a task is called off.</summary>
public sealed class SupporterNoticeTests : IDisposable
{
    // 12:00 on 25 November 2026 in Japan.
    private readonly FakeTimeProvider _time = new(SupporterTaskRepositoryContractTests.Now);
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly SupporterService _service;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public SupporterNoticeTests() =>
        _service = new SupporterService(new SupporterTaskRepository(_db.Database), new ReportRepository(_db.Database),
            new AuditTrail(new AuditLogRepository(_db.Database), _time), _time, new StaffScopes(new UserAccountRepository(_db.Database)));

    public void Dispose() => _db.Dispose();

    private async Task<(SupporterTask Task, Actor Staff)> OpenAsync(DateTime japanDay, string title)
    {
        var staffId = await SupporterTaskRepositoryContractTests.Account(_db.Database, Role.Staff);
        var staff = new Actor(staffId, $"staff{staffId}@city.chiba.jp", nameof(Role.Staff), null);
        var report = await SupporterTaskRepositoryContractTests.Report(_db.Database);
        var result = await _service.OpenAsync(staff, report.Id, new SupporterTaskInput
        {
            Title = title, Description = "落書きを一緒に消します。", MeetingPlace = "中央公園 東口",
            Date = japanDay, StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(12, 0, 0), Capacity = 10,
        }, Ct);
        Assert.True(result.Succeeded);
        return (result.Value!, staff);
    }

    private async Task<long> VolunteerAsync(SupporterTask task)
    {
        var id = await SupporterTaskRepositoryContractTests.Account(_db.Database);
        Assert.True((await _service.SignUpAsync(task.Id, id, Ct)).Succeeded);
        return id;
    }

    private async Task<List<(string DedupKey, string Kind, long AccountId, string ValuesJson)>> NoticesAsync()
    {
        await using var connection = await _db.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<(string, string, long, string)>("SELECT DedupKey, Kind, AccountId, ValuesJson FROM Notice ORDER BY Id")).ToList();
    }

    [Fact]
    public void The_run_is_at_nine_in_the_morning_Japan_time_and_covers_tomorrow()
    {
        // 12:00 in Japan: today's run is over, the next is tomorrow 09:00 (00:00 UTC).
        Assert.Equal(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero), SupporterNotices.NextRunUtc(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero)));
        // 08:59 in Japan: today's run is a minute away.
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 0, 0, 0, TimeSpan.Zero), SupporterNotices.NextRunUtc(new DateTimeOffset(2026, 11, 24, 23, 59, 0, TimeSpan.Zero)));
        // On the last day of the fiscal year the reminder covers 1 April, from Japan midnight to Japan midnight.
        Assert.Equal((new DateTimeOffset(2027, 3, 31, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2027, 4, 1, 15, 0, 0, TimeSpan.Zero)),
            SupporterNotices.RemindedOn(new DateOnly(2027, 3, 31)));
    }

    [Fact]
    public async Task Each_volunteer_of_tomorrow_s_task_is_reminded_once_and_later_tasks_wait_their_day()
    {
        var (tomorrow, _) = await OpenAsync(new DateTime(2026, 11, 26), "遊具の落書き消し");
        var (later, _) = await OpenAsync(new DateTime(2026, 11, 28), "海岸の清掃");
        var hanako = await VolunteerAsync(tomorrow);
        var taro = await VolunteerAsync(tomorrow);
        var jiro = await VolunteerAsync(later);

        Assert.Equal(2, await _service.SendRemindersAsync(Ct));
        Assert.Equal(0, await _service.SendRemindersAsync(Ct));

        var notices = await NoticesAsync();
        Assert.Equal([($"supporter:{tomorrow.Id}:{hanako}:reminder", hanako), ($"supporter:{tomorrow.Id}:{taro}:reminder", taro)],
            notices.Select(n => (n.DedupKey, n.AccountId)).Order());
        Assert.All(notices, n => Assert.Equal(nameof(NoticeKind.SupporterReminder), n.Kind));
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(notices[0].ValuesJson)!;
        Assert.Equal("2026-11-26 10:00", values["taskStart"]);
        Assert.Equal("明日はサポーター活動「遊具の落書き消し」の日です",
            NoticeRendererTests.ResourceRenderer().Render(NoticeKind.SupporterReminder, "ja", values).Subject);

        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(1, await _service.SendRemindersAsync(Ct));
        Assert.Contains(await NoticesAsync(), n => n.DedupKey == $"supporter:{later.Id}:{jiro}:reminder");
    }

    [Fact]
    public async Task Calling_a_task_off_tells_its_volunteers_and_they_get_no_reminder()
    {
        var (task, staff) = await OpenAsync(new DateTime(2026, 11, 26), "遊具の落書き消し");
        var hanako = await VolunteerAsync(task);

        Assert.True((await _service.CancelAsync(staff, task.Id, Ct)).Succeeded);
        Assert.Equal(0, await _service.SendRemindersAsync(Ct));

        var notice = Assert.Single(await NoticesAsync());
        Assert.Equal(($"supporter:{task.Id}:{hanako}:cancelled", nameof(NoticeKind.SupporterTaskCancelled), hanako), (notice.DedupKey, notice.Kind, notice.AccountId));
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(notice.ValuesJson)!;
        Assert.Equal("Supporter activity \"遊具の落書き消し\" is cancelled",
            NoticeRendererTests.ResourceRenderer().Render(NoticeKind.SupporterTaskCancelled, "en", values).Subject);
    }
}
