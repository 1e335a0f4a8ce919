using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Notifications;
using Portal.Tests.Live;
using Portal.Web.Live;
using Portal.Web.Notifications;
using Portal.Web.Languages;

namespace Portal.Tests.Notifications;

/// <summary>The bell: its unread count follows the live bus, its panel lists the latest notices.</summary>
public sealed class NoticeBellTests : BunitContext
{
    private const long AccountId = 42;
    private readonly FakeInbox _inbox = new();
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance);
    private readonly CultureInfo _culture = CultureInfo.CurrentUICulture;

    public NoticeBellTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja");
        Services.AddPortalLocalization();
        Services.AddMudServices();
        Services.AddSingleton<INoticeInbox>(_inbox);
        Services.AddSingleton<ILiveBus>(_bus);
        Services.AddSingleton(NoticeRendererTests.ResourceRenderer());
        Services.AddSingleton<TimeProvider>(new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 3, 0, 0, TimeSpan.Zero)));
        JSInterop.Mode = JSRuntimeMode.Loose;
        AddAuthorization().SetAuthorized("千葉 花子").SetRoles("Resident")
            .SetClaims(new Claim(ClaimTypes.NameIdentifier, AccountId.ToString(CultureInfo.InvariantCulture)));
        // The bell runs on a circuit (an island of its own on a static page), and says so (data-interactive).
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", isInteractive: true));
        Render<MudPopoverProvider>();
    }

    protected override ValueTask DisposeAsyncCore()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = _culture;
        return base.DisposeAsyncCore();
    }

    private static InboxNotice Notice(long id, bool read = false) => new(id, NoticeKind.ReportStatusChanged, "ja",
        new Dictionary<string, string> { ["reportId"] = id.ToString(CultureInfo.InvariantCulture), ["category"] = "道路の穴", ["status"] = "Fixed" },
        $"/reports/{id}", new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero), read ? DateTimeOffset.UnixEpoch : null);

    [Fact]
    public void The_count_rises_when_a_notice_is_delivered_without_reloading_the_page()
    {
        _inbox.Notices.Add(Notice(1));
        var bell = Render<NoticeBell>();
        Assert.Equal("1", bell.Find("button[data-unread]").GetAttribute("data-unread"));
        Assert.Equal("お知らせ（未読 1 件）", bell.Find("button[data-unread]").GetAttribute("aria-label"));

        _inbox.Notices.Add(Notice(2));
        _inbox.Notices.Add(Notice(3));
        _bus.Publish(NoticeTopics.Account(AccountId));

        bell.WaitForAssertion(() => Assert.Equal("3", bell.Find("button[data-unread]").GetAttribute("data-unread")));
        Assert.Contains("3", bell.Find(".mud-badge").TextContent);
    }

    [Theory]
    [InlineData(ReaderCulture.Japanese, "お知らせ（未読 2 件）")]
    [InlineData(ReaderCulture.English, "Notifications (2 unread)")]
    public async Task The_count_stays_in_the_reader_s_language_when_a_background_worker_signals(string reader, string label)
    {
        ReaderCulture.Use(reader);
        _inbox.Notices.Add(Notice(1));
        var bell = Render<NoticeBell>();

        _inbox.Notices.Add(Notice(2));
        await ReaderCulture.ElsewhereAsync(ReaderCulture.Other(reader), () =>
        {
            _bus.Publish(NoticeTopics.Account(AccountId));
            return Task.CompletedTask;
        });

        bell.WaitForAssertion(() => Assert.Equal("2", bell.Find("button[data-unread]").GetAttribute("data-unread")));
        Assert.Equal(label, bell.Find("button[data-unread]").GetAttribute("aria-label"));
    }

    [Fact]
    public void Another_account_s_signal_leaves_the_count_alone_and_reading_all_hides_the_badge()
    {
        _inbox.Notices.Add(Notice(1));
        var bell = Render<NoticeBell>();
        var reads = _inbox.CountReads;

        _bus.Publish(NoticeTopics.Account(AccountId + 1));
        Assert.Equal(reads, _inbox.CountReads);

        _inbox.Notices[0] = Notice(1, read: true);
        _bus.Publish(NoticeTopics.Account(AccountId));

        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("button[data-unread]").GetAttribute("data-unread")));
        Assert.Equal("お知らせ", bell.Find("button[data-unread]").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_panel_lists_the_latest_in_the_reader_s_language_and_leads_to_the_centre()
    {
        for (var i = 1; i <= 7; i++) _inbox.Notices.Add(Notice(i, read: i < 3));
        var bell = Render<NoticeBell>();

        bell.Find("button[data-unread]").Click();

        var items = bell.FindAll(".notice-bell-item");
        Assert.Equal(NoticeBell.LatestCount, items.Count);
        Assert.Equal("ちばレポ No.7 の状況が「対応済み」になりました", items[0].QuerySelector(".notice-bell-subject")!.TextContent);
        Assert.Contains("notice-unread", items[0].ClassName);
        Assert.Equal("/notifications", bell.Find("a[href='/notifications']").GetAttribute("href"));
    }

    [Fact]
    public void A_click_outside_the_panel_Escape_or_going_to_another_page_closes_it()
    {
        _inbox.Notices.Add(Notice(1));
        var bell = Render<NoticeBell>();

        bell.Find("button[data-unread]").Click();
        bell.Find(".notice-bell-backdrop").Click();
        Assert.Empty(bell.FindAll(".notice-bell-panel"));
        Assert.Equal("false", bell.Find("button[data-unread]").GetAttribute("aria-expanded"));

        bell.Find("button[data-unread]").Click();
        bell.Find(".notice-bell-panel").KeyDown(new Microsoft.AspNetCore.Components.Web.KeyboardEventArgs { Key = "Escape" });
        Assert.Empty(bell.FindAll(".notice-bell-panel"));

        bell.Find("button[data-unread]").Click();
        Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().NavigateTo("/notifications");
        bell.WaitForAssertion(() => Assert.Empty(bell.FindAll(".notice-bell-panel")));
    }

    [Fact]
    public void Opening_a_notice_marks_it_read_and_goes_to_its_page()
    {
        _inbox.Notices.Add(Notice(5));
        var bell = Render<NoticeBell>();
        bell.Find("button[data-unread]").Click();

        bell.Find(".notice-bell-open").Click();

        Assert.Equal([5L], _inbox.MarkedRead);
        Assert.EndsWith("/reports/5", Services.GetRequiredService<Bunit.TestDoubles.BunitNavigationManager>().Uri);
        bell.WaitForAssertion(() => Assert.Equal("0", bell.Find("button[data-unread]").GetAttribute("data-unread")));
    }

    /// <summary>An inbox in memory, newest first like the real one.</summary>
    private sealed class FakeInbox : INoticeInbox
    {
        public List<InboxNotice> Notices { get; } = [];
        public List<long> MarkedRead { get; } = [];
        public int CountReads { get; private set; }

        public Task<int> CountUnreadAsync(long accountId, CancellationToken ct)
        {
            CountReads++;
            return Task.FromResult(accountId == AccountId ? Notices.Count(n => !n.IsRead) : 0);
        }

        public Task<int> CountAsync(long accountId, CancellationToken ct) => Task.FromResult(Notices.Count);

        public Task<IReadOnlyList<InboxNotice>> ListAsync(long accountId, int skip, int take, CancellationToken ct) =>
            Task.FromResult<IReadOnlyList<InboxNotice>>(Notices.OrderByDescending(n => n.Id).Skip(skip).Take(take).ToList());

        public Task<bool> MarkReadAsync(long accountId, long noticeId, DateTimeOffset now, CancellationToken ct)
        {
            var i = Notices.FindIndex(n => n.Id == noticeId && !n.IsRead);
            if (i < 0) return Task.FromResult(false);
            Notices[i] = Notices[i] with { ReadUtc = now };
            MarkedRead.Add(noticeId);
            return Task.FromResult(true);
        }

        public Task<int> MarkAllReadAsync(long accountId, DateTimeOffset now, CancellationToken ct) => throw new NotSupportedException();
    }
}
