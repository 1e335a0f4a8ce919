using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Routing;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Offices;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Routing;

/// <summary>A stand-in for the host's data protection: a secret it sealed opens only for the same purpose.</summary>
internal sealed class TestSecretProtector : ISecretProtector
{
    public string Protect(string purpose, string secret) => $"sealed:{purpose}:{Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(secret))}";

    public string? Unprotect(string purpose, string protectedText) =>
        protectedText.StartsWith($"sealed:{purpose}:", StringComparison.Ordinal)
            ? System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(protectedText[$"sealed:{purpose}:".Length..])) : null;
}

/// <summary>Routing and referral over a real database (SQLite always; SQL Server with its variable), through the services.</summary>
internal sealed class RoutingFixture(PortalDatabase db, FakeTimeProvider time, ActiveChannels channels)
{
    public PortalDatabase Db => db;
    public FakeTimeProvider Time => time;
    public ReportRoutingRepository Routing { get; } = new(db);
    public NoticeOutbox Outbox { get; } = new(db, channels, time);
    public NotificationOptions Links { get; } = new() { PublicBaseUrl = "https://portal.example.jp", MaxAttempts = 3 };
    public TestSecretProtector Protector { get; } = new();

    public ReportService Reports => TestReportServices.Create(db, time, Outbox, router: new ReportRouter(Routing));

    public ReportRoutingService Service => new(Routing, new ReportRepository(db, time, Outbox), new ReportCategoryRepository(db), new OfficeRepository(db),
        new UserAccountRepository(db), Reports, new StaffScopes(new UserAccountRepository(db)), new AuditTrail(new AuditLogRepository(db), time), time,
        Protector, Links);

    public async Task<UserAccount> AccountAsync(Role role, string? office = "chuo")
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", role, role == Role.Staff ? office : null, time.GetUtcNow());
        await new UserAccountRepository(db).CreateAsync(account, CancellationToken.None);
        return account;
    }

    public async Task<ReportSection> SectionAsync(Actor admin, string code, string? ward) =>
        (await Service.SaveSectionAsync(admin, new SectionInput { Code = code, Name = new() { ["ja"] = $"{code} 事務所", ["en"] = $"{code} office" }, WardId = ward },
            CancellationToken.None)).Value!;

    public async Task<OutsideBody> BodyAsync(Actor admin, ReferralDelivery delivery, string destination, string? secret = null) =>
        (await Service.SaveBodyAsync(admin, new OutsideBodyInput
        {
            Code = $"body-{Guid.NewGuid():N}"[..20], Name = new() { ["ja"] = "千葉県 千葉土木事務所", ["en"] = "Chiba Prefecture Chiba Road Office" },
            Kind = OutsideBodyKind.PrefectureRoadOffice, Delivery = delivery,
            Email = delivery == ReferralDelivery.Email ? destination : null, WebhookUrl = delivery == ReferralDelivery.Webhook ? destination : null, NewSecret = secret,
        }, CancellationToken.None)).Value!;

    public static ReportDraft Draft(string category = "road-pothole", double latitude = 35.6083, double longitude = 140.1233) => new()
    {
        CategoryCode = category, Description = "国道の歩道に穴があります", Latitude = latitude, Longitude = longitude,
    };

    public async Task<List<(string DedupKey, string Kind, long? AccountId, string ValuesJson)>> NoticesAsync()
    {
        await using var connection = await db.OpenAsync(CancellationToken.None);
        return (await connection.QueryAsync<(string, string, long?, string)>("SELECT DedupKey, Kind, AccountId, ValuesJson FROM Notice ORDER BY Id")).ToList();
    }
}

