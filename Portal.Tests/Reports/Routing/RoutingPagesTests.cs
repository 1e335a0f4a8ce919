using Bunit;
using MudBlazor;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Routing;
using Portal.Tests.Reports.Staff;
using Portal.Web.Reports.Admin;
using Portal.Web.Reports.Staff;

namespace Portal.Tests.Reports.Routing;

/// <summary>/admin/report-routing and the staff report page's routing panel, in Japanese.</summary>
public sealed class RoutingPagesTests : BunitContext
{
    private readonly StaffTestWorld _world = new();
    private static CancellationToken Ct => StaffTestWorld.Ct;

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing) _world.Dispose();
    }

    [Fact]
    public async Task An_admin_adds_a_section_routes_a_category_to_it_and_adds_a_webhook_body_whose_secret_is_never_shown()
    {
        var admin = await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin);
        _world.Prepare(this, admin);
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<RoutingAdmin>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#route-road-pothole-city")));

        page.Find("#section-new").Click();
        dialogs.WaitForElement("#section-code").Input("doboku-chuo-mihama");
        dialogs.Find("#section-name-ja").Change("中央・美浜土木事務所");
        dialogs.Find("#section-save").Click();
        page.WaitForAssertion(() => Assert.Equal("中央・美浜土木事務所", Assert.Single(page.FindAll("[data-testid=section-name]")).TextContent));
        var section = Assert.Single(await _world.Routing.SectionsAsync(Ct));

        page.Find("#route-road-pothole-mihama").Change(section.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        page.WaitForAssertion(() => Assert.Contains(new ReportRoute("road-pothole", "mihama", section.Id), _world.Routing.RoutesAsync(Ct).GetAwaiter().GetResult()));

        page.Find("#body-new").Click();
        dialogs.WaitForElement("#body-code").Input("jr-east-chiba");
        dialogs.Find("#body-name-ja").Change("JR東日本 千葉支社");
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudRadioGroup<ReferralDelivery>>().Instance.ValueChanged.InvokeAsync(ReferralDelivery.Webhook));
        dialogs.WaitForElement("#body-url").Input("https://hooks.jreast.example/chiba");
        dialogs.Find("#body-secret").Input("short");
        dialogs.Find("#body-save").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("秘密鍵は16文字以上にしてください", dialogs.Markup));
        dialogs.Find("#body-secret").Input("jr-east-secret-2026-0001");
        dialogs.Find("#body-save").Click();
        page.WaitForAssertion(() => Assert.Equal("JR東日本 千葉支社", Assert.Single(page.FindAll("[data-testid=body-name]")).TextContent));

        page.Find(".body-edit").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("…0001", dialogs.Find("#body-secret-kept").TextContent));
        Assert.DoesNotContain("jr-east-secret-2026", dialogs.Markup);
        Assert.DoesNotContain("jr-east-secret-2026", page.Markup);
        var audited = await _world.Audit.SearchAsync(new AuditQuery(), Ct);
        Assert.Contains(audited, a => a.Action == RoutingAuditActions.SectionSaved);
        Assert.Contains(audited, a => a.Action == RoutingAuditActions.RouteSaved && a.EntityId == "road-pothole/mihama");
        Assert.Contains(audited, a => a.Action == RoutingAuditActions.BodySaved);
    }

    [Fact]
    public async Task Staff_refer_a_report_through_the_dialog_and_see_the_referral_waiting_to_be_sent()
    {
        var admin = StaffTestWorld.ActorOf(await _world.StaffAsync("管理 太郎", role: Portal.Core.Accounts.Role.Admin));
        var body = (await _world.Routing.SaveBodyAsync(admin, new OutsideBodyInput
        {
            Code = "pref-chiba-road", Name = new() { ["ja"] = "千葉県 千葉土木事務所" }, Kind = OutsideBodyKind.PrefectureRoadOffice, Email = "road@pref.chiba.example",
        }, Ct)).Value!;
        var staff = await _world.StaffAsync("千葉 花子");
        var report = await _world.ReportAsync();
        _world.Prepare(this, staff);
        var dialogs = Render<MudDialogProvider>();
        Render<MudSnackbarProvider>();
        var page = Render<StaffReportDetail>(p => p.Add(x => x.Id, report.Id));
        page.WaitForAssertion(() => Assert.NotNull(page.Find("#refer-open")));

        page.Find("#refer-open").Click();
        // Nothing chosen: the dialog says so and stays open.
        dialogs.WaitForElement("#refer-confirm").Click();
        dialogs.WaitForAssertion(() => Assert.Contains("引き継ぎ先を選んでください", dialogs.Find("#refer-error").TextContent));
        await dialogs.InvokeAsync(() => dialogs.FindComponent<MudSelect<long?>>().Instance.ValueChanged.InvokeAsync(body.Id));
        dialogs.Find("#refer-message").Input("国道のため県の管理です");
        dialogs.Find("#refer-confirm").Click();

        page.WaitForAssertion(() => Assert.Equal(nameof(ReferralDeliveryState.Pending), Assert.Single(page.FindAll("[data-testid=referral]")).GetAttribute("data-state")));
        Assert.Contains("千葉県 千葉土木事務所", page.Find("[data-testid=referral]").TextContent);
        Assert.Equal(ReportStatus.Referred, (await _world.Reports.GetAsync(report.Id, Ct))!.Status);
        // Referred: the workflow allows no second referral, so the button is gone.
        page.WaitForAssertion(() => Assert.Empty(page.FindAll("#refer-open")));
    }
}
