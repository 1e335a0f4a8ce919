using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Notices reach a resident's open page live; admins send dead letters again.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class NotificationJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_move_a_report_and_the_reporter_s_bell_rises_without_a_reload_then_reading_clears_it()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var report = await Reports.ReportSeeds.SubmitAsync(app, "road-pothole", DateTimeOffset.UtcNow.AddDays(-1),
            $"歩道に穴があります {Guid.NewGuid().ToString("N")[..6]}", reporterId: resident.Id);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.SignInQuietlyAsync(resident);
        await phone.Page.GotoAsync("/reports/mine");
        await phone.WaitUntilReadyAsync();
        var bell = phone.Page.Locator(".notice-bell button[data-unread]");
        await Expect(bell).ToHaveAttributeAsync("data-unread", "0");
        // Set on this very document: still there afterwards means the page was never reloaded.
        await phone.Page.EvaluateAsync("() => window.__sameDocument = true");

        await StaffMoveAsync(staff, report.Id, ReportStatus.Accepted, thenOffered: ReportStatus.InProgress);

        await Expect(bell).ToHaveAttributeAsync("data-unread", "1");
        Assert.True(await phone.Page.EvaluateAsync<bool>("() => window.__sameDocument === true"));
        var subjectJa = string.Format(System.Globalization.CultureInfo.InvariantCulture, "ちばレポ No.{0} の状況が「{1}」になりました",
            report.Id, PortalText.Ja("PublicStatus_InProgress"));
        await bell.ClickAsync();
        await Expect(phone.Page.Locator(".notice-bell-subject").First).ToHaveTextAsync(subjectJa);
        await Expect(phone.Page.Locator(".notice-bell-subject").First).ToBeVisibleAsync();
        await phone.Page.GetByText(PortalText.Ja("Notices_SeeAll")).ClickAsync();
        await Expect(phone.Page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/notifications$"));

        await phone.CheckBothLanguagesAsync(async language =>
        {
            var subject = language == PortalBrowser.Japanese
                ? subjectJa
                : $"Report No. {report.Id} is now \"{PortalText.En("PublicStatus_InProgress")}\"";
            await Expect(phone.Page.Locator(".notice-subject").First).ToContainTextAsync(subject);
        });

        await phone.Page.Locator("[data-action=mark-read]").First.ClickAsync();
        await Expect(bell).ToHaveAttributeAsync("data-unread", "0");
        await Expect(phone.Page.Locator(".notice-dot")).ToHaveCountAsync(0);
        await phone.VisitAndCheckAsync("/settings/notifications", async _ =>
        {
            await Expect(phone.Page.Locator("[data-channel=Line]").First).ToHaveAttributeAsync("data-state", nameof(ChannelState.NotOffered));
            // A phone browser widens its layout to fit content that is too wide; the page must not make it.
            Assert.Equal(PortalBrowser.Phone.Width, await phone.Page.EvaluateAsync<int>("() => window.innerWidth"));
        });
    }

    /// <summary>A member of staff moves the report on its staff page, in a browser of their own, and sees the next move offered.</summary>
    private async Task StaffMoveAsync(UserAccount staff, long reportId, ReportStatus to, ReportStatus thenOffered)
    {
        await using var desk = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await desk.SignInQuietlyAsync(staff);
        await desk.Page.GotoAsync($"/staff/reports/{reportId}");
        await desk.WaitUntilReadyAsync();
        await desk.Page.Locator($".move-button[data-status={to}]").ClickAsync();
        await desk.Page.Locator("#move-confirm").ClickAsync();
        await Expect(desk.Page.Locator($".move-button[data-status={thenOffered}]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_resident_follows_someone_else_s_report_staff_move_it_and_the_follower_s_bell_tells_them()
    {
        var reporter = await app.CreateAccountAsync(Role.Resident);
        var follower = await app.CreateAccountAsync(Role.Resident);
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var report = await Reports.ReportSeeds.SubmitAsync(app, "road-pothole", DateTimeOffset.UtcNow.AddDays(-1),
            $"街灯の下に穴があります {Guid.NewGuid().ToString("N")[..6]}", reporterId: reporter.Id);
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.SignInQuietlyAsync(follower);
        await phone.Page.GotoAsync($"/reports/{report.Id}");
        await phone.WaitUntilReadyAsync();
        await phone.Page.Locator("#report-follow-button").ClickAsync();
        await Expect(phone.Page.Locator("#report-follow-button")).ToHaveAttributeAsync("aria-pressed", "true");
        var bell = phone.Page.Locator(".notice-bell button[data-unread]");
        await Expect(bell).ToHaveAttributeAsync("data-unread", "0");

        await StaffMoveAsync(staff, report.Id, ReportStatus.InProgress, thenOffered: ReportStatus.Fixed);

        await Expect(bell).ToHaveAttributeAsync("data-unread", "1");
        await bell.ClickAsync();
        await Expect(phone.Page.Locator(".notice-bell-subject").First).ToHaveTextAsync(
            string.Format(System.Globalization.CultureInfo.InvariantCulture, "フォロー中のちばレポ No.{0} が更新されました", report.Id));
    }

    [Fact]
    public async Task An_admin_sends_a_dead_letter_again_the_retry_is_audited_and_the_notice_arrives()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        var admin = await app.CreateAccountAsync(Role.Admin);
        var key = $"points:dead:{Guid.NewGuid():N}";
        await app.Services.GetRequiredService<INoticeOutbox>().EnqueueAsync(new Notice(NoticeKind.PointsExpiring, new NoticeRecipient.Account(resident.Id), key,
            new Dictionary<string, string> { ["points"] = "500", ["expiryDate"] = "2027-03-31" }, "/points"), Ct);
        var db = app.Services.GetRequiredService<PortalDatabase>();
        long deliveryId;
        await using (var connection = await db.OpenAsync(Ct))
        {
            // The worker may already have sent it: make it a dead letter either way.
            deliveryId = await connection.ExecuteScalarAsync<long>(
                "SELECT d.Id FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = @key", new { key });
            await connection.ExecuteAsync("UPDATE NoticeDelivery SET Status = 'Dead', Attempts = 8, LastError = 'gave up after 8 attempts: test' WHERE Id = @deliveryId",
                new { deliveryId });
        }
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(admin);

        await browser.VisitAndCheckAsync("/admin/notifications", _ => browser.WaitForTableRowsAsync());
        await browser.Page.Locator($"[data-action=retry][data-delivery='{deliveryId}']").ClickAsync();

        var deliveries = app.Services.GetRequiredService<INoticeDeliveryRepository>();
        await Expect(browser.Page.Locator($"[data-action=retry][data-delivery='{deliveryId}']")).ToHaveCountAsync(0);
        var audit = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(
            new AuditQuery(EntityType: NoticeAuditActions.Entity, EntityId: deliveryId.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct);
        Assert.Contains(audit, e => e.Action == NoticeAuditActions.DeliveryRetried && e.ActorId == admin.Id);
        // The worker, woken by the retry, delivers it.
        var inbox = app.Services.GetRequiredService<INoticeInbox>();
        await Eventually.TrueAsync(async () => await inbox.CountUnreadAsync(resident.Id, Ct) > 0, what: "the retried notice is delivered");
        Assert.Equal(1, await inbox.CountUnreadAsync(resident.Id, Ct));
        var entry = Assert.Single(await deliveries.SearchAsync(new DeliveryFilter(Recipient: resident.Email), Ct));
        Assert.Equal((DeliveryStatus.Sent, 1), (entry.Status, entry.Attempts));
    }
}