public sealed class ReportRoutingContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static (TestDatabase Test, RoutingFixture Fixture) Open(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        var test = TestDatabase.Create(provider);
        return (test, new RoutingFixture(test.Database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero)),
            ActiveChannels.Of(NoticeChannel.Email, NoticeChannel.Webhook)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sections_routes_and_bodies_are_kept_as_saved_and_audited(DatabaseProvider provider)
    {
        var (test, f) = Open(provider);
        using var _ = test;
        var admin = Actor.For(await f.AccountAsync(Role.Admin), "192.0.2.1");
        var section = await f.SectionAsync(admin, "doboku-chuo-mihama", "chuo");
        var other = await f.SectionAsync(admin, "koen-chuo-mihama", "mihama");

        Assert.False((await f.Service.SaveSectionAsync(admin, new SectionInput { Code = "doboku-chuo-mihama", Name = new() { ["ja"] = "重複" } }, Ct)).Succeeded);
        Assert.True((await f.Service.SetRouteAsync(admin, "road-pothole", null, section.Id, Ct)).Succeeded);
        Assert.True((await f.Service.SetRouteAsync(admin, "road-pothole", "mihama", other.Id, Ct)).Succeeded);
        Assert.True((await f.Service.SetRouteAsync(admin, "road-pothole", "mihama", section.Id, Ct)).Succeeded);
        Assert.True((await f.Service.SetRouteAsync(admin, "park-bench", "chuo", other.Id, Ct)).Succeeded);
        Assert.True((await f.Service.SetRouteAsync(admin, "park-bench", "chuo", null, Ct)).Succeeded);
        Assert.False((await f.Service.SetRouteAsync(admin, "road-pothole", "atlantis", section.Id, Ct)).Succeeded);

        Assert.Equal([new ReportRoute("road-pothole", null, section.Id), new ReportRoute("road-pothole", "mihama", section.Id)],
            (await f.Routing.RoutesAsync(Ct)).Where(r => r.SectionId == section.Id || r.SectionId == other.Id).OrderBy(r => r.WardId).ToList());
        var stored = (await f.Routing.SectionsAsync(Ct)).Single(s => s.Id == section.Id);
        Assert.Equal(("chuo", "doboku-chuo-mihama 事務所", "doboku-chuo-mihama office"), (stored.WardId, stored.Name.Japanese, stored.Name.Exact("en")));

        var body = await f.BodyAsync(admin, ReferralDelivery.Webhook, "https://hooks.example.jp/chiba", "first-secret-0123456789");
        var kept = (await f.Service.SaveBodyAsync(admin, OutsideBodyInput.From(body), Ct)).Value!;
        Assert.Equal("first-secret-0123456789", f.Service.OpenSecret(kept));
        Assert.DoesNotContain("first-secret", kept.SealedSecret);
        Assert.Equal("…6789", f.Service.SecretHint(kept));
        var changed = OutsideBodyInput.From(kept);
        changed.NewSecret = "second-secret-ABCDEFGHIJ";
        Assert.Equal("second-secret-ABCDEFGHIJ", f.Service.OpenSecret((await f.Service.SaveBodyAsync(admin, changed, Ct)).Value!));

        await using var connection = await f.Db.OpenAsync(Ct);
        var audited = (await connection.QueryAsync<(string Action, string Detail)>(
            "SELECT Action, Detail FROM AuditEntry WHERE ActorId = @id ORDER BY Id", new { id = admin.AccountId })).ToList();
        Assert.Equal(2, audited.Count(a => a.Action == RoutingAuditActions.SectionSaved));
        Assert.Equal(5, audited.Count(a => a.Action == RoutingAuditActions.RouteSaved));
        Assert.Equal(3, audited.Count(a => a.Action == RoutingAuditActions.BodySaved));
        // The secret itself is never written to the audit trail.
        Assert.DoesNotContain(audited, a => a.Detail.Contains("secret-0123") || a.Detail.Contains("ABCDEFGHIJ"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reports_are_routed_when_they_come_in_and_again_when_their_ward_is_corrected(DatabaseProvider provider)
    {
        var (test, f) = Open(provider);
        using var _ = test;
        var admin = Actor.For(await f.AccountAsync(Role.Admin), null);
        var cityWide = await f.SectionAsync(admin, $"doboku-{Guid.NewGuid():N}"[..20], null);
        var mihama = await f.SectionAsync(admin, $"doboku-{Guid.NewGuid():N}"[..20], "mihama");
        await f.Service.SetRouteAsync(admin, "litter-dumping", null, cityWide.Id, Ct);
        await f.Service.SetRouteAsync(admin, "litter-dumping", "mihama", mihama.Id, Ct);
        var resident = await f.AccountAsync(Role.Resident);
        var staff = await f.AccountAsync(Role.Staff, "chuo");
        var staffActor = Actor.For(staff, null);

        var report = (await f.Reports.SubmitAsync(RoutingFixture.Draft("litter-dumping"), resident, "web", Ct)).Value!;
        Assert.Equal("chuo", report.WardId);
        Assert.Equal(cityWide.Id, await f.Routing.SectionOfAsync(report.Id, Ct));
        var partner = (await f.Reports.SubmitFromPartnerAsync(RoutingFixture.Draft("litter-dumping"), null, "open311", Ct)).Value!;
        Assert.Equal(cityWide.Id, await f.Routing.SectionOfAsync(partner.Id, Ct));
        var unrouted = (await f.Reports.SubmitAsync(RoutingFixture.Draft("other-graffiti"), resident, "web", Ct)).Value!;
        Assert.Null(await f.Routing.SectionOfAsync(unrouted.Id, Ct));

        Assert.True((await f.Reports.CorrectWardAsync(staffActor, report.Id, "mihama", Ct)).Succeeded);
        Assert.Equal(mihama.Id, await f.Routing.SectionOfAsync(report.Id, Ct));

        // The section inbox: an admin filters by section.
        var inbox = await f.Reports.InboxAsync(admin, new InboxFilter(SectionId: mihama.Id), Ct);
        Assert.Equal([report.Id], inbox.Select(r => r.Id));

        // Staff re-route by hand: a history line and the audit; another ward's staff may not.
        var other = await f.AccountAsync(Role.Staff, "wakaba");
        Assert.False((await f.Service.RerouteAsync(Actor.For(other, null), partner.Id, mihama.Id, Ct)).Succeeded);
        Assert.True((await f.Service.RerouteAsync(staffActor, partner.Id, mihama.Id, Ct)).Succeeded);
        Assert.Equal(mihama.Id, await f.Routing.SectionOfAsync(partner.Id, Ct));
        var line = (await new ReportRepository(f.Db).HistoryAsync(partner.Id, Ct)).Last();
        Assert.Equal((ReportUpdateKind.Routed, $"{cityWide.Code} → {mihama.Code}"), (line.Kind, line.InternalNote));

        // Staff belong to a section, set by an admin; a resident cannot.
        Assert.True((await f.Service.SetStaffSectionAsync(admin, staff.Id, mihama.Id, Ct)).Succeeded);
        Assert.False((await f.Service.SetStaffSectionAsync(admin, resident.Id, mihama.Id, Ct)).Succeeded);
        Assert.Equal(mihama.Id, await f.Service.StaffSectionAsync(staff.Id, Ct));
        Assert.True((await f.Service.SetStaffSectionAsync(admin, staff.Id, null, Ct)).Succeeded);
        Assert.Null(await f.Service.StaffSectionAsync(staff.Id, Ct));

        var handler = await f.Service.HandlerAsync((await new ReportRepository(f.Db).GetAsync(report.Id, Ct))!, Ct);
        Assert.Equal((mihama.Id, "美浜区役所"), (handler.Section!.Id, handler.SectionWard!.Japanese));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_referral_moves_the_report_tells_the_reporter_who_handles_it_and_sends_it_to_the_body(DatabaseProvider provider)
    {
        var (test, f) = Open(provider);
        using var _ = test;
        var admin = Actor.For(await f.AccountAsync(Role.Admin), null);
        var body = await f.BodyAsync(admin, ReferralDelivery.Email, "road@pref.chiba.example");
        var resident = await f.AccountAsync(Role.Resident);
        var staff = Actor.For(await f.AccountAsync(Role.Staff, "chuo"), null);
        var report = (await f.Reports.SubmitAsync(RoutingFixture.Draft(), resident, "web", Ct)).Value!;

        var refused = await f.Service.ReferAsync(Actor.For(await f.AccountAsync(Role.Staff, "midori"), null), report.Id,
            new ReferralInput { OutsideBodyId = body.Id }, Ct);
        Assert.Equal(ScopeErrors.OtherOffice, Assert.Single(refused.Errors).ErrorMessage);

        var referred = await f.Service.ReferAsync(staff, report.Id, new ReferralInput { OutsideBodyId = body.Id, Message = "国道16号のため県の管理です" }, Ct);
        Assert.True(referred.Succeeded);
        Assert.Equal(ReportStatus.Referred, (await new ReportRepository(f.Db).GetAsync(report.Id, Ct))!.Status);

        var notices = await f.NoticesAsync();
        // The reporter hears who handles it now instead of the plain status notice (and, as for any closing, "is it fixed?").
        Assert.DoesNotContain(notices, n => n.Kind == nameof(NoticeKind.ReportStatusChanged));
        var toReporter = Assert.Single(notices, n => n.AccountId == resident.Id && n.Kind == nameof(NoticeKind.ReportReferred));
        var reporterValues = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(toReporter.ValuesJson)!;
        Assert.Equal(("千葉県 千葉土木事務所", "Chiba Prefecture Chiba Road Office"), (reporterValues["body"], reporterValues["body.en"]));
        var toBody = Assert.Single(notices, n => n.Kind == nameof(NoticeKind.ReportReferral));
        Assert.Equal(referred.Value!.NoticeKey, toBody.DedupKey);
        var bodyValues = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(toBody.ValuesJson)!;
        Assert.Equal(("国道の歩道に穴があります", "国道16号のため県の管理です"), (bodyValues["description"], bodyValues["message"]));

        var record = Assert.Single(await f.Service.ReferralsAsync(staff, report.Id, Ct));
        Assert.Equal((body.Id, ReferralDeliveryState.Pending, "国道16号のため県の管理です"), (record.OutsideBodyId, record.State, record.Message));
        Assert.Equal(body.Id, (await f.Service.HandlerAsync(report.Id, ReportStatus.Referred, Ct)).Body!.Id);

        // The workflow decides: a referred report cannot be referred again.
        Assert.Equal(ReportErrors.NotAllowedMove,
            Assert.Single((await f.Service.ReferAsync(staff, report.Id, new ReferralInput { OutsideBodyId = body.Id }, Ct)).Errors).ErrorMessage);
        Assert.Single(await f.Service.ReferralsAsync(staff, report.Id, Ct));
    }
}
