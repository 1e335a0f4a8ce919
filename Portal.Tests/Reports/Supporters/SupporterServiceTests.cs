using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Supporters;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Supporters;

/// <summary>Staff open and close supporter tasks (audited); residents join and leave. Real repositories on SQLite.</summary>
public sealed class SupporterServiceTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(SupporterTaskRepositoryContractTests.Now);
    private readonly ReportRepository _reports;
    private readonly AuditLogRepository _audit;
    private readonly SupporterService _service;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public SupporterServiceTests()
    {
        _reports = new ReportRepository(_db.Database);
        _audit = new AuditLogRepository(_db.Database);
        _service = new SupporterService(new SupporterTaskRepository(_db.Database), _reports, new AuditTrail(_audit, _time), _time,
            new StaffScopes(new UserAccountRepository(_db.Database)));
    }

    public void Dispose() => _db.Dispose();

    private async Task<Actor> Staff()
    {
        var id = await SupporterTaskRepositoryContractTests.Account(_db.Database, Role.Staff);
        return new Actor(id, $"staff{id}@city.chiba.jp", nameof(Role.Staff), "192.0.2.8");
    }

    private static SupporterTaskInput Input(int capacity = 3) => new()
    {
        Title = "遊具の落書き消し", Description = "滑り台の落書きを一緒に消します。軍手は市が用意します。", MeetingPlace = "中央公園 東口",
        Date = new DateTime(2026, 11, 28), StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(12, 0, 0), Capacity = capacity,
    };

    private async Task<SupporterTask> Opened(Actor staff, int capacity = 3)
    {
        var report = await SupporterTaskRepositoryContractTests.Report(_db.Database);
        var result = await _service.OpenAsync(staff, report.Id, Input(capacity), Ct);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    [Fact]
    public async Task Staff_open_a_task_from_a_report_and_the_audit_trail_says_who_and_from_where()
    {
        var staff = await Staff();
        var task = await Opened(staff);

        Assert.Equal(new DateTimeOffset(2026, 11, 28, 1, 0, 0, TimeSpan.Zero), task.StartUtc);
        var entry = Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: SupporterAuditActions.Opened), Ct));
        Assert.Equal((staff.AccountId, SupporterAuditActions.Entity, task.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "192.0.2.8"),
            (entry.ActorId, entry.EntityType, entry.EntityId, entry.IpAddress));
        Assert.Contains($"report={task.ReportId}", entry.Detail);
    }

    [Fact]
    public async Task A_bad_form_is_refused_with_keys_and_nothing_stored_or_audited()
    {
        var staff = await Staff();
        var report = await SupporterTaskRepositoryContractTests.Report(_db.Database);
        var input = Input(capacity: 0);
        input.Title = "";

        var result = await _service.OpenAsync(staff, report.Id, input, Ct);

        Assert.Equal([SupporterErrors.CapacityRange, SupporterValidationKeys.TitleRequired], result.Errors.Select(e => e.ErrorMessage).Order(StringComparer.Ordinal));
        Assert.Empty(await _service.ForReportAsync(report.Id, Ct));
        Assert.Empty(await _audit.SearchAsync(new AuditQuery(Action: SupporterAuditActions.Opened), Ct));
    }

    [Fact]
    public async Task Staff_of_another_ward_office_cannot_open_or_close_a_task_of_its_report()
    {
        var task = await Opened(await Staff());
        var mihama = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "美浜 職員", "hash", Role.Staff, "mihama", _time.GetUtcNow());
        await new UserAccountRepository(_db.Database).CreateAsync(mihama, Ct);
        var other = Actor.For(mihama, "192.0.2.9");

        Assert.Equal(ScopeErrors.OtherOffice, Assert.Single((await _service.OpenAsync(other, task.ReportId, Input(), Ct)).Errors).ErrorMessage);
        Assert.Equal(ScopeErrors.OtherOffice, Assert.Single((await _service.CancelAsync(other, task.Id, Ct)).Errors).ErrorMessage);
        Assert.Equal(ScopeErrors.OtherOffice, Assert.Single((await _service.CompleteAsync(other, task.Id, Ct)).Errors).ErrorMessage);

        Assert.Equal([(task.Id, SupporterTaskStatus.Open)], (await _service.ForReportAsync(task.ReportId, Ct)).Select(v => (v.Task.Id, v.Task.Status)));
        Assert.DoesNotContain(await _audit.SearchAsync(new AuditQuery(), Ct), e => e.ActorId == mihama.Id);
    }

    [Fact]
    public async Task A_task_needs_a_report_the_public_can_see()
    {
        var staff = await Staff();
        var report = await SupporterTaskRepositoryContractTests.Report(_db.Database);
        await _reports.SaveAsync(report, report.MoveTo(ReportStatus.Hidden, staff.AccountId!.Value, null, "不適切", _time.GetUtcNow()), Ct);

        Assert.Equal(SupporterErrors.ReportNotPublished, Assert.Single((await _service.OpenAsync(staff, report.Id, Input(), Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportErrors.NotFound, Assert.Single((await _service.OpenAsync(staff, 999_999, Input(), Ct)).Errors).ErrorMessage);
    }

    [Fact]
    public async Task Residents_join_see_it_in_their_list_and_leave_before_the_start()
    {
        var task = await Opened(await Staff());
        var resident = await SupporterTaskRepositoryContractTests.Account(_db.Database);

        Assert.True((await _service.SignUpAsync(task.Id, resident, Ct)).Succeeded);
        Assert.Equal(SupporterErrors.AlreadySignedUp, Assert.Single((await _service.SignUpAsync(task.Id, resident, Ct)).Errors).ErrorMessage);
        Assert.Equal([task.Id], (await _service.SignUpsOfAsync(resident, Ct)).Select(v => v.Task.Id));
        Assert.Equal([(task.Id, 2)], (await _service.JoinableForReportAsync(task.ReportId, Ct)).Select(v => (v.Task.Id, v.PlacesLeft)));

        Assert.True((await _service.WithdrawAsync(task.Id, resident, Ct)).Succeeded);
        Assert.Empty(await _service.SignUpsOfAsync(resident, Ct));
    }

    [Fact]
    public async Task Once_started_no_one_joins_or_leaves_and_staff_can_mark_it_done()
    {
        var staff = await Staff();
        var task = await Opened(staff);
        var resident = await SupporterTaskRepositoryContractTests.Account(_db.Database);
        await _service.SignUpAsync(task.Id, resident, Ct);
        Assert.Equal(SupporterErrors.NotStartedYet, Assert.Single((await _service.CompleteAsync(staff, task.Id, Ct)).Errors).ErrorMessage);

        _time.SetUtcNow(task.StartUtc);

        var late = await SupporterTaskRepositoryContractTests.Account(_db.Database);
        Assert.Equal(SupporterErrors.Started, Assert.Single((await _service.SignUpAsync(task.Id, late, Ct)).Errors).ErrorMessage);
        Assert.Equal(SupporterErrors.Started, Assert.Single((await _service.WithdrawAsync(task.Id, resident, Ct)).Errors).ErrorMessage);
        Assert.Empty(await _service.UpcomingAsync(Ct));
        Assert.True((await _service.CompleteAsync(staff, task.Id, Ct)).Succeeded);
        Assert.Equal(SupporterTaskStatus.Done, Assert.Single(await _service.SignUpsOfAsync(resident, Ct)).Task.Status);
        Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: SupporterAuditActions.Completed), Ct));
    }

    [Fact]
    public async Task Staff_cancel_a_task_it_leaves_the_upcoming_list_and_the_cancel_is_audited()
    {
        var staff = await Staff();
        var task = await Opened(staff);
        Assert.Equal([task.Id], (await _service.UpcomingAsync(Ct)).Select(v => v.Task.Id));

        Assert.True((await _service.CancelAsync(staff, task.Id, Ct)).Succeeded);

        Assert.Empty(await _service.UpcomingAsync(Ct));
        Assert.Empty(await _service.JoinableForReportAsync(task.ReportId, Ct));
        var resident = await SupporterTaskRepositoryContractTests.Account(_db.Database);
        Assert.Equal(SupporterErrors.NotOpen, Assert.Single((await _service.SignUpAsync(task.Id, resident, Ct)).Errors).ErrorMessage);
        Assert.Equal(SupporterErrors.NotOpen, Assert.Single((await _service.CancelAsync(staff, task.Id, Ct)).Errors).ErrorMessage);
        var entry = Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: SupporterAuditActions.Cancelled), Ct));
        Assert.Equal(staff.AccountId, entry.ActorId);
    }
}
