using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>An admin stops a resident's account with a reason, and restores it, from the accounts page.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class AccountStatusBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_admin_stops_and_restores_a_resident_with_a_reason_and_an_empty_reason_is_refused()
    {
        var admin = await app.CreateAccountAsync(Role.Admin);
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(admin);
        var page = browser.Page;
        // Checked in both languages; the page stays in the second.
        await browser.VisitAndCheckAsync("/admin/accounts", _ => browser.WaitForTableRowsAsync());
        await page.Locator(".filter-bar input").First.FillAsync(resident.Email);
        var row = page.Locator("tr", new() { HasText = resident.Email });
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);

        await row.Locator("[data-action=toggle-status]").ClickAsync();
        await page.Locator("[data-action=confirm-status]").ClickAsync();
        await Expect(page.GetByText(PortalText.Get("Account_ReasonRequired", browser.Language))).ToBeVisibleAsync();
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/admin/accounts, stop dialog");
        var accounts = app.Services.GetRequiredService<IUserAccountRepository>();
        Assert.False((await accounts.GetByIdAsync(resident.Id, Ct))!.IsDisabled);

        await page.Locator("#account-status-reason").FillAsync("ご本人から利用停止の申し出");
        await page.Locator("[data-action=confirm-status]").ClickAsync();
        await Expect(row).ToContainTextAsync(PortalText.Get("Accounts_Disabled", browser.Language));
        Assert.True((await accounts.GetByIdAsync(resident.Id, Ct))!.IsDisabled);

        await row.Locator("[data-action=toggle-status]").ClickAsync();
        await page.Locator("#account-status-reason").FillAsync("ご本人から再開の申し出");
        await page.Locator("[data-action=confirm-status]").ClickAsync();
        await Expect(row).ToContainTextAsync(PortalText.Get("Accounts_Active", browser.Language));

        var trail = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(
            new AuditQuery(EntityType: AuditEntities.Account, EntityId: resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct);
        Assert.Contains(trail, e => e.Action == AuditActions.AccountDisabled && e.ActorId == admin.Id && e.Detail == "reason=ご本人から利用停止の申し出");
        Assert.Contains(trail, e => e.Action == AuditActions.AccountEnabled && e.ActorId == admin.Id && e.Detail == "reason=ご本人から再開の申し出");
    }

    [Fact]
    public async Task An_admin_grants_and_removes_a_staff_members_city_wide_permission_and_both_are_audited()
    {
        var admin = await app.CreateAccountAsync(Role.Admin);
        var staff = await app.CreateAccountAsync(Role.Staff, "mihama");
        var scopes = app.Services.GetRequiredService<StaffScopes>();
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(admin);
        var page = browser.Page;
        await page.GotoAsync("/admin/accounts");
        await browser.WaitForTableRowsAsync();
        await page.Locator(".filter-bar input").First.FillAsync(staff.Email);
        var row = page.Locator("tr", new() { HasText = staff.Email });
        await Expect(page.Locator("tbody tr")).ToHaveCountAsync(1);
        var dialog = page.Locator(".mud-dialog");

        await row.Locator("[data-action=city-wide]").ClickAsync();
        await Expect(dialog).ToContainTextAsync(staff.Email);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/admin/accounts, city-wide dialog");
        await dialog.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = PortalText.Get("Accounts_GrantCityWide", browser.Language) }).ClickAsync();

        await Expect(row.Locator(".city-wide-chip")).ToHaveTextAsync(PortalText.Get("Accounts_CityWide", browser.Language));
        Assert.Equal(new StaffScope("mihama", true), await scopes.OfAsync(Actor.For(staff, null), Ct));

        await row.Locator("[data-action=city-wide]").ClickAsync();
        await dialog.GetByRole(Microsoft.Playwright.AriaRole.Button, new() { Name = PortalText.Get("Accounts_RemoveCityWide", browser.Language) }).ClickAsync();

        await Expect(row.Locator(".city-wide-chip")).ToHaveCountAsync(0);
        Assert.Equal(new StaffScope("mihama", false), await scopes.OfAsync(Actor.For(staff, null), Ct));
        var trail = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(
            new AuditQuery(EntityType: AuditEntities.Account, EntityId: staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), Ct);
        Assert.Equal([AuditActions.CityWideRemoved, AuditActions.CityWideGranted],
            trail.Where(e => e.ActorId == admin.Id).Select(e => e.Action));
    }

    [Theory]
    [InlineData("disabled")]
    [InlineData("password changed elsewhere")]
    [InlineData("sessions ended by an admin")]
    public async Task An_open_staff_page_ends_as_soon_as_the_account_is_stopped_or_its_password_changes(string change)
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        await browser.Page.GotoAsync("/staff/reports");
        await browser.WaitUntilReadyAsync();
        Assert.True(await browser.IsInteractivePageAsync());

        var accounts = app.Services.GetRequiredService<AccountService>();
        var result = change switch
        {
            "disabled" => await accounts.SetDisabledAsync(Actor.System, staff.Id, true, "異動のため停止", Ct),
            "sessions ended by an admin" => await accounts.EndSessionsAsync(Actor.System, staff.Id, Ct),
            _ => await accounts.ChangePasswordAsync(Actor.System, staff.Id, new PasswordChange
            {
                CurrentPassword = PortalAppFactory.Password, NewPassword = "atarashii-pasuwaado-7", ConfirmPassword = "atarashii-pasuwaado-7",
            }, Ct),
        };
        Assert.True(result.Succeeded);
        // What the accounts page and the password page do after the change.
        app.Services.GetRequiredService<Portal.Web.Security.SessionValidator>().Forget(staff.Id);

        // The open page does not wait for its next revalidation (a minute): it turns anonymous and goes to sign-in,
        // which ends its circuit, so nothing more can be done from it.
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
    }

    [Fact]
    public async Task An_island_of_a_static_page_goes_to_sign_in_too()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync("/reports/new");
        await browser.WaitUntilReadyAsync();
        Assert.False(await browser.IsInteractivePageAsync()); // the form is an island: no router above it

        Assert.True((await app.Services.GetRequiredService<AccountService>().EndSessionsAsync(Actor.System, resident.Id, Ct)).Succeeded);
        app.Services.GetRequiredService<Portal.Web.Security.SessionValidator>().Forget(resident.Id);

        // The island's circuit would otherwise keep the account it started with until its next revalidation.
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin" && url.Contains("reports%2Fnew"));
    }
}
