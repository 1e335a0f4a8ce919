using System.Globalization;
using Portal.Core.Languages;

namespace Portal.Web.Hosting;

/// <summary>
/// The portal's languages in the web layer. Which languages an application offers is its own
/// <see cref="OfferedLanguages"/> (configuration Portal:Languages, Japanese first), registered once per application
/// in its services: whatever lists or chooses a language (the language menu, the kiosk, the notification settings, the
/// request's supported cultures) is given that list, so two applications in one process (two test servers) each keep
/// their own. What is here needs no list: the reader's language is the request's culture, which request localization
/// has already chosen among the application's languages.
/// </summary>
public static class PortalCultures
{
    /// <summary>Where the list is configured: an array of culture names ("ja", "ja-Easy", "en", "zh-Hans", "ko", "vi").</summary>
    public const string ConfigurationKey = "Portal:Languages";

    public const string Japanese = Language.Japanese;
    public const string EasyJapanese = Language.EasyJapanese;
    public const string English = Language.English;

    /// <summary>The languages named in configuration, checked (Japanese first, each a culture this system knows, none twice).</summary>
    public static OfferedLanguages FromConfiguration(IConfiguration configuration) =>
        new(configuration.GetSection(ConfigurationKey).Get<string[]>());

    /// <summary>Whether the reader reads a form of Japanese (Japanese or easy Japanese).</summary>
    public static bool IsJapanese => Language.IsJapanese(Current);

    /// <summary>
    /// The reader's language as the portal names it: in a request the UI culture's name ("ja-Easy", "zh-Hans"), which
    /// request localization takes from the application's languages; elsewhere (a test, a job) the nearest culture the
    /// portal's interface is written in ("en-US" is "en"), else Japanese ("fr").
    /// </summary>
    public static string Current => Spoken.GetOrAdd(CultureInfo.CurrentUICulture, static culture =>
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            if (c.Name == Japanese || Resources.GetResourceSet(c, createIfNotExists: true, tryParents: false) is not null) return c.Name;
        return Japanese;
    });

    // The interface's resources (Japanese the neutral ones), and the language found for each culture met.
    private static readonly System.Resources.ResourceManager Resources = new("Portal.Web.Resources.SharedResource", typeof(SharedResource).Assembly);
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<CultureInfo, string> Spoken = new();

    /// <summary>The reader's language as an HTML lang value ("ja" for easy Japanese too, "zh-Hans", not "zh").</summary>
    public static string HtmlLang => OfferedLanguages.HtmlLang(Current);

    /// <summary>A language's HTML lang value.</summary>
    public static string HtmlLangOf(string language) => OfferedLanguages.HtmlLang(language);
}
