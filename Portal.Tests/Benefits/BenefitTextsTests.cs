using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Languages;
using Portal.Data.Audit;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;
using Portal.Tests.Languages;

namespace Portal.Tests.Benefits;

/// <summary>
/// A benefit's texts are city texts: the 13 standard benefits are written in every language, a published version's
/// translations are kept beside it (its rule and Japanese stay as published), and older versions read unchanged.
/// </summary>
public sealed class BenefitTextsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Every_standard_benefit_is_written_in_every_language_with_readings_in_easy_Japanese()
    {
        Assert.Equal(13, StandardBenefits.All.Count);
        SeededCityText.AssertComplete(StandardBenefits.All.SelectMany(b => new (string, LocalizedText?)[]
        {
            ($"{b.Code} name", b.Content.Name), ($"{b.Code} description", b.Content.Description), ($"{b.Code} how to apply", b.Content.HowToApply),
        }));
    }

    [Fact]
    public void A_version_stored_before_city_texts_reads_its_Japanese_and_English()
    {
        var eligibility = BenefitJson.Write<Condition>(new AgeCondition(0, 17));
        var stored = $$"""
            {"kind":"Allowance","name":{"ja":"児童手当","en":"Child allowance"},"description":{"ja":"説明","en":"About"},
             "howToApply":{"ja":"区役所へ","en":"At the ward office"},"eligibility":{{eligibility}}}
            """;
        var content = BenefitJson.Read<BenefitContent>(stored);
        Assert.Equal(LocalizedText.Of("児童手当", "Child allowance"), content.Name);
        Assert.Equal("At the ward office", content.HowToApply!.For("vi"));
        Assert.Equal(["en", "ja"], content.Description!.Languages.Order());
    }

    [Fact]
    public void Every_language_of_a_text_has_the_same_room_and_readings_do_not_count()
    {
        var validator = new BenefitTextsInputValidator();
        var input = new BenefitTextsInput { Name = JapaneseFields.Of("児童手当") };
        Assert.True(validator.Validate(input).IsValid);

        input.Name["vi"] = new string('a', BenefitTextsInputValidator.NameLength + 1);
        Assert.Contains(validator.Validate(input).Errors, e => e.ErrorMessage == BenefitErrors.TextTooLong);

        input.Name["vi"] = null;
        input.Name[Language.EasyJapanese] = string.Concat(Enumerable.Repeat("字《じ》", BenefitTextsInputValidator.NameLength));
        Assert.True(validator.Validate(input).IsValid);

        input.Name[Language.Japanese] = " ";
        Assert.Contains(validator.Validate(input).Errors, e => e.ErrorMessage == BenefitErrors.NameRequired);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Translations_of_a_published_version_are_kept_beside_it_and_its_Japanese_stays(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var catalog = new BenefitCatalogRepository(test.Database, _time);
        var translations = new BenefitTranslationService(catalog, new AuditTrail(new AuditLogRepository(test.Database), _time));
        var allowance = StandardBenefits.All[0];
        // A version published before the portal had more than two languages.
        var older = allowance with { Content = allowance.Content with { Name = LocalizedText.Of("児童手当", "Child allowance"), Description = null, HowToApply = null } };
        await catalog.SeedAsync([older], StandardBenefits.EffectiveFrom, Ct);
        var published = Assert.Single(await catalog.VersionsAsync(allowance.Code, Ct));
        var storedJson = await ContentJsonAsync(test.Database, published.Id);

        var input = BenefitTextsInput.From(published.Content);
        input.Name["vi"] = "Trợ cấp trẻ em";
        input.Name["en"] = "Child benefit";
        var saved = (await translations.SaveAsync(Actor.System, allowance.Code, 1, input, Ct)).Value!;

        Assert.Equal(("Trợ cấp trẻ em", "Child benefit", "児童手当"), (saved.Content.Name.For("vi"), saved.Content.Name.For("en"), saved.Content.Name.Japanese));
        Assert.Equal("Trợ cấp trẻ em", Assert.Single(await catalog.InForceAsync(new DateOnly(2026, 12, 7), Ct)).Content.Name.Exact("vi"));
        Assert.Equal(storedJson, await ContentJsonAsync(test.Database, published.Id));
        Assert.Equal(BenefitJson.Write(published.Content.Eligibility), BenefitJson.Write(saved.Content.Eligibility));

        // The Japanese is the version's: a changed one is a new version, not a translation.
        input.Name[Language.Japanese] = "児童手当（改）";
        var refused = await translations.SaveAsync(Actor.System, allowance.Code, 1, input, Ct);
        Assert.Equal(BenefitErrors.JapaneseChanged, Assert.Single(refused.Errors).ErrorMessage);
        Assert.Equal("児童手当", (await catalog.VersionsAsync(allowance.Code, Ct))[0].Content.Name.Japanese);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Seeding_completes_the_standard_translations_of_older_versions_and_keeps_what_an_administrator_wrote(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var catalog = new BenefitCatalogRepository(test.Database, _time);
        var allowance = StandardBenefits.All[0];
        var older = allowance with { Content = allowance.Content with
        {
            Name = LocalizedText.Of(allowance.Content.Name.Japanese, "Child allowance"),
            Description = LocalizedText.Of(allowance.Content.Description!.Japanese),
            HowToApply = LocalizedText.Of(allowance.Content.HowToApply!.Japanese),
        } };
        var edited = StandardBenefits.All[1] with { Content = StandardBenefits.All[1].Content with { Name = LocalizedText.Of("市が書き直した名前") } };
        await catalog.SeedAsync([older, edited], StandardBenefits.EffectiveFrom, Ct);
        var allowanceVersion = Assert.Single(await catalog.VersionsAsync(allowance.Code, Ct));
        var mine = BenefitTexts.Of(allowanceVersion.Content with { Name = allowanceVersion.Content.Name.With("ko", "관리자가 쓴 이름") });
        await catalog.SaveTranslationsAsync(allowanceVersion.Id, mine, null, Ct);

        await StandardBenefits.SeedAsync(catalog, Ct);
        await StandardBenefits.SeedAsync(catalog, Ct);

        var completed = Assert.Single(await catalog.VersionsAsync(allowance.Code, Ct)).Content;
        Assert.Equal("관리자가 쓴 이름", completed.Name.Exact("ko"));
        Assert.Equal(allowance.Content.Name.Exact("vi"), completed.Name.Exact("vi"));
        Assert.Equal(allowance.Content.Description!.Exact(Language.EasyJapanese), completed.Description!.Exact(Language.EasyJapanese));
        Assert.Empty(completed.MissingIn(SeedText.Languages));
        var untouched = Assert.Single(await catalog.VersionsAsync(edited.Code, Ct)).Content;
        Assert.Equal(["ja"], untouched.Name.Languages);
        // Every other standard benefit was added whole.
        Assert.Equal(StandardBenefits.All.Count, (await catalog.LatestAsync(Ct)).Count);
        Assert.All((await catalog.LatestAsync(Ct)).Where(v => v.Code != edited.Code), v => Assert.Empty(v.Content.MissingIn(SeedText.Languages)));
    }

    private static async Task<string> ContentJsonAsync(PortalDatabase db, long id)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<string>("SELECT ContentJson FROM BenefitVersion WHERE Id = @id", new { id }) ?? "";
    }
}
