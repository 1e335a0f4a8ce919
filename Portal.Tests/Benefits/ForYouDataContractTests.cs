using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Core.Benefits;
using Portal.Core.Languages;
using Portal.Data.Accounts;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Benefits;

/// <summary>The register, consents, benefit versions and the nightly run, through the real database.</summary>
public sealed class ForYouDataContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly HashSet<string> Wards = ["chuo", "mihama"];

    // 25 November 2026, 10:00 in Japan.
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));

    private static RegisterRow Row(int line, string resident, string household, string relation, string birth, string sex,
        string insurance = "", string singleParent = "", string income = "", string dependants = "", string disabilities = "") => new()
    {
        Line = line, ResidentNumber = resident, HouseholdNumber = household, Relation = relation, FamilyName = "千葉", GivenName = "花子",
        BirthDate = birth, Sex = sex, Ward = "chuo", Insurance = insurance, SingleParent = singleParent, IncomeYen = income,
        Dependants = dependants, Disabilities = disabilities,
    };

    private async Task<(PortalDatabase Db, ResidentRegisterRepository Register, long Parent)> SingleParentFamilyAsync(TestDatabase test)
    {
        var db = test.Database;
        var register = new ResidentRegisterRepository(db, _time);
        var (entries, problems) = RegisterParser.Parse([
            Row(2, "R-001", "H-1", "head", "1988-07-01", "F", "nhi", singleParent: "1", income: "2000000", dependants: "1"),
            Row(3, "R-002", "H-1", "child", "2015-04-01", "F", "nhi", singleParent: "1", income: "2000000", dependants: "1"),
        ], Wards, new DateOnly(2026, 11, 25));
        Assert.Empty(problems);
        Assert.Equal(2, await register.ImportAsync(entries, Ct));
        var account = UserAccount.Create("hanako@example.jp", "千葉 花子", "hash", Role.Resident, null, _time.GetUtcNow());
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        await using var connection = await db.OpenAsync(Ct);
        await connection.ExecuteAsync("UPDATE RegisterResident SET AccountId = @Id WHERE ResidentNumber = 'R-001'", new { account.Id });
        return (db, register, account.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_linked_resident_s_facts_include_the_household_s_children_and_income_only_with_consent(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var (db, register, parent) = await SingleParentFamilyAsync(test);

        var facts = await register.FactsForAccountAsync(parent, withIncome: false, Ct);
        Assert.NotNull(facts);
        Assert.Equal((new DateOnly(1988, 7, 1), Sex.Female, InsuranceType.NationalHealth, true), (facts.BirthDate, facts.Sex, facts.Insurance, facts.SingleParent));
        Assert.Equal([new ChildFact(new DateOnly(2015, 4, 1))], facts.Children);
        Assert.Null(facts.IncomeYen);
        Assert.Equal(2_000_000, (await register.FactsForAccountAsync(parent, withIncome: true, Ct))!.IncomeYen);

        var consents = new ConsentRepository(db, _time);
        Assert.Empty(await ToListAsync(register.ConsentingResidentsAsync(Ct)));
        await consents.GiveAsync(parent, ConsentPurpose.Register, ConsentTexts.CurrentVersion, Ct);
        var (account, streamed) = Assert.Single(await ToListAsync(register.ConsentingResidentsAsync(Ct)));
        Assert.Equal((parent, 1, (long?)null), (account, streamed.Children!.Count, streamed.IncomeYen));
        await consents.GiveAsync(parent, ConsentPurpose.Income, ConsentTexts.CurrentVersion, Ct);
        Assert.Equal(2_000_000, Assert.Single(await ToListAsync(register.ConsentingResidentsAsync(Ct))).Facts.IncomeYen);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_nightly_run_tells_of_a_new_benefit_once_and_revoking_consent_deletes_the_results(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var (db, register, parent) = await SingleParentFamilyAsync(test);
        var catalog = new BenefitCatalogRepository(db, _time);
        await catalog.SeedAsync(StandardBenefits.All, new DateOnly(2026, 4, 1), Ct);
        var consents = new ConsentRepository(db, _time);
        await consents.GiveAsync(parent, ConsentPurpose.Register, ConsentTexts.CurrentVersion, Ct);
        var results = new EligibilityResultRepository(db, new NoticeOutbox(db, ActiveChannels.InAppOnly, _time), _time);
        var run = new EligibilityRun(register, catalog, results, _time);

        var first = await run.RunAsync("test", null, Ct);
        Assert.Equal(1, first.Residents);
        var codes = (await results.ForAccountAsync(parent, Ct)).Select(r => r.BenefitCode).Order().ToList();
        // Raising a child: allowance and medical subsidy; the single-parent subsidy waits for the income consent.
        Assert.Contains("child-allowance", codes);
        Assert.Contains("child-medical", codes);
        Assert.DoesNotContain("single-parent-medical", codes);
        Assert.Equal(codes.Count, await NoticeCountAsync(db));

        var again = await run.RunAsync("test", null, Ct);
        Assert.Equal(0, again.NewlyEligible);
        Assert.Equal(codes.Count, await NoticeCountAsync(db));

        await consents.GiveAsync(parent, ConsentPurpose.Income, ConsentTexts.CurrentVersion, Ct);
        var withIncome = await run.RunAsync("test", null, Ct);
        Assert.Equal(1, withIncome.NewlyEligible);
        Assert.Contains("single-parent-medical", (await results.ForAccountAsync(parent, Ct)).Select(r => r.BenefitCode));

        await consents.RevokeAsync(parent, ConsentPurpose.Register, Ct);
        Assert.Empty(await results.ForAccountAsync(parent, Ct));
        Assert.Equal(0, (await run.RunAsync("test", null, Ct)).Residents);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_published_version_is_never_changed_and_an_edit_makes_the_next_version(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var catalog = new BenefitCatalogRepository(db, _time);
        var allowance = StandardBenefits.All[0];
        await catalog.SeedAsync([allowance], new DateOnly(2026, 4, 1), Ct);
        await catalog.SeedAsync([allowance], new DateOnly(2026, 4, 1), Ct);

        var changed = allowance.Content with { Name = LocalizedText.Of("児童手当(新)", "Child allowance (new)") };
        var draft = await catalog.SaveDraftAsync(allowance.Code, new DateOnly(2027, 4, 1), changed, allowance.TestCases, null, Ct);
        Assert.Equal((2, false), (draft.Version, draft.IsPublished));
        var saved = await catalog.SaveDraftAsync(allowance.Code, new DateOnly(2027, 4, 1), changed, allowance.TestCases, null, Ct);
        Assert.Equal(draft.Id, saved.Id);

        var account = UserAccount.Create("admin@example.jp", "管理者", "hash", Role.Admin, null, _time.GetUtcNow());
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        await catalog.PublishAsync(draft.Id, account.Id, Ct);
        await Assert.ThrowsAnyAsync<InvalidOperationException>(() => catalog.PublishAsync(draft.Id, account.Id, Ct));
        await using (var connection = await db.OpenAsync(Ct))
            await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("UPDATE BenefitVersion SET ContentJson = '{}' WHERE Version = 1"));

        Assert.Equal(1, Assert.Single(await catalog.InForceAsync(new DateOnly(2027, 3, 31), Ct)).Version);
        Assert.Equal("児童手当(新)", Assert.Single(await catalog.InForceAsync(new DateOnly(2027, 4, 1), Ct)).Content.Name.Japanese);
        Assert.Equal([2, 1], (await catalog.VersionsAsync(allowance.Code, Ct)).Select(v => v.Version));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_registration_code_links_one_account_once_before_it_expires(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var (db, register, staff) = await SingleParentFamilyAsync(test);
        var residentId = (await register.ResidentIdByNumberAsync("R-002", Ct))!.Value;
        await register.IssueCodeAsync(residentId, "hash-a", _time.GetUtcNow().AddDays(30), staff, Ct);
        await register.IssueCodeAsync(residentId, "hash-b", _time.GetUtcNow().AddDays(1), staff, Ct);
        var other = UserAccount.Create("child@example.jp", "千葉 花", "hash", Role.Resident, null, _time.GetUtcNow());
        await new UserAccountRepository(db).CreateAsync(other, Ct);

        Assert.Equal(LinkOutcome.UnknownCode, await register.RedeemCodeAsync("nope", other.Id, Ct));
        _time.Advance(TimeSpan.FromDays(2));
        Assert.Equal(LinkOutcome.Expired, await register.RedeemCodeAsync("hash-b", other.Id, Ct));
        Assert.Equal(LinkOutcome.AccountAlreadyLinked, await register.RedeemCodeAsync("hash-a", staff, Ct));
        Assert.Equal(LinkOutcome.Linked, await register.RedeemCodeAsync("hash-a", other.Id, Ct));
        Assert.Equal(LinkOutcome.AlreadyUsed, await register.RedeemCodeAsync("hash-a", other.Id, Ct));
        Assert.True(await register.IsLinkedAsync(other.Id, Ct));
        // A child's own record does not count its siblings as its children.
        Assert.Empty((await register.FactsForAccountAsync(other.Id, false, Ct))!.Children!);
    }

    private static async Task<int> NoticeCountAsync(PortalDatabase db)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Notice WHERE Kind = 'BenefitNewlyEligible'");
    }

    private static async Task<List<T>> ToListAsync<T>(IAsyncEnumerable<T> items)
    {
        var list = new List<T>();
        await foreach (var item in items) list.Add(item);
        return list;
    }
}
