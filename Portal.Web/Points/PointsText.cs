using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Web.Hosting;

namespace Portal.Web.Points;

/// <summary>How the points pages name kinds and show amounts, in one place.</summary>
public static class PointsText
{
    public static string Kind(this IStringLocalizer l, PointTransactionKind kind) => l["Points_Kind_" + kind];

    public static string Kind(this IStringLocalizer l, ProgrammeKind kind) => l["Points_Programme_" + kind];

    public static string Kind(this IStringLocalizer l, CatalogItemKind kind) => l["Points_Item_" + kind];

    /// <summary>"1,200 pt"; signed shows "+50 pt" and "-30 pt".</summary>
    public static string Pt(long points, bool signed = false) =>
        (signed && points > 0 ? "+" : "") + points.ToString("N0", CultureInfo.CurrentCulture) + " pt";

    public static string Day(DateOnly day) => day.ToString(Shell.DateShapes.Day(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);

    public static string JapanTime(DateTimeOffset utc) =>
        Core.Time.JapanTime.ToJapan(utc).ToString(Shell.DateShapes.ShortDateTime(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);

    /// <summary>The message of a refused points action, in the reader's language.</summary>
    public static string Error(this IStringLocalizer l, Exception e) => e switch
    {
        RuleException rule => l[rule.Key],
        _ => throw e,
    };
}
