using Microsoft.Playwright;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Legal;

/// <summary>The documents and the contact page on a phone (390x844), in both languages, with axe-core and the overflow check.</summary>
[Collection(PhoneCollection.Name)]
public sealed class PolicyPhoneTests(PortalAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task The_documents_and_the_contact_page_fit_a_phone_and_pass_axe_in_both_languages()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        foreach (var path in new[] { "/terms", "/terms/1", "/privacy", "/privacy/1", "/accessibility/1", "/contact" })
            await browser.VisitAndCheckAsync(path, async language =>
            {
                Assert.Equal(path, new Uri(browser.Page.Url).AbsolutePath);
                await Expect(browser.Page.Locator("footer.portal-footer a[href='/privacy']"))
                    .ToHaveTextAsync(PortalText.Get("Policies_Title_privacy", language));
            });
    }

    /// <summary>
    /// Easy Japanese puts a reading over every kanji, which makes its lines taller and its words wider: on a phone each
    /// document still fits the screen, and every word with its reading stays whole on one line, inside the text's
    /// column (a ruby broken over two lines, or pushed past the edge, would part a reading from its kanji).
    /// </summary>
    [Fact]
    public async Task The_documents_in_easy_Japanese_fit_a_phone_with_each_reading_over_its_kanji_on_one_line()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.Page.GotoAsync("/");
        await browser.WaitUntilReadyAsync();
        await browser.SwitchLanguageAsync("ja-Easy");
        foreach (var path in new[] { "/terms", "/privacy", "/accessibility" })
        {
            await browser.Page.GotoAsync(path);
            await browser.WaitUntilReadyAsync();
            var where = $"{path} (ja-Easy, 390x844)";
            var text = browser.Page.Locator(".policy-text");
            await Expect(text).ToHaveAttributeAsync("lang", "ja");
            var rubies = await text.Locator("ruby").CountAsync();
            Assert.True(rubies > 20, $"{where} shows {rubies} readings: not the easy-Japanese text.");
            var broken = await browser.Page.EvaluateAsync<string>("""
                () => {
                    const column = document.querySelector('.policy-text').getBoundingClientRect();
                    return [...document.querySelectorAll('.policy-text ruby')]
                        .filter(r => {
                            const lines = new Set([...r.getClientRects()].filter(b => b.width > 0).map(b => Math.round(b.top)));
                            const box = r.getBoundingClientRect(), reading = r.querySelector('rt')?.getBoundingClientRect();
                            return lines.size !== 1 || box.left < column.left - 1 || box.right > column.right + 1
                                || !reading || reading.top + reading.height / 2 >= box.top + box.height / 2
                                || reading.left < column.left - 1 || reading.right > column.right + 1;
                        })
                        .slice(0, 8)
                        .map(r => `${r.textContent} (${[...r.getClientRects()].map(b => `${Math.round(b.left)}-${Math.round(b.right)}@${Math.round(b.top)}`).join(' ')})`)
                        .join(', ');
                }
                """);
            Assert.True(broken.Length == 0, $"{where} has readings parted from their kanji or past the column: {broken}");
            await browser.AssertNoHorizontalOverflowAsync(where);
            await Accessibility.AssertNoSeriousViolationsAsync(browser.Page, where);
        }
    }

    [Fact]
    public async Task The_accessibility_policy_with_its_audit_table_open_fits_a_phone_and_passes_axe()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.VisitAndCheckAsync("/accessibility", async language =>
        {
            var page = browser.Page;
            await Expect(page.Locator("[data-testid=audit-result]")).ToBeVisibleAsync();
            await page.GetByText(PortalText.Get("Policies_AuditPages", language)).ClickAsync();
            await Expect(page.Locator(".policy-table tbody tr").First).ToBeVisibleAsync();
        });
    }
}

/// <summary>A resident asked to accept a new version of the terms, in a real browser on a phone.</summary>
[Collection(RevisedPoliciesCollection.Name)]
public sealed class PolicyAcceptanceJourneyTests(RevisedPoliciesAppFactory app, ChromiumFixture chromium)
{
    [Fact]
    public async Task A_resident_reads_what_not_agreeing_means_then_agrees_and_carries_on_where_they_were_going()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var resident = await app.ResidentBeforeTheRevisionAsync();
        await browser.SignInQuietlyAsync(resident);
        var page = browser.Page;

        await page.GotoAsync("/reports/mine");
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/policies/accept");
        await browser.CheckBothLanguagesAsync(async language =>
        {
            Assert.Equal(PortalText.Get("Policies_AcceptTitleUpdated", language), await browser.HeadingAsync());
            await Expect(page.Locator("a[href='/terms/2']")).ToBeVisibleAsync();
        });

        await page.GetByRole(AriaRole.Link, new() { Name = PortalText.Get("Policies_DeclineLink", browser.Language) }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/policies/declined");
        await browser.CheckBothLanguagesAsync(async language =>
        {
            await Expect(page.Locator("a[href='/account/export']")).ToHaveTextAsync(PortalText.Get("Policies_DeclinedExport", language));
            await Expect(page.Locator("a[href='/account/delete']")).ToHaveTextAsync(PortalText.Get("Policies_DeclinedDelete", language));
        });

        await page.GetByRole(AriaRole.Link, new() { Name = PortalText.Get("Policies_DeclinedAccept", browser.Language) }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Get("Policies_AcceptButton", browser.Language) }).ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/reports/mine");
        await browser.WaitUntilReadyAsync();

        // Asked once: moving on inside the portal does not ask again.
        await page.GotoAsync("/points");
        await browser.WaitUntilReadyAsync();
        Assert.Equal("/points", new Uri(page.Url).AbsolutePath);
    }

    [Fact]
    public async Task A_version_taking_effect_reaches_a_resident_inside_an_open_interactive_page()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var resident = await app.ResidentAsync(RevisedPoliciesAppFactory.TermsV2, RevisedPoliciesAppFactory.PrivacyV1);
        await browser.SignInQuietlyAsync(resident);
        var page = browser.Page;
        await page.GotoAsync("/account");
        await browser.WaitUntilReadyAsync();

        // The resident's acceptance of terms 2 is withdrawn behind the open page's back, and the server forgets what it
        // remembered about it, as when version 3 takes effect (the versions in force are part of what it remembers by):
        // the next move inside the page (no new HTTP request for the page) is sent to the page that asks.
        await using (var connection = await ((Portal.Data.Database.PortalDatabase)app.Services.GetService(typeof(Portal.Data.Database.PortalDatabase))!)
                         .OpenAsync(TestContext.Current.CancellationToken))
        {
            var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM PolicyAcceptance WHERE AccountId = {resident.Id} AND Kind = 'terms'";
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }
        ((Microsoft.Extensions.Caching.Memory.MemoryCache)app.Services.GetService(typeof(Microsoft.Extensions.Caching.Memory.IMemoryCache))!).Compact(1.0);
        await page.Locator("nav.resident-nav a[href='/points']").ClickAsync();

        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath == "/policies/accept");
        Assert.Contains("returnUrl=%2Fpoints", page.Url);
    }
}
