using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Tests.Live;
using Portal.Tests.Points;
using Portal.Tests.Queues;
using Portal.Tests.Reports.Staff;
using Portal.Web.Home;
using Portal.Web.Live;
using Portal.Web.Queues;

namespace Portal.Tests.Home;

/// <summary>
/// The staff home's overdue reports and points issued this month, from seeded data compared with what the cards
/// show: the office's own overdue reports only (all offices for an administrator), and the Japan month's points.
/// </summary>
public sealed class StaffHomeNumbersTests : BunitContext, IAsyncLifetime
{
    private readonly StaffTestWorld _reports = new();
    private QueueWorld _queues = null!;
    private LedgerWorld _points = null!;
    private readonly InProcessLiveBus _bus = new(NullLogger<InProcessLiveBus>.Instance);

    public async ValueTask InitializeAsync()
    {
        _queues = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        _points = await LedgerWorld.CreateAsync(DatabaseProvider.Sqlite);
        Services.AddSingleton(_queues.Service);
        _queues.Signals.Forward = new LiveQueueSignals(_bus);
        Services.AddSingleton<ILiveBus>(_bus);
        Services.AddSingleton(_points.BackOffice);
        Services.AddSingleton<INoticeStatistics>(new NoticeStatisticsRepository(_points.Db));
    }

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _reports.Dispose();
        _queues.Dispose();
        _points.Dispose();
        GC.SuppressFinalize(this);
    }

    private string Card(IRenderedComponent<StaffHome> page, string card) =>
        page.Find($"[data-testid='staff-home-{card}'] [data-testid=value]").TextContent.Trim();

    private async Task SeedReportsAsync()
    {
        // Now is 25 November 2026; road-pothole must be answered within 7 days, park-trees within 21.
        await _reports.ReportAsync("chuo", "road-pothole", daysAgo: 8);    // overdue in Chuo
        await _reports.ReportAsync("chuo", "road-pothole", daysAgo: 6);    // still in time
        await _reports.ReportAsync("chuo", "park-trees", daysAgo: 10);     // in time: a longer target
        await _reports.ReportAsync("mihama", "road-pothole", daysAgo: 30); // overdue, but another ward
        var answered = await _reports.ReportAsync("chuo", "road-pothole", daysAgo: 20);
        await _reports.Reports.SaveAsync(answered, answered.MoveTo(ReportStatus.Accepted, 9, null, null, StaffTestWorld.Now.AddDays(-19)), null, Ct);
    }

    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_see_the_overdue_reports_of_their_own_office_only()
    {
        await SeedReportsAsync();
        _reports.Prepare(this, await _reports.StaffAsync("中央 職員"));

        var page = Render<StaffHome>();

        page.WaitForAssertion(() => Assert.Equal("1", Card(page, "overdue")));
        Assert.Equal("3", Card(page, "new-reports"));
    }

    [Fact]
    public async Task An_administrator_sees_the_overdue_reports_of_every_office()
    {
        await SeedReportsAsync();
        _reports.Prepare(this, await _reports.StaffAsync("管理者", role: Role.Admin));

        var page = Render<StaffHome>();

        page.WaitForAssertion(() => Assert.Equal("2", Card(page, "overdue")));
        Assert.Equal("4", Card(page, "new-reports"));
    }

    [Theory]
    // 30 November 23:55 in Japan: November's points (500 on the 25th and 50 at 23:50 on the 30th).
    [InlineData("2026-11-30T14:55:00Z", "550")]
    // 1 December 00:30 in Japan, still 30 November in UTC: only the 100 credited at 00:10 Japan time.
    [InlineData("2026-11-30T15:30:00Z", "100")]
    public async Task Points_issued_this_month_count_the_Japan_month(string now, string shown)
    {
        var resident = await _points.ResidentAsync();
        await RegisterSeed.PlaceInWardAsync(_points.Db, resident, "chuo", Ct);
        await _points.EarnAsync(resident, 500);
        _points.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T14:50:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await _points.EarnAsync(resident, 50);
        _points.Clock.SetUtcNow(DateTimeOffset.Parse("2026-11-30T15:10:00Z", System.Globalization.CultureInfo.InvariantCulture));
        await _points.EarnAsync(resident, 100);
        _reports.Clock.SetUtcNow(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture));
        _reports.Prepare(this, await _reports.StaffAsync("中央 職員"));

        var page = Render<StaffHome>();

        page.WaitForAssertion(() => Assert.Equal(shown, Card(page, "points")));
    }

    private async Task SeedPointsAndNoticesAsync()
    {
        var outbox = new NoticeOutbox(_points.Db, ActiveChannels.Of(), _reports.Clock);
        foreach (var (ward, points) in new[] { ("chuo", 500), ("mihama", 70), ((string?)null, 3) })
        {
            var resident = await _points.ResidentAsync();
            if (ward is not null) await RegisterSeed.PlaceInWardAsync(_points.Db, resident, ward, Ct);
            await _points.EarnAsync(resident, points);
            Assert.True(await outbox.EnqueueAsync(new Notice(NoticeKind.BenefitNewlyEligible, new NoticeRecipient.Account(resident),
                $"benefit:{Guid.NewGuid():N}", new Dictionary<string, string> { ["code"] = "x" }, "/for-you"), Ct));
        }
    }

    [Fact]
    public async Task Staff_see_the_points_and_notices_of_their_own_ward_s_residents_only()
    {
        await SeedPointsAndNoticesAsync();
        _reports.Prepare(this, await _reports.StaffAsync("中央 職員"));

        var page = Render<StaffHome>();

        page.WaitForAssertion(() => Assert.Equal("500", Card(page, "points")));
        Assert.Equal("1", Card(page, "notices"));
    }

    [Fact]
    public async Task An_administrator_sees_the_whole_city_s_points_and_notices()
    {
        await SeedPointsAndNoticesAsync();
        _reports.Prepare(this, await _reports.StaffAsync("管理者", role: Role.Admin));

        var page = Render<StaffHome>();

        page.WaitForAssertion(() => Assert.Equal("573", Card(page, "points")));
        Assert.Equal("3", Card(page, "notices"));
    }

    private static readonly Dictionary<string, string[]> WaitingTexts = new()
    {
        [ReaderCulture.Japanese] = ["窓口ごとの待ち人数", "転入・転出"],
        [ReaderCulture.English] = ["Waiting per service", "Moving in or out"],
    };

    [Theory]
    [InlineData(ReaderCulture.Japanese)]
    [InlineData(ReaderCulture.English)]
    public async Task The_live_waiting_table_stays_in_the_reader_s_language_when_a_kiosk_issues_a_ticket(string reader)
    {
        ReaderCulture.Use(reader);
        await _queues.IssueAsync();
        _reports.Prepare(this, await _reports.StaffAsync("中央 職員"));
        var page = Render<StaffHome>();
        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=waiting-moving] [data-testid=count]").TextContent));

        await ReaderCulture.ElsewhereAsync(ReaderCulture.Other(reader),
            () => _queues.Service.IssueAsync(_queues.OfficeId, _queues.Moving.Id, TicketLane.WalkIn, Ct));

        page.WaitForAssertion(() => Assert.Equal("2", page.Find("[data-testid=waiting-moving] [data-testid=count]").TextContent));
        ReaderCulture.AssertIn(reader, page.Find("[data-testid=staff-home-waiting-table]").ParentElement!.TextContent, WaitingTexts);
    }

    [Fact]
    public async Task A_service_named_with_markup_stays_text_in_the_waiting_chart_and_table()
    {
        const string hostile = "<img src=x onerror=alert(1)>転入";
        await _queues.Setup.SaveServiceAsync(_queues.Moving with { Name = Portal.Core.Languages.LocalizedText.Of(hostile, hostile) }, Ct);
        await _queues.IssueAsync();
        _reports.Prepare(this, await _reports.StaffAsync("中央 職員"));

        var page = Render<StaffHome>();

        page.WaitForAssertion(() => Assert.Equal("1", page.Find("[data-testid=waiting-moving] [data-testid=count]").TextContent));
        Assert.Empty(page.FindAll("img"));
        Assert.Contains(page.FindAll("svg text"), t => t.TextContent == hostile);
        Assert.Equal(hostile, page.Find("[data-testid=waiting-moving] th").TextContent);
    }
}
