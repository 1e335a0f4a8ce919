using Portal.Core.Rules;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Data.Reports;

namespace Portal.Tests.Reports.Staff;

/// <summary>
/// Ward scope at the data level: ReportService itself refuses another ward office's report, whatever page calls it
/// (the attack: Chuo staff added an internal note to a Mihama report), and a report moved to another ward goes with it.
/// </summary>
public sealed class WardScopeReportTests : IDisposable
{
    private readonly StaffTestWorld _world = new();
    private static CancellationToken Ct => StaffTestWorld.Ct;

    public void Dispose() => _world.Dispose();

    private async Task<IReadOnlyList<ReportUpdate>> NotesAsync(long reportId) =>
        (await _world.Reports.HistoryAsync(reportId, Ct)).Where(h => h.Kind == ReportUpdateKind.Note).ToList();

    [Fact]
    public async Task Staff_of_another_office_cannot_read_or_act_on_a_report_even_calling_the_service_directly()
    {
        var chuo = StaffTestWorld.ActorOf(await _world.StaffAsync("中央 職員", "chuo"));
        var chuoColleague = await _world.StaffAsync("中央 同僚", "chuo");
        var report = await _world.ReportAsync(ward: "mihama", reporterName: "美浜 花子", email: "hanako@example.jp");

        var opened = await Assert.ThrowsAsync<RuleException>(() => _world.Service.OpenForStaffAsync(chuo, report.Id, Ct));
        Assert.Equal(ScopeErrors.OtherOffice, opened.Key);
        await Assert.ThrowsAsync<RuleException>(() => _world.Service.GetForStaffAsync(chuo, report.Id, Ct));
        var refusals = new[]
        {
            await _world.Service.AddNoteAsync(chuo, report.Id, "中央区から書き込み", Ct),
            await _world.Service.MoveAsync(chuo, report.Id, ReportStatus.Accepted, "受け付けました", null, null, Ct),
            await _world.Service.AssignAsync(chuo, report.Id, chuoColleague.Id, Ct),
            await _world.Service.CorrectWardAsync(chuo, report.Id, "chuo", Ct),
            await _world.Service.ModerateAsync(chuo, report.Id, "書き換え", "試験のため", Ct),
        };

        Assert.All(refusals, r => Assert.Equal(ScopeErrors.OtherOffice, Assert.Single(r.Errors).ErrorMessage));
        var stored = (await _world.Reports.GetAsync(report.Id, Ct))!;
        Assert.Equal((ReportStatus.Received, "mihama", (long?)null, "歩道に穴があります"), (stored.Status, stored.WardId, stored.AssignedToId, stored.Description));
        Assert.Empty(await NotesAsync(report.Id));
        // Nothing in the audit trail says Chuo viewed or changed it.
        Assert.Empty(await _world.Audit.SearchAsync(new AuditQuery(EntityType: ReportAuditActions.Entity, EntityId: report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct));
    }

    [Fact]
    public async Task Staff_of_the_office_staff_with_the_city_wide_permission_and_administrators_act_on_it()
    {
        var report = await _world.ReportAsync(ward: "mihama");
        var mihama = StaffTestWorld.ActorOf(await _world.StaffAsync("美浜 職員", "mihama"));
        var cityWide = StaffTestWorld.ActorOf(await _world.StaffAsync("本庁 職員", "chuo", cityWide: true));
        var admin = StaffTestWorld.ActorOf(await _world.StaffAsync("管理 太郎", role: Role.Admin));

        foreach (var actor in new[] { mihama, cityWide, admin })
        {
            Assert.NotNull(await _world.Service.OpenForStaffAsync(actor, report.Id, Ct));
            Assert.True((await _world.Service.AddNoteAsync(actor, report.Id, $"{actor.Name} のメモ", Ct)).Succeeded);
        }

        Assert.Equal(3, (await NotesAsync(report.Id)).Count);
    }

    [Fact]
    public async Task Staff_cannot_close_a_report_as_a_duplicate_of_another_ward_s_report()
    {
        var chuo = StaffTestWorld.ActorOf(await _world.StaffAsync("中央 職員", "chuo"));
        var report = await _world.ReportAsync(ward: "chuo");
        var mihamaOriginal = await _world.ReportAsync(ward: "mihama");
        var chuoOriginal = await _world.ReportAsync(ward: "chuo");

        var refused = await _world.Service.MoveAsync(chuo, report.Id, ReportStatus.Duplicate, null, null, mihamaOriginal.Id, Ct);

        Assert.Equal(ScopeErrors.OtherOffice, Assert.Single(refused.Errors).ErrorMessage);
        var stored = (await _world.Reports.GetAsync(report.Id, Ct))!;
        Assert.Equal((ReportStatus.Received, (long?)null), (stored.Status, stored.DuplicateOfId));
        // A city-wide colleague may, and the same staff member may name an original in their own ward.
        var cityWide = StaffTestWorld.ActorOf(await _world.StaffAsync("本庁 職員", "chuo", cityWide: true));
        Assert.True((await _world.Service.MoveAsync(cityWide, report.Id, ReportStatus.Duplicate, null, null, mihamaOriginal.Id, Ct)).Succeeded);
        var other = await _world.ReportAsync(ward: "chuo");
        Assert.True((await _world.Service.MoveAsync(chuo, other.Id, ReportStatus.Duplicate, null, null, chuoOriginal.Id, Ct)).Succeeded);
    }

    [Fact]
    public async Task A_report_moved_to_another_ward_moves_with_it()
    {
        var chuoAccount = await _world.StaffAsync("中央 職員", "chuo");
        var chuo = StaffTestWorld.ActorOf(chuoAccount);
        var mihama = StaffTestWorld.ActorOf(await _world.StaffAsync("美浜 職員", "mihama"));
        var report = await _world.ReportAsync(ward: "chuo");
        Assert.Contains(report.Id, (await _world.Service.InboxAsync(chuo, new InboxFilter(), Ct)).Select(r => r.Id));
        Assert.DoesNotContain(report.Id, (await _world.Service.InboxAsync(mihama, new InboxFilter(), Ct)).Select(r => r.Id));
        await Assert.ThrowsAsync<RuleException>(() => _world.Service.OpenForStaffAsync(mihama, report.Id, Ct));

        // Chuo finds it is in Mihama ward and moves it there.
        Assert.True((await _world.Service.CorrectWardAsync(chuo, report.Id, "mihama", Ct)).Succeeded);

        Assert.DoesNotContain(report.Id, (await _world.Service.InboxAsync(chuo, new InboxFilter(), Ct)).Select(r => r.Id));
        Assert.Contains(report.Id, (await _world.Service.InboxAsync(mihama, new InboxFilter(), Ct)).Select(r => r.Id));
        Assert.Equal(ScopeErrors.OtherOffice, (await Assert.ThrowsAsync<RuleException>(() => _world.Service.OpenForStaffAsync(chuo, report.Id, Ct))).Key);
        Assert.Equal(ScopeErrors.OtherOffice, (await _world.Service.AddNoteAsync(chuo, report.Id, "まだ中央のつもり", Ct)).Errors[0].ErrorMessage);
        Assert.Equal("mihama", (await _world.Service.OpenForStaffAsync(mihama, report.Id, Ct))!.WardId);
        Assert.True((await _world.Service.AddNoteAsync(mihama, report.Id, "美浜で引き取りました", Ct)).Succeeded);
        // Someone it is assigned to must be able to open it: Chuo staff no longer can.
        Assert.Equal(ScopeErrors.OtherOffice, (await _world.Service.AssignAsync(mihama, report.Id, chuoAccount.Id, Ct)).Errors[0].ErrorMessage);
    }

    [Fact]
    public async Task The_inbox_keeps_staff_to_their_own_ward_whatever_the_filter_asks_unless_they_work_city_wide()
    {
        var chuo = StaffTestWorld.ActorOf(await _world.StaffAsync("中央 職員", "chuo"));
        var cityWide = StaffTestWorld.ActorOf(await _world.StaffAsync("本庁 職員", "chuo", cityWide: true));
        var resident = StaffTestWorld.ActorOf(await _world.StaffAsync("市民", role: Role.Resident));
        var own = await _world.ReportAsync(ward: "chuo");
        var other = await _world.ReportAsync(ward: "mihama");

        foreach (var asked in new[] { null, "chuo", "mihama" })
        {
            var filter = new InboxFilter(WardId: asked);
            Assert.Equal([own.Id], (await _world.Service.InboxAsync(chuo, filter, Ct)).Select(r => r.Id));
            Assert.Equal(1, await _world.Service.CountInboxAsync(chuo, filter, Ct));
        }
        Assert.Equal([other.Id], (await _world.Service.InboxAsync(cityWide, new InboxFilter(WardId: "mihama"), Ct)).Select(r => r.Id));
        Assert.Equal(2, await _world.Service.CountInboxAsync(cityWide, new InboxFilter(), Ct));
        Assert.Empty(await _world.Service.InboxAsync(resident, new InboxFilter(), Ct));
        Assert.Empty(await _world.Service.InboxAsync(Actor.Anonymous(null), new InboxFilter(), Ct));
    }

    [Fact]
    public async Task The_whole_city_statistics_need_the_city_wide_permission()
    {
        var statistics = new ReportStatisticsService(new ReportStatisticsRepository(_world.Database), _world.Scopes);
        var chuo = StaffTestWorld.ActorOf(await _world.StaffAsync("中央 職員", "chuo"));
        var cityWide = StaffTestWorld.ActorOf(await _world.StaffAsync("本庁 職員", "chuo", cityWide: true));
        await _world.ReportAsync(ward: "chuo");
        await _world.ReportAsync(ward: "mihama");
        await _world.ReportAsync(ward: "mihama");
        var days = StatisticsQuery.DefaultDays(Portal.Core.Time.JapanTime.Today(_world.Clock));
        StatisticsQuery Query(string? ward) => StatisticsQuery.ForJapanDays(days.First, days.Last, ward);

        Assert.Equal([("chuo", 1)], (await statistics.ComputeAsync(chuo, Query(null), Ct)).ByWard.Select(w => (w.Key, w.Count)));
        Assert.Equal([("chuo", 1)], (await statistics.ComputeAsync(chuo, Query("mihama"), Ct)).ByWard.Select(w => (w.Key, w.Count)));
        Assert.Equal([("mihama", 2), ("chuo", 1)], (await statistics.ComputeAsync(cityWide, Query(null), Ct)).ByWard.Select(w => (w.Key, w.Count)));
        Assert.Equal(2, (await statistics.ComputeAsync(cityWide, Query("mihama"), Ct)).Total);
    }
}
