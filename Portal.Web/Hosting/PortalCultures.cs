using System.Globalization;
using Portal.Core.Languages;

namespace Portal.Web.Hosting;

/// <summary>
/// The portal's languages (configuration Portal:Languages, Japanese first; the six its resources hold by default):
/// whatever lists or chooses a language iterates <see cref="All"/>, so that a language added to the configuration and
/// given its resource file appears by itself in the language menu, the kiosk, the notification settings and notices.
/// Set once at start-up from configuration (<see cref="Use"/>); until then, and in unit tests, the six.
/// </summary>
public static class PortalCultures
{
    /// <summary>Where the list is configured: an array of culture names ("ja", "ja-Easy", "en", "zh-Hans", "ko", "vi").</summary>
    public const string ConfigurationKey = "Portal:Languages";

    public const string Japanese = Language.Japanese;
    public const string EasyJapanese = Language.EasyJapanese;
    public const string English = Language.English;

    /// <summary>The configured languages, for services that take them injected (the notice renderer).</summary>
    public static OfferedLanguages Offered { get; private set; } = OfferedLanguages.Standard;

    /// <summary>The configured languages' names, Japanese first, as the language cookie carries them.</summary>
    public static IReadOnlyList<string> All => Offered.All;

    /// <summary>The languages named in configuration, checked (Japanese first, each a culture this system knows, none twice).</summary>
    public static OfferedLanguages FromConfiguration(IConfiguration configuration) =>
        new(configuration.GetSection(ConfigurationKey).Get<string[]>());

    /// <summary>Makes <paramref name="languages"/> the portal's languages (start-up).</summary>
    public static void Use(OfferedLanguages languages) => Offered = languages;

    /// <summary>Whether <paramref name="culture"/> names one of the portal's languages (a posted choice, a stored preference).</summary>
    public static bool IsSupported(string? culture) => Offered.IsOffered(culture);

    /// <summary>Whether the reader reads a form of Japanese (Japanese or easy Japanese).</summary>
    public static bool IsJapanese => Language.IsJapanese(Current);

    /// <summary>
    /// The reader's language as the portal names it (one of <see cref="All"/>): the current UI culture, or the
    /// portal's language it belongs to ("en-US" is "en"), else Japanese.
    /// </summary>
    public static string Current => Of(CultureInfo.CurrentUICulture);

    /// <summary>The portal language of a culture: itself when offered, else its nearest offered parent, else Japanese.</summary>
    public static string Of(CultureInfo culture) => Offered.Of(culture);

    /// <summary>The portal language of a name (a cookie's, a stored preference), else Japanese.</summary>
    public static string Of(string? culture) => Offered.Of(culture);

    /// <summary>The reader's language as an HTML lang value ("ja" for easy Japanese too, "zh-Hans", not "zh").</summary>
    public static string HtmlLang => OfferedLanguages.HtmlLang(Current);

    /// <summary>A language's HTML lang value.</summary>
    /// <summary>The culture the portal reads and formats a language in (ja-Easy with Japanese numbers and dates).</summary>
    public static CultureInfo CultureOf(string? language) => Offered.CultureOf(language);

    public static string HtmlLangOf(string language) => OfferedLanguages.HtmlLang(Of(language));
}
