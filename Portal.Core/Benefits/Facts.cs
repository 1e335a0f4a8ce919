namespace Portal.Core.Benefits;

/// <summary>Three-valued truth: a fact that is missing or not consented makes a condition Unknown, never No.</summary>
public enum Tri : byte
{
    No = 0,
    Yes = 1,
    Unknown = 2,
}

public enum Sex : byte
{
    Female = 1,
    Male = 2,
}

/// <summary>Public medical insurance as the resident register knows it.</summary>
public enum InsuranceType : byte
{
    /// <summary>National Health Insurance run by the city (国民健康保険).</summary>
    NationalHealth = 1,
    /// <summary>Latter-stage elderly medical care (後期高齢者医療).</summary>
    LatterStageElderly = 2,
    /// <summary>An employer's health insurance (被用者保険), as insured person or dependant.</summary>
    Employee = 3,
    /// <summary>Covered by public assistance medical aid (生活保護の医療扶助).</summary>
    WelfareMedicalAid = 4,
}

/// <summary>What a disability certificate certifies. Physical disabilities are split where benefit rules name the organ.</summary>
public enum DisabilityKind : byte
{
    PhysicalHeart = 1,
    PhysicalKidney = 2,
    PhysicalRespiratory = 3,
    PhysicalImmune = 4,
    PhysicalOther = 5,
    Intellectual = 6,
    Mental = 7,
}

/// <summary>A disability certificate: kind and grade (1 is the most severe).</summary>
public readonly record struct Disability(DisabilityKind Kind, int Grade);

/// <summary>A child in the resident's household, as the rules need it.</summary>
public readonly record struct ChildFact(DateOnly BirthDate, bool Disabled = false);

/// <summary>The documented facts the rules may use. Each condition names the facts it reads.</summary>
public enum Fact
{
    BirthDate,
    Sex,
    Insurance,
    Disabilities,
    WelfareRecipient,
    ResidentTaxExempt,
    SingleParent,
    Children,
    /// <summary>Household income; used only with the resident's separate consent to income data.</summary>
    Income,
    Dependants,
}

/// <summary>
/// What the city knows of one resident, as far as they consented. Null means not known (or not consented),
/// and conditions on it evaluate to Unknown. Collections: null is unknown, empty is "none".
/// </summary>
public sealed record ResidentFacts
{
    public DateOnly? BirthDate { get; init; }
    public Sex? Sex { get; init; }
    public InsuranceType? Insurance { get; init; }
    public IReadOnlyList<Disability>? Disabilities { get; init; }
    public bool? WelfareRecipient { get; init; }
    public bool? ResidentTaxExempt { get; init; }
    public bool? SingleParent { get; init; }
    public IReadOnlyList<ChildFact>? Children { get; init; }
    /// <summary>Total household income in yen for the last assessed year.</summary>
    public long? IncomeYen { get; init; }
    public int? Dependants { get; init; }

    public static ResidentFacts Unknown { get; } = new();

    public bool Knows(Fact fact) => fact switch
    {
        Fact.BirthDate => BirthDate is not null,
        Fact.Sex => Sex is not null,
        Fact.Insurance => Insurance is not null,
        Fact.Disabilities => Disabilities is not null,
        Fact.WelfareRecipient => WelfareRecipient is not null,
        Fact.ResidentTaxExempt => ResidentTaxExempt is not null,
        Fact.SingleParent => SingleParent is not null,
        Fact.Children => Children is not null,
        Fact.Income => IncomeYen is not null,
        Fact.Dependants => Dependants is not null,
        _ => false,
    };
}

public static class TriLogic
{
    public static Tri Of(bool value) => value ? Tri.Yes : Tri.No;

    public static Tri Not(Tri value) => value switch { Tri.Yes => Tri.No, Tri.No => Tri.Yes, _ => Tri.Unknown };
}
