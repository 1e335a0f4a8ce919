using System.Globalization;

namespace Portal.Web.Hosting;

/// <summary>Japanese first, English complete.</summary>
public static class PortalCultures
{
    public const string Japanese = "ja";
    public const string English = "en";
    public static readonly string[] All = [Japanese, English];

    public static bool IsSupported(string? culture) => culture is Japanese or English;

    public static bool IsJapanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Japanese;

    /// <summary>
    /// The reader's language as the portal names it (one of <see cref="All"/>): the current UI culture, or the
    /// portal's language it belongs to ("en-US" is "en"), else Japanese.
    /// </summary>
    public static string Current => Of(CultureInfo.CurrentUICulture);

    /// <summary>The portal language of a culture: itself when offered, else its nearest offered parent, else Japanese.</summary>
    public static string Of(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            foreach (var language in All)
                if (string.Equals(language, c.Name, StringComparison.OrdinalIgnoreCase)) return language;
        return Japanese;
    }
}
