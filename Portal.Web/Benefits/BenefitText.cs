using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using MudBlazor;
using Portal.Core.Benefits;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Web.Benefits;

/// <summary>Benefit rules in words: each condition, fact and result in the reader's language.</summary>
public sealed class BenefitText(IStringLocalizer l)
{
    private BenefitText? _written;

    /// <summary>Words for a page's content, easy Japanese's readings as &lt;ruby&gt;: <c>@Text.Html(t => t.Describe(condition))</c>.</summary>
    public MarkupString Html(Func<BenefitText, string> words) => Ruby.Html(words(_written ??= new BenefitText(l.Written())));

    public string Kind(BenefitKind kind) => l[$"Benefit_Kind_{kind}"];

    public string Fact(Fact fact) => l[$"Benefit_Fact_{fact}"];

    /// <summary>Several facts as one list: "年齢、保険" / "age and insurance".</summary>
    public string Facts(IEnumerable<Fact> facts) => string.Join(l["Benefit_And"], facts.Select(Fact));

    public string Result(Tri result) => l[$"Benefit_Result_{result}"];

    public static Color ResultColor(Tri result) => result switch
    {
        Tri.Yes => Color.Success,
        Tri.No => Color.Default,
        _ => Color.Warning,
    };

    public static string ResultIcon(Tri result) => result switch
    {
        Tri.Yes => Icons.Material.Filled.CheckCircle,
        Tri.No => Icons.Material.Filled.RemoveCircleOutline,
        _ => Icons.Material.Filled.HelpOutline,
    };

    /// <summary>What a condition asks, e.g. "年齢が65歳以上" / "aged 65 or over".</summary>
    public string Describe(Condition condition) => condition switch
    {
        AllOf => l["Benefit_Cond_All"],
        AnyOf => l["Benefit_Cond_Any"],
        NotOf => l["Benefit_Cond_Not"],
        AgeCondition a => Age(a),
        SexCondition s => l[$"Benefit_Cond_Sex_{s.Is}"],
        InsuranceCondition i => string.Format(CultureInfo.CurrentCulture, l["Benefit_Cond_Insurance"], string.Join(l["Benefit_Or"], i.In.Select(t => l[$"Benefit_Insurance_{t}"].Value))),
        DisabilityCondition d => string.Format(CultureInfo.CurrentCulture, l["Benefit_Cond_Disability"],
            d.Kinds.Count == 0 ? l["Benefit_Disability_Any"] : string.Join(l["Benefit_Or"], d.Kinds.Select(k => l[$"Benefit_Disability_{k}"].Value)), d.MaxGrade),
        HouseholdCondition h => l[$"Benefit_Cond_{h.Flag}"],
        ChildrenCondition c => Children(c),
        IncomeCondition i => string.Format(CultureInfo.CurrentCulture, l["Benefit_Cond_Income"], i.BaseLimitYen, i.PerDependantYen),
        _ => condition.GetType().Name,
    };

    private string Age(AgeCondition a)
    {
        var basis = a.Basis == AgeBasis.AttainedInFiscalYear ? l["Benefit_Age_InFiscalYear"] : l["Benefit_Age_Today"];
        var range = (a.Min, a.Max) switch
        {
            ({ } min, { } max) when min == max => string.Format(CultureInfo.CurrentCulture, l["Benefit_Age_Exactly"], min),
            ({ } min, { } max) => string.Format(CultureInfo.CurrentCulture, l["Benefit_Age_Between"], min, max),
            ({ } min, null) => string.Format(CultureInfo.CurrentCulture, l["Benefit_Age_AtLeast"], min),
            (null, { } max) => string.Format(CultureInfo.CurrentCulture, l["Benefit_Age_AtMost"], max),
            _ => l["Benefit_Age_Any"],
        };
        var step = a.Step is { } s ? string.Format(CultureInfo.CurrentCulture, l["Benefit_Age_Step"], s) : "";
        return $"{basis} {range}{step}";
    }

    private string Children(ChildrenCondition c)
    {
        var limit = c.UntilMarch31AfterAge is { } until
            ? string.Format(CultureInfo.CurrentCulture, l["Benefit_Children_UntilMarch31"], until)
            : c.UnderAge is { } under ? string.Format(CultureInfo.CurrentCulture, l["Benefit_Children_Under"], under) : l["Benefit_Children_AnyAge"];
        var disabled = c.DisabledUnderAge is { } d ? string.Format(CultureInfo.CurrentCulture, l["Benefit_Children_Disabled"], d) : "";
        return string.Format(CultureInfo.CurrentCulture, l["Benefit_Cond_Children"], c.MinCount, limit) + disabled;
    }

    /// <summary>What the condition saw, in words: "66歳" / "aged 66"; null when there is nothing to say.</summary>
    public string? Observed(Explanation node) => node.Observed is null ? null : node.Condition switch
    {
        AgeCondition => string.Format(CultureInfo.CurrentCulture, l["Benefit_Seen_Age"], node.Observed),
        ChildrenCondition => string.Format(CultureInfo.CurrentCulture, l["Benefit_Seen_Children"], node.Observed),
        SexCondition => l[$"Benefit_Sex_{node.Observed}"],
        InsuranceCondition => l[$"Benefit_Insurance_{node.Observed}"],
        _ => null,
    };
}
