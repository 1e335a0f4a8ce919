using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Support;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Staff help a resident: refused without a reason, shown the resident's reports with one, and the opening is audited.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ResidentSupportJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task Staff_state_a_reason_before_a_residents_reports_are_shown_and_the_opening_is_audited()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "chuo");
        var resident = await app.CreateAccountAsync(Role.Resident);
        var description = $"歩道の段差が危ないです {Guid.NewGuid().ToString("N")[..6]}";
        await Reports.ReportSeeds.SubmitAsync(app, "road-street-light", DateTimeOffset.UtcNow.AddDays(-2), description, reporterId: resident.Id);
        var log = app.Services.GetRequiredService<IAuditLog>();
        var openings = new AuditQuery(Action: SupportAuditActions.Opened, EntityType: SupportAuditActions.Entity,
            EntityId: resident.Id.ToString(CultureInfo.InvariantCulture));
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        var page = browser.Page;

        await page.GotoAsync("/staff/residents");
        await browser.WaitUntilReadyAsync();
        await page.Locator("#support-search").FillAsync(resident.Email);
        await page.Locator("#support-search-button").ClickAsync();
        await page.Locator(".support-result").First.ClickAsync();
        await Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/staff/residents/{resident.Id}$"));
        await browser.WaitUntilReadyAsync();

        await page.Locator("#support-reason").FillAsync("電話");
        await page.Locator("#support-open").ClickAsync();
        await Expect(page.Locator("#support-refused")).ToContainTextAsync(PortalText.Ja("Support_Refused_ReasonRequired"));
        await Expect(page.Locator("#support-view")).ToHaveCountAsync(0);
        await Expect(page.GetByText(description)).ToHaveCountAsync(0);
        Assert.Empty(await log.SearchAsync(openings, TestContext.Current.CancellationToken));

        var reason = PortalText.Ja("Support_ReasonPreset_Phone");
        await page.Locator(".support-preset", new() { HasText = reason }).ClickAsync();
        await Expect(page.Locator("#support-reason")).ToHaveValueAsync(reason);
        await page.Locator("#support-open").ClickAsync();
        await Expect(page.Locator("#support-reports")).ToContainTextAsync(description);
        await Expect(page.Locator("#support-refused")).ToHaveCountAsync(0);
        await Expect(page.Locator("#support-foryou-hidden")).ToHaveTextAsync(PortalText.Ja("Support_Hidden_NotForRole"));

        var entry = Assert.Single(await log.SearchAsync(openings, TestContext.Current.CancellationToken));
        Assert.Equal(staff.Id, entry.ActorId);
        Assert.Equal(reason, entry.Detail);
    }
}
