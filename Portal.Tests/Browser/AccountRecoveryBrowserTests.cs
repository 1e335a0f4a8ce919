using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The recovery pages as people meet them, checked with axe in both languages; and the ward-office code from counter to home.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class AccountRecoveryBrowserTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private const string NewPassword = "inage-no-kaigan-2026";

    [Fact]
    public async Task The_forgot_password_pages_are_accessible_and_answer_the_same_for_anyone()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var page = browser.Page;
        await browser.VisitAndCheckAsync("/account/signin", async language =>
            await Expect(page.Locator("#forgot-password")).ToHaveTextAsync(PortalText.Get("Recovery_ForgotLink", language)));
        await page.Locator("#forgot-password").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/forgot");
        await browser.CheckBothLanguagesAsync(async language =>
            await Expect(page.Locator("#ward-office-help")).ToHaveTextAsync(PortalText.Get("Recovery_WardOfficeTitle", language)));

        var address = $"nobody-{Guid.NewGuid():N}@test.chiba-portal.jp";
        await page.Locator("#email").FillAsync(address);
        await page.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#reset-requested")).ToContainTextAsync(address);
        await browser.CheckBothLanguagesAsync();

        await browser.VisitAndCheckAsync("/account/reset?token=not-a-token", async language =>
            await Expect(page.Locator("#reset-link-refused")).ToHaveTextAsync(PortalText.Get("Recovery_LinkInvalid", language)));
        await browser.VisitAndCheckAsync("/account/reset-code", async language =>
            Assert.Equal(PortalText.Get("Recovery_CodeTitle", language), await browser.HeadingAsync()));
    }

    [Fact]
    public async Task Staff_issue_a_code_at_the_counter_and_the_resident_sets_a_new_password_with_it_at_home()
    {
        var staff = await app.CreateAccountAsync(Role.Staff, officeId: "inage");
        var resident = await app.CreateAccountAsync(Role.Resident, name: "Maria Santos");
        await app.Services.GetRequiredService<AccountService>().SetPreferredCultureAsync(resident.Id, "en", TestContext.Current.CancellationToken);
        await using var counter = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await counter.SignInQuietlyAsync(staff);
        var page = counter.Page;

        await page.GotoAsync($"/staff/residents/{resident.Id}");
        await counter.WaitUntilReadyAsync();
        await page.Locator("#support-reason").FillAsync(PortalText.Ja("Support_ReasonPreset_Counter"));
        await page.Locator("#support-open").ClickAsync();
        await Expect(page.Locator("#support-reset")).ToBeVisibleAsync();

        await page.Locator("#support-reset-reason").FillAsync("窓口で本人からパスワード再設定の依頼");
        await page.Locator("#support-reset-issue").ClickAsync();
        await Expect(page.Locator("#support-reset-refused")).ToHaveTextAsync(PortalText.Ja("StaffReset_Refused_IdentityCheckRequired"));
        await page.Locator("#support-reset .mud-select").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-list-item", new() { HasText = PortalText.Ja("StaffReset_Identity_ResidenceCard") }).ClickAsync();
        await page.Locator("#support-reset-issue").ClickAsync();

        // The slip is in the resident's language (English here), whatever the counter's screen is in.
        var slip = page.Locator("#reset-slip");
        await Expect(slip).ToHaveAttributeAsync("lang", "en");
        await Expect(slip).ToContainTextAsync(string.Format(PortalText.Get("StaffReset_SlipGreeting", "en"), "Maria Santos"));
        await Expect(slip).ToContainTextAsync("/account/reset-code");
        var code = await page.Locator("#reset-code").InnerTextAsync();
        Assert.Matches("^[A-Z2-9]{5}-[A-Z2-9]{5}$", code);
        await Accessibility.AssertNoSeriousViolationsAsync(page, "/staff/residents/{id} with a reset slip");
        var issued = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(
            new AuditQuery(Action: RecoveryAuditActions.CodeIssued, EntityId: resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            TestContext.Current.CancellationToken);
        Assert.Contains("identity=ResidenceCard", Assert.Single(issued).Detail);

        await using var home = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var phone = home.Page;
        await phone.GotoAsync("/account/reset-code");
        await home.WaitUntilReadyAsync();
        await phone.Locator("#email").FillAsync(resident.Email);
        await phone.Locator("#code").FillAsync(code.ToLowerInvariant());
        await phone.Locator("#new-password").FillAsync(NewPassword);
        await phone.Locator("#confirm-password").FillAsync(NewPassword);
        await phone.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(phone.Locator("#reset-done")).ToContainTextAsync(PortalText.Ja("Recovery_SessionsEnded"));
        await home.CheckBothLanguagesAsync();
    }
}
