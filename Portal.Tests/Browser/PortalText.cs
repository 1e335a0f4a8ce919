using System.Globalization;
using System.Resources;

namespace Portal.Tests.Browser;

/// <summary>The portal's own strings (Resources/SharedResource*.resx), so tests expect what a person reads.</summary>
public static class PortalText
{
    private static readonly ResourceManager Resources =
        new("Portal.Web.Resources.SharedResource", typeof(Portal.Web.SharedResource).Assembly);

    public static string Ja(string key) => Get(key, "ja");

    public static string En(string key) => Get(key, "en");

    /// <summary>The string as a person reads it in plain text: easy Japanese's readings over kanji (《》) dropped, as every attribute and label shows it.</summary>
    public static string Get(string key, string culture) => Portal.Core.Languages.RubyText.Plain(Raw(key, culture));

    /// <summary>The string as written in the resources, readings included.</summary>
    public static string Raw(string key, string culture) =>
        Resources.GetString(key, CultureInfo.GetCultureInfo(culture))
        ?? throw new InvalidOperationException($"No string {key} in the portal's resources.");
}
