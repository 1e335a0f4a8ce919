using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Notifications;
using Portal.Data.Reports;
using Microsoft.Extensions.Time.Testing;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>
/// Staff file a report for a caller, a visitor or from their patrol (issue 17, item 4), through the service on a real
/// database: the source, the contact kept for staff, the photo consent asked and kept, the ward scope and the audit trail.
/// </summary>
public sealed class AssistedReportTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    private ReportService Service() => TestReportServices.Create(_db.Database, _time, new NoticeOutbox(_db.Database, ActiveChannels.InAppOnly, _time));

    private async Task<UserAccount> StaffAsync(string office = "chuo")
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "中央 職員", "hash", Role.Staff, office, _time.GetUtcNow());
        await new UserAccountRepository(_db.Database).CreateAsync(account, Ct);
        return account;
    }

    private static AssistedReport Call(IntakeSource? source = IntakeSource.Phone, int photos = 0, bool? consent = null) => new()
    {
        Draft = new ReportDraft
        {
            CategoryCode = "road-pothole", Description = "電話: 交差点の手前に穴があるとのこと",
            Latitude = ReportTests.Chiba.Latitude, Longitude = ReportTests.Chiba.Longitude,
            Photos = [.. Enumerable.Range(0, photos).Select(_ => new NewPhoto(Guid.NewGuid().ToString("N"), 800, 600))],
        },
        Source = source,
        ContactName = "千葉 太郎",
        ContactPhone = "043-245-5111",
        ContactEmail = "taro@example.jp",
        PhotoConsent = consent,
    };

    [Fact]
    public async Task A_phone_call_is_filed_with_its_source_contact_and_the_callers_no_to_publishing_their_photo()
    {
        var service = Service();
        var staff = await StaffAsync();
        var input = Call(photos: 1, consent: false);

        var result = await service.FileForResidentAsync(Actor.For(staff, "192.0.2.1"), input, Ct);

        Assert.True(result.Succeeded);
        var report = result.Value!;
        var reports = new ReportRepository(_db.Database);
        var stored = (await reports.GetAsync(report.Id, Ct))!;
        Assert.Equal(((long?)null, (string?)null, "phone", "taro@example.jp", ReportStatus.Received, "chuo"),
            (stored.ReporterId, stored.ReporterName, stored.Source, stored.ContactEmail, stored.Status, stored.WardId));
        var intake = await service.IntakeAsync(Actor.For(staff, null), report.Id, Ct);
        Assert.Equal(new ReportIntake(report.Id, IntakeSource.Phone, staff.Id, "千葉 太郎", "043-245-5111", false, _time.GetUtcNow()), intake);
        Assert.Equal(staff.Id, Assert.Single(await reports.HistoryAsync(report.Id, Ct)).ActorId);

        // Audited once, with what was done and never the caller's details.
        var audit = Assert.Single(await new AuditLogRepository(_db.Database).SearchAsync(new AuditQuery(Action: ReportAuditActions.FiledForResident), Ct));
        Assert.Equal((staff.Id, report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "192.0.2.1"), (audit.ActorId, audit.EntityId, audit.IpAddress));
        Assert.Equal("source=phone photos=1 photo-consent=False contact=given", audit.Detail);
        Assert.Equal(report.Id, (await service.FileForResidentAsync(Actor.For(staff, null), input, Ct)).Value!.Id);
        Assert.Single(await new AuditLogRepository(_db.Database).SearchAsync(new AuditQuery(Action: ReportAuditActions.FiledForResident), Ct));

        // The caller said no: the photo is never published.
        var photo = Assert.Single(await reports.PhotosAsync(report.Id, Ct));
        var publish = await service.SetPhotoPublishedAsync(Actor.For(staff, null), report.Id, photo.Id, true, Ct);
        Assert.Equal(ReportErrors.NoPhotoConsent, publish.Errors[0].ErrorMessage);
        Assert.False(Assert.Single(await reports.PhotosAsync(report.Id, Ct)).IsPublished);
    }

    [Fact]
    public async Task A_residents_photo_needs_their_answer_and_a_patrol_photo_is_staffs_own()
    {
        var service = Service();
        var staff = Actor.For(await StaffAsync(), null);

        var unasked = await service.FileForResidentAsync(staff, Call(IntakeSource.Counter, photos: 1), Ct);
        // On patrol nobody else is asked: an answer given all the same is not kept.
        var patrol = await service.FileForResidentAsync(staff, Call(IntakeSource.Patrol, photos: 1, consent: false), Ct);
        var agreed = await service.FileForResidentAsync(staff, Call(IntakeSource.Counter, photos: 1, consent: true), Ct);

        Assert.Equal([AssistedReportKeys.ConsentRequired], unasked.Errors.Select(e => e.ErrorMessage));
        Assert.True(patrol.Succeeded);
        Assert.Null((await service.IntakeAsync(staff, patrol.Value!.Id, Ct))!.PhotoConsent);
        var photo = Assert.Single(await new ReportRepository(_db.Database).PhotosAsync(agreed.Value!.Id, Ct));
        Assert.True((await service.SetPhotoPublishedAsync(staff, agreed.Value.Id, photo.Id, true, Ct)).Succeeded);
    }

    [Theory]
    [InlineData(null, "043-245-5111", "taro@example.jp", AssistedReportKeys.SourceRequired)]
    [InlineData(IntakeSource.Phone, "245-5111", "taro@example.jp", AssistedReportKeys.BadPhone)]
    [InlineData(IntakeSource.Phone, "043-245-5111 内線12", "taro@example.jp", AssistedReportKeys.BadPhone)]
    [InlineData(IntakeSource.Phone, "043-245-5111", "taro.example.jp", AssistedReportKeys.BadEmail)]
    public async Task What_cannot_be_used_is_refused_with_its_reason(IntakeSource? source, string phone, string email, string reason)
    {
        var input = Call(source);
        input.ContactPhone = phone;
        input.ContactEmail = email;

        var result = await Service().FileForResidentAsync(Actor.For(await StaffAsync(), null), input, Ct);

        Assert.Equal([reason], result.Errors.Select(e => e.ErrorMessage));
    }

    [Fact]
    public async Task Staff_file_only_in_a_ward_their_scope_covers()
    {
        var service = Service();

        var otherWard = await service.FileForResidentAsync(Actor.For(await StaffAsync("mihama"), null), Call(), Ct);

        Assert.Equal(ScopeErrors.OtherOffice, otherWard.Errors[0].ErrorMessage);
        Assert.Empty(await new AuditLogRepository(_db.Database).SearchAsync(new AuditQuery(Action: ReportAuditActions.FiledForResident), Ct));
    }
}
