using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Points;
using Portal.Core.Time;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Every City Points page, with data on it, checked with axe-core and for overflow in both languages.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class PointsAccessibilityTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(UserAccount Admin, UserAccount Resident, long EventId, long DonationId)> SeedAsync()
    {
        var services = app.Services;
        var adminAccount = await app.CreateAccountAsync(Role.Admin);
        var admin = Actor.For(adminAccount, null);
        var earning = services.GetRequiredService<PointsEarningService>();
        var shop = services.GetRequiredService<PointsShopService>();
        var today = JapanTime.Today(services.GetRequiredService<TimeProvider>());
        var programme = (await earning.SaveProgrammeAsync(admin, null, new ProgrammeInput
        {
            Name = JapaneseFields.Of("加曽利貝塚ガイドボランティア"), Kind = ProgrammeKind.Volunteer, PointsPerParticipation = 50, DailyCap = 100, YearlyCap = 3000,
            StartsOn = today.AddDays(-1).ToDateTime(TimeOnly.MinValue), EndsOn = today.AddDays(60).ToDateTime(TimeOnly.MinValue), ReportPoints = 30,
        }, Ct)).Value!;
        var ev = (await earning.CreateEventAsync(admin, new EventInput
        {
            ProgrammeId = programme.Id, Title = JapaneseFields.Of("加曽利貝塚 見学ガイド"), Place = JapaneseFields.Of("加曽利貝塚博物館"), Day = today.AddDays(3).ToDateTime(TimeOnly.MinValue),
        }, Ct)).Value!;
        var partner = (await shop.SaveAccountAsync(admin, PointAccountKind.Partner, null, new PointOrganisationInput { Name = JapaneseFields.Of("千葉市科学館") }, Ct)).Value!;
        Assert.True((await shop.SaveItemAsync(admin, null, new CatalogItemInput
        {
            Name = JapaneseFields.Of("千葉市科学館 常設展入館券"), Description = JapaneseFields.Of("大人1名"), Kind = CatalogItemKind.FacilityTicket, Price = 510, Stock = 20, PerPersonLimit = 2, PartnerAccountId = partner.Id,
        }, Ct)).Succeeded);
        var npo = (await shop.SaveAccountAsync(admin, PointAccountKind.NonProfit, null, new PointOrganisationInput { Name = JapaneseFields.Of("NPO法人 ちば里山トラスト") }, Ct)).Value!;
        var resident = await app.CreateAccountAsync(Role.Resident);
        await services.GetRequiredService<PointsBackOfficeService>().RequestAdjustmentAsync(admin, resident.Id, 800, "イベント記録漏れ", Ct);
        var donation = await shop.DonateAsync(resident.Id, npo.Id, 100, Guid.NewGuid().ToString("N"), Ct);
        return (adminAccount, resident, ev.Id, donation.Transaction.Id);
    }

    [Fact]
    public async Task Resident_points_pages_on_a_phone()
    {
        var (_, resident, _, donation) = await SeedAsync();
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);

        await browser.VisitAndCheckAsync("/points", _ => Expect(browser.Page.Locator("#points-balance")).ToHaveTextAsync("700 pt"));
        foreach (var path in new[] { "/points/history", "/points/events", "/points/catalogue", "/points/vouchers", "/points/donate", $"/points/donations/{donation}" })
            await browser.VisitAndCheckAsync(path);
    }

    [Fact]
    public async Task Staff_and_admin_points_pages()
    {
        var (admin, resident, eventId, _) = await SeedAsync();
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(admin);

        foreach (var path in new[]
        {
            "/staff/points/events", $"/staff/points/events/{eventId}/checkin", "/admin/points/programmes", "/admin/points/catalogue",
            "/admin/points/adjustments", $"/admin/points/residents/{resident.Id}", "/admin/points/reports", "/admin/points/integrity",
        })
        {
            await browser.VisitAndCheckAsync(path);
        }
    }
}
