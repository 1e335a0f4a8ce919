using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Browser;

/// <summary>
/// A pasted address or a word with no break (300 characters) wraps on a 390-pixel phone on every page that shows a
/// report's text, for the resident and for staff: nothing makes the page wider than the screen.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class LongTextLayoutTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_300_character_unbroken_text_wraps_at_390_pixels_on_every_page_that_shows_it()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        var staff = await app.CreateAccountAsync(Role.Staff, "chuo");
        var unbroken = "https://example.jp/" + new string('a', 281);
        var reporter = await app.Services.GetRequiredService<IUserAccountRepository>().GetByIdAsync(resident.Id, Ct);
        var submitted = await app.Services.GetRequiredService<ReportService>().SubmitAsync(new ReportDraft
        {
            CategoryCode = "road-pothole", Description = unbroken, Latitude = 35.6083, Longitude = 140.1233, ShowName = true,
        }, reporter, "web", Ct);
        Assert.True(submitted.Succeeded);
        var id = submitted.Value!.Id;

        await using (var phone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone))
        {
            await phone.SignInQuietlyAsync(resident);
            foreach (var path in new[] { $"/reports/{id}", "/reports/mine", "/reports", "/" })
                await AssertFitsAsync(phone, path);
        }
        await using var staffPhone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await staffPhone.SignInQuietlyAsync(staff);
        foreach (var path in new[] { $"/staff/reports/{id}", "/staff/reports" })
            await AssertFitsAsync(staffPhone, path);
    }

    /// <summary>Opens the page and checks that it fits the phone's width.</summary>
    internal static async Task AssertFitsAsync(PortalBrowser browser, string path)
    {
        await browser.Page.GotoAsync(path);
        await browser.WaitUntilReadyAsync();
        await browser.AssertNoHorizontalOverflowAsync(path + " with a 300-character word");
    }
}
