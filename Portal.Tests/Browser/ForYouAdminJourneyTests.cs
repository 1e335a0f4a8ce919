using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>The back office of For You: the rule editor's guard rails, the register import and the registration letter.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class ForYouAdminJourneyTests(PortalAppFactory app, ChromiumFixture chromium)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_rule_change_that_breaks_a_test_case_shows_in_the_preview_and_cannot_be_published()
    {
        var code = "test-" + Guid.NewGuid().ToString("N")[..8];
        var allowance = StandardBenefits.All.Single(b => b.Code == "child-allowance");
        await app.Services.GetRequiredService<IBenefitCatalog>().SeedAsync([allowance with { Code = code }], StandardBenefits.EffectiveFrom, Ct);
        // A household raising a 16-year-old: counted under the March-after-18 rule, not under a rule ending at 15.
        var household = "P" + Guid.NewGuid().ToString("N")[..8];
        var today = Portal.Core.Time.JapanTime.Today(app.Services.GetRequiredService<TimeProvider>());
        var facts = new HouseholdFacts(false, false, false, null, null);
        await app.Services.GetRequiredService<IResidentRegister>().ImportAsync([
            new($"{household}-1", household, HouseholdRelation.Head, "緑", "誠", today.AddYears(-45), Sex.Male, "midori", InsuranceType.Employee, [], facts),
            new($"{household}-2", household, HouseholdRelation.Child, "緑", "陸", today.AddYears(-16).AddDays(-10), Sex.Male, "midori", InsuranceType.Employee, [], facts),
        ], Ct);
        var admin = await app.CreateAccountAsync(Role.Admin);
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Desktop);
        await browser.SignInQuietlyAsync(admin);
        var page = browser.Page;

        await page.GotoAsync($"/admin/benefits/{code}");
        await browser.WaitUntilReadyAsync();
        await Expect(page.Locator(".test-cases .case-fail")).ToHaveCountAsync(0);
        var matching = await page.Locator("#preview-yes").InnerTextAsync();

        // Childhood ending at 15 instead of the March after 18: the high-school case fails at once.
        var until = page.GetByLabel(PortalText.Ja("RuleEditor_UntilMarch31"));
        await until.FillAsync("15");
        await until.PressAsync("Tab");
        await Expect(page.Locator(".test-cases .case-fail")).Not.ToHaveCountAsync(0);
        await Expect(page.Locator("#preview-yes")).Not.ToHaveTextAsync(matching);

        await page.Locator("#publish").ClickAsync();
        await Expect(page.Locator("#editor-problems")).ToContainTextAsync(PortalText.Ja("RuleEditor_Problem_Failing").Split('{')[0].Trim());
        var versions = await app.Services.GetRequiredService<IBenefitCatalog>().VersionsAsync(code, Ct);
        Assert.Equal([(2, false), (1, true)], versions.Select(v => (v.Version, v.IsPublished)));

        // Put it back: the draft passes again and is published as version 2, and the publication is audited.
        await until.FillAsync("18");
        await until.PressAsync("Tab");
        await Expect(page.Locator(".test-cases .case-fail")).ToHaveCountAsync(0);
        await page.Locator("#publish").ClickAsync();
        await Expect(page.GetByText(string.Format(PortalText.Ja("RuleEditor_PublishedNote"), 2))).ToBeVisibleAsync();
        Assert.True((await app.Services.GetRequiredService<IBenefitCatalog>().VersionsAsync(code, Ct))[0].IsPublished);
        var audit = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(EntityType: BenefitAudit.Entity, EntityId: code), Ct);
        Assert.Contains(audit, e => e.Action == BenefitAudit.Published && e.ActorId == admin.Id);
    }

    [Fact]
    public async Task Staff_import_a_register_file_keeping_good_lines_and_print_a_registration_letter()
    {
        var prefix = "C" + Guid.NewGuid().ToString("N")[..8];
        var csv = new StringBuilder()
            .AppendLine("resident_number,household_number,relation,family_name,given_name,birth_date,sex,ward,insurance")
            .AppendLine($"{prefix}-1,{prefix},head,花見川,一郎,1960-05-05,M,hanamigawa,nhi")
            .AppendLine($"{prefix}-2,{prefix},spouse,花見川,花,1962-13-01,F,hanamigawa,nhi")
            .AppendLine($"{prefix}-3,{prefix}-B,head,花見川,次郎,1990-01-01,M,osaka,")
            .ToString();
        var staff = await app.CreateCityWideStaffAsync(officeId: "hanamigawa");
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Desktop);
        await browser.SignInQuietlyAsync(staff);
        var page = browser.Page;
        await page.GotoAsync("/staff/register");
        await browser.WaitUntilReadyAsync();

        await page.Locator("#register-file").SetInputFilesAsync(new FilePayload { Name = "register.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });

        await Expect(page.Locator("#import-result")).ToContainTextAsync("1");
        var problems = page.Locator("#import-problems tbody tr");
        await Expect(problems).ToHaveCountAsync(2);
        await Expect(problems.Nth(0)).ToContainTextAsync("birth_date");
        await Expect(problems.Nth(1)).ToContainTextAsync("ward");
        Assert.NotNull(await app.Services.GetRequiredService<IResidentRegister>().ResidentIdByNumberAsync($"{prefix}-1", Ct));
        Assert.Null(await app.Services.GetRequiredService<IResidentRegister>().ResidentIdByNumberAsync($"{prefix}-2", Ct));

        await page.GetByLabel(PortalText.Ja("Register_ResidentNumber")).FillAsync($"{prefix}-1");
        await page.Locator("#issue-code").ClickAsync();
        await Expect(page.Locator("#code-letter .code-letter-code")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$"));
        var audit = await app.Services.GetRequiredService<IAuditLog>().SearchAsync(new AuditQuery(EntityType: BenefitAudit.RegisterEntity, EntityId: $"{prefix}-1"), Ct);
        Assert.Contains(audit, e => e.Action == BenefitAudit.CodeIssued && e.ActorId == staff.Id);
    }

    [Fact]
    public async Task An_Excel_Shift_JIS_file_keeps_its_names_a_broken_quote_is_its_own_problem_and_garbage_is_refused()
    {
        var prefix = "S" + Guid.NewGuid().ToString("N")[..8];
        var shiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)!;
        var csv = string.Join("\r\n",
            "resident_number,household_number,relation,family_name,given_name,birth_date,sex,ward",
            $"{prefix}-1,{prefix},head,\"髙橋,﨑子,1960-05-05,F,mihama",
            $"{prefix}-2,{prefix}-B,head,山﨑,髙志,1970-05-05,M,mihama") + "\r\n";
        var staff = await app.CreateCityWideStaffAsync(officeId: "mihama");
        await using var browser = await PortalBrowser.OpenAsync(chromium, app.ServerAddress, PortalBrowser.Desktop);
        await browser.SignInQuietlyAsync(staff);
        var page = browser.Page;
        await page.GotoAsync("/staff/register");
        await browser.WaitUntilReadyAsync();
        // InputFile listens for a chosen file only once its script has set the input up after the first interactive render.
        await page.WaitForFunctionAsync("() => document.querySelector('#register-file')?._blazorInputFileNextFileId !== undefined");

        await page.Locator("#register-file").SetInputFilesAsync(new FilePayload { Name = "register.csv", MimeType = "text/csv", Buffer = shiftJis.GetBytes(csv) });

        await Expect(page.Locator("#import-result")).ToContainTextAsync("1");
        var problem = page.Locator("#import-problems tbody tr");
        await Expect(problem).ToHaveCountAsync(1);
        await Expect(problem.Nth(0)).ToContainTextAsync("2" + PortalText.Ja("Register_Problem_Quote"));
        var register = app.Services.GetRequiredService<IResidentRegister>();
        Assert.Null(await register.ResidentIdByNumberAsync($"{prefix}-1", Ct));
        Assert.NotNull(await register.ResidentIdByNumberAsync($"{prefix}-2", Ct));

        await page.Locator("#register-file").SetInputFilesAsync(new FilePayload { Name = "garbage.csv", MimeType = "text/csv", Buffer = [.. Encoding.ASCII.GetBytes("resident_number,"), 0x81, 0x7F] });

        await Expect(page.Locator("#import-refused")).ToHaveTextAsync(PortalText.Ja("Register_Problem_Encoding"));
        await Expect(page.Locator("#import-problems")).ToHaveCountAsync(0);
    }
}
