using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Routing;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;

namespace Portal.Tests.Reports.Routing;

/// <summary>
/// The whole app: the Development demo sections route a new report; the public page and Open311's agency_responsible say
/// who handles it, the section first and the outside body once it is referred.
/// </summary>
public sealed class RoutingPublicTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_report_names_its_section_then_the_body_it_was_referred_to_on_its_page_and_in_Open311()
    {
        using var app = new PortalAppFactory();
        _ = app.ServerAddress;
        await DemoRouting.SeedAsync(app.Services, Ct);
        // Seeding again (every start of the app) adds nothing.
        await DemoRouting.SeedAsync(app.Services, Ct);
        var routing = app.Services.GetRequiredService<ReportRoutingService>();
        Assert.Equal(10, (await routing.SectionsAsync(Ct)).Count);
        Assert.Equal(4, (await routing.BodiesAsync(Ct)).Count);
        Assert.All(await routing.SectionsAsync(Ct), s => Assert.Equal(6, s.Name.Languages.Count()));

        var resident = await app.CreateAccountAsync(Role.Resident);
        var reports = app.Services.GetRequiredService<ReportService>();
        // Near Mihama ward office: a pothole there is the Chuo/Mihama road office's.
        var report = (await reports.SubmitAsync(new ReportDraft
        {
            CategoryCode = "road-pothole", Description = "歩道に大きな穴があります", Latitude = 35.6385, Longitude = 140.0605,
        }, resident, "web", Ct)).Value!;
        Assert.Equal("mihama", report.WardId);

        using var client = app.CreateBrowserlessClient();
        var page = await client.GetStringAsync($"/reports/{report.Id}", Ct);
        Assert.Contains("担当：中央・美浜土木事務所（中央区役所）", WebUtility.HtmlDecode(page));
        Assert.Equal("中央・美浜土木事務所", await AgencyAsync(client, report.Id));

        var staff = await app.CreateAccountAsync(Role.Staff, "mihama");
        var body = (await routing.BodiesAsync(Ct)).Single(b => b.Code == "pref-chiba-road");
        Assert.True((await routing.ReferAsync(Actor.For(staff, null), report.Id, new ReferralInput { OutsideBodyId = body.Id }, Ct)).Succeeded);

        page = await client.GetStringAsync($"/reports/{report.Id}", Ct);
        Assert.Contains("千葉県 千葉土木事務所に引き継ぎました", WebUtility.HtmlDecode(page));
        Assert.Equal("千葉県 千葉土木事務所", await AgencyAsync(client, report.Id));
    }

    private static async Task<string?> AgencyAsync(HttpClient client, long id)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync($"/open311/v2/requests/{id}.json", Ct));
        return json.RootElement[0].GetProperty("agency_responsible").GetString();
    }
}
