using System.Globalization;
using System.Security.Claims;
using AngleSharp.Html.Dom;
using Bunit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Notifications;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Accounts;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>
/// The resident's notice settings in every language: each channel on, off or not offered with its reason, only the
/// kinds the resident can receive, a switch only where it changes something, each switch saved at once, and a save
/// that fails saying so.
/// </summary>
public sealed class NotificationSettingsPageTests : BunitContext
{
    private static readonly HashSet<NoticeChannel> AllChannels = [NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush];
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly CultureInfo _culture = CultureInfo.CurrentCulture, _uiCulture = CultureInfo.CurrentUICulture;
    private readonly FlakyPreferences _preferences;
    private long _accountId;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string> Languages => new(OfferedLanguages.Standard.All);

    public NotificationSettingsPageTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        _preferences = new FlakyPreferences(new NoticePreferenceRepository(_db.Database));
        Services.AddPortalLocalization();
        Services.AddMudServices();
        Services.AddSingleton(new PointsOptions());
        Services.AddSingleton(new AccountService(new UserAccountRepository(_db.Database), new AspNetPasswordHasher(),
            new AuditTrail(new AuditLogRepository(_db.Database), time), time, LockoutPolicy.Default, TestNotices.Queue(_db.Database, time)));
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The channel cards (verify e-mail, link LINE, subscribe this device) have their own tests; here they stand aside.
        ComponentFactories.AddStub<EmailChannelCard>();
        ComponentFactories.AddStub<LineChannelCard>();
        ComponentFactories.AddStub<PushChannelCard>();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        CultureInfo.CurrentCulture = _culture;
        CultureInfo.CurrentUICulture = _uiCulture;
        _db.Dispose();
        return base.DisposeAsyncCore();
    }

    private static string T(string culture, string key, params object[] args) =>
        string.Format(CultureInfo.GetCultureInfo(culture), PortalText.Get(key, culture), args);

    /// <summary>The reader's language, set by the test itself: a culture set inside an async helper ends with the helper.</summary>
    private static void Speak(string culture) => CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);

    private async Task<IRenderedComponent<NotificationSettings>> RenderAsync(ChannelOffer offer, bool emailVerified = false)
    {
        if (_accountId == 0)
        {
            _accountId = await NoticeDeliveryRepositoryContractTests.ResidentAsync(_db.Database, $"{Guid.NewGuid():N}@example.jp");
            if (emailVerified)
            {
                await using var connection = await _db.Database.OpenAsync(Ct);
                await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = '2026-11-01T00:00:00.0000000Z' WHERE Id = @_accountId", new { _accountId });
            }
            Services.AddSingleton(new NoticeSettingsService(_preferences, offer));
            AddAuthorization().SetAuthorized("千葉 花子").SetRoles("Resident")
                .SetClaims(new Claim(ClaimTypes.NameIdentifier, _accountId.ToString(CultureInfo.InvariantCulture)));
            Render<MudPopoverProvider>();
        }
        var page = Render<NotificationSettings>();
        page.WaitForElement(".notice-kinds");
        return page;
    }

    private static (string Status, string State, string Text) Channel(IRenderedComponent<NotificationSettings> page, NoticeChannel channel)
    {
        var li = page.Find($"li.notice-channel[data-channel={channel}]");
        return (li.GetAttribute("data-status")!, li.GetAttribute("data-state")!, li.QuerySelector(".notice-channel-reason")!.ShownText());
    }

    private static IHtmlInputElement Switch(IRenderedComponent<NotificationSettings> page, NoticeKind kind, NoticeChannel channel) =>
        (IHtmlInputElement)page.Find($"input[data-kind={kind}][data-channel={channel}]");

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Without_configuration_the_page_says_why_only_in_app_reaches_the_resident_and_offers_no_switch(string culture)
    {
        Speak(culture);
        var page = await RenderAsync(new ChannelOffer(new HashSet<NoticeChannel>(), LineLinking: false));

        Assert.Equal(("On", "Ready", T(culture, "NoticePrefs_Reason_InApp_Ready")), Channel(page, NoticeChannel.InApp));
        Assert.Equal(("NotOffered", "NotOffered", T(culture, "NoticePrefs_Reason_Email_NotOffered")), Channel(page, NoticeChannel.Email));
        Assert.Equal(("NotOffered", "NotOffered", T(culture, "NoticePrefs_Reason_Line_NotOffered")), Channel(page, NoticeChannel.Line));
        Assert.Equal(("NotOffered", "NotOffered", T(culture, "NoticePrefs_Reason_WebPush_NotOffered")), Channel(page, NoticeChannel.WebPush));
        Assert.Equal(T(culture, "NoticePrefs_Status_NotOffered"), page.Find("li[data-channel=Email] .notice-channel-status").ShownText());
        // No control that cannot do anything: no switch, no button, no card for a channel that is not there.
        Assert.Empty(page.FindAll("input[type=checkbox]"));
        Assert.Empty(page.FindAll("button"));
        Assert.Empty(page.FindComponents<Bunit.TestDoubles.Stub<EmailChannelCard>>());
        Assert.Empty(page.FindComponents<Bunit.TestDoubles.Stub<PushChannelCard>>());
        Assert.Equal(T(culture, "NoticePrefs_KindsInAppOnly"), page.Find("[data-testid=notice-kinds-lead]").ShownText());
        // Queue (2), report status, "is it fixed?", followed reports, area alerts, supporter reminder and cancellation, points: For
        // You needs its consent.
        Assert.Equal(10, page.FindAll("li.notice-kind").Count);
        Assert.Equal(T(culture, "NoticePrefs_When_PointsExpiring", 30), page.Find("li[data-kind=PointsExpiring] .notice-kind-when").ShownText());
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task Offered_channels_the_resident_has_not_set_up_are_off_with_what_to_do_and_still_no_switch(string culture)
    {
        Speak(culture);
        var page = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: true));

        Assert.Equal(("Off", "VerifyEmailFirst", T(culture, "NoticePrefs_Reason_Email_VerifyEmailFirst")), Channel(page, NoticeChannel.Email));
        Assert.Equal(("Off", "NotLinked", T(culture, "NoticePrefs_Reason_Line_NotLinked")), Channel(page, NoticeChannel.Line));
        Assert.Equal(("Off", "NoDevice", T(culture, "NoticePrefs_Reason_WebPush_NoDevice")), Channel(page, NoticeChannel.WebPush));
        Assert.Equal([("settings/notifications#channel-email", T(culture, "NoticePrefs_Action_VerifyEmail")),
            ("settings/notifications#channel-line", T(culture, "NoticePrefs_Action_LinkLine")),
            ("settings/notifications#channel-push", T(culture, "NoticePrefs_Action_AddDevice"))],
            page.FindAll(".notice-channel-action").Select(a => (a.GetAttribute("href")!, a.ShownText())));
        // The cards that do what the states ask for (verify, link, subscribe) are where the links lead.
        Assert.NotNull(page.Find("#channel-email"));
        Assert.Single(page.FindComponents<Bunit.TestDoubles.Stub<EmailChannelCard>>());
        Assert.Single(page.FindComponents<Bunit.TestDoubles.Stub<LineChannelCard>>());
        Assert.Single(page.FindComponents<Bunit.TestDoubles.Stub<PushChannelCard>>());
        Assert.Empty(page.FindAll("input[type=checkbox]"));
    }

    [Fact]
    public async Task LINE_that_can_send_but_cannot_be_linked_here_is_not_offered_and_says_why()
    {
        Speak(PortalCultures.Japanese);
        var page = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: false));

        Assert.Equal(("NotOffered", "LinkingNotOffered", T("ja", "NoticePrefs_Reason_Line_LinkingNotOffered")), Channel(page, NoticeChannel.Line));
        Assert.Empty(page.FindAll("li[data-channel=Line] .notice-channel-action"));
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_switch_is_saved_the_moment_it_moves_says_so_and_is_still_off_when_the_page_opens_again(string culture)
    {
        Speak(culture);
        var page = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: true), emailVerified: true);
        Assert.Equal("On", Channel(page, NoticeChannel.Email).Status);
        Assert.All(page.FindAll("input[type=checkbox]"), box => Assert.Equal("Email", box.GetAttribute("data-channel")));
        Assert.Equal(10, page.FindAll("input[type=checkbox]").Count);
        Assert.True(Switch(page, NoticeKind.PointsExpiring, NoticeChannel.Email).IsChecked);

        Switch(page, NoticeKind.PointsExpiring, NoticeChannel.Email).Change(false);

        var what = T(culture, "NoticePrefs_Switch", T(culture, "NoticeKind_PointsExpiring"), T(culture, "NoticeChannel_Email"));
        page.WaitForAssertion(() => Assert.Equal(T(culture, "NoticePrefs_SavedSwitch", what, T(culture, "NoticePrefs_Status_Off")),
            page.Find("[data-testid=status-PointsExpiring]").ShownText()));
        Assert.Equal([(NoticeKind.PointsExpiring, NoticeChannel.Email)], (await _preferences.GetAsync(_accountId, Ct)).SwitchedOff);
        page.Dispose();

        var again = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: true));
        Assert.False(Switch(again, NoticeKind.PointsExpiring, NoticeChannel.Email).IsChecked);
        Assert.True(Switch(again, NoticeKind.ReportStatusChanged, NoticeChannel.Email).IsChecked);
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_save_that_fails_says_so_and_puts_the_switch_back_as_it_is_stored(string culture)
    {
        Speak(culture);
        var page = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: true), emailVerified: true);
        Switch(page, NoticeKind.ReportStatusChanged, NoticeChannel.Email).Change(false);
        page.WaitForAssertion(() => Assert.Contains(T(culture, "NoticePrefs_Status_Off"), page.Find("[data-testid=status-ReportStatusChanged]").ShownText()));
        _preferences.FailSaves = true;

        Switch(page, NoticeKind.PointsExpiring, NoticeChannel.Email).Change(false);

        var what = T(culture, "NoticePrefs_Switch", T(culture, "NoticeKind_PointsExpiring"), T(culture, "NoticeChannel_Email"));
        page.WaitForAssertion(() => Assert.Equal(T(culture, "NoticePrefs_SaveFailed", what, T(culture, "NoticePrefs_Status_On")),
            page.Find("[data-testid=status-PointsExpiring]").ShownText()));
        Assert.Contains("notice-save-failed", page.Find("[data-testid=status-PointsExpiring]").ClassName);
        Assert.True(Switch(page, NoticeKind.PointsExpiring, NoticeChannel.Email).IsChecked);
        // The rest of the screen is as it was: the switch saved before stays off.
        Assert.False(Switch(page, NoticeKind.ReportStatusChanged, NoticeChannel.Email).IsChecked);
        Assert.Equal([(NoticeKind.ReportStatusChanged, NoticeChannel.Email)], (await _preferences.GetAsync(_accountId, Ct)).SwitchedOff);
    }

    [Fact]
    public async Task The_For_You_notice_shows_only_once_For_You_looks_for_the_resident_and_otherwise_says_how_to_get_it()
    {
        Speak(PortalCultures.Japanese);
        var page = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: true), emailVerified: true);
        Assert.Empty(page.FindAll("li[data-kind=BenefitNewlyEligible]"));
        var hidden = page.Find("[data-hidden-kind=BenefitNewlyEligible]");
        Assert.Equal("/for-you", hidden.QuerySelector("a")!.GetAttribute("href"));
        page.Dispose();

        _preferences.Adjust = s => s with { ForYouConsent = true, ForYouLinked = true };
        var ready = await RenderAsync(new ChannelOffer(AllChannels, LineLinking: true));

        Assert.NotNull(Switch(ready, NoticeKind.BenefitNewlyEligible, NoticeChannel.Email));
        Assert.Empty(ready.FindAll("[data-hidden-kind]"));
    }

    [Fact]
    public async Task The_notice_language_is_saved_the_moment_it_is_chosen()
    {
        Speak(PortalCultures.Japanese);
        var page = await RenderAsync(new ChannelOffer(new HashSet<NoticeChannel>(), LineLinking: false));

        page.FindAll("label.mud-radio").Single(l => l.QuerySelector("[lang=en]") is not null).QuerySelector("input")!.Click();

        page.WaitForAssertion(() => Assert.Equal(T("ja", "NoticePrefs_SavedLanguage", "English"), page.Find("[data-testid=status-language]").ShownText()));
        Assert.Equal("en", (await _preferences.GetAsync(_accountId, Ct)).Culture);
        Assert.Equal(OfferedLanguages.Standard.All.Count, page.FindAll("label.mud-radio").Count);
    }

    [Fact]
    public void Every_kind_channel_and_reason_the_page_can_show_has_text_in_every_language()
    {
        // Every kind has a name (the notification centre lists them all); the kinds the page offers a choice about (all
        // but the account's own messages, which always go out) say when they come.
        var keys = Enum.GetValues<NoticeKind>().Select(k => $"NoticeKind_{k}")
            .Concat(NoticeSettings.Kinds.Select(k => $"NoticePrefs_When_{k}"))
            .Concat(Enum.GetValues<ChannelStatus>().Select(s => $"NoticePrefs_Status_{s}"))
            .Concat(Enum.GetValues<NoticeChannel>().Select(c => $"NoticeChannel_{c}"))
            .Concat(Enum.GetValues<KindAvailability>().Where(a => a == KindAvailability.NeedsForYou).Select(a => $"NoticePrefs_Hidden_{a}"));
        var offers = new[] { true, false }.SelectMany(line => new[]
        {
            new ChannelOffer(AllChannels, line), new ChannelOffer(new HashSet<NoticeChannel>(), line),
        });
        var residents = from email in new[] { true, false } from linked in new[] { true, false } from devices in new[] { 0, 1 }
                        select new NoticeSettings(null, email, linked, devices, new HashSet<(NoticeKind, NoticeChannel)>());
        var reasons = from offer in offers from resident in residents from channel in NoticeChoices.ChannelsFor(resident, offer)
                      select $"NoticePrefs_Reason_{channel.Channel}_{channel.Reason}";

        var missing = keys.Concat(reasons).Distinct()
            .SelectMany(key => OfferedLanguages.Standard.All.Select(culture => (key, culture)))
            .Where(k => { try { PortalText.Get(k.key, k.culture); return false; } catch (InvalidOperationException) { return true; } })
            .ToList();
        Assert.Empty(missing);
    }

    /// <summary>The real preferences, whose saves can be made to fail and whose read can be adjusted.</summary>
    private sealed class FlakyPreferences(INoticePreferences inner) : INoticePreferences
    {
        public bool FailSaves { get; set; }
        public Func<NoticeSettings, NoticeSettings>? Adjust { get; set; }

        public async Task<NoticeSettings> GetAsync(long accountId, CancellationToken ct)
        {
            var settings = await inner.GetAsync(accountId, ct);
            return Adjust?.Invoke(settings) ?? settings;
        }

        public Task SetAsync(long accountId, NoticeKind kind, NoticeChannel channel, bool on, CancellationToken ct) =>
            FailSaves ? throw new TimeoutException("The database did not answer.") : inner.SetAsync(accountId, kind, channel, on, ct);
    }
}
