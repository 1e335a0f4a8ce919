using Bunit;
using MudBlazor;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Text;
using Portal.Web.Reports.Staff;

namespace Portal.Tests.Reports.Staff;

public sealed class TriageInboxTests : BunitContext
{
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    private async Task<UserAccount> SignInAsync(Role role = Role.Staff, string name = "千葉 花子", bool cityWide = false)
    {
        var account = await _world.StaffAsync(name, role: role, cityWide: cityWide);
        _world.Prepare(this, account);
        return account;
    }

    private static List<string> Cells(IRenderedComponent<TriageInbox> page, int row) =>
        page.FindAll("tbody tr")[row].QuerySelectorAll("td").Select(td => td.TextContent.Trim()).ToList();

    [Fact]
    public async Task Staff_see_the_open_reports_of_their_own_office_newest_first_with_the_overdue_ones_flagged()
    {
        var me = await SignInAsync();
        // Potholes have a 7-day response target.
        var late = await _world.ReportAsync(daysAgo: 10);
        var recent = await _world.ReportAsync(daysAgo: 2, category: "park-bench");
        var answered = await _world.ReportAsync(daysAgo: 12);
        await _world.Service.MoveAsync(StaffTestWorld.ActorOf(me), answered.Id, ReportStatus.Accepted, "受け付けました", null, null, StaffTestWorld.Ct);
        await _world.ReportAsync(ward: "mihama", daysAgo: 20);

        var page = Render<TriageInbox>();

        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tbody tr").Count));
        Assert.Equal(new InboxFilter(WardId: "chuo", Skip: 0, Take: 50), _world.Reports.InboxFilters[^1]);
        Assert.Equal(InboxSort.Newest, _world.Reports.InboxFilters[^1].Sort);
        var fresh = Cells(page, 0);
        Assert.Equal($"#{recent.Id}", fresh[1]);
        Assert.Equal("2日", fresh[4]);
        var overdue = Cells(page, 1);
        Assert.Equal([$"#{late.Id}", "道路の穴・陥没 歩道に穴があります", "中央区役所 千葉テスト公園の近く", "10日期限超過", "受付", "0", "未割当"],
            overdue.Skip(1).Select(Words));
        var first = Cells(page, 2);
        Assert.Equal($"#{answered.Id}", first[1]);
        Assert.Equal("受理", first[5]);
        Assert.Equal("12日", first[4]);
    }

    private static AngleSharp.Dom.IElement Row(IRenderedComponent<TriageInbox> page, Report report) =>
        page.FindAll("tbody tr").Single(tr => tr.QuerySelector("td a")?.TextContent == $"#{report.Id}");

