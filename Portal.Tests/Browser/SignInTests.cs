using Portal.Web.Languages;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Offices;
using Portal.Tests.Infrastructure;
using Portal.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>Signing up and signing in through the real forms, as a person does.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class SignInTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task A_resident_signs_up_and_lands_on_the_home_page_signed_in()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var email = $"signup-{Guid.NewGuid():N}@test.chiba-portal.jp";
        var name = $"千葉 花子 {Guid.NewGuid().ToString("N")[..6]}";

        await browser.VisitAndCheckAsync("/account/signup");
        var page = browser.Page;
        await page.Locator("#email").FillAsync(email);
        await page.Locator("#name").FillAsync(name);
        await page.Locator("#password").FillAsync(PortalAppFactory.Password);
        await page.Locator("#confirm").FillAsync(PortalAppFactory.Password);
        await page.Locator("#terms").CheckAsync();
        await page.Locator("form.static-form button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await browser.CheckBothLanguagesAsync(async language =>
        {
            Assert.Equal(string.Format(PortalText.Get("Home_Welcome", language), name), await browser.HeadingAsync());
            await Expect(page.Locator(".appbar-name")).ToHaveTextAsync(name);
        });
        Assert.NotNull(await app.Services.GetRequiredService<IUserAccountRepository>()
            .GetByEmailAsync(email, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(Role.Resident)]
    [InlineData(Role.Staff)]
    [InlineData(Role.Admin)]
    [InlineData(Role.Kiosk)]
    public async Task Each_role_signs_in_through_the_form_and_lands_on_its_home_page(Role role)
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var account = await app.CreateAccountAsync(role);
        var home = Policies.HomeOf(role);

        var office = role == Role.Kiosk
            ? await app.Services.GetRequiredService<IOfficeRepository>().GetAsync(account.OfficeId!, TestContext.Current.CancellationToken)
            : null;

        await browser.SignInAsync(account, home, async language =>
        {
            Assert.Equal(home, new Uri(browser.Page.Url).AbsolutePath);
            var expected = role switch
            {
                Role.Resident => string.Format(PortalText.Get("Home_Welcome", language), account.DisplayName),
                Role.Staff => PortalText.Get("StaffHome_Title", language),
                Role.Admin => PortalText.Get("AdminHome_Title", language),
                _ => office!.Name.Text(language),
            };
            Assert.Equal(expected, await browser.HeadingAsync());
        });
    }

    [Theory]
    [InlineData("/reports/mine")] // interactive: the form is drawn again by the circuit
    [InlineData("/points")] // static HTML with islands
    public async Task A_resident_signs_out_from_the_app_bar_of_any_page(string path)
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        await browser.Page.GotoAsync(path);
        await browser.WaitUntilReadyAsync();

        // The form's antiforgery token is in the page however it was drawn: the post is taken, not refused.
        await browser.Page.Locator("form.appbar-form button[type=submit]").ClickAsync();

        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/");
        await Expect(browser.Page.Locator(".appbar-name")).ToHaveCountAsync(0);
        await browser.Page.GotoAsync("/account");
        await browser.Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
    }
}
