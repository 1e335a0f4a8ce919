using FluentValidation;
using Portal.Core.Languages;

namespace Portal.Core.Benefits;

public enum BenefitKind
{
    Allowance,
    HealthCheck,
    Vaccination,
    Subsidy,
}

/// <summary>
/// What residents read about a benefit and the rule that says who may be eligible. One version of a benefit:
/// a published version is never edited; a change makes a new version with its own effective date. Its texts are
/// city texts: the Japanese belongs to the version (the city's own words); translations of them can be added to a
/// published version later (<see cref="WithTranslationsOf"/>), since they change neither the rule nor what the
/// Japanese says. <paramref name="Description"/> and <paramref name="HowToApply"/> may be absent.
/// <paramref name="AvailableFrom"/> and <paramref name="AvailableUntil"/> are the period in which residents can
/// use or apply for it (an influenza season, a screening year), shown with how to apply; either may be open.
/// </summary>
public sealed record BenefitContent(
    BenefitKind Kind,
    LocalizedText Name,
    LocalizedText? Description,
    LocalizedText? HowToApply,
    string? ApplyUrl,
    Condition Eligibility,
    DateOnly? AvailableFrom = null,
    DateOnly? AvailableUntil = null)
{
    /// <summary>A rule that reads income can only be decided for residents who gave the separate income consent.</summary>
    public bool NeedsIncome => Eligibility.AllFacts().Contains(Fact.Income);

    /// <summary>The three texts residents read, in order: name, description, how to apply.</summary>
    public IEnumerable<LocalizedText?> Texts => [Name, Description, HowToApply];

    /// <summary>
    /// This content with the translations of <paramref name="texts"/>: every language but Japanese comes from there
    /// (replacing, adding or removing this content's own), the Japanese stays this content's. A text this content does
    /// not have cannot be translated.
    /// </summary>
    public BenefitContent WithTranslationsOf(BenefitTexts texts) => this with
    {
        Name = Translated(Name, texts.Name)!,
        Description = Translated(Description, texts.Description),
        HowToApply = Translated(HowToApply, texts.HowToApply),
    };

    /// <summary>The languages among <paramref name="offered"/> in which at least one of the texts is missing.</summary>
    public IEnumerable<string> MissingIn(IEnumerable<string> offered) =>
        offered.Where(language => Texts.Any(text => text is not null && !text.Has(language)));

    private static LocalizedText? Translated(LocalizedText? own, LocalizedText? translations)
    {
        if (own is null || translations is null) return own;
        var text = LocalizedText.Of(own.Japanese);
        foreach (var language in translations.Languages.Where(l => !l.Equals(Language.Japanese, StringComparison.OrdinalIgnoreCase)))
            text = text.With(language, translations.Exact(language));
        return text;
    }
}

/// <summary>A benefit's three texts residents read, as stored for a version's translations.</summary>
public sealed record BenefitTexts(LocalizedText Name, LocalizedText? Description, LocalizedText? HowToApply)
{
    public static BenefitTexts Of(BenefitContent content) => new(content.Name, content.Description, content.HowToApply);
}

/// <summary>The texts of a benefit as the editor holds them, one input per text with every language.</summary>
public sealed class BenefitTextsInput
{
    public Dictionary<string, string?> Name { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string?> Description { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    public Dictionary<string, string?> HowToApply { get; set; } = new(StringComparer.OrdinalIgnoreCase);

    public static BenefitTextsInput From(BenefitContent content) => new()
    {
        Name = CityTextFields.From(content.Name), Description = CityTextFields.From(content.Description), HowToApply = CityTextFields.From(content.HowToApply),
    };

    public BenefitTexts ToTexts() => new(CityTextFields.ToText(Name), CityTextFields.ToTextOrNull(Description), CityTextFields.ToTextOrNull(HowToApply));
}

/// <summary>The Japanese name is required; every language of every text has the same room.</summary>
public sealed class BenefitTextsInputValidator : AbstractValidator<BenefitTextsInput>
{
    public const int NameLength = 200, DescriptionLength = 2_000, HowToApplyLength = 1_000;

    public BenefitTextsInputValidator()
    {
        RuleFor(x => x.Name).CityText(NameLength, BenefitErrors.NameRequired, BenefitErrors.TextTooLong);
        RuleFor(x => x.Description).CityText(DescriptionLength, BenefitErrors.NameRequired, BenefitErrors.TextTooLong, optional: true, multiline: true);
        RuleFor(x => x.HowToApply).CityText(HowToApplyLength, BenefitErrors.NameRequired, BenefitErrors.TextTooLong, optional: true, multiline: true);
    }
}

/// <summary>The message keys of refused benefit administration.</summary>
public static class BenefitErrors
{
    public const string NameRequired = "RuleEditor_Problem_NameJapanese";
    public const string TextTooLong = "RuleEditor_Problem_TextTooLong";
    public const string NotPublished = "RuleEditor_Problem_NotPublished";
    public const string JapaneseChanged = "RuleEditor_Problem_JapaneseChanged";
    public const string Code = "RuleEditor_Problem_Code";
    public const string Date = "RuleEditor_Problem_Date";
    public const string Period = "RuleEditor_Problem_Period";
    public const string Url = "RuleEditor_Problem_Url";
    public const string NoCases = "RuleEditor_Problem_NoCases";

    /// <summary>Some test cases fail; the message takes their names ({0}).</summary>
    public const string FailingCases = "RuleEditor_Problem_Failing";
}

/// <summary>A person and the result the rule must give for them; every case must pass before a version is published.</summary>
public sealed record BenefitTestCase(string Name, ResidentFacts Person, DateOnly On, Tri Expected)
{
    public Tri Actual(Condition rule) => rule.Evaluate(new Subject(On, Person));

    public bool Passes(Condition rule) => Actual(rule) == Expected;
}

/// <summary>A benefit as seeded and as the rule editor works on it: its code, content and test cases.</summary>
public sealed record BenefitDraft(string Code, BenefitContent Content, IReadOnlyList<BenefitTestCase> TestCases)
{
    public IReadOnlyList<BenefitTestCase> FailingCases() => TestCases.Where(c => !c.Passes(Content.Eligibility)).ToList();
}
