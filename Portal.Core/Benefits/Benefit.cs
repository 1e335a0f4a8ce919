namespace Portal.Core.Benefits;

public enum BenefitKind
{
    Allowance,
    HealthCheck,
    Vaccination,
    Subsidy,
}

/// <summary>A text in both languages of the portal.</summary>
public sealed record BilingualText(string Ja, string En)
{
    public string For(bool japanese) => japanese ? Ja : En;
}

/// <summary>
/// What residents read about a benefit and the rule that says who may be eligible. One version of a benefit:
/// a published version is never edited; a change makes a new version with its own effective date.
/// <paramref name="AvailableFrom"/> and <paramref name="AvailableUntil"/> are the period in which residents can
/// use or apply for it (an influenza season, a screening year), shown with how to apply; either may be open.
/// </summary>
public sealed record BenefitContent(
    BenefitKind Kind,
    BilingualText Name,
    BilingualText Description,
    BilingualText HowToApply,
    string? ApplyUrl,
    Condition Eligibility,
    DateOnly? AvailableFrom = null,
    DateOnly? AvailableUntil = null)
{
    /// <summary>A rule that reads income can only be decided for residents who gave the separate income consent.</summary>
    public bool NeedsIncome => Eligibility.AllFacts().Contains(Fact.Income);
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
