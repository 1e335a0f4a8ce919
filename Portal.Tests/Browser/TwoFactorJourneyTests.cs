using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// Two-step sign-in in a real browser: staff set up an authenticator app (the test is the app: it computes codes from
/// the key the page shows), then sign in with password and code. Every page is checked with axe in both languages.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class TwoFactorJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>What the app would show: the code of the next step, in the window and later than any step used so far.</summary>
    private static string NextCode(string shownKey) =>
        TwoFactorRules.CodeAt(TwoFactorRules.FromBase32(shownKey.Replace(" ", "", StringComparison.Ordinal))!, DateTimeOffset.UtcNow.AddSeconds(TwoFactorRules.StepSeconds));

    [Fact]
    public async Task Staff_turn_on_two_step_sign_in_and_then_need_the_code_from_their_app()
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        await browser.SignInQuietlyAsync(staff);
        var page = browser.Page;

        await browser.VisitAndCheckAsync("/account/security", async language =>
        {
            await Expect(page.Locator("#two-factor-status")).ToHaveTextAsync(PortalText.Get("TwoFactor_Off", language));
            await Expect(page.Locator(".totp-qr img")).ToBeVisibleAsync();
        });
        var key = await page.Locator("#totp-key").InnerTextAsync();
        await page.Locator("#totp-code").FillAsync("000000");
        await page.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#security-error")).ToBeVisibleAsync();
        // A wrong code keeps the same key on offer: the app need not be set up again.
        Assert.Equal(key, await page.Locator("#totp-key").InnerTextAsync());

        await page.Locator("#totp-code").FillAsync(TwoFactorRules.CodeAt(TwoFactorRules.FromBase32(key.Replace(" ", ""))!, DateTimeOffset.UtcNow));
        await page.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        var recoveryCode = await page.Locator("#recovery-codes li").First.InnerTextAsync();
        await browser.CheckBothLanguagesAsync(async language =>
            await Expect(page.Locator("#two-factor-status")).ToHaveAttributeAsync("data-on", "true"));
        Assert.True((await app.Services.GetRequiredService<IUserAccountRepository>().GetByIdAsync(staff.Id, Ct))!.HasTwoFactor);

        // Signing in again: the password alone gives no session, the code from the app does.
        await using var later = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var second = later.Page;
        await later.VisitAndCheckAsync("/account/signin");
        await second.Locator("#email").FillAsync(staff.Email);
        await second.Locator("#password").FillAsync(PortalAppFactory.Password);
        await second.Locator("form.static-form:has(#email) button[type=submit]").ClickAsync();
        await second.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin/verify");
        await later.CheckBothLanguagesAsync(async language => Assert.Equal(PortalText.Get("TwoFactor_VerifyTitle", language), await later.HeadingAsync()));
        Assert.DoesNotContain(await later.Context.CookiesAsync(), c => c.Name == ".ChibaPortal.Session");

        await second.Locator("#code").FillAsync("123 456");
        await second.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(second.Locator("#verify-error")).ToBeVisibleAsync();
        await second.Locator("#code").FillAsync(NextCode(key));
        await second.Locator("form.static-form button[type=submit]").ClickAsync();
        await second.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff");

        // A recovery code instead of the app works once.
        foreach (var expectedPath in new[] { "/staff", "/account/signin/verify" })
        {
            await using var lostPhone = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
            await lostPhone.Page.GotoAsync("/account/signin");
            await lostPhone.Page.Locator("#email").FillAsync(staff.Email);
            await lostPhone.Page.Locator("#password").FillAsync(PortalAppFactory.Password);
            await lostPhone.Page.Locator("form.static-form:has(#email) button[type=submit]").ClickAsync();
            await lostPhone.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin/verify");
            await lostPhone.Page.Locator("#code").FillAsync(recoveryCode);
            await lostPhone.Page.Locator("form.static-form button[type=submit]").ClickAsync();
            await lostPhone.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == expectedPath);
        }
    }

    [Fact]
    public async Task When_administrators_require_it_staff_set_it_up_before_anything_else()
    {
        ChromiumFixture.SkipUnlessInstalled();
        await using var portal = new PortalAppFactory();
        var admin = await portal.CreateAccountAsync(Role.Admin);
        var staff = await portal.CreateAccountAsync(Role.Staff);
        var twoFactor = portal.Services.GetRequiredService<TwoFactorService>();
        var adminActor = Actor.For(admin, "127.0.0.1");
        using var staffSession = await portal.SignedInClientAsync(staff);

        Assert.Equal(TwoFactorOutcome.EnrolYourselfFirst, await twoFactor.SetRequiredAsync(adminActor, true, Ct));
        var enrolment = twoFactor.BeginEnrolment(admin);
        var adminKey = TwoFactorRules.FromBase32(enrolment.Key.Replace(" ", ""))!;
        Assert.True((await twoFactor.ConfirmEnrolmentAsync(adminActor, admin.Id, enrolment.Sealed, TwoFactorRules.CodeAt(adminKey, DateTimeOffset.UtcNow), Ct)).Succeeded);
        Assert.Equal(TwoFactorOutcome.Succeeded, await twoFactor.SetRequiredAsync(adminActor, true, Ct));
        var audit = await portal.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(Action: TwoFactorAuditActions.Required), Ct);
        Assert.Equal(admin.Id, Assert.Single(audit).ActorId);

        // The staff member's open session ended with the setting.
        using (var ended = await staffSession.GetAsync("/staff", Ct)) Assert.Equal(System.Net.HttpStatusCode.Redirect, ended.StatusCode);

        await using var browser = await PortalBrowser.OpenAsync(chromium, portal.ServerAddress);
        var page = browser.Page;
        await page.GotoAsync("/account/signin?returnUrl=%2Fstaff%2Freports");
        await page.Locator("#email").FillAsync(staff.Email);
        await page.Locator("#password").FillAsync(PortalAppFactory.Password);
        await page.Locator("form.static-form:has(#email) button[type=submit]").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin/enrol");
        await browser.CheckBothLanguagesAsync(async language =>
            Assert.Equal(PortalText.Get("TwoFactor_EnrolTitle", language), await browser.HeadingAsync()));

        // Nothing else opens until it is set up: there is no session yet.
        await page.GotoAsync("/staff");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
        await page.GoBackAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin/enrol");

        var key = await page.Locator("#totp-key").InnerTextAsync();
        await page.Locator("#totp-code").FillAsync(TwoFactorRules.CodeAt(TwoFactorRules.FromBase32(key.Replace(" ", ""))!, DateTimeOffset.UtcNow));
        await page.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(page.Locator("#recovery-codes li")).ToHaveCountAsync(10);
        await page.Locator("#continue").ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/staff/reports");

        // Required: the security page offers no way to turn it off.
        await browser.VisitAndCheckAsync("/account/security", async _ =>
        {
            await Expect(page.Locator("#two-factor-required")).ToBeVisibleAsync();
            await Expect(page.Locator("#off-password")).ToHaveCountAsync(0);
        });
    }
}
