using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications.Email;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A resident whose verified e-mail address receives notices switches one kind off for e-mail on their phone: the
/// page says it is saved, it is still off after a reload, and the next notice of that kind is not sent by e-mail
/// while other kinds are. The portal here has e-mail (its mail server on 127.0.0.1) and no Web Push.
/// </summary>
public sealed class NotificationSettingsJourneyTests(ChromiumFixture chromium) : IAsyncLifetime
{
    private readonly LocalSmtpServer _smtp = new();
    private PortalAppFactory _app = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        _app = PortalAppFactory.With(_smtp.PortalSettings(("Notifications:WebPush:Enabled", "false")));
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.DisposeAsync();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_switch_moved_on_the_phone_is_saved_survives_a_reload_and_the_outbox_follows_it()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var app = _app;
        var resident = await app.CreateAccountAsync(Role.Resident);
        var db = app.Services.GetRequiredService<PortalDatabase>();
        await using (var connection = await db.OpenAsync(Ct))
            await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @now WHERE Id = @Id", new { resident.Id, now = DateTimeOffset.UtcNow });
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await phone.SignInQuietlyAsync(resident);
        var page = phone.Page;
        var email = page.Locator($"input[data-kind={NoticeKind.PointsExpiring}][data-channel={NoticeChannel.Email}]");

        await phone.VisitAndCheckAsync("/settings/notifications", async language =>
        {
            await Expect(page.Locator("li.notice-channel[data-channel=Email]")).ToHaveAttributeAsync("data-status", nameof(ChannelStatus.On));
            await Expect(page.Locator("li.notice-channel[data-channel=Email] .notice-channel-status")).ToHaveTextAsync(PortalText.Get("NoticePrefs_Status_On", language));
            // Not configured here: said in words, with no switch for it anywhere.
            await Expect(page.Locator("li.notice-channel[data-channel=WebPush]")).ToHaveAttributeAsync("data-status", nameof(ChannelStatus.NotOffered));
            await Expect(page.Locator("li.notice-channel[data-channel=WebPush] .notice-channel-reason")).ToHaveTextAsync(PortalText.Get("NoticePrefs_Reason_WebPush_NotOffered", language));
            await Expect(page.Locator("input[data-channel=WebPush], input[data-channel=Line], input[data-channel=InApp]")).ToHaveCountAsync(0);
            // For You is not set up for this resident, so its notice is not one to choose yet.
            await Expect(page.Locator("li.notice-kind[data-kind=BenefitNewlyEligible]")).ToHaveCountAsync(0);
            await Expect(email).ToBeCheckedAsync();
        });

        await email.UncheckAsync();
        var what = string.Format(PortalText.Get("NoticePrefs_Switch", phone.Language), PortalText.Get("NoticeKind_PointsExpiring", phone.Language),
            PortalText.Get("NoticeChannel_Email", phone.Language));
        await Expect(page.Locator($"[data-testid=status-{NoticeKind.PointsExpiring}]")).ToHaveTextAsync(
            string.Format(PortalText.Get("NoticePrefs_SavedSwitch", phone.Language), what, PortalText.Get("NoticePrefs_Status_Off", phone.Language)));

        await page.ReloadAsync();
        await phone.WaitUntilReadyAsync();
        await Expect(email).Not.ToBeCheckedAsync();
        await Expect(page.Locator($"input[data-kind={NoticeKind.ReportStatusChanged}][data-channel={NoticeChannel.Email}]")).ToBeCheckedAsync();

        var outbox = app.Services.GetRequiredService<INoticeOutbox>();
        var points = $"points:settings:{Guid.NewGuid():N}";
        var report = $"report:settings:{Guid.NewGuid():N}";
        await outbox.EnqueueAsync(new Notice(NoticeKind.PointsExpiring, new NoticeRecipient.Account(resident.Id), points,
            new Dictionary<string, string> { ["points"] = "500", ["expiryDate"] = "2027-03-31" }, "/points"), Ct);
        await outbox.EnqueueAsync(new Notice(NoticeKind.ReportStatusChanged, new NoticeRecipient.Account(resident.Id), report,
            new Dictionary<string, string> { ["reportId"] = "1", ["category"] = "road-pothole", ["status"] = "InProgress" }, "/reports/1"), Ct);
        await using var check = await db.OpenAsync(Ct);
        const string channels = "SELECT d.Channel FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = @key ORDER BY d.Channel";
        Assert.Equal(["InApp"], await check.QueryAsync<string>(channels, new { key = points }));
        Assert.Equal(["Email", "InApp"], await check.QueryAsync<string>(channels, new { key = report }));
    }
}
