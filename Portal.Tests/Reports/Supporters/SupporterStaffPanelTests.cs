using Bunit;
using MudBlazor;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports.Supporters;
using Portal.Tests.Reports.Staff;
using Portal.Web.Reports.Staff;

namespace Portal.Tests.Reports.Supporters;

/// <summary>The サポーター活動 panel of the staff report page, rendered with bUnit over the real services.</summary>
public sealed class SupporterStaffPanelTests : BunitContext
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    private static SupporterTaskInput Input(string title) => new()
    {
        Title = title, Description = "落書きを消します", MeetingPlace = "中央公園",
        Date = new DateTime(2026, 11, 28), StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(12, 0, 0), Capacity = 5,
    };

    [Fact]
    public async Task Staff_see_the_tasks_of_the_report_with_their_sign_ups_and_open_a_new_one_through_the_dialog()
    {
        var staff = await _world.StaffAsync("千葉 花子");
        var report = await _world.ReportAsync(category: "other-graffiti");
        var task = (await _world.Supporters.OpenAsync(StaffTestWorld.ActorOf(staff), report.Id, Input("滑り台の落書き消し"), Ct)).Value!;
        var resident = await _world.StaffAsync("住民 一郎", role: Role.Resident);
        Assert.True((await _world.Supporters.SignUpAsync(task.Id, resident.Id, Ct)).Succeeded);
        _world.Prepare(this, staff);
        var dialogs = Render<MudDialogProvider>();

        var page = Render<StaffReportDetail>(p => p.Add(x => x.Id, report.Id));
        page.WaitForAssertion(() => Assert.Contains("滑り台の落書き消し", page.Find("#supporter-panel").TextContent));
        var item = page.Find($"#supporter-panel [data-task-id='{task.Id}']");
        Assert.Contains("申込 1人 / 定員 5人", item.TextContent);
        Assert.Contains("2026年11月28日(土) 10:00 – 12:00", item.TextContent);
        Assert.Contains("募集中", item.TextContent);

        page.Find("#supporter-open").Click();
        dialogs.WaitForElement("#supporter-title").Input("ベンチのペンキ塗り");
        dialogs.Find("#supporter-description").Input("ベンチを塗り直します");
        dialogs.Find("#supporter-place").Input("中央公園 管理棟前");
        dialogs.Find("#supporter-save").Click();

        page.WaitForAssertion(() => Assert.Contains("ベンチのペンキ塗り", page.Find("#supporter-panel").TextContent));
        Assert.Equal(2, (await _world.Supporters.ForReportAsync(report.Id, Ct)).Count);
        Assert.Equal(2, (await _world.Audit.SearchAsync(new AuditQuery(Action: SupporterAuditActions.Opened), Ct)).Count);
    }

    [Fact]
    public async Task A_form_without_a_title_shows_the_message_in_Japanese_and_opens_nothing()
    {
        var staff = await _world.StaffAsync("千葉 花子");
        var report = await _world.ReportAsync();
        _world.Prepare(this, staff);
        var dialogs = Render<MudDialogProvider>();
        var page = Render<StaffReportDetail>(p => p.Add(x => x.Id, report.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#supporter-open")));

        page.Find("#supporter-open").Click();
        dialogs.WaitForElement("#supporter-description").Input("内容");
        dialogs.Find("#supporter-place").Input("場所");
        dialogs.Find("#supporter-save").Click();

        dialogs.WaitForAssertion(() => Assert.Contains("活動名を入力してください。", dialogs.Markup));
        Assert.Empty(await _world.Supporters.ForReportAsync(report.Id, Ct));
    }
}
