using Portal.Core.Accounts;
using Portal.Core.Benefits;
using Portal.Core.Time;

namespace Portal.Web.Hosting;

/// <summary>
/// Demo For You data (Development only): a made-up register of a few thousand households so the rule editor's
/// preview has people to count, and the demo resident linked to her own record with both consents, evaluated once.
/// Idempotent: nothing is added when the demo resident's record exists.
/// </summary>
public static class DemoForYou
{
    public const string DemoResidentNumber = "D0000001-1";

    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        var register = services.GetRequiredService<IResidentRegister>();
        if (await register.ResidentIdByNumberAsync(DemoResidentNumber, ct) is not null) return;
        var today = JapanTime.Today(services.GetRequiredService<TimeProvider>());

        // 千葉 花子: a single mother of two in Chuo ward, in the city's National Health Insurance.
        var household = new HouseholdFacts(SingleParent: true, ResidentTaxExempt: false, WelfareRecipient: false, IncomeYen: 1_900_000, Dependants: 2);
        await register.ImportAsync([
            new(DemoResidentNumber, "D0000001", HouseholdRelation.Head, "千葉", "花子", today.AddYears(-38).AddDays(-40), Sex.Female, "chuo", InsuranceType.NationalHealth, [], household),
            new("D0000001-2", "D0000001", HouseholdRelation.Child, "千葉", "湊", today.AddYears(-10).AddDays(-120), Sex.Male, "chuo", InsuranceType.NationalHealth, [], household),
            new("D0000001-3", "D0000001", HouseholdRelation.Child, "千葉", "葵", today.AddYears(-5).AddDays(-200), Sex.Female, "chuo", InsuranceType.NationalHealth, [], household),
        ], ct);
        await register.ImportAsync(SyntheticRegister.Generate(3_000, today).ToList(), ct);

        var account = await services.GetRequiredService<IUserAccountRepository>().GetByEmailAsync(DemoData.Resident.Email, ct);
        if (account is null) return;
        var forYou = services.GetRequiredService<ForYouService>();
        var admin = await services.GetRequiredService<IUserAccountRepository>().GetByEmailAsync(DemoData.Accounts[0].Email, ct);
        if (await forYou.IssueCodeAsync(Portal.Core.Audit.Actor.For(admin!, null), DemoResidentNumber, ct) is not { } code) return;
        await forYou.LinkAsync(account.Id, code.Code, ct);
        await forYou.GiveConsentAsync(account.Id, ConsentPurpose.Register, ct);
        await forYou.GiveConsentAsync(account.Id, ConsentPurpose.Income, ct);
        await services.GetRequiredService<EligibilityRun>().RunAsync("demo", null, ct);
    }
}
