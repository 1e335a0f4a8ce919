using System.Globalization;
using System.Security.Claims;
using Bunit;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web.Accounts;
using Portal.Web.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>The resident's notice settings: each channel's state in words, the matrix, and saving it.</summary>
public sealed class NotificationSettingsPageTests : BunitContext
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;
    private long _accountId;
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public NotificationSettingsPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja");
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero));
        Services.AddLocalization(o => o.ResourcesPath = "Resources");
        Services.AddMudServices();
        Services.AddSingleton<INoticePreferences>(new NoticePreferenceRepository(_db.Database));
        Services.AddSingleton(new AccountService(new UserAccountRepository(_db.Database), new AspNetPasswordHasher(),
            new AuditTrail(new AuditLogRepository(_db.Database), time), time, LockoutPolicy.Default));
        JSInterop.Mode = JSRuntimeMode.Loose;
        // The channel cards (verify e-mail, link LINE, subscribe this device) have their own tests; here they stand aside.
        ComponentFactories.AddStub<EmailChannelCard>();
        ComponentFactories.AddStub<LineChannelCard>();
        ComponentFactories.AddStub<PushChannelCard>();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _culture;
        _db.Dispose();
        return base.DisposeAsyncCore();
    }

    private async Task<IRenderedComponent<NotificationSettings>> RenderAsync(ActiveChannels active, bool emailVerified = false)
    {
        _accountId = await NoticeDeliveryRepositoryContractTests.ResidentAsync(_db.Database, $"{Guid.NewGuid():N}@example.jp");
        if (emailVerified)
        {
            await using var connection = await _db.Database.OpenAsync(Ct);
            await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = '2026-11-01T00:00:00.0000000Z' WHERE Id = @_accountId", new { _accountId });
        }
        Services.AddSingleton(active);
        AddAuthorization().SetAuthorized("千葉 花子").SetRoles("Resident")
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, _accountId.ToString(CultureInfo.InvariantCulture)));
        Render<MudPopoverProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<NotificationSettings>();
        page.WaitForElement(".notice-matrix");
        return page;
    }

    private static string StateOf(IRenderedComponent<NotificationSettings> page, NoticeChannel channel) =>
        page.Find($"li[data-channel={channel}]").TextContent.Trim();

    [Fact]
    public async Task Without_configuration_only_in_app_is_offered_and_the_page_says_so()
    {
        var page = await RenderAsync(ActiveChannels.InAppOnly);

        Assert.Equal("アプリ内: 利用できます", StateOf(page, NoticeChannel.InApp));
        Assert.Equal("LINE: このポータルでは提供していません", StateOf(page, NoticeChannel.Line));
        Assert.Equal("メール: このポータルでは提供していません", StateOf(page, NoticeChannel.Email));
        Assert.All(page.FindAll("input[type=checkbox]"), box => Assert.True(box.HasAttribute("disabled")));
    }

    [Fact]
    public async Task Channels_the_portal_offers_say_what_the_resident_must_do_first()
    {
        var page = await RenderAsync(ActiveChannels.Of(NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush));

        Assert.Equal("メール: 先にメールアドレスの確認が必要です", StateOf(page, NoticeChannel.Email));
        Assert.Equal("LINE: 連携されていません", StateOf(page, NoticeChannel.Line));
        Assert.Equal("Webプッシュ: 登録された端末がありません", StateOf(page, NoticeChannel.WebPush));
        // The cards that do what the states ask for (verify, link, subscribe) are on the same page.
        Assert.Single(page.FindComponents<Bunit.TestDoubles.Stub<EmailChannelCard>>());
        Assert.Single(page.FindComponents<Bunit.TestDoubles.Stub<LineChannelCard>>());
        Assert.Single(page.FindComponents<Bunit.TestDoubles.Stub<PushChannelCard>>());
    }

    [Fact]
    public async Task Switching_a_kind_off_for_e_mail_and_choosing_English_is_saved()
    {
        var page = await RenderAsync(ActiveChannels.Of(NoticeChannel.Email), emailVerified: true);
        Assert.Equal("メール: 利用できます", StateOf(page, NoticeChannel.Email));

        page.Find($"input[data-kind={NoticeKind.PointsExpiring}][data-channel={NoticeChannel.Email}]").Change(false);
        page.FindAll("label.mud-radio").Single(l => l.QuerySelector("[lang=en]") is not null).QuerySelector("input")!.Click();
        page.FindAll("button").Single(b => b.TextContent.Trim() == "保存").Click();

        var preferences = Services.GetRequiredService<INoticePreferences>();
        page.WaitForAssertion(() =>
        {
            var saved = preferences.GetAsync(_accountId, Ct).GetAwaiter().GetResult();
            Assert.Equal([(NoticeKind.PointsExpiring, NoticeChannel.Email)], saved.SwitchedOff);
            Assert.Equal("en", saved.Culture);
        });
    }
}
