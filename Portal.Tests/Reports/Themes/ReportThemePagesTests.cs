using Bunit;
using Microsoft.AspNetCore.Components.Server.ProtectedBrowserStorage;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Reports.Themes;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Reports;
using Portal.Web.Reports.Admin;
using Portal.Web.Reports.Map;
using Portal.Web.Reports.Themes;
using Portal.Tests.Reports.Staff;

namespace Portal.Tests.Reports.Themes;

/// <summary>
/// Theme reports as administrators and residents see them: the admin editor opens a theme (audited) and names what is
/// missing; the reports home shows the open themes; a theme's page shows its prompt, period and public counts; the report
/// form reports into a theme, offers its categories only, checks the place against its area and keeps the draft when the
/// theme closed while the resident typed.
/// </summary>
public sealed class ReportThemePagesTests : BunitContext
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private static readonly DateOnly Today = new(2026, 11, 25);
    private readonly StaffTestWorld _world = new();

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    private async Task<ReportTheme> ThemeAsync(DateOnly start, DateOnly end, List<string>? wards = null)
    {
        var input = ReportThemeValidatorTests.Valid();
        input.Code = $"t-{Guid.NewGuid():N}"[..14];
        input.Title["ja"] = "通学路の危険箇所 " + input.Code;
        input.StartDate = start;
        input.EndDate = end;
        input.CategoryCodes = ["road-sidewalk", "road-street-light"];
        input.WardIds = wards ?? [];
        var admin = await _world.StaffAsync("管理 太郎", role: Role.Admin);
        var saved = await _world.Themes.SaveAsync(StaffTestWorld.ActorOf(admin), input, creating: true, Ct);
        Assert.True(saved.Succeeded);
        return saved.Value!;
    }

    private async Task<UserAccount> ResidentAsync()
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", Role.Resident, null, StaffTestWorld.Now.AddYears(-1));
        Assert.True(await _world.Accounts.CreateAsync(account, Ct));
        return account;
    }

    private void PrepareResident(UserAccount resident)
    {
        Services.AddSingleton(Options.Create(new MapOptions()));
        Services.AddSingleton(new ProtectedLocalStorage(JSInterop.JSRuntime, new EphemeralDataProtectionProvider()));
        _world.Prepare(this, resident);
        Render<MudSnackbarProvider>();
    }

    [Fact]
    public async Task The_admin_editor_opens_a_theme_and_records_it_in_the_audit_trail()
    {
        _world.Prepare(this, await _world.StaffAsync("管理 花子", role: Role.Admin));
        var page = Render<ReportThemeEditor>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#theme-save")));

        var code = $"routes-{Guid.NewGuid():N}"[..20];
        var codeField = page.FindComponents<MudTextField<string>>().Single(t => t.Instance.Label == "コード");
        await page.InvokeAsync(() => codeField.Instance.ValueChanged.InvokeAsync(code));
        page.Find("#theme-title-ja").Change("通学路の危険箇所");
        page.Find("#theme-prompt-ja").Change("危ないと感じた場所を教えてください。");
        var sidewalk = page.FindComponents<MudCheckBox<bool>>().Single(c => Equals(c.Instance.UserAttributes.GetValueOrDefault("data-category"), "road-sidewalk"));
        await page.InvokeAsync(() => sidewalk.Instance.ValueChanged.InvokeAsync(true));
        var midori = page.FindComponents<MudCheckBox<bool>>().Single(c => Equals(c.Instance.UserAttributes.GetValueOrDefault("data-ward"), "midori"));
        await page.InvokeAsync(() => midori.Instance.ValueChanged.InvokeAsync(true));
        page.Find("#theme-save").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/admin/report-themes", Services.GetRequiredService<Microsoft.AspNetCore.Components.NavigationManager>().Uri));
        var theme = await _world.Themes.GetAsync(code, Ct);
        Assert.NotNull(theme);
        Assert.Equal(["road-sidewalk"], theme.CategoryCodes);
        Assert.Equal(["midori"], theme.Area.WardIds);
        // A new theme runs from today (Japan time) for a month unless the administrator says otherwise.
        Assert.Equal((Today, Today.AddMonths(1)), (theme.StartDate, theme.EndDate));
        var audit = Assert.Single(await _world.Audit.SearchAsync(new AuditQuery(Action: ReportThemeAuditActions.Saved, EntityId: code), Ct));
        Assert.Contains("wards=midori", audit.Detail);
    }

    [Fact]
    public async Task The_admin_editor_names_what_is_missing_and_saves_nothing()
    {
        _world.Prepare(this, await _world.StaffAsync("管理 花子", role: Role.Admin));
        var page = Render<ReportThemeEditor>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#theme-save")));

        page.Find("#theme-save").Click();

        page.WaitForAssertion(() =>
        {
            Assert.Contains("日本語のタイトルを入力してください。", page.Find("#theme-title-ja-error").TextContent);
            var errors = page.Find("#theme-errors").TextContent;
            Assert.Contains("コードを入力してください。", errors);
            Assert.Contains("受け付けるカテゴリを1つ以上選んでください。", errors);
        });
        Assert.Empty(await _world.Themes.ListAsync(Ct));
    }

    [Fact]
    public async Task The_reports_home_shows_open_themes_as_cards_and_lists_every_theme_that_opened_in_its_filter()
    {
        var open = await ThemeAsync(Today.AddDays(-3), Today.AddDays(10));
        var over = await ThemeAsync(Today.AddDays(-30), Today.AddDays(-1));
        var later = await ThemeAsync(Today.AddDays(1), Today.AddDays(10));
        PrepareResident(await ResidentAsync());

        var page = Render<ReportsHome>(p => p.AddCascadingValue<HttpContext>(new DefaultHttpContext()));

        page.WaitForAssertion(() => Assert.NotNull(page.Find($"article[data-theme='{open.Code}']")));
        var card = page.Find($"article[data-theme='{open.Code}']");
        Assert.Contains("危ない場所を教えてください。", card.TextContent);
        Assert.Contains("2026年11月22日 ～ 2026年12月5日", card.TextContent);
        Assert.Equal($"/reports/new?theme={open.Code}", card.QuerySelector("a.static-button")!.GetAttribute("href"));
        Assert.Empty(page.FindAll($"article[data-theme='{over.Code}'], article[data-theme='{later.Code}']"));
        var options = page.FindAll("#filter-theme option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Contains(open.Code, options);
        Assert.Contains(over.Code, options);
        Assert.DoesNotContain(later.Code, options);
    }

    [Fact]
    public async Task A_theme_s_page_shows_its_prompt_period_and_public_counts()
    {
        var theme = await ThemeAsync(Today.AddDays(-3), Today.AddDays(10));
        var resident = await ResidentAsync();
        var first = await _world.Service.SubmitAsync(Draft(theme.Code), resident, "web", Ct);
        var second = await _world.Service.SubmitAsync(Draft(theme.Code), resident, "web", Ct);
        await _world.Service.SubmitAsync(Draft(null), resident, "web", Ct);
        var staff = StaffTestWorld.ActorOf(await _world.StaffAsync("中央 職員"));
        Assert.True((await _world.Service.MoveAsync(staff, second.Value!.Id, ReportStatus.Fixed, null, null, null, Ct)).Succeeded);
        Assert.True(first.Succeeded);
        PrepareResident(resident);

        var page = Render<ThemePage>(p => p.Add(x => x.Code, theme.Code).AddCascadingValue<HttpContext>(new DefaultHttpContext()));

        page.WaitForAssertion(() => Assert.Contains(theme.Title.Text(), page.Find("h1").TextContent));
        Assert.Contains("受付中", page.Find("#theme-period").TextContent);
        Assert.Equal("1", page.Find("[data-status=Received]").TextContent);
        Assert.Equal("1", page.Find("[data-status=Fixed]").TextContent);
        Assert.Equal($"/reports/new?theme={theme.Code}", page.Find("#theme-report").GetAttribute("href"));
        Assert.Contains($"theme={theme.Code}", page.Find("report-overview-map").GetAttribute("data-src"));
    }

    [Fact]
    public async Task A_theme_not_open_yet_has_no_page()
    {
        var later = await ThemeAsync(Today.AddDays(2), Today.AddDays(10));
        PrepareResident(await ResidentAsync());
        var context = new DefaultHttpContext();

        var page = Render<ThemePage>(p => p.Add(x => x.Code, later.Code).AddCascadingValue<HttpContext>(context));

        page.WaitForAssertion(() => Assert.Contains("テーマが見つかりません", page.Find("h1").TextContent));
        Assert.Equal(StatusCodes.Status404NotFound, context.Response.StatusCode);
    }

    private static ReportDraft Draft(string? theme) => new()
    {
        CategoryCode = "road-sidewalk", Description = "段差があります", Latitude = StaffTestWorld.Chiba.Latitude, Longitude = StaffTestWorld.Chiba.Longitude,
        ThemeCode = theme,
    };

    [Fact]
    public async Task The_form_reports_into_the_theme_with_its_categories_only_and_checks_the_place_against_its_area()
    {
        var theme = await ThemeAsync(Today.AddDays(-3), Today.AddDays(10), wards: ["chuo"]);
        PrepareResident(await ResidentAsync());
        // As prerendered: the island leaves the MudBlazor providers to the ones the test world rendered.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));

        var form = Render<ReportForm>(p => p.Add(x => x.ThemeCode, theme.Code));

        form.WaitForAssertion(() => Assert.Contains(theme.Title.Text(), form.Find("section.theme-banner").TextContent));
        var field = form.FindComponent<MudSelect<ReportField?>>();
        Assert.Equal([ReportField.Road], field.FindComponents<MudSelectItem<ReportField?>>().Select(i => i.Instance.Value));
        await form.InvokeAsync(() => field.Instance.ValueChanged.InvokeAsync(ReportField.Road));
        var categories = form.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "種類");
        Assert.Equal(["road-sidewalk", "road-street-light"], categories.FindComponents<MudSelectItem<string>>().Select(i => i.Instance.Value).Order());

        // Mihama, outside the theme's ward: said beside the map at once.
        await form.InvokeAsync(() => form.FindComponent<LocationPicker>().Instance.ValueChanged.InvokeAsync(new GeoPoint(35.638, 140.060)));
        form.WaitForAssertion(() => Assert.Contains("この場所はテーマの対象地域の外です。", form.Markup));
        await form.InvokeAsync(() => form.FindComponent<LocationPicker>().Instance.ValueChanged.InvokeAsync(StaffTestWorld.Chiba));
        form.WaitForAssertion(() => Assert.DoesNotContain("この場所はテーマの対象地域の外です。", form.Markup));
    }

    [Fact]
    public async Task A_link_to_a_theme_that_closed_opens_an_ordinary_form_that_says_so_without_pointing_at_a_button_it_lacks()
    {
        var theme = await ThemeAsync(Today.AddDays(-10), Today.AddDays(-1));
        PrepareResident(await ResidentAsync());
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));

        var form = Render<ReportForm>(p => p.Add(x => x.ThemeCode, theme.Code));

        form.WaitForAssertion(() => Assert.Equal(Portal.Tests.Browser.PortalText.Ja("Themes_ClosedBeforeForm"), form.Find("[role=alert]").TextContent.Trim()));
        Assert.Empty(form.FindAll("section.theme-banner"));
        Assert.Empty(form.FindAll("#theme-leave"));
        Assert.DoesNotContain(Portal.Tests.Browser.PortalText.Ja("Themes_ReportWithout"), form.Find("[role=alert]").TextContent);
    }

    [Fact]
    public async Task A_theme_that_closed_while_the_resident_typed_is_said_at_submit_and_the_draft_is_kept()
    {
        var theme = await ThemeAsync(Today.AddDays(-3), Today.AddDays(10));
        PrepareResident(await ResidentAsync());
        // As prerendered: the island leaves the MudBlazor providers to the ones the test world rendered.
        SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Static", false));
        var form = Render<ReportForm>(p => p.Add(x => x.ThemeCode, theme.Code));
        form.WaitForAssertion(() => Assert.NotNull(form.Find("section.theme-banner")));
        await form.InvokeAsync(() => form.FindComponent<MudSelect<ReportField?>>().Instance.ValueChanged.InvokeAsync(ReportField.Road));
        await form.InvokeAsync(() => form.FindComponents<MudSelect<string>>().Single(s => s.Instance.Label == "種類").Instance.ValueChanged.InvokeAsync("road-sidewalk"));
        await form.InvokeAsync(() => form.FindComponent<MudTextField<string>>().Instance.ValueChanged.InvokeAsync("見通しの悪い交差点です"));
        await form.InvokeAsync(() => form.FindComponent<LocationPicker>().Instance.ValueChanged.InvokeAsync(StaffTestWorld.Chiba));
        var admin = await _world.StaffAsync("管理 太郎", role: Role.Admin);
        Assert.True((await _world.Themes.CloseAsync(StaffTestWorld.ActorOf(admin), theme.Code, Ct)).Succeeded);

        form.FindAll("button").Single(b => b.TextContent.Trim() == "投稿する").Click();

        form.WaitForAssertion(() => Assert.Contains("このテーマの受付は終了しました。書いた内容は残っています。", form.Find("[role=alert]").TextContent));
        Assert.Equal(0, await _world.Reports.CountInboxAsync(new InboxFilter(), Ct));
        // The draft stays on the phone (never deleted) and "report without the theme" is offered.
        Assert.DoesNotContain(JSInterop.Invocations, i => i.Identifier == "localStorage.removeItem");
        Assert.NotNull(form.Find("#theme-leave"));
    }
}
