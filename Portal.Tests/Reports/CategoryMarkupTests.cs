using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Options;
using Portal.Data.Reports;
using Portal.Web.Hosting;
using Portal.Web.Reports;
using Portal.Web.Reports.Map;
using Portal.Tests.Reports.Staff;
using Portal.Web.Reports.Staff;
using Portal.Web.Reports.Statistics;

namespace Portal.Tests.Reports;

/// <summary>
/// A category name is city-written text: whatever it holds, every page shows it as text. A name written like markup
/// once became an &lt;img&gt; element in the staff statistics chart's axis labels.
/// </summary>
public sealed class CategoryMarkupTests : BunitContext
{
    private const string Hostile = "<img src=x onerror=alert(1)>カテゴリ";
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    /// <summary>A category named with markup (unique per test), one report in it, and a staff member of Chuo signed in.</summary>
    private async Task<(ReportCategory Category, Report Report)> HostileCategoryAsync(Portal.Core.Accounts.Role role = Portal.Core.Accounts.Role.Staff)
    {
        var category = new ReportCategory($"x{Guid.NewGuid():N}"[..16], ReportField.Road, LocalizedText.Of(Hostile, Hostile), 3, 99, true);
        await _world.Categories.SaveAsync(category, StaffTestWorld.Ct);
        var report = await _world.ReportAsync(category: category.Code);
        Services.AddSingleton(new ReportStatisticsService(new ReportStatisticsRepository(_world.Database), _world.Scopes));
        Services.AddSingleton(Options.Create(new MapOptions()));
        _world.Prepare(this, await _world.StaffAsync("千葉 花子", role: role));
        return (category, report);
    }

    /// <summary>No element came from the name, and the name is there as the very text it is.</summary>
    private static void ShownAsText<T>(IRenderedComponent<T> page, string selector) where T : Microsoft.AspNetCore.Components.IComponent
    {
        Assert.Empty(page.FindAll("img"));
        Assert.DoesNotContain(page.FindAll("*"), e => e.HasAttribute("onerror"));
        Assert.Contains(page.FindAll(selector), e => e.TextContent.Contains(Hostile, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_statistics_chart_s_axis_labels_and_table_show_the_name_as_text()
    {
        await HostileCategoryAsync();

        var page = Render<ReportStatisticsPage>();

        page.WaitForAssertion(() => Assert.NotEqual("0", page.Find("[data-testid=stat-total]").TextContent.Trim()));
        ShownAsText(page, "svg text");
        ShownAsText(page, "td, th");
        // The bar's tooltip, shown on hover, carries the count only; nothing appears from the name there either.
        page.FindAll("path.mud-chart-bar")[0].TriggerEvent("onmouseover", new MouseEventArgs());
        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".mud-charts-tooltip text")));
        ShownAsText(page, "svg text");
    }

    [Fact]
    public async Task The_triage_inbox_shows_the_name_as_text()
    {
        await HostileCategoryAsync();

        var page = Render<TriageInbox>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("tbody tr")));
        ShownAsText(page, "td");
    }

    [Fact]
    public async Task The_staff_report_page_shows_the_name_as_text()
    {
        var (_, report) = await HostileCategoryAsync();

        var page = Render<StaffReportDetail>(p => p.Add(x => x.Id, report.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("#report-status")));
        ShownAsText(page, "dd");
    }

    [Fact]
    public async Task The_public_report_list_shows_the_name_as_text()
    {
        var (_, report) = await HostileCategoryAsync();

        // A static page: it reads its request's HttpContext, as the server gives it.
        var page = Render<ReportsHome>(p => p.AddCascadingValue<Microsoft.AspNetCore.Http.HttpContext>(new Microsoft.AspNetCore.Http.DefaultHttpContext()));

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"#report-{report.Id}")));
        ShownAsText(page, ".report-item-title, option");
    }

    [Fact]
    public async Task The_public_report_page_and_its_map_marker_carry_the_name_as_text()
    {
        var (_, report) = await HostileCategoryAsync();

        var page = Render<ReportPage>(p => p.Add(x => x.Id, report.Id));

        page.WaitForAssertion(() => Assert.NotNull(page.Find("h1.portal-title")));
        ShownAsText(page, "h1");
        // The marker's popup title goes to the map script as plain data, which sets it as the link's textContent
        // (wwwroot/js/report-map.js): not encoded here, or the popup would show "&lt;img".
        var overview = JSInterop.Invocations.Single(i => i.Identifier == "createOverview");
        var marker = Assert.Single((object[])overview.Arguments[1]!);
        Assert.Equal(Hostile, marker.GetType().GetProperty("title")!.GetValue(marker));
    }

    [Fact]
    public async Task The_category_editor_lists_the_name_as_text()
    {
        await HostileCategoryAsync(Portal.Core.Accounts.Role.Admin);

        var page = Render<Portal.Web.Reports.Admin.ReportCategoriesAdmin>();

        page.WaitForAssertion(() => Assert.Contains(page.FindAll("tbody tr"), r => r.TextContent.Contains("カテゴリ", StringComparison.Ordinal)));
        ShownAsText(page, "td");
    }
}
