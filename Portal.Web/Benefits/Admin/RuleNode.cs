using Portal.Core.Benefits;

namespace Portal.Web.Benefits.Admin;

/// <summary>The kinds of node the rule editor offers, one per condition type.</summary>
public enum RuleNodeType
{
    All,
    Any,
    Not,
    Age,
    Sex,
    Insurance,
    Disability,
    Household,
    Children,
    Income,
}

/// <summary>
/// A rule tree node while an administrator edits it: mutable, with every field any type needs, converted to and
/// from the immutable <see cref="Condition"/> the engine runs.
/// </summary>
public sealed class RuleNode
{
    public RuleNodeType Type { get; set; } = RuleNodeType.Age;
    public List<RuleNode> Children { get; } = [];
    public int? Min { get; set; }
    public int? Max { get; set; }
    public AgeBasis Basis { get; set; }
    public int? Step { get; set; }
    public Sex Sex { get; set; } = Sex.Female;
    public HashSet<InsuranceType> Insurance { get; set; } = [InsuranceType.NationalHealth];
    public HashSet<DisabilityKind> DisabilityKinds { get; set; } = [];
    public int MaxGrade { get; set; } = 1;
    public HouseholdFlag Flag { get; set; }
    public int MinCount { get; set; } = 1;
    public int? UntilMarch31AfterAge { get; set; } = 18;
    public int? UnderAge { get; set; }
    public int? DisabledUnderAge { get; set; }
    public long BaseLimitYen { get; set; } = 2_080_000;
    public long PerDependantYen { get; set; } = 380_000;

    public bool IsGroup => Type is RuleNodeType.All or RuleNodeType.Any or RuleNodeType.Not;

    public Condition ToCondition() => Type switch
    {
        RuleNodeType.All => new AllOf(Children.Select(c => c.ToCondition()).ToList()),
        RuleNodeType.Any => new AnyOf(Children.Select(c => c.ToCondition()).ToList()),
        RuleNodeType.Not => new NotOf(Children.Count > 0 ? Children[0].ToCondition() : new AllOf([])),
        RuleNodeType.Age => new AgeCondition(Min, Max, Basis, Step),
        RuleNodeType.Sex => new SexCondition(Sex),
        RuleNodeType.Insurance => new InsuranceCondition(Insurance.Order().ToList()),
        RuleNodeType.Disability => new DisabilityCondition(DisabilityKinds.Order().ToList(), MaxGrade),
        RuleNodeType.Household => new HouseholdCondition(Flag),
        RuleNodeType.Children => new ChildrenCondition(MinCount, UntilMarch31AfterAge, UnderAge, DisabledUnderAge),
        RuleNodeType.Income => new IncomeCondition(BaseLimitYen, PerDependantYen),
        _ => throw new InvalidOperationException($"Unknown node type {Type}."),
    };

    public static RuleNode From(Condition condition)
    {
        var node = new RuleNode();
        switch (condition)
        {
            case AllOf all: node.Type = RuleNodeType.All; node.Children.AddRange(all.Conditions.Select(From)); break;
            case AnyOf any: node.Type = RuleNodeType.Any; node.Children.AddRange(any.Conditions.Select(From)); break;
            case NotOf not: node.Type = RuleNodeType.Not; node.Children.Add(From(not.Condition)); break;
            case AgeCondition a: node.Type = RuleNodeType.Age; node.Min = a.Min; node.Max = a.Max; node.Basis = a.Basis; node.Step = a.Step; break;
            case SexCondition s: node.Type = RuleNodeType.Sex; node.Sex = s.Is; break;
            case InsuranceCondition i: node.Type = RuleNodeType.Insurance; node.Insurance = [.. i.In]; break;
            case DisabilityCondition d: node.Type = RuleNodeType.Disability; node.DisabilityKinds = [.. d.Kinds]; node.MaxGrade = d.MaxGrade; break;
            case HouseholdCondition h: node.Type = RuleNodeType.Household; node.Flag = h.Flag; break;
            case ChildrenCondition c:
                node.Type = RuleNodeType.Children; node.MinCount = c.MinCount; node.UntilMarch31AfterAge = c.UntilMarch31AfterAge;
                node.UnderAge = c.UnderAge; node.DisabledUnderAge = c.DisabledUnderAge;
                break;
            case IncomeCondition i: node.Type = RuleNodeType.Income; node.BaseLimitYen = i.BaseLimitYen; node.PerDependantYen = i.PerDependantYen; break;
            default: throw new InvalidOperationException($"The editor does not know {condition.GetType().Name}.");
        }
        return node;
    }
}
