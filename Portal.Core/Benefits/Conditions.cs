using System.Text.Json.Serialization;
using Portal.Core.Time;

namespace Portal.Core.Benefits;

/// <summary>
/// One node of a benefit's eligibility tree. Admins build trees from these in the rule editor; they are stored
/// as JSON ("type" names the node). Each node evaluates to Yes, No or Unknown and names the facts it reads,
/// so a questionnaire can ask only for those.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(AllOf), "all")]
[JsonDerivedType(typeof(AnyOf), "any")]
[JsonDerivedType(typeof(NotOf), "not")]
[JsonDerivedType(typeof(AgeCondition), "age")]
[JsonDerivedType(typeof(SexCondition), "sex")]
[JsonDerivedType(typeof(InsuranceCondition), "insurance")]
[JsonDerivedType(typeof(DisabilityCondition), "disability")]
[JsonDerivedType(typeof(HouseholdCondition), "household")]
[JsonDerivedType(typeof(ChildrenCondition), "children")]
[JsonDerivedType(typeof(IncomeCondition), "income")]
public abstract record Condition
{
    public abstract Tri Evaluate(Subject subject);

    /// <summary>The facts this node reads itself (not its children's).</summary>
    public abstract IEnumerable<Fact> OwnFacts();

    [JsonIgnore]
    public virtual IReadOnlyList<Condition> Children => [];

    /// <summary>What the node saw of the resident, for the explanation ("66", "NationalHealth"); null when nothing.</summary>
    public virtual string? Observed(Subject subject) => null;

    public IEnumerable<Fact> AllFacts() => OwnFacts().Concat(Children.SelectMany(c => c.AllFacts())).Distinct();

    /// <summary>The result of this node and of every node below it, for "why" and "why not".</summary>
    public Explanation Explain(Subject subject) =>
        new(this, Evaluate(subject), Observed(subject), Children.Select(c => c.Explain(subject)).ToList());
}

/// <summary>A node's result with what it saw and its children's results.</summary>
public sealed record Explanation(Condition Condition, Tri Result, string? Observed, IReadOnlyList<Explanation> Children);

/// <summary>Yes when every condition is Yes; No as soon as one is No; Unknown otherwise.</summary>
public sealed record AllOf(IReadOnlyList<Condition> Conditions) : Condition
{
    public override IReadOnlyList<Condition> Children => Conditions;
    public override IEnumerable<Fact> OwnFacts() => [];

    public override Tri Evaluate(Subject subject)
    {
        var result = Tri.Yes;
        // Index loops: a foreach over an interface-typed list allocates an enumerator per call, and the nightly
        // run makes tens of millions of calls.
        for (var i = 0; i < Conditions.Count; i++)
        {
            var value = Conditions[i].Evaluate(subject);
            if (value == Tri.No) return Tri.No;
            if (value == Tri.Unknown) result = Tri.Unknown;
        }
        return result;
    }
}

/// <summary>Yes as soon as one condition is Yes; No when every one is No; Unknown otherwise.</summary>
public sealed record AnyOf(IReadOnlyList<Condition> Conditions) : Condition
{
    public override IReadOnlyList<Condition> Children => Conditions;
    public override IEnumerable<Fact> OwnFacts() => [];

    public override Tri Evaluate(Subject subject)
    {
        var result = Tri.No;
        for (var i = 0; i < Conditions.Count; i++)
        {
            var value = Conditions[i].Evaluate(subject);
            if (value == Tri.Yes) return Tri.Yes;
            if (value == Tri.Unknown) result = Tri.Unknown;
        }
        return result;
    }
}

/// <summary>Turns Yes into No and No into Yes; Unknown stays Unknown.</summary>
public sealed record NotOf(Condition Condition) : Condition
{
    public override IReadOnlyList<Condition> Children => [Condition];
    public override IEnumerable<Fact> OwnFacts() => [];
    public override Tri Evaluate(Subject subject) => TriLogic.Not(Condition.Evaluate(subject));
}

/// <summary>Which age a rule speaks of.</summary>
public enum AgeBasis
{
    /// <summary>The age on the day of evaluation.</summary>
    OnDate,
    /// <summary>The age attained during the fiscal year of the day of evaluation ("turning 65 this year").</summary>
    AttainedInFiscalYear,
}

/// <summary>
/// Age between <see cref="Min"/> and <see cref="Max"/> (both included, either open). With <see cref="Step"/>,
/// only Min, Min+Step, ... count: the shingles vaccination's "turning 65, 70, 75, ... 100".
/// </summary>
public sealed record AgeCondition(int? Min, int? Max, AgeBasis Basis = AgeBasis.OnDate, int? Step = null) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Fact.BirthDate];

    public override Tri Evaluate(Subject subject)
    {
        if (subject.Age(Basis) is not { } age) return Tri.Unknown;
        if (Min is { } min && age < min) return Tri.No;
        if (Max is { } max && age > max) return Tri.No;
        if (Step is { } step && step > 0 && (age - (Min ?? 0)) % step != 0) return Tri.No;
        return Tri.Yes;
    }

    public override string? Observed(Subject subject) => subject.Age(Basis)?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}

