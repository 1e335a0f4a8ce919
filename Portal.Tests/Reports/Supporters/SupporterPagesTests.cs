using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports.Supporters;
using Portal.Core.Time;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Supporters;

/// <summary>What residents and the public see of supporter activities, over real HTTP on the running portal.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class SupporterPagesTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<SupporterTask> OpenTaskAsync(string title)
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        var now = TimeProvider.System.GetUtcNow();
        var report = await ReportSeeds.SubmitAsync(app, "other-graffiti", now, "滑り台に落書きがあります");
        var input = new SupporterTaskInput
        {
            Title = title, Description = "ブラシと洗剤で落書きを消します。", MeetingPlace = "中央公園 東口",
            Date = JapanTime.Today(TimeProvider.System).AddDays(3).ToDateTime(TimeOnly.MinValue),
            StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(12, 0, 0), Capacity = 5,
        };
        var result = await app.Services.GetRequiredService<SupporterService>().OpenAsync(Actor.For(staff, "127.0.0.1"), report.Id, input, Ct);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.ErrorMessage)));
        return result.Value!;
    }

    [Fact]
    public async Task The_public_report_page_shows_an_open_task_in_japan_time_with_the_places_left()
    {
        var task = await OpenTaskAsync("遊具の落書き消し " + Guid.NewGuid().ToString("N")[..6]);
        using var anonymous = app.CreateBrowserlessClient();

        var page = await anonymous.GetStringAsync($"/reports/{task.ReportId}", Ct);

        Assert.Contains("サポーター活動", page);
        Assert.Contains(task.Title, page);
        Assert.Contains("中央公園 東口", page);
        Assert.Contains("10:00 – 12:00", page);
        Assert.Contains("残り5人(定員5人)", page);
        Assert.Contains("参加を申し込むにはログインしてください", page);
    }

    [Fact]
    public async Task A_resident_sees_the_sign_up_button_and_after_signing_up_finds_the_task_in_their_list()
    {
        var task = await OpenTaskAsync("ごみ拾い " + Guid.NewGuid().ToString("N")[..6]);
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);

        Assert.Contains("参加を申し込む", await client.GetStringAsync($"/reports/{task.ReportId}", Ct));
        var upcoming = await client.GetStringAsync("/reports/supporters", Ct);
        Assert.Contains(task.Title, upcoming);
        Assert.Contains("まだ申し込んだ活動はありません。", upcoming);

        Assert.True((await app.Services.GetRequiredService<SupporterService>().SignUpAsync(task.Id, resident.Id, Ct)).Succeeded);

        var mine = await client.GetStringAsync("/reports/supporters", Ct);
        Assert.DoesNotContain("まだ申し込んだ活動はありません。", mine);
        Assert.Contains("申込済み", mine);
        Assert.Contains("残り4人(定員5人)", mine);
        Assert.Contains("申込を取り消す", await client.GetStringAsync($"/reports/{task.ReportId}", Ct));
    }

    [Fact]
    public async Task The_reports_pages_link_residents_to_the_supporter_page()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);

        Assert.Contains("href=\"/reports/supporters\"", await client.GetStringAsync("/reports", Ct));
        Assert.Contains("href=\"/reports/supporters\"", await client.GetStringAsync("/reports/mine", Ct));
    }
}
