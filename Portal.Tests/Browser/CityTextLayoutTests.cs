using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Reports.Supporters;
using Portal.Core.Time;
using Portal.Tests.Infrastructure;
using Portal.Tests.Reports;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Beside the report pages (<see cref="LongTextLayoutTests"/>): city-written texts with no break in them (a pasted
/// address as long as each field allows) wrap on a 390-pixel phone on the supporter task, points, notices and admin pages
/// that show them, for residents, staff and administrators alike.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class CityTextLayoutTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>An address of <paramref name="length"/> characters with nowhere to break, unique to the test.</summary>
    private static string Unbroken(int length) => ("https://example.jp/" + Guid.NewGuid().ToString("N") + new string('a', length))[..length];

    [Fact]
    public async Task Unbroken_city_texts_wrap_at_390_pixels_on_the_supporter_points_and_admin_pages()
    {
        var services = app.Services;
        var adminAccount = await app.CreateAccountAsync(Role.Admin);
        var admin = Actor.For(adminAccount, null);
        var staff = await app.CreateAccountAsync(Role.Staff, "chuo");
        var resident = await app.CreateAccountAsync(Role.Resident);
        var now = TimeProvider.System.GetUtcNow();
        var today = JapanTime.Today(TimeProvider.System);

        var report = await ReportSeeds.SubmitAsync(app, "other-graffiti", now, "滑り台に落書きがあります");
        var task = await services.GetRequiredService<SupporterService>().OpenAsync(Actor.For(staff, "127.0.0.1"), report.Id, new SupporterTaskInput
        {
            Title = Unbroken(SupporterTaskValidator.MaxTitleLength), Description = Unbroken(300), MeetingPlace = Unbroken(SupporterTaskValidator.MaxPlaceLength),
            Date = today.AddDays(3).ToDateTime(TimeOnly.MinValue), StartTime = new TimeSpan(10, 0, 0), EndTime = new TimeSpan(12, 0, 0), Capacity = 5,
        }, Ct);
        Assert.True(task.Succeeded, string.Join(", ", task.Errors.Select(e => e.ErrorMessage)));

        var earning = services.GetRequiredService<PointsEarningService>();
        var shop = services.GetRequiredService<PointsShopService>();
        var programme = await earning.SaveProgrammeAsync(admin, null, new ProgrammeInput
        {
            Name = JapaneseFields.Of(Unbroken(100)), StartsOn = today.AddDays(-1).ToDateTime(TimeOnly.MinValue), EndsOn = today.AddDays(60).ToDateTime(TimeOnly.MinValue),
        }, Ct);
        var ev = await earning.CreateEventAsync(admin, new EventInput
        {
            ProgrammeId = programme.Value!.Id, Title = JapaneseFields.Of(Unbroken(100)), Place = JapaneseFields.Of(Unbroken(200)), Day = today.AddDays(3).ToDateTime(TimeOnly.MinValue),
        }, Ct);
        var partner = await shop.SaveAccountAsync(admin, PointAccountKind.Partner, null, new PointOrganisationInput { Name = JapaneseFields.Of(Unbroken(100)) }, Ct);
        await shop.SaveItemAsync(admin, null, new CatalogItemInput
        {
            Name = JapaneseFields.Of(Unbroken(100)), Description = JapaneseFields.Of(Unbroken(300)), Price = 10, Stock = 20, PartnerAccountId = partner.Value!.Id,
        }, Ct);
        await shop.SaveAccountAsync(admin, PointAccountKind.NonProfit, null, new PointOrganisationInput { Name = JapaneseFields.Of(Unbroken(100)) }, Ct);

        var categoryName = Unbroken(100);
        // A category's name is city text too, and a status notice to the reporter carries it.
        Assert.True(await services.GetRequiredService<INoticeQueue>().EnqueueAsync(new Notice(NoticeKind.ReportStatusChanged,
            new NoticeRecipient.Account(resident.Id), $"layout:{Guid.NewGuid():N}", new Dictionary<string, string>
            {
                [NoticeValues.ReportId] = report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [NoticeValues.Category] = categoryName, [NoticeValues.Status] = "Accepted",
            }, $"/reports/{report.Id}"), Ct));

        await using (var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone))
        {
            await phone.SignInQuietlyAsync(resident);
            foreach (var path in new[] { "/reports/supporters", $"/reports/{report.Id}", "/points/events", "/points/catalogue", "/points/donate", "/notifications" })
                await LongTextLayoutTests.AssertFitsAsync(phone, path);
            // The last page, the notices, shows the category's name (so the check above measured it).
            await Expect(phone.Page.GetByText(categoryName, new() { Exact = false })).ToBeVisibleAsync();
        }
        await using (var staffPhone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone))
        {
            await staffPhone.SignInQuietlyAsync(staff);
            foreach (var path in new[] { $"/staff/reports/{report.Id}", "/staff/points/events" })
                await LongTextLayoutTests.AssertFitsAsync(staffPhone, path);
        }
        await using var adminPhone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await adminPhone.SignInQuietlyAsync(adminAccount);
        foreach (var path in new[] { "/admin/points/programmes", "/admin/points/catalogue" })
            await LongTextLayoutTests.AssertFitsAsync(adminPhone, path);
    }
}
