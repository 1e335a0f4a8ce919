using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Rules;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Offices;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>The report rules residents and staff meet, through the real repositories on SQLite.</summary>
public sealed class ReportServiceTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private readonly ReportService _service;
    private readonly ReportRepository _reports;
    private readonly AuditLogRepository _audit;
    private readonly UserAccountRepository _accounts;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ReportServiceTests()
    {
        _reports = new ReportRepository(_db.Database);
        _audit = new AuditLogRepository(_db.Database);
        _accounts = new UserAccountRepository(_db.Database);
        IReadOnlyList<WardOffice> offices = new OfficeRepository(_db.Database).ListAsync(CancellationToken.None).GetAwaiter().GetResult();
        _service = new ReportService(_reports, new ReportCategoryRepository(_db.Database), new NearestOfficeLocator(offices),
            new DuplicateFinder(_reports), new AuditTrail(_audit, _time), _time, new StaffScopes(_accounts));
    }

    public void Dispose() => _db.Dispose();

    private async Task<UserAccount> Account(Role role = Role.Resident)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", role, role == Role.Staff ? "chuo" : null, _time.GetUtcNow());
        await _accounts.CreateAsync(account, Ct);
        return account;
    }

    private static ReportDraft Draft(GeoPoint? at = null) => new()
    {
        CategoryCode = "road-pothole", Description = "歩道に穴があります", Latitude = (at ?? ReportTests.Chiba).Latitude, Longitude = (at ?? ReportTests.Chiba).Longitude,
    };

    [Fact]
    public async Task A_report_gets_its_ward_from_the_place_and_the_name_only_when_asked()
    {
        var resident = await Account();
        var inMihama = Draft(new GeoPoint(35.6390, 140.0610));
        var anonymous = (await _service.SubmitAsync(inMihama, resident, "web", Ct)).Value!;
        var named = Draft();
        named.ShowName = true;
        var shown = (await _service.SubmitAsync(named, resident, "web", Ct)).Value!;

        Assert.Equal(("mihama", null), (anonymous.WardId, anonymous.ReporterName));
        Assert.Equal(("chuo", "千葉 花子"), (shown.WardId, shown.ReporterName));
        Assert.Equal(resident.Email, anonymous.ContactEmail);
    }

    [Fact]
    public async Task Bad_drafts_are_refused_with_a_message_per_field_and_nothing_stored()
    {
        var resident = await Account();
        var outside = Draft(new GeoPoint(35.681, 139.767));
        var noText = Draft();
        noText.Description = "  ";
        var unknown = Draft();
        unknown.CategoryCode = "road-dragons";

        Assert.Equal(ReportErrors.OutsideCity, Assert.Single((await _service.SubmitAsync(outside, resident, "web", Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportValidationKeys.DescriptionRequired, Assert.Single((await _service.SubmitAsync(noText, resident, "web", Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportErrors.UnknownCategory, Assert.Single((await _service.SubmitAsync(unknown, resident, "web", Ct)).Errors).ErrorMessage);
        Assert.Empty(await _reports.ListByReporterAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task Sending_the_same_draft_again_returns_the_same_report()
    {
        var resident = await Account();
        var draft = Draft();
        var first = await _service.SubmitAsync(draft, resident, "web", Ct);
        var again = await _service.SubmitAsync(draft, resident, "web", Ct);
        Assert.Equal(first.Value!.Id, again.Value!.Id);
        Assert.Single(await _reports.ListByReporterAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task Another_account_cannot_claim_a_report_by_replaying_its_key()
    {
        var owner = await Account();
        var other = await Account();
        var draft = Draft();
        await _service.SubmitAsync(draft, owner, "web", Ct);
        await Assert.ThrowsAsync<RuleException>(() => _service.SubmitAsync(draft, other, "web", Ct));
    }

    [Fact]
    public async Task Me_too_counts_once_per_resident_never_for_the_reporter_and_only_while_open()
    {
        var reporter = await Account();
        var neighbour = await Account();
        var staff = await Account(Role.Staff);
        var report = (await _service.SubmitAsync(Draft(), reporter, "web", Ct)).Value!;

        Assert.True((await _service.MeTooAsync(report.Id, neighbour.Id, Ct)).Succeeded);
        Assert.True((await _service.MeTooAsync(report.Id, neighbour.Id, Ct)).Succeeded);
        Assert.Equal(ReportErrors.CannotMeTooOwn, (await _service.MeTooAsync(report.Id, reporter.Id, Ct)).Errors[0].ErrorMessage);
        Assert.Equal(1, (await _reports.GetAsync(report.Id, Ct))!.MeTooCount);

        await _service.MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Fixed, "直しました", null, null, Ct);
        var late = await Account();
        Assert.Equal(ReportErrors.NotOpen, (await _service.MeTooAsync(report.Id, late.Id, Ct)).Errors[0].ErrorMessage);
    }

    [Fact]
    public async Task Staff_actions_and_staff_views_are_in_the_audit_trail()
    {
        var reporter = await Account();
        var staff = Actor.For(await Account(Role.Staff), "192.0.2.30");
        var report = (await _service.SubmitAsync(Draft(), reporter, "web", Ct)).Value!;

        await _service.OpenForStaffAsync(staff, report.Id, Ct);
        await _service.MoveAsync(staff, report.Id, ReportStatus.Accepted, "受け付けました", "道路維持課へ", null, Ct);
        var refused = await _service.MoveAsync(staff, report.Id, ReportStatus.Received, null, null, null, Ct);
        await _service.CorrectWardAsync(staff, report.Id, "wakaba", Ct);

        Assert.Equal(ReportErrors.NotAllowedMove, refused.Errors[0].ErrorMessage);
        var actions = (await _audit.SearchAsync(new AuditQuery(EntityType: ReportAuditActions.Entity, EntityId: report.Id.ToString()), Ct)).Select(e => e.Action).ToList();
        Assert.Equal([ReportAuditActions.WardCorrected, ReportAuditActions.StatusChanged, ReportAuditActions.Viewed], actions);
        Assert.Equal("wakaba", (await _reports.GetAsync(report.Id, Ct))!.WardId);
    }

    [Fact]
    public async Task Nearby_open_reports_of_the_category_are_offered_before_filing()
    {
        var resident = await Account();
        var existing = (await _service.SubmitAsync(Draft(new GeoPoint(35.6090, 140.1235)), resident, "web", Ct)).Value!;
        var found = await _service.FindDuplicatesAsync("road-pothole", ReportTests.Chiba, null, Ct);
        Assert.Equal(existing.Id, Assert.Single(found).Report.Id);
        Assert.Empty(await _service.FindDuplicatesAsync("park-bench", ReportTests.Chiba, null, Ct));
    }
}
