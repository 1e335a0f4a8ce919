using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>A resident deletes their account from the page, in Japanese, as a person does.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class DataCareJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task A_resident_deletes_their_account_from_the_page_in_Japanese_and_ends_signed_out()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress);
        var resident = await app.CreateAccountAsync(Role.Resident, name: "退会 花子 " + Guid.NewGuid().ToString("N")[..6]);
        await browser.SignInQuietlyAsync(resident);
        var page = browser.Page;

        await page.GotoAsync("/account");
        await browser.WaitUntilReadyAsync();
        // The download link leaves the interactive page alone and hands over the ZIP.
        var download = await page.RunAndWaitForDownloadAsync(() =>
            page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = PortalText.Ja("MyAccount_Download") }).ClickAsync());
        Assert.EndsWith(".zip", download.SuggestedFilename);
        await page.GetByRole(Microsoft.Playwright.AriaRole.Link, new() { Name = PortalText.Ja("MyAccount_Delete") }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/delete");
        await browser.CheckBothLanguagesAsync(async language =>
        {
            Assert.Equal(PortalText.Get("DeleteAccount_Title", language), await browser.HeadingAsync());
            await Expect(page.Locator("ul.delete-account-effects li")).ToHaveCountAsync(7);
        });
        await browser.SwitchLanguageAsync(PortalBrowser.Japanese);

        // A wrong password first: nothing happens and the page says why.
        await page.Locator("#password").FillAsync("not-the-password");
        await page.Locator("#confirmation").FillAsync("削除");
        await page.Locator("form.static-form button[type=submit]").ClickAsync();
        await Expect(page.Locator(".static-alert")).ToHaveTextAsync(PortalText.Ja("DeleteAccount_ErrorPassword"));

        await page.Locator("#password").FillAsync(PortalAppFactory.Password);
        await page.Locator("#confirmation").FillAsync("削除");
        await page.Locator("form.static-form button[type=submit]").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/deleted");
        Assert.Equal(PortalText.Ja("AccountDeleted_Title"), await browser.HeadingAsync());
        await page.GotoAsync("/account");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/account/signin");
        Assert.True((await app.Services.GetRequiredService<IUserAccountRepository>().GetByIdAsync(resident.Id, TestContext.Current.CancellationToken))!.IsDeleted);
    }
}
