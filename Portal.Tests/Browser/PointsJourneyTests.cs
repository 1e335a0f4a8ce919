using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Points;
using Portal.Core.Time;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// City Points as people use it: staff show the event's code, a resident scans it on a phone (signing in on the
/// way), sees the balance rise, exchanges points for a ticket and gets the voucher with its QR code.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class PointsJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resident_checks_in_from_the_event_code_sees_the_balance_rise_and_redeems_a_ticket_for_a_voucher()
    {
        var services = app.Services;
        var admin = Actor.For(await app.CreateAccountAsync(Role.Admin), null);
        var earning = services.GetRequiredService<PointsEarningService>();
        var shop = services.GetRequiredService<PointsShopService>();
        var time = services.GetRequiredService<TimeProvider>();
        var today = JapanTime.Today(time);
        var programme = (await earning.SaveProgrammeAsync(admin, null, new ProgrammeInput
        {
            Name = JapaneseFields.Of($"ビーチクリーン {Guid.NewGuid().ToString("N")[..4]}"), Kind = ProgrammeKind.Volunteer, PointsPerParticipation = 300, DailyCap = 300, YearlyCap = 3000,
            StartsOn = today.AddDays(-1).ToDateTime(TimeOnly.MinValue), EndsOn = today.AddDays(30).ToDateTime(TimeOnly.MinValue),
        }, Ct)).Value!;
        var japanNow = JapanTime.ToJapan(time.GetUtcNow()).TimeOfDay;
        var ev = (await earning.CreateEventAsync(admin, new EventInput
        {
            ProgrammeId = programme.Id, Title = JapaneseFields.Of("稲毛海浜公園 清掃"), Place = JapaneseFields.Of("稲毛海浜公園"), Day = today.ToDateTime(TimeOnly.MinValue),
            StartTime = TimeSpan.FromMinutes(Math.Max(0, japanNow.TotalMinutes - 10)), EndTime = TimeSpan.FromMinutes(Math.Min(24 * 60 - 1, japanNow.TotalMinutes + 120)),
        }, Ct)).Value!;
        var partner = (await shop.SaveAccountAsync(admin, PointAccountKind.Partner, null, new PointOrganisationInput { Name = JapaneseFields.Of("千葉ポートタワー") }, Ct)).Value!;
        var ticket = (await shop.SaveItemAsync(admin, null, new CatalogItemInput
        {
            Name = JapaneseFields.Of($"ポートタワー 展望券 {ev.Id}"), Kind = CatalogItemKind.FacilityTicket, Price = 200, Stock = 10, PerPersonLimit = 1, PartnerAccountId = partner.Id,
        }, Ct)).Value!;
        var staff = await app.CreateAccountAsync(Role.Staff);
        var resident = await app.CreateAccountAsync(Role.Resident);

        // Staff open the event's code on the tablet at the venue.
        await using var tablet = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await tablet.SignInQuietlyAsync(staff);
        await tablet.Page.GotoAsync($"/staff/points/events/{ev.Id}/checkin");
        await tablet.WaitUntilReadyAsync();
        await Expect(tablet.Page.Locator(".points-checkin-code img")).ToBeVisibleAsync();
        var link = await tablet.Page.Locator("#checkin-link").GetAttributeAsync("href");
        Assert.StartsWith(app.ServerAddress.ToString().TrimEnd('/') + "/points/checkin?t=", link);

        // The resident's phone camera opens the link; sign-in comes first and leads back to the check-in.
        await using var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var page = phone.Page;
        await page.GotoAsync(link!);
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
        await page.Locator("#email").FillAsync(resident.Email);
        await page.Locator("#password").FillAsync(PortalAppFactory.Password);
        await page.Locator("form.static-form:has(#email) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/points/checkin");
        await phone.WaitUntilReadyAsync();
        await Expect(page.Locator("#checkin-done")).ToContainTextAsync(string.Format(PortalText.Ja("Points_CheckInDone"), ev.Title, "300 pt"));
        await Expect(page.Locator("#points-balance")).ToHaveTextAsync("300 pt");
        await phone.AssertNoHorizontalOverflowAsync("/points/checkin");

        await phone.VisitAndCheckAsync("/points", _ => Expect(page.Locator("#points-balance")).ToHaveTextAsync("300 pt"));

        // Exchange points for a ticket: confirm, and the voucher is there with its QR code.
        await page.GotoAsync("/points/catalogue");
        await phone.WaitUntilReadyAsync();
        var card = page.Locator(".points-item").Filter(new() { HasText = ticket.Name.For(phone.Language) });
        await card.Locator(".points-redeem").ClickAsync();
        await page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = phone.Language == PortalBrowser.Japanese ? PortalText.Ja("Points_Redeem") : PortalText.En("Points_Redeem") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath.StartsWith("/points/vouchers/", StringComparison.Ordinal));
        await Expect(page.Locator("#voucher-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[2-9A-HJKMNP-Z]{4}(-[2-9A-HJKMNP-Z]{4}){3}$"));
        await Expect(page.Locator(".points-voucher img.points-qr")).ToBeVisibleAsync();
        await phone.CheckBothLanguagesAsync();

        var summary = await services.GetRequiredService<PointsLedgerService>().SummaryAsync(resident.Id, Ct);
        Assert.Equal(100, summary.Spendable);
        Assert.Single(await shop.VouchersAsync(resident.Id, Ct));
    }
}
