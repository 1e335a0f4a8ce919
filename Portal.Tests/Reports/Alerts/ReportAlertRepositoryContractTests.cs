using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Alerts;

/// <summary>
/// Follows and area alerts in the database (20261215_20), on every provider: a follow once per account, the alert limit
/// counted in the write, each area's fields required by the table, the events of a period, and one digest per Japan day
/// written with its notice in one transaction.
/// </summary>
public sealed class ReportAlertRepositoryContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 9, 1, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<long> ResidentAsync(PortalDatabase db) => ReportFollowUpRepositoryContractTests.ResidentAsync(db);

    private static Task<Report> ReportAsync(PortalDatabase db, long? reporter, DateTimeOffset at) =>
        new ReportRepository(db).SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), reporter, null, null, ReportKind.Problem, "road-pothole", "穴",
            ReportTests.Chiba, "chuo", "web", at), [], Ct);

    private static AlertSubscription Ward(long account, DateTimeOffset at) =>
        new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }.ToSubscription(account, at);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_follow_is_kept_once_and_listed_for_the_report_and_the_account(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var alerts = new ReportAlertRepository(test.Database);
        var (first, second) = (await ResidentAsync(test.Database), await ResidentAsync(test.Database));
        var report = await ReportAsync(test.Database, null, Now);

        Assert.True(await alerts.FollowAsync(new ReportFollow(report.Id, second, Now), Ct));
        Assert.True(await alerts.FollowAsync(new ReportFollow(report.Id, first, Now.AddMinutes(1)), Ct));
        Assert.False(await alerts.FollowAsync(new ReportFollow(report.Id, first, Now.AddMinutes(2)), Ct));
        Assert.Equal([second, first], await alerts.FollowersAsync(report.Id, Ct));
        Assert.Equal([new ReportFollow(report.Id, first, Now.AddMinutes(1))], await alerts.FollowsOfAsync(first, Ct));
        Assert.True(await alerts.UnfollowAsync(report.Id, first, Ct));
        Assert.False(await alerts.UnfollowAsync(report.Id, first, Ct));
        Assert.Equal([second], await alerts.FollowersAsync(report.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Alerts_keep_their_fields_up_to_the_limit_and_the_table_refuses_an_area_without_its_fields(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var alerts = new ReportAlertRepository(test.Database);
        var resident = await ResidentAsync(test.Database);
        var circle = new AlertInput { Area = AlertArea.Radius, Latitude = 35.6083, Longitude = 140.1233, RadiusMeters = 250, Events = AlertEvents.NewReports }
            .ToSubscription(resident, Now);

        var stored = (await alerts.AddAsync(circle, 2, Ct))!;
        Assert.Equal(circle with { Id = stored.Id }, stored);
        Assert.Equal(stored, await alerts.GetAsync(stored.Id, Ct));
        Assert.NotNull(await alerts.AddAsync(Ward(resident, Now), 2, Ct));
        Assert.Null(await alerts.AddAsync(Ward(resident, Now), 2, Ct));
        Assert.Equal(2, (await alerts.ListAsync(resident, Ct)).Count);
        Assert.Contains(stored, await alerts.AllAsync(Ct));
        Assert.False(await alerts.DeleteAsync(await ResidentAsync(test.Database), stored.Id, Ct));
        Assert.True(await alerts.DeleteAsync(resident, stored.Id, Ct));

        await using var connection = await test.Database.OpenAsync(Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("""
            INSERT INTO ReportAlert (AccountId, Area, Events, CreatedUtc, CoveredUntilUtc) VALUES (@resident, 'Radius', 'Both', @Now, @Now)
            """, new { resident, Now }));
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("""
            INSERT INTO ReportAlert (AccountId, Area, WardId, Events, CreatedUtc, CoveredUntilUtc) VALUES (@resident, 'Ward', 'chuo', 'Sometimes', @Now, @Now)
            """, new { resident, Now }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Events_of_a_period_are_new_reports_and_status_lines_with_where_each_stands_now(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var alerts = new ReportAlertRepository(test.Database);
        var reports = new ReportRepository(test.Database);
        var staff = await ResidentAsync(test.Database);
        var before = await ReportAsync(test.Database, null, Now.AddHours(-2));
        var inside = await ReportAsync(test.Database, staff, Now.AddMinutes(10));
        await reports.SaveAsync(before, before.MoveTo(ReportStatus.InProgress, staff, null, null, Now.AddMinutes(20)), Ct);
        await reports.SaveAsync(before, before.AddInternalNote(staff, "メモ", Now.AddMinutes(30)), Ct);
        await reports.SaveAsync(before, before.MoveTo(ReportStatus.Fixed, staff, null, null, Now.AddHours(3)), Ct);

        var events = await alerts.EventsAsync(Now, Now.AddHours(1), Ct);

        Assert.Equal(2, events.Count);
        var fresh = events.Single(e => e.IsNew);
        Assert.Equal((inside.Id, ReportStatus.Received, (long?)staff, "chuo", "road-pothole"),
            (fresh.ReportId, fresh.CurrentStatus, fresh.ReporterId, fresh.WardId, fresh.CategoryCode));
        var moved = events.Single(e => !e.IsNew);
        // The line of the period, and the report as it stands after the period (fixed since).
        Assert.Equal((before.Id, (ReportStatus?)ReportStatus.Received, ReportStatus.InProgress, ReportStatus.Fixed, Now.AddMinutes(20)),
            (moved.ReportId, moved.FromStatus, moved.ToStatus, moved.CurrentStatus, moved.OccurredUtc));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_digest_is_recorded_once_a_day_with_its_notice_and_a_quiet_day_only_moves_the_mark(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var alerts = new ReportAlertRepository(test.Database);
        var resident = await ResidentAsync(test.Database);
        var alert = (await alerts.AddAsync(Ward(resident, Now), 10, Ct))!;
        var day = new DateOnly(2026, 12, 9);
        Notice Digest(string key) => new(NoticeKind.ReportAlertDigest, new NoticeRecipient.Account(resident), key,
            new Dictionary<string, string> { ["newCount"] = "1" }, "/reports/alerts");

        Assert.True(await alerts.RecordDigestAsync(alert.Id, Now.AddHours(1), null, null, Ct));
        Assert.Equal((Now.AddHours(1), (DateOnly?)null), Mark(await alerts.GetAsync(alert.Id, Ct)));
        var key = $"test:{Guid.NewGuid():N}";
        Assert.True(await alerts.RecordDigestAsync(alert.Id, Now.AddHours(2), day, Digest(key), Ct));
        Assert.Equal((Now.AddHours(2), (DateOnly?)day), Mark(await alerts.GetAsync(alert.Id, Ct)));
        // A second run the same day (another node): nothing written.
        Assert.False(await alerts.RecordDigestAsync(alert.Id, Now.AddHours(3), day, Digest(key + ":again"), Ct));
        Assert.Equal((Now.AddHours(2), (DateOnly?)day), Mark(await alerts.GetAsync(alert.Id, Ct)));
        await using var connection = await test.Database.OpenAsync(Ct);
        Assert.Equal(1, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Notice WHERE DedupKey LIKE @key", new { key = key + "%" }));
        // Gone alert: nothing.
        Assert.False(await alerts.RecordDigestAsync(987654, Now, day.AddDays(1), null, Ct));
    }

    private static (DateTimeOffset, DateOnly?) Mark(AlertSubscription? alert) => (alert!.CoveredUntilUtc, alert.LastDigestDay);
}
