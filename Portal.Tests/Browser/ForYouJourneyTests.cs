using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Benefits;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>For You on a phone: consent, link with the mailed code, read why a benefit may apply; and the anonymous self-check.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ForYouJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_resident_consents_links_with_the_letter_s_code_and_sees_the_child_allowance_with_its_reason()
    {
        var number = "B" + Guid.NewGuid().ToString("N")[..10];
        var today = Portal.Core.Time.JapanTime.Today(app.Services.GetRequiredService<TimeProvider>());
        var household = new HouseholdFacts(SingleParent: true, false, false, IncomeYen: 1_500_000, Dependants: 1);
        var register = app.Services.GetRequiredService<IResidentRegister>();
        await register.ImportAsync([
            new($"{number}-1", number, HouseholdRelation.Head, "稲毛", "由美", today.AddYears(-40), Sex.Female, "inage", InsuranceType.Employee, [], household),
            new($"{number}-2", number, HouseholdRelation.Child, "稲毛", "翼", today.AddYears(-7), Sex.Male, "inage", InsuranceType.Employee, [], household),
        ], Ct);
        var staff = await app.CreateCityWideStaffAsync(officeId: "inage");
        var (code, _) = (await app.Services.GetRequiredService<ForYouService>().IssueCodeAsync(Portal.Core.Audit.Actor.For(staff, null), $"{number}-1", Ct))!.Value;
        var resident = await app.CreateAccountAsync(Role.Resident);

        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        await browser.SignInQuietlyAsync(resident);
        var page = browser.Page;
        await page.GotoAsync("/for-you");
        await browser.WaitUntilReadyAsync();

        var start = page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("Consent_Give") });
        await Expect(start).ToBeDisabledAsync();
        await page.GetByText(PortalText.Ja("Consent_RegisterAgree")).ClickAsync();
        await start.ClickAsync();

        await page.GetByLabel(PortalText.Ja("ForYou_Code")).FillAsync("WRONG-CODE-0000");
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("ForYou_Link") }).ClickAsync();
        await Expect(page.GetByText(PortalText.Ja("ForYou_Link_WrongCode"))).ToBeVisibleAsync();
        // Typed from paper: lower case and without hyphens is the same code.
        await page.GetByLabel(PortalText.Ja("ForYou_Code")).FillAsync(code.Replace("-", "").ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("ForYou_Link") }).ClickAsync();

        var allowance = page.Locator("#child-allowance");
        await Expect(allowance).ToContainTextAsync(PortalText.Ja("Benefit_Result_Yes"));
        await allowance.GetByText(PortalText.Ja("ForYou_Why")).ClickAsync();
        await Expect(allowance.Locator(".why-item.why-yes").First).ToBeVisibleAsync();
        // The single-parent subsidy has an income limit, not checked without the income consent: the page says so and offers it.
        await Expect(page.Locator("#single-parent-medical")).ToContainTextAsync(PortalText.Ja("Benefit_Result_Unknown"));
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("ForYou_GiveIncomeConsent") }).ClickAsync();
        await Expect(page.Locator("#single-parent-medical")).ToContainTextAsync(PortalText.Ja("Benefit_Result_Yes"));

        // Marking a benefit is a plain form on the static page: the mark is kept, and can be undone. A resident can mark
        // what the nightly run found for them; here the run's finding is stored as the run stores it.
        var allowanceVersion = (await app.Services.GetRequiredService<IBenefitCatalog>().InForceAsync(today, Ct)).Single(b => b.Code == "child-allowance").Version;
        await app.Services.GetRequiredService<IEligibilityResults>().ApplyAsync([new EligibilityChange(resident.Id, "child-allowance", allowanceVersion, NowEligible: true)], [], Ct);
        await page.ReloadAsync();
        await allowance.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("ForYou_MarkApplied") }).ClickAsync();
        await Expect(allowance.Locator(".benefit-mark")).ToHaveTextAsync(PortalText.Ja("ForYou_Marked_Applied"));
        await page.ReloadAsync();
        await Expect(allowance.Locator(".benefit-mark")).ToHaveTextAsync(PortalText.Ja("ForYou_Marked_Applied"));
        await allowance.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("ForYou_Unmark") }).ClickAsync();
        await Expect(allowance.Locator(".benefit-mark")).ToHaveCountAsync(0);
        await Expect(allowance.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("ForYou_MarkApplied") })).ToBeVisibleAsync();

        await browser.CheckBothLanguagesAsync(async language =>
            await Expect(page.Locator("#child-allowance .benefit-name")).ToHaveTextAsync(language == PortalBrowser.Japanese ? "児童手当" : "Child allowance"));
    }

    [Fact]
    public async Task Anyone_can_check_without_signing_in_answering_only_what_the_rules_need()
    {
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Phone);
        var page = browser.Page;
        await page.GotoAsync("/for-you/check");
        await browser.WaitUntilReadyAsync();

        await Expect(page.Locator("#question")).ToHaveTextAsync(PortalText.Ja("SelfCheck_Q_BirthDate"));
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("SelfCheck_Next") }).ClickAsync();
        await Expect(page.GetByText(PortalText.Ja("SelfCheck_BadDate"))).ToBeVisibleAsync();
        var birth = Portal.Core.Time.JapanTime.Today(app.Services.GetRequiredService<TimeProvider>()).AddYears(-45).AddDays(-30);
        await page.GetByLabel(PortalText.Ja("Benefit_Fact_BirthDate")).FillAsync(birth.ToString("yyyy-MM-dd"));
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("SelfCheck_Next") }).ClickAsync();
        await Expect(page.Locator("#question")).Not.ToHaveTextAsync(PortalText.Ja("SelfCheck_Q_BirthDate"));
        await page.GetByRole(AriaRole.Button, new() { Name = PortalText.Ja("SelfCheck_ShowNow") }).ClickAsync();

        await Expect(page.Locator("#lung-colorectal-screening")).ToContainTextAsync(PortalText.Ja("Benefit_Result_Yes"));
        await Expect(page.Locator("#elderly-influenza")).ToHaveCountAsync(0);
        await browser.CheckBothLanguagesAsync();
    }
}