public sealed record SexCondition(Sex Is) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Fact.Sex];
    public override Tri Evaluate(Subject subject) => subject.Facts.Sex is { } sex ? TriLogic.Of(sex == Is) : Tri.Unknown;
    public override string? Observed(Subject subject) => subject.Facts.Sex?.ToString();
}

public sealed record InsuranceCondition(IReadOnlyList<InsuranceType> In) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Fact.Insurance];
    public override Tri Evaluate(Subject subject)
    {
        if (subject.Facts.Insurance is not { } insurance) return Tri.Unknown;
        for (var i = 0; i < In.Count; i++)
            if (In[i] == insurance) return Tri.Yes;
        return Tri.No;
    }
    public override string? Observed(Subject subject) => subject.Facts.Insurance?.ToString();
}

/// <summary>Holds a certificate of one of <see cref="Kinds"/> (any kind when empty) at <see cref="MaxGrade"/> or more severe.</summary>
public sealed record DisabilityCondition(IReadOnlyList<DisabilityKind> Kinds, int MaxGrade) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Fact.Disabilities];

    public override Tri Evaluate(Subject subject)
    {
        if (subject.Facts.Disabilities is not { } certificates) return Tri.Unknown;
        for (var i = 0; i < certificates.Count; i++)
            if (certificates[i].Grade <= MaxGrade && Covers(certificates[i].Kind)) return Tri.Yes;
        return Tri.No;
    }

    private bool Covers(DisabilityKind kind)
    {
        if (Kinds.Count == 0) return true;
        for (var i = 0; i < Kinds.Count; i++)
            if (Kinds[i] == kind) return true;
        return false;
    }

    public override string? Observed(Subject subject) =>
        subject.Facts.Disabilities is { } d ? string.Join(", ", d.Select(c => $"{c.Kind} {c.Grade}")) : null;
}

public enum HouseholdFlag
{
    WelfareRecipient,
    ResidentTaxExempt,
    SingleParent,
}

/// <summary>A yes/no fact about the household: receives public assistance, is exempt from resident tax, is a single-parent household.</summary>
public sealed record HouseholdCondition(HouseholdFlag Flag) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Flag switch
    {
        HouseholdFlag.WelfareRecipient => Fact.WelfareRecipient,
        HouseholdFlag.ResidentTaxExempt => Fact.ResidentTaxExempt,
        _ => Fact.SingleParent,
    }];

    public override Tri Evaluate(Subject subject) => Value(subject) is { } value ? TriLogic.Of(value) : Tri.Unknown;

    public override string? Observed(Subject subject) => Value(subject)?.ToString();

    private bool? Value(Subject subject) => Flag switch
    {
        HouseholdFlag.WelfareRecipient => subject.Facts.WelfareRecipient,
        HouseholdFlag.ResidentTaxExempt => subject.Facts.ResidentTaxExempt,
        _ => subject.Facts.SingleParent,
    };
}

/// <summary>
/// At least <see cref="MinCount"/> children who still count. A child counts until the first 31 March after
/// attaining <see cref="UntilMarch31AfterAge"/>, and while younger than <see cref="UnderAge"/>; either limit may
/// be left open. A disabled child also counts while younger than <see cref="DisabledUnderAge"/> (20歳未満).
/// </summary>
public sealed record ChildrenCondition(int MinCount = 1, int? UntilMarch31AfterAge = null, int? UnderAge = null, int? DisabledUnderAge = null) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Fact.Children];

    public override Tri Evaluate(Subject subject) => Counting(subject) is { } count ? TriLogic.Of(count >= MinCount) : Tri.Unknown;

    public override string? Observed(Subject subject) => Counting(subject)?.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private int? Counting(Subject subject)
    {
        if (subject.Facts.Children is not { } children) return null;
        var count = 0;
        for (var i = 0; i < children.Count; i++)
            if (Counts(children[i], subject.On)) count++;
        return count;
    }

    private bool Counts(ChildFact child, DateOnly on)
    {
        if (child.BirthDate > on) return false;
        var age = JapaneseAge.On(child.BirthDate, on);
        if (child.Disabled && DisabledUnderAge is { } disabledLimit && age < disabledLimit) return true;
        if (UntilMarch31AfterAge is { } limit && on > JapaneseAge.FirstMarch31OnOrAfterAttaining(child.BirthDate, limit)) return false;
        return UnderAge is not { } under || age < under;
    }
}

/// <summary>
/// Household income at or under a limit that rises with dependants: <see cref="BaseLimitYen"/> +
/// <see cref="PerDependantYen"/> × dependants. Unknown without the income consent.
/// </summary>
public sealed record IncomeCondition(long BaseLimitYen, long PerDependantYen) : Condition
{
    public override IEnumerable<Fact> OwnFacts() => [Fact.Income, Fact.Dependants];

    public override Tri Evaluate(Subject subject) =>
        subject.Facts is { IncomeYen: { } income, Dependants: { } dependants }
            ? TriLogic.Of(income <= BaseLimitYen + PerDependantYen * dependants)
            : Tri.Unknown;

    public override string? Observed(Subject subject) =>
        subject.Facts.IncomeYen?.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
