using System.Net;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>The rules behind the staff statistics: medians, Japan months and public statuses.</summary>
public sealed class ReportStatisticsTests
{
    [Fact]
    public void The_median_of_an_odd_count_is_the_middle_value()
    {
        Assert.Equal(3.0, MedianDays.Of([TimeSpan.FromDays(10), TimeSpan.FromDays(1), TimeSpan.FromDays(3)]));
    }

    [Fact]
    public void The_median_of_an_even_count_is_half_way_between_the_middle_values()
    {
        Assert.Equal(2.5, MedianDays.Of([TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(3), TimeSpan.FromDays(90)]));
    }

    [Fact]
    public void A_median_is_in_days_to_one_decimal_and_there_is_none_without_durations()
    {
        Assert.Equal(0.5, MedianDays.Of([TimeSpan.FromHours(12)]));
        Assert.Equal(1.3, MedianDays.Of([TimeSpan.FromHours(31)]));
        Assert.Null(MedianDays.Of([]));
    }

    [Fact]
    public void A_period_of_Japan_days_starts_and_ends_at_Japan_midnight()
    {
        var q = StatisticsQuery.ForJapanDays(new DateOnly(2026, 11, 1), new DateOnly(2026, 11, 30));
        Assert.Equal((new DateTimeOffset(2026, 10, 31, 15, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero)), (q.FromUtc, q.ToUtc));
    }

    [Fact]
    public void The_default_period_is_this_month_and_the_eleven_before_it()
    {
        Assert.Equal((new DateOnly(2025, 12, 1), new DateOnly(2026, 11, 25)), StatisticsQuery.DefaultDays(new DateOnly(2026, 11, 25)));
    }

    [Fact]
    public void Every_month_of_the_period_is_shown_even_without_reports_and_staff_statuses_become_public_ones()
    {
        var q = StatisticsQuery.ForJapanDays(new DateOnly(2026, 9, 15), new DateOnly(2026, 11, 30));
        var counts = new ReportCounts(
            [new CountBy("road-pothole", 2), new CountBy("park-bench", 5)],
            [new CountBy("Received", 1), new CountBy("Accepted", 2), new CountBy("ActionScheduled", 1), new CountBy("Fixed", 2), new CountBy("Hidden", 1)],
            [new CountBy("chuo", 7)],
            [new CountBy("2026-11", 7)],
            []);

        var s = ReportStatisticsService.Summarize(q, counts);

        Assert.Equal(7, s.Total);
        Assert.Equal(["2026-09", "2026-10", "2026-11"], s.ByMonth.Select(m => m.Key));
        Assert.Equal([0, 0, 7], s.ByMonth.Select(m => m.Count));
        Assert.Equal([(PublicStatus.Received, 1), (PublicStatus.InProgress, 3), (PublicStatus.Fixed, 2), (PublicStatus.Closed, 1)], s.ByPublicStatus);
        Assert.Equal(["park-bench", "road-pothole"], s.ByCategory.Select(c => c.Key));
        Assert.Null(s.MedianDaysToFix);
    }

    [Fact]
    public void Every_public_status_has_a_name_in_both_languages()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        foreach (var file in new[] { "SharedResource.resx", "SharedResource.en.resx" })
        {
            var keys = System.Xml.Linq.XDocument.Load(Path.Combine(dir!.FullName, "Portal.Web", "Resources", file)).Root!.Elements("data")
                .Select(d => d.Attribute("name")!.Value).ToHashSet();
            Assert.All(Enum.GetNames<PublicStatus>(), s => Assert.Contains("ReportStats_Status_" + s, keys));
        }
    }
}

