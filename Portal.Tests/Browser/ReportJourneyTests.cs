using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;
using SkiaSharp;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>A resident reports a problem on a phone, as a person does: location, category, photo, text, send.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ReportJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static byte[] Photo()
    {
        using var bitmap = new SKBitmap(1200, 900);
        bitmap.Erase(new SKColor(120, 120, 125));
        using var image = SKImage.FromBitmap(bitmap);
        return image.Encode(SKEncodedImageFormat.Jpeg, 80).ToArray();
    }

    private static async Task ChooseAsync(IPage page, string label, string option)
    {
        await page.Locator(".mud-input-control.mud-select").Filter(new() { HasText = label }).ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = option, Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task A_resident_reports_a_pothole_with_a_photo_from_their_location_and_a_double_tap_files_it_once()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.Context.GrantPermissionsAsync(["geolocation"]);
        await browser.Context.SetGeolocationAsync(new Geolocation { Latitude = 35.6083f, Longitude = 140.1233f });
        await browser.SignInQuietlyAsync(resident);

        await browser.Page.GotoAsync("/reports/new");
        await browser.WaitUntilReadyAsync();
        var page = browser.Page;
        await ChooseAsync(page, PortalText.Ja("Reports_Field"), PortalText.Ja("ReportField_Road"));
        // The picker's map, drawn once the resident starts on the form (report-map.js loads Leaflet for it then).
        await Expect(page.Locator(".report-map.leaflet-container")).ToBeVisibleAsync();
        await ChooseAsync(page, PortalText.Ja("Reports_Category"), "道路の穴・陥没");
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("Reports_UseMyLocation") }).ClickAsync();
        await Expect(page.GetByText("35.60830")).ToBeVisibleAsync();
        await page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "IMG_0001.JPG", MimeType = "image/jpeg", Buffer = Photo() });
        await Expect(page.Locator(".photo-preview img")).ToHaveCountAsync(1);
        var description = $"交差点の手前に穴があります {Guid.NewGuid().ToString("N")[..6]}";
        await page.Locator("textarea").FillAsync(description);
        await page.Locator("textarea").BlurAsync();
        await browser.AssertNoHorizontalOverflowAsync("/reports/new (filled in)");

        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("Reports_Submit") }).DblClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/reports/", StringComparison.Ordinal) && url.Contains("submitted=true"));
        await Expect(page.GetByText(PortalText.Ja("Reports_Submitted"))).ToBeVisibleAsync();
        var mine = await app.Services.GetRequiredService<IReportRepository>().ListByReporterAsync(resident.Id, Ct);
        var report = Assert.Single(mine);
        Assert.Equal((description, "chuo", "road-pothole"), (report.Description, report.WardId, report.CategoryCode));
        Assert.Single(await app.Services.GetRequiredService<IReportRepository>().PhotosAsync(report.Id, Ct));
        await browser.CheckBothLanguagesAsync();
    }

    [Fact]
    public async Task Zooming_the_list_map_asks_for_the_reports_in_view()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var page = browser.Page;
        // The first markers are the city's newest, asked for without a view.
        var first = page.WaitForResponseAsync(r => r.Url.Contains("/reports/map-markers", StringComparison.Ordinal));
        await page.GotoAsync("/reports");
        Assert.DoesNotContain("bbox=", (await first).Url, StringComparison.Ordinal);
        await Expect(page.Locator("report-overview-map.leaflet-container")).ToBeVisibleAsync();

        var inView = page.WaitForResponseAsync(r => r.Url.Contains("/reports/map-markers", StringComparison.Ordinal) && r.Url.Contains("bbox=", StringComparison.Ordinal));
        await page.Locator("report-overview-map .leaflet-control-zoom-in").ClickAsync();

        var answer = await inView;
        Assert.Equal(200, answer.Status);
        // The view asked for is the zoomed map's: within the city's box around its centre, narrower than the city.
        var bbox = Uri.UnescapeDataString(new Uri(answer.Url).Query.Split("bbox=")[1].Split('&')[0]).Split(',')
            .Select(n => double.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        Assert.InRange(bbox[0], 139.9, Portal.Core.Geography.CityArea.Centre.Longitude);
        Assert.InRange(bbox[2], Portal.Core.Geography.CityArea.Centre.Longitude, 140.4);
        Assert.True(bbox[2] - bbox[0] < 0.2, $"the view {string.Join(",", bbox)} is not the zoomed one");
    }

    [Fact]
    public async Task A_half_written_report_survives_a_reload()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync("/reports/new");
        await browser.WaitUntilReadyAsync();
        var page = browser.Page;
        // Each change is kept on the phone by a round trip to the browser: the page counts the saves, and says so.
        var saves = page.Locator("[data-draft-saves]");
        await Expect(saves).ToHaveAttributeAsync("data-draft-saves", "0");
        await ChooseAsync(page, PortalText.Ja("Reports_Field"), PortalText.Ja("ReportField_Park"));
        await Expect(saves).ToHaveAttributeAsync("data-draft-saves", "1");
        await Expect(saves).ToHaveTextAsync(PortalText.Ja("Reports_DraftKept"));
        await page.Locator("textarea").FillAsync("ベンチが壊れています");
        await page.Locator("textarea").BlurAsync();
        await Expect(saves).ToHaveAttributeAsync("data-draft-saves", "2");

        await page.ReloadAsync();
        await browser.WaitUntilReadyAsync();

        await Expect(page.Locator("textarea")).ToHaveValueAsync("ベンチが壊れています");
        await Expect(page.GetByText(PortalText.Ja("Reports_DraftRestored"))).ToBeVisibleAsync();
        await browser.CheckBothLanguagesAsync();
    }

    [Fact]
    public async Task Choosing_four_photos_keeps_three_and_says_why()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync("/reports/new");
        await browser.WaitUntilReadyAsync();

        var four = Enumerable.Range(1, 4).Select(i => new FilePayload { Name = $"IMG_{i}.JPG", MimeType = "image/jpeg", Buffer = Photo() });
        await browser.Page.Locator("input[type=file]").SetInputFilesAsync(four);

        await Expect(browser.Page.Locator(".photo-preview img")).ToHaveCountAsync(3);
        await Expect(browser.Page.GetByText(PortalText.Ja("Reports_Validation_TooManyPhotos"))).ToBeVisibleAsync();
        await Expect(browser.Page.Locator("input[type=file]")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_place_outside_the_city_is_refused_with_a_clear_message()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.Context.GrantPermissionsAsync(["geolocation"]);
        await browser.Context.SetGeolocationAsync(new Geolocation { Latitude = 35.681f, Longitude = 139.767f });
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync("/reports/new");
        await browser.WaitUntilReadyAsync();

        await browser.Page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("Reports_UseMyLocation") }).ClickAsync();

        await Expect(browser.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = PortalText.Ja("Reports_Error_OutsideCity") })).ToBeVisibleAsync();
    }
}
