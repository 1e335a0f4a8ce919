using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;
using Portal.Tests.Reports.Staff;
using Portal.Web.Hosting;
using Portal.Web.Reports;
using Portal.Web.Reports.Alerts;
using Portal.Web.Reports.Map;

namespace Portal.Tests.Reports.Alerts;

/// <summary>
/// The pages of following and area alerts (issue 17, item 2): the report page's follow button for anyone signed in but
/// its reporter, and the resident's /reports/alerts (list, add around a point on the map, the limit, delete).
/// </summary>
public sealed class ReportAlertPagesTests : BunitContext
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    private async Task<Report> ReportAsync(UserAccount reporter)
    {
        var draft = new ReportDraft
        {
            CategoryCode = "road-pothole", Description = "歩道に穴があります", Latitude = StaffTestWorld.Chiba.Latitude, Longitude = StaffTestWorld.Chiba.Longitude,
        };
        return (await _world.Service.SubmitAsync(draft, reporter, "web", Ct)).Value!;
    }

    private IRenderedComponent<ReportPage> OpenReport(long id)
    {
        Render<MudSnackbarProvider>();
        var page = Render<ReportPage>(p => p.Add(x => x.Id, id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find(".report-description")));
        return page;
    }

    [Fact]
    public async Task Anyone_signed_in_follows_a_report_and_stops_following_it_from_its_page()
    {
        var reporter = await _world.StaffAsync("市民 花子", role: Role.Resident);
        var report = await ReportAsync(reporter);
        // Staff may follow too: anyone signed in.
        var follower = await _world.StaffAsync("中央 職員");
        _world.Prepare(this, follower);

        var page = OpenReport(report.Id);
        Assert.Equal("フォローする", page.Find("#report-follow-button").TextContent.Trim());
        page.Find("#report-follow-button").Click();

        page.WaitForAssertion(() => Assert.Equal("フォローをやめる", page.Find("#report-follow-button").TextContent.Trim()));
        Assert.Equal("true", page.Find("#report-follow-button").GetAttribute("aria-pressed"));
        Assert.True(await _world.Alerts.IsFollowingAsync(report.Id, follower.Id, Ct));

        page.Find("#report-follow-button").Click();
        page.WaitForAssertion(() => Assert.Equal("フォローする", page.Find("#report-follow-button").TextContent.Trim()));
        Assert.False(await _world.Alerts.IsFollowingAsync(report.Id, follower.Id, Ct));
    }

    [Fact]
    public async Task The_reporter_has_no_follow_button_they_are_told_as_its_reporter()
    {
        var reporter = await _world.StaffAsync("市民 花子", role: Role.Resident);
        var report = await ReportAsync(reporter);
        _world.Prepare(this, reporter);

        var page = OpenReport(report.Id);

        Assert.Empty(page.FindAll("#report-follow"));
    }

    private IRenderedComponent<ReportAlertsPage> OpenAlerts(UserAccount resident, int max = 10)
    {
        _world.AlertOptions.MaxSubscriptions = max;
        Services.AddSingleton(Options.Create(new MapOptions()));
        _world.Prepare(this, resident);
        Render<MudSnackbarProvider>();
        var page = Render<ReportAlertsPage>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#alert-add")));
        return page;
    }

    [Fact]
    public async Task A_resident_adds_an_alert_around_a_point_on_the_map_and_deletes_it()
    {
        var resident = await _world.StaffAsync("市民 花子", role: Role.Resident);
        var page = OpenAlerts(resident);
        Assert.NotNull(page.Find("#alerts-empty"));

        // A ward alert without its ward: the rule's message, nothing saved.
        page.Find("#alert-add").Click();
        page.WaitForAssertion(() => Assert.Contains("区を選んでください。", page.Find("#alert-errors").TextContent));

        page.FindAll("input[type=radio]")[1].Click();
        page.WaitForAssertion(() => Assert.NotNull(page.FindComponent<LocationPicker>()));
        await page.InvokeAsync(() => page.FindComponent<LocationPicker>().Instance.OnPinMoved(35.6083, 140.1233));
        page.Find("#alert-add").Click();

        page.WaitForAssertion(() => Assert.Contains("地点（35.6083, 140.1233）から500m以内", page.Find("#alerts-list").TextContent));
        var stored = Assert.Single(await _world.Alerts.ListAsync(resident.Id, Ct));
        Assert.Equal((AlertArea.Radius, 500, AlertEvents.Both), (stored.Area, stored.RadiusMeters!.Value, stored.Events));

        page.Find(".alert-delete").Click();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#alerts-empty")));
        Assert.Empty(await _world.Alerts.ListAsync(resident.Id, Ct));
    }

    [Fact]
    public async Task At_the_limit_the_add_button_is_off()
    {
        var resident = await _world.StaffAsync("市民 花子", role: Role.Resident);
        await _world.Alerts.CreateAsync(resident.Id, new AlertInput { Area = AlertArea.Ward, WardId = "chuo" }, Ct);
        var page = OpenAlerts(resident, max: 1);

        Assert.Contains("中央区", page.Find("#alerts-list").TextContent);
        Assert.Contains("（1 / 1）", page.Find("#alerts-list-title").TextContent);
        Assert.True(page.Find("#alert-add").HasAttribute("disabled"));
    }
}
