using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Data.Notifications;
using Portal.Core.Support;
using Portal.Tests.Infrastructure;
using Portal.Tests.Reports;

namespace Portal.Tests.Support;

/// <summary>Opening a resident through the running portal's services and database: refused without a reason, audited with one.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ResidentSupportServiceTests(PortalAppFactory app)
{
    private ResidentSupportService Support => app.Services.GetRequiredService<ResidentSupportService>();

    private Task<IReadOnlyList<AuditEntry>> OpeningsOfAsync(UserAccount resident) =>
        app.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(Action: SupportAuditActions.Opened, EntityType: SupportAuditActions.Entity,
            EntityId: resident.Id.ToString(CultureInfo.InvariantCulture)), TestContext.Current.CancellationToken);

    [Fact]
    public async Task Opening_without_a_reason_shows_and_records_nothing()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var resident = await app.CreateAccountAsync(Role.Resident);

        var opening = await Support.OpenAsync(Actor.For(staff, "127.0.0.1"), resident.Id, "電話", TestContext.Current.CancellationToken);

        Assert.Equal(SupportRefusal.ReasonRequired, opening.Refusal);
        Assert.Null(opening.View);
        Assert.Empty(await OpeningsOfAsync(resident));
    }

    [Fact]
    public async Task Opening_with_a_reason_records_it_and_shows_the_residents_reports()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var resident = await app.CreateAccountAsync(Role.Resident);
        var report = await ReportSeeds.SubmitAsync(app, "road-street-light", DateTimeOffset.UtcNow.AddDays(-1), "公園の街灯が消えています", reporterId: resident.Id);

        var opening = await Support.OpenAsync(Actor.For(staff, "127.0.0.1"), resident.Id, " 電話での問い合わせ対応 ", TestContext.Current.CancellationToken);

        var view = Assert.IsType<ResidentSupportView>(opening.View);
        Assert.Equal(report.Id, Assert.Single(view.Reports).Id);
        Assert.Equal(0, view.PointBalance);
        Assert.Equal(SectionAccess.NotForRole, view.Sections.ForYou);
        var entry = Assert.Single(await OpeningsOfAsync(resident));
        Assert.Equal(staff.Id, entry.ActorId);
        Assert.Equal("電話での問い合わせ対応", entry.Detail);
    }

    [Fact]
    public async Task Admins_see_for_you_notices_only_while_the_resident_consents_to_the_register()
    {
        var admin = await app.CreateAccountAsync(Role.Admin);
        var resident = await app.CreateAccountAsync(Role.Resident);
        var ct = TestContext.Current.CancellationToken;

        var before = await Support.OpenAsync(Actor.For(admin, null), resident.Id, "窓口での本人確認済み", ct);
        await app.Services.GetRequiredService<IConsentStore>().GiveAsync(resident.Id, ConsentPurpose.Register, ConsentTexts.CurrentVersion, ct);
        var after = await Support.OpenAsync(Actor.For(admin, null), resident.Id, "窓口での本人確認済み", ct);

        Assert.Equal(SectionAccess.NoConsent, before.View!.Sections.ForYou);
        Assert.Equal(SectionAccess.Shown, after.View!.Sections.ForYou);
        Assert.Equal(2, (await OpeningsOfAsync(resident)).Count);
    }

    [Fact]
    public async Task Admins_see_only_the_benefit_notices_sent_to_a_consenting_resident()
    {
        var admin = await app.CreateAccountAsync(Role.Admin);
        var resident = await app.CreateAccountAsync(Role.Resident);
        var ct = TestContext.Current.CancellationToken;
        await app.Services.GetRequiredService<IConsentStore>().GiveAsync(resident.Id, ConsentPurpose.Register, ConsentTexts.CurrentVersion, ct);
        var outbox = app.Services.GetRequiredService<INoticeOutbox>();
        await outbox.EnqueueAsync(new Notice(NoticeKind.BenefitNewlyEligible, new NoticeRecipient.Account(resident.Id), $"test:{Guid.NewGuid():N}",
            new Dictionary<string, string> { ["benefitName"] = "子ども医療費助成" }, "/for-you"), ct);
        await outbox.EnqueueAsync(new Notice(NoticeKind.PointsExpiring, new NoticeRecipient.Account(resident.Id), $"test:{Guid.NewGuid():N}",
            new Dictionary<string, string> { ["points"] = "500", ["expiryDate"] = "2027-03-31" }, "/points"), ct);
        // The portal's delivery worker puts both into the resident's notification centre; woken as enqueuers wake it,
        // instead of waiting for its next poll.
        app.Services.GetRequiredService<IOutboxSignal>().Notify();
        var inbox = app.Services.GetRequiredService<INoticeInbox>();
        await Eventually.TrueAsync(async () => await inbox.CountAsync(resident.Id, ct) >= 2, what: "both notices reach the notification centre");
        Assert.Equal(2, await inbox.CountAsync(resident.Id, ct));

        var opening = await Support.OpenAsync(Actor.For(admin, null), resident.Id, "電話での問い合わせ対応", ct);

        var notice = Assert.Single(opening.View!.BenefitNotices);
        Assert.Equal("子ども医療費助成", notice.Values["benefitName"]);
    }

    [Fact]
    public async Task Staff_accounts_cannot_be_opened_as_residents()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var other = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");

        var opening = await Support.OpenAsync(Actor.For(staff, null), other.Id, "電話での問い合わせ対応", TestContext.Current.CancellationToken);

        Assert.Equal(SupportRefusal.NotAResident, opening.Refusal);
        Assert.Empty(await OpeningsOfAsync(other));
    }
}
