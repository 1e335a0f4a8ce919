using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Legal;

namespace Portal.Web.Legal;

/// <summary>Where each document lives: /terms, /privacy, /accessibility for the version in force, /terms/2 for a version.</summary>
public static class PolicyLinks
{
    public static string Of(PolicyKind kind) => "/" + PolicyKinds.Code(kind);

    public static string Of(PolicyVersion version) => $"{Of(version.Kind)}/{version.Number.ToString(CultureInfo.InvariantCulture)}";

    public static string TitleKey(PolicyKind kind) => "Policies_Title_" + PolicyKinds.Code(kind);
}

public static class PolicyDates
{
    /// <summary>A Japan calendar date in the reader's language (the format is a resource, so each language has its own).</summary>
    public static string Format(DateOnly date, IStringLocalizer localizer) =>
        date.ToString(localizer["Policies_DateFormat"], CultureInfo.CurrentCulture);
}