/// <summary>The statistics page and its CSV, over HTTP, on a server with known reports.</summary>
public sealed class ReportStatisticsHttpTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_download_the_numbers_as_CSV_and_residents_cannot()
    {
        var now = DateTimeOffset.UtcNow;
        var first = await ReportSeeds.SubmitAsync(app, "park-play-equipment", now.AddDays(-6), "遊具が壊れています");
        await ReportSeeds.MoveAsync(app, first, ReportStatus.Accepted, now.AddDays(-5));
        await ReportSeeds.MoveAsync(app, first, ReportStatus.Fixed, now.AddDays(-2));
        var second = await ReportSeeds.SubmitAsync(app, "park-play-equipment", now.AddDays(-4), "遊具が壊れています（2）");
        await ReportSeeds.MoveAsync(app, second, ReportStatus.InProgress, now.AddDays(-1));
        await ReportSeeds.SubmitAsync(app, "litter-dumping", now.AddDays(-1), "不法投棄");
        using var staff = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Staff));

        using var response = await staff.GetAsync("/staff/reports/statistics.csv?ward=chuo&culture=en", Ct);
        var csv = (await response.Content.ReadAsStringAsync(Ct)).TrimStart('\uFEFF');

        Assert.Equal((HttpStatusCode.OK, "text/csv"), (response.StatusCode, response.Content.Headers.ContentType?.MediaType));
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal("section,key,name,value", rows[0]);
        Assert.Contains("total,,Reports,3", rows);
        Assert.Contains("category,park-play-equipment,Broken play equipment,2", rows);
        Assert.Contains("category,litter-dumping,Illegal dumping,1", rows);
        Assert.Contains("status,Received,Received,1", rows);
        Assert.Contains("status,InProgress,In progress,1", rows);
        Assert.Contains("status,Fixed,Fixed,1", rows);
        Assert.Contains("ward,chuo,Chuo Ward Office,3", rows);
        Assert.Contains("median_days,first_response,Days to first response (median),2.0", rows);
        Assert.Contains("median_days,fixed,Days to fix (median),4.0", rows);
        Assert.Equal(3, rows.Where(r => r.StartsWith("month,", StringComparison.Ordinal)).Sum(r => int.Parse(r.Split(',')[3], System.Globalization.CultureInfo.InvariantCulture)));

        using var resident = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Resident));
        using var refused = await resident.GetAsync("/staff/reports/statistics.csv", Ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.Contains("/not-allowed", refused.Headers.Location!.OriginalString);
        using var anonymous = app.CreateBrowserlessClient();
        using var signIn = await anonymous.GetAsync("/staff/reports/statistics.csv", Ct);
        Assert.Contains("/account/signin", signIn.Headers.Location!.OriginalString);

        using var bad = await staff.GetAsync("/staff/reports/statistics.csv?from=2026-12-01&to=2026-11-01", Ct);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
    }

    [Theory]
    [InlineData("/staff/reports/statistics", Role.Staff, true)]
    [InlineData("/staff/reports/statistics", Role.Admin, true)]
    [InlineData("/staff/reports/statistics", Role.Resident, false)]
    [InlineData("/admin/open311", Role.Admin, true)]
    [InlineData("/admin/open311", Role.Staff, false)]
    public async Task The_statistics_page_is_for_back_office_staff_and_the_key_page_for_admins(string page, Role role, bool shown)
    {
        // In Midori ward, so that the CSV test, which counts Chuo ward, does not see it.
        await ReportSeeds.SubmitAsync(app, "road-other", DateTimeOffset.UtcNow.AddDays(-1), "道路のその他", at: new Portal.Core.Geography.GeoPoint(35.554, 140.172), ward: "midori");
        // Staff of Midori: without the city-wide permission the figures are their own ward's.
        using var client = await app.SignedInClientAsync(await app.CreateAccountAsync(role, "midori"));
        using var response = await client.GetAsync(page, Ct);
        if (shown)
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync(Ct);
            Assert.Contains(page.StartsWith("/admin", StringComparison.Ordinal) ? "Open311 APIキー" : "通報の統計", html);
            if (!page.StartsWith("/admin", StringComparison.Ordinal))
            {
                Assert.Contains("<svg", html);
                Assert.Contains("道路のその他", html);
            }
        }
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Contains("/not-allowed", response.Headers.Location!.OriginalString);
        }
    }
}
