using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Rules;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Benefits;

/// <summary>
/// Writing benefits: what the editor's form must hold, and publishing only with passing test cases, refused by the
/// service and by the catalog itself, each change audited.
/// </summary>
public sealed class BenefitAdminTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private static readonly BenefitDraft Allowance = StandardBenefits.All.Single(b => b.Code == "child-allowance");

    /// <summary>The allowance with its first case expecting the opposite of what the rule says.</summary>
    private static BenefitDraft Broken(BenefitDraft draft)
    {
        var first = draft.TestCases[0];
        var wrong = first with { Name = "逆の期待", Expected = first.Actual(draft.Content.Eligibility) == Tri.Yes ? Tri.No : Tri.Yes };
        return draft with { TestCases = [wrong, .. draft.TestCases.Skip(1)] };
    }

    private static BenefitDraftInput Input(BenefitDraft draft, string code) => new()
    {
        Code = code, Kind = draft.Content.Kind, Texts = BenefitTextsInput.From(draft.Content), ApplyUrl = draft.Content.ApplyUrl,
        EffectiveFrom = "2027-04-01", Eligibility = draft.Content.Eligibility, TestCases = [.. draft.TestCases],
    };

    private static string NewCode() => "test-" + Guid.NewGuid().ToString("N")[..8];

    [Theory]
    [InlineData("child-allowance", true)]
    [InlineData("a1-b2", true)]
    [InlineData("Child", false)]
    [InlineData("a--b", false)]
    [InlineData("-a", false)]
    [InlineData("a_b", false)]
    [InlineData("", false)]
    public void A_benefit_s_code_is_lowercase_words_joined_by_hyphens(string code, bool valid) =>
        Assert.Equal(valid, new BenefitDraftInputValidator().Validate(Input(Allowance, code)).IsValid);

    [Fact]
    public void A_draft_needs_its_effective_date_a_period_in_order_and_an_https_link()
    {
        var validator = new BenefitDraftInputValidator();
        Assert.True(validator.Validate(Input(Allowance, "x")).IsValid);
        Assert.False(validator.Validate(Input(Allowance, new string('a', BenefitDraftInputValidator.MaxCodeLength + 1))).IsValid);
        Assert.Equal(BenefitErrors.Date, Assert.Single(validator.Validate(With(i => i.EffectiveFrom = "2027/04/01")).Errors).ErrorMessage);
        Assert.Equal(BenefitErrors.Period, Assert.Single(validator.Validate(With(i => (i.AvailableFrom, i.AvailableUntil) = ("2027-04-02", "2027-04-01"))).Errors).ErrorMessage);
        Assert.Equal(BenefitErrors.Period, Assert.Single(validator.Validate(With(i => i.AvailableFrom = "someday")).Errors).ErrorMessage);
        Assert.True(validator.Validate(With(i => (i.AvailableFrom, i.AvailableUntil) = ("2027-04-01", "2027-04-01"))).IsValid);
        Assert.Equal(BenefitErrors.Url, Assert.Single(validator.Validate(With(i => i.ApplyUrl = "http://www.city.chiba.jp/")).Errors).ErrorMessage);
        Assert.True(validator.Validate(With(i => i.ApplyUrl = " ")).IsValid);

        static BenefitDraftInput With(Action<BenefitDraftInput> change)
        {
            var input = Input(Allowance, "x");
            change(input);
            return input;
        }
    }

    [Fact]
    public void A_version_is_published_only_with_test_cases_all_passing_and_a_refusal_names_the_failing_ones()
    {
        Assert.True(new BenefitPublishValidator().Validate(Allowance).IsValid);
        Assert.Equal(BenefitErrors.NoCases, BenefitPublishValidator.Refusal(Allowance with { TestCases = [] }));
        var failing = Assert.Single(new BenefitPublishValidator().Validate(Broken(Allowance)).Errors);
        Assert.Equal(BenefitErrors.FailingCases, failing.ErrorMessage);
        Assert.Equal(["逆の期待"], Assert.IsType<List<string>>(failing.CustomState));
    }

    private async Task<(BenefitAdminService Service, BenefitCatalogRepository Catalog, AuditLogRepository Audit, Actor Admin)> WorldAsync(TestDatabase test)
    {
        var account = UserAccount.Create($"admin-{Guid.NewGuid():N}@city.chiba.jp", "管理者", "hash", Role.Admin, null, _time.GetUtcNow());
        await new UserAccountRepository(test.Database).CreateAsync(account, Ct);
        var catalog = new BenefitCatalogRepository(test.Database, _time);
        var audit = new AuditLogRepository(test.Database);
        return (new BenefitAdminService(catalog, new AuditTrail(audit, _time)), catalog, audit, Actor.For(account, "192.0.2.7"));
    }

    [Fact]
    public async Task A_draft_with_a_failing_case_is_saved_and_audited_but_not_published_and_a_passing_one_is()
    {
        using var test = TestDatabase.Create(DatabaseProvider.Sqlite);
        var (service, catalog, audit, admin) = await WorldAsync(test);
        var code = NewCode();

        var refused = await service.PublishAsync(admin, Input(Broken(Allowance), code), Ct);

        Assert.Equal(BenefitErrors.FailingCases, Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal([(1, false)], (await catalog.VersionsAsync(code, Ct)).Select(v => (v.Version, v.IsPublished)));
        var entries = await audit.SearchAsync(new AuditQuery(EntityType: BenefitAudit.Entity, EntityId: code), Ct);
        Assert.Equal([BenefitAudit.DraftSaved], entries.Select(e => e.Action));

        var published = await service.PublishAsync(admin, Input(Allowance, code), Ct);

        Assert.True(published.Succeeded);
        Assert.Equal((1, true), (published.Value!.Version, published.Value.IsPublished));
        var publication = Assert.Single(await audit.SearchAsync(new AuditQuery(Action: BenefitAudit.Published, EntityId: code), Ct));
        Assert.Equal((admin.AccountId, "v1 from 2027-04-01"), (publication.ActorId, publication.Detail));
    }

    [Fact]
    public async Task A_refused_form_saves_nothing_and_a_saved_draft_counts_its_failing_cases()
    {
        using var test = TestDatabase.Create(DatabaseProvider.Sqlite);
        var (service, catalog, audit, admin) = await WorldAsync(test);
        var code = NewCode();
        var input = Input(Broken(Allowance), code);
        input.ApplyUrl = "ftp://example.jp";

        Assert.Equal(BenefitErrors.Url, Assert.Single((await service.SaveDraftAsync(admin, input, Ct)).Errors).ErrorMessage);
        Assert.Empty(await catalog.VersionsAsync(code, Ct));
        Assert.Empty(await audit.SearchAsync(new AuditQuery(EntityId: code), Ct));

        input.ApplyUrl = null;
        var saved = await service.SaveDraftAsync(admin, input, Ct);
        Assert.Equal((1, false, 1), (saved.Value!.Version.Version, saved.Value.Version.IsPublished, saved.Value.FailingCases));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_catalog_refuses_to_publish_or_seed_a_version_whose_test_cases_fail_or_are_missing(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var (_, catalog, _, admin) = await WorldAsync(test);
        var code = NewCode();
        var broken = Broken(Allowance);
        var draft = await catalog.SaveDraftAsync(code, new DateOnly(2027, 4, 1), broken.Content, broken.TestCases, admin.AccountId, Ct);

        var refused = await Assert.ThrowsAsync<RuleException>(() => catalog.PublishAsync(draft.Id, admin.AccountId!.Value, Ct));
        Assert.Equal(BenefitErrors.FailingCases, refused.Key);
        var empty = await catalog.SaveDraftAsync(code, new DateOnly(2027, 4, 1), broken.Content, [], admin.AccountId, Ct);
        Assert.Equal(BenefitErrors.NoCases, (await Assert.ThrowsAsync<RuleException>(() => catalog.PublishAsync(empty.Id, admin.AccountId!.Value, Ct))).Key);
        Assert.False(Assert.Single(await catalog.VersionsAsync(code, Ct)).IsPublished);

        var seedCode = NewCode();
        await Assert.ThrowsAsync<RuleException>(() => catalog.SeedAsync([broken with { Code = seedCode }], StandardBenefits.EffectiveFrom, Ct));
        Assert.Empty(await catalog.VersionsAsync(seedCode, Ct));

        await catalog.SaveDraftAsync(code, new DateOnly(2027, 4, 1), Allowance.Content, Allowance.TestCases, admin.AccountId, Ct);
        await catalog.PublishAsync(draft.Id, admin.AccountId!.Value, Ct);
        Assert.True(Assert.Single(await catalog.VersionsAsync(code, Ct)).IsPublished);
    }
}