    private static string Words(string cell) => string.Join(' ', cell.Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));

    [Fact]
    public async Task A_row_shows_the_first_photo_the_first_words_the_place_and_a_new_report_s_age_in_hours()
    {
        await SignInAsync();
        var description = "公園のベンチの板が二枚割れていて、子どもが座ると危ないです。週末は利用者が多いので、できるだけ早めに見ていただけると助かります。よろしくお願いします。";
        var withPhoto = await _world.ReportAsync(age: TimeSpan.FromHours(5), description: description,
            photos: [new NewPhoto("cover", 800, 600), new NewPhoto("second", 800, 600)]);
        // Far from every landmark: named by its ward office.
        var far = await _world.ReportAsync(daysAgo: 3, at: new GeoPoint(35.590, 140.135));

        var page = Render<TriageInbox>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        var row = page.FindAll("tbody tr")[0];
        var cover = (await _world.Reports.PhotosAsync(withPhoto.Id, StaffTestWorld.Ct)).Single(p => p.StorageKey == "cover");
        Assert.Equal($"/reports/photos/{cover.Id}/thumb", row.QuerySelector("img.inbox-thumb")!.GetAttribute("src"));
        Assert.Equal("", row.QuerySelector("img.inbox-thumb")!.GetAttribute("alt"));
        Assert.Equal(Excerpt.Of(description, 60), row.QuerySelector(".inbox-excerpt")!.TextContent);
        Assert.EndsWith("…", row.QuerySelector(".inbox-excerpt")!.TextContent);
        Assert.Equal("千葉テスト公園の近く", row.QuerySelector(".inbox-place")!.TextContent);
        Assert.Equal("5時間", Cells(page, 0)[4]);
        var other = page.FindAll("tbody tr")[1];
        Assert.Null(other.QuerySelector("img"));
        Assert.Equal("中央区役所の近く", other.QuerySelector(".inbox-place")!.TextContent);
        // The map beside the list shows the same reports, each leading to its staff page.
        var map = page.FindComponent<Portal.Web.Reports.Map.ReportsOverviewMap>().Instance;
        Assert.Equal([withPhoto.Id, far.Id], map.Reports.Select(r => r.Id));
        Assert.Equal($"/staff/reports/{far.Id}", map.HrefOf(map.Reports[1]));
    }

    [Fact]
    public async Task The_search_box_and_the_order_go_to_the_repository()
    {
        await SignInAsync();
        var bench = await _world.ReportAsync(daysAgo: 2, description: "ベンチが壊れています");
        await _world.ReportAsync(daysAgo: 1, description: "街灯が消えています");
        var page = Render<TriageInbox>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        var search = page.FindComponents<MudTextField<string>>().Single(f => f.Instance.Label == "番号・説明文で検索");
        await page.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync("ベンチ"));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Equal("ベンチ", _world.Reports.InboxFilters[^1].Search);
        Assert.Contains($"#{bench.Id}", page.Find("tbody tr").TextContent);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<InboxSort>>().Instance.ValueChanged.InvokeAsync(InboxSort.Oldest));
        page.WaitForAssertion(() => Assert.Equal(InboxSort.Oldest, _world.Reports.InboxFilters[^1].Sort));
        Assert.Equal("ベンチ", _world.Reports.InboxFilters[^1].Search);

        await page.InvokeAsync(() => search.Instance.ValueChanged.InvokeAsync(""));
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Null(_world.Reports.InboxFilters[^1].Search);
        Assert.Equal($"#{bench.Id}", Cells(page, 0)[1]);
    }

    [Fact]
    public async Task Administrators_start_with_every_office()
    {
        await SignInAsync(Role.Admin, "管理 太郎");
        await _world.ReportAsync(ward: "mihama");
        await _world.ReportAsync(ward: "chuo");

        var page = Render<TriageInbox>();

        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));
        Assert.Null(_world.Reports.InboxFilters[^1].WardId);
    }

    [Fact]
    public async Task Staff_without_the_city_wide_permission_cannot_choose_another_office()
    {
        await SignInAsync();
        await _world.ReportAsync(ward: "mihama");
        var own = await _world.ReportAsync(ward: "chuo");

        var page = Render<TriageInbox>();

        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Contains($"#{own.Id}", page.Find("tbody tr").TextContent);
        Assert.DoesNotContain(page.FindComponents<MudSelect<string>>(), s => s.Instance.Label == "所属区役所");
        Assert.Equal("中央区役所", page.Find("#inbox-office").GetAttribute("value"));
    }

    [Fact]
    public async Task Each_filter_goes_to_the_repository()
    {
        // Choosing another office is triage across wards: city-wide work.
        var me = await SignInAsync(cityWide: true);
        var late = await _world.ReportAsync(daysAgo: 10);
        await _world.ReportAsync(daysAgo: 1);
        var page = Render<TriageInbox>();
        page.WaitForAssertion(() => Assert.Equal(2, page.FindAll("tbody tr").Count));

        await page.InvokeAsync(() => page.FindComponent<MudSwitch<bool>>().Instance.ValueChanged.InvokeAsync(true));
        page.WaitForAssertion(() => Assert.Single(page.FindAll("tbody tr")));
        Assert.Equal(new InboxFilter(WardId: "chuo", OverdueOnly: true, Skip: 0, Take: 50), _world.Reports.InboxFilters[^1]);
        Assert.Contains($"#{late.Id}", page.Find("tbody tr").TextContent);

        await page.InvokeAsync(() => page.FindComponent<MudSelect<TriageInbox.AssignmentFilter>>().Instance.ValueChanged.InvokeAsync(TriageInbox.AssignmentFilter.Mine));
        page.WaitForAssertion(() => Assert.Equal(me.Id, _world.Reports.InboxFilters[^1].AssignedToId));

        await page.InvokeAsync(() => page.FindComponent<MudSelect<TriageInbox.AssignmentFilter>>().Instance.ValueChanged.InvokeAsync(TriageInbox.AssignmentFilter.Unassigned));
        page.WaitForAssertion(() => Assert.True(_world.Reports.InboxFilters[^1].UnassignedOnly));
        Assert.Null(_world.Reports.InboxFilters[^1].AssignedToId);

        var category = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "カテゴリ");
        await page.InvokeAsync(() => category.Instance.ValueChanged.InvokeAsync("park-bench"));
        page.WaitForAssertion(() => Assert.Equal("park-bench", _world.Reports.InboxFilters[^1].CategoryCode));

        var office = page.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "所属区役所");
        await page.InvokeAsync(() => office.Instance.ValueChanged.InvokeAsync("mihama"));
        page.WaitForAssertion(() => Assert.Equal("mihama", _world.Reports.InboxFilters[^1].WardId));

        var statuses = page.FindComponent<MudSelect<ReportStatus>>();
        await page.InvokeAsync(() => statuses.Instance.SelectedValuesChanged.InvokeAsync([ReportStatus.Fixed, ReportStatus.Referred]));
        page.WaitForAssertion(() => Assert.Equal([ReportStatus.Fixed, ReportStatus.Referred], _world.Reports.InboxFilters[^1].Statuses!));
        Assert.Equal(new InboxFilter("mihama", "park-bench", _world.Reports.InboxFilters[^1].Statuses, null, true, true, 0, 50), _world.Reports.InboxFilters[^1]);
    }

    [Fact]
    public async Task Bulk_assignment_assigns_each_selected_report_through_the_audited_service()
    {
        var me = await SignInAsync();
        var colleague = await _world.StaffAsync("稲毛 一郎");
        await _world.StaffAsync("美浜 次郎", office: "mihama");
        var first = await _world.ReportAsync(daysAgo: 3);
        var second = await _world.ReportAsync(daysAgo: 2);
        var untouched = await _world.ReportAsync(daysAgo: 1);
        var page = Render<TriageInbox>();
        page.WaitForAssertion(() => Assert.Equal(3, page.FindAll("tbody tr").Count));

        // Only staff of the office are offered.
        var assignees = page.FindComponents<MudSelect<long?>>().Single();
        await page.InvokeAsync(() => assignees.Instance.ValueChanged.InvokeAsync(colleague.Id));
        Row(page, first).QuerySelector("input[type=checkbox]")!.Change(true);
        Row(page, second).QuerySelector("input[type=checkbox]")!.Change(true);
        page.Find("#inbox-assign").Click();

        page.WaitForAssertion(() => Assert.Contains("稲毛 一郎", Row(page, first).TextContent));
        Assert.Equal(colleague.Id, (await _world.Reports.GetAsync(first.Id, StaffTestWorld.Ct))!.AssignedToId);
        Assert.Equal(colleague.Id, (await _world.Reports.GetAsync(second.Id, StaffTestWorld.Ct))!.AssignedToId);
        Assert.Null((await _world.Reports.GetAsync(untouched.Id, StaffTestWorld.Ct))!.AssignedToId);
        var audit = await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.Assigned), StaffTestWorld.Ct);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(me.Id, a.ActorId));
    }
}
