using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Core.Reports.Photos;
using Portal.Tests.Infrastructure;
using SkiaSharp;

namespace Portal.Tests.Reports;

/// <summary>What residents and the public see of reports and their photos, over real HTTP.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ReportPagesTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(Report Report, UserAccount Reporter)> ReportWithPhotoAsync(bool showName)
    {
        var reporter = await app.CreateAccountAsync(Role.Resident, name: "写真 太郎");
        var processor = app.Services.GetRequiredService<IPhotoProcessor>();
        var store = app.Services.GetRequiredService<IPhotoStore>();
        using var bitmap = new SKBitmap(640, 480);
        bitmap.Erase(new SKColor(90, 120, 200));
        using var encoded = SKImage.FromBitmap(bitmap).Encode(SKEncodedImageFormat.Png, 100);
        var processed = await processor.ProcessAsync(new MemoryStream(encoded.ToArray()), Ct);
        Assert.True(processed.Succeeded);
        var key = await store.SaveAsync(processed.Photo, Ct);
        var draft = new ReportDraft
        {
            CategoryCode = "park-bench", Description = "ベンチの板が割れています " + Guid.NewGuid().ToString("N")[..8],
            Latitude = 35.6083, Longitude = 140.1233, ShowName = showName,
            Photos = [new NewPhoto(key, processed.Photo.Width, processed.Photo.Height)],
        };
        var result = await app.Services.GetRequiredService<ReportService>().SubmitAsync(draft, reporter, "web", Ct);
        Assert.True(result.Succeeded);
        return (result.Value!, reporter);
    }

    [Fact]
    public async Task An_unpublished_photo_is_seen_by_its_reporter_and_its_wards_staff_only_and_the_original_never()
    {
        var (report, reporter) = await ReportWithPhotoAsync(showName: false);
        var photo = Assert.Single(await app.Services.GetRequiredService<IReportRepository>().PhotosAsync(report.Id, Ct));
        var url = $"/reports/photos/{photo.Id}/thumb";

        using var anonymous = app.CreateBrowserlessClient();
        using (var response = await anonymous.GetAsync(url, Ct)) Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var own = await app.SignedInClientAsync(reporter);
        using (var response = await own.GetAsync(url, Ct))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("image/jpeg", response.Content.Headers.ContentType!.MediaType);
            Assert.Contains("no-store", response.Headers.CacheControl!.ToString());
        }
        using var staff = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Staff));
        using (var response = await staff.GetAsync(url, Ct)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using (var response = await staff.GetAsync($"/reports/photos/{photo.Id}/original", Ct)) Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        // The report is in Chuo ward: staff of another ward office do not see its unpublished photo (ward scope).
        using var otherWard = await app.SignedInClientAsync(await app.CreateAccountAsync(Role.Staff, "mihama"));
        using (var response = await otherWard.GetAsync(url, Ct)) Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        using var cityWide = await app.SignedInClientAsync(await app.CreateCityWideStaffAsync("mihama"));
        using (var response = await cityWide.GetAsync(url, Ct)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);

        await app.Services.GetRequiredService<IReportRepository>().SavePhotoAsync(photo with { IsPublished = true }, Ct);
        using (var response = await anonymous.GetAsync(url, Ct)) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task The_report_page_hides_the_reporter_unless_they_chose_to_show_their_name()
    {
        var (hidden, _) = await ReportWithPhotoAsync(showName: false);
        var (shown, _) = await ReportWithPhotoAsync(showName: true);
        using var client = app.CreateBrowserlessClient();

        var hiddenPage = await client.GetStringAsync($"/reports/{hidden.Id}", Ct);
        var shownPage = await client.GetStringAsync($"/reports/{shown.Id}", Ct);

        Assert.Contains(hidden.Description, hiddenPage);
        Assert.Contains("投稿者: 非公開", hiddenPage);
        Assert.DoesNotContain("写真 太郎", hiddenPage);
        Assert.DoesNotContain("@test.chiba-portal.jp", hiddenPage);
        Assert.Contains("投稿者: 写真 太郎", shownPage);
    }

    [Fact]
    public async Task The_html_of_a_report_stored_before_the_input_rule_holds_no_control_character_or_lone_surrogate()
    {
        // Every C0 and C1 control, two non-characters and a lone surrogate half, as a report stored before the input
        // rule could hold them: the page the public opens and the list must still be valid HTML in UTF-8. (SQLite keeps the
        // lone half as U+FFFD, a character like any other, so that one is not looked for.)
        var hostile = string.Concat(Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Select(c => (char)c))
            + "\uFFFE\uFDD0\uD800";
        var marker = "汚れた説明" + Guid.NewGuid().ToString("N")[..8];
        var report = await ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow, marker + hostile + "の続き");
        using var client = app.CreateBrowserlessClient();

        foreach (var path in new[] { $"/reports/{report.Id}", "/reports" })
        {
            var bytes = await client.GetByteArrayAsync(path, Ct);
            var html = new System.Text.UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
            var bad = html.Where((c, i) => c is < ' ' and not ('\t' or '\n' or '\r') || c is >= '\u007F' and <= '\u009F' || c is '\uFFFE' or '\uFDD0').ToList();
            Assert.True(bad.Count == 0, $"{path}: {string.Join(" ", bad.Select(c => $"U+{(int)c:X4}"))}");
            // Nor as character references: "&#x1;" is a parse error, and a browser puts U+0001 back into the page.
            Assert.DoesNotMatch(@"&#[xX]0*(?:[0-8bBcCeEfF]|1[0-9a-fA-F]|7[fF]|[89][0-9a-fA-F]|[fF]{3}[eEfF]|[fF][dD][dDeE][0-9a-fA-F]);", html);
            if (path != "/reports") Assert.Matches(marker + "[^<]*の続き", html);
        }
    }

    /// <summary>
    /// The place in words, from the landmarks the portal ships (Reports:PlacesGeoJson): the report's page and the
    /// public list name the ward and the landmark it is near, in the reader's language, where they showed coordinates.
    /// </summary>
    [Theory]
    [InlineData("ja", "中央区 · 千葉駅の近く")]
    [InlineData("en", "Chuo Ward · near Chiba Station")]
    [InlineData("ko", "주오구 · 지바역 근처")]
    public async Task A_report_s_place_is_named_by_its_ward_and_the_landmark_it_is_near(string language, string place)
    {
        // On the forecourt of Chiba station.
        var report = await ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow, "駅前のベンチ " + Guid.NewGuid().ToString("N")[..8],
            at: new Portal.Core.Geography.GeoPoint(35.6128, 140.1140));
        using var client = app.CreateBrowserlessClient();

        var page = ReaderText.Page(await client.GetStringAsync($"/reports/{report.Id}?culture={language}", Ct));
        var list = ReaderText.Page(await client.GetStringAsync($"/reports?culture={language}", Ct));

        Assert.Equal(place, page.QuerySelector("[data-testid=report-place]")!.TextContent.Trim());
        Assert.StartsWith(place, list.QuerySelector($"#report-{report.Id} .report-item-meta")!.TextContent.Trim());
    }

    [Fact]
    public async Task A_hidden_report_is_not_shown_to_the_public()
    {
        var (report, _) = await ReportWithPhotoAsync(showName: false);
        var staff = await app.CreateAccountAsync(Role.Staff);
        await app.Services.GetRequiredService<ReportService>().MoveAsync(Actor.For(staff, null), report.Id, ReportStatus.Hidden, null, "個人情報を含むため", null, Ct);

        using var client = app.CreateBrowserlessClient();
        var page = await client.GetStringAsync($"/reports/{report.Id}", Ct);
        var list = await client.GetStringAsync("/reports", Ct);

        Assert.Contains("公開されていません", page);
        Assert.DoesNotContain(report.Description, page);
        Assert.DoesNotContain(report.Description, list);
    }

    [Fact]
    public async Task The_public_list_filters_through_a_plain_form_s_query_and_ignores_values_it_does_not_know()
    {
        var (report, _) = await ReportWithPhotoAsync(showName: false);
        var today = Portal.Core.Time.JapanTime.Today(app.Services.GetRequiredService<TimeProvider>());
        string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        using var client = app.CreateBrowserlessClient();

        // The list is static HTML: the filters are the query string its GET form sends.
        var matching = await client.GetStringAsync($"/reports?category=park-bench&status=Received&ward=&from={Day(today)}&to={Day(today)}&shown=500", Ct);
        Assert.Contains(report.Description, matching);
        Assert.Contains("<option value=\"park-bench\" selected", matching);
        var otherStatus = await client.GetStringAsync($"/reports?category=park-bench&status=Fixed&from={Day(today)}&to={Day(today)}&shown=500", Ct);
        Assert.DoesNotContain(report.Description, otherStatus);
        var earlier = await client.GetStringAsync($"/reports?category=park-bench&to={Day(today.AddDays(-1))}&shown=500", Ct);
        Assert.DoesNotContain(report.Description, earlier);

        // An old or hand-typed address filters nothing it does not understand, and does not fail.
        using var odd = await client.GetAsync("/reports?status=Nonsense&from=yesterday&shown=-4", Ct);
        Assert.Equal(HttpStatusCode.OK, odd.StatusCode);
    }
}
