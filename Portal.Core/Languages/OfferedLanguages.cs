using System.Globalization;

namespace Portal.Core.Languages;

/// <summary>
/// The languages a portal offers, Japanese first: configuration (Portal:Languages), so that adding a language is a
/// resource file and one line. Every place that lists or chooses a language (the language menu, the request's
/// supported cultures, the kiosk, a notice's language) asks this list instead of naming languages itself.
/// </summary>
public sealed class OfferedLanguages
{
    /// <summary>The portal's languages when configuration names none: those its resources are written in.</summary>
    public static readonly IReadOnlyList<string> Default =
        [Language.Japanese, Language.EasyJapanese, Language.English, "zh-Hans", "ko", "vi"];

    public OfferedLanguages(IEnumerable<string>? languages)
    {
        var list = (languages ?? []).Select(l => l?.Trim()).Where(l => !string.IsNullOrEmpty(l)).Cast<string>().ToList();
        if (list.Count == 0) list = [.. Default];
        var cultures = new List<CultureInfo>(list.Count);
        foreach (var language in list)
            cultures.Add(CultureOfTag(language)
                ?? throw new ArgumentException($"The configured language \"{language}\" is not a culture this system knows.", nameof(languages)));
        var names = cultures.Select(c => c.Name).ToList();
        if (names.Distinct(StringComparer.OrdinalIgnoreCase).Count() != names.Count)
            throw new ArgumentException($"A language is configured twice: {string.Join(", ", names)}.", nameof(languages));
        if (!string.Equals(names[0], Language.Japanese, StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"Japanese comes first among the configured languages (the city's own texts are in it), not \"{names[0]}\".", nameof(languages));
        All = names;
        Cultures = cultures;
    }

    /// <summary>The six languages the portal's resources are written in.</summary>
    public static OfferedLanguages Standard { get; } = new(Default);

    /// <summary>The language names as configured and as the language cookie carries them ("ja", "ja-Easy", "zh-Hans"), Japanese first.</summary>
    public IReadOnlyList<string> All { get; }

    /// <summary>The culture of each language, in the same order.</summary>
    public IReadOnlyList<CultureInfo> Cultures { get; }

    /// <summary>Whether <paramref name="language"/> is one of the offered names exactly (case aside).</summary>
    public bool IsOffered(string? language) =>
        language is not null && All.Any(l => string.Equals(l, language, StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The offered language a culture belongs to: itself, or its nearest offered parent ("en-US" is "en", "zh-CN" is
    /// "zh-Hans"), else Japanese.
    /// </summary>
    public string Of(CultureInfo culture)
    {
        for (var c = culture; !string.IsNullOrEmpty(c.Name); c = c.Parent)
            foreach (var language in All)
                if (string.Equals(language, c.Name, StringComparison.OrdinalIgnoreCase)) return language;
        return All[0];
    }

    /// <summary>The offered language for a stored or requested name (a notice's, a resident's choice); Japanese for none or an unknown one.</summary>
    public string Of(string? language)
    {
        if (string.IsNullOrWhiteSpace(language)) return All[0];
        return CultureOfTag(language.Trim()) is { } culture ? Of(culture) : All[0];
    }

    /// <summary>The culture of the offered language for <paramref name="language"/> (see <see cref="Of(string)"/>).</summary>
    public CultureInfo CultureOf(string? language) => Cultures[IndexOf(Of(language))];

    /// <summary>
    /// The culture the portal reads and formats <paramref name="language"/> in, whichever languages are offered (a
    /// screen, a notice or a scope that already holds an offered language's name): its own culture, easy Japanese with
    /// Japanese numbers and dates; Japanese for a name the system does not know.
    /// </summary>
    public static CultureInfo CultureFor(string? language)
    {
        var tag = string.IsNullOrWhiteSpace(language) ? Language.Japanese : language.Trim();
        if (KnownCultures.TryGetValue(tag, out var known)) return known;
        if (CultureOfTag(tag) is not { } culture) return CultureFor(Language.Japanese);
        // The names met are the few languages offered; a bound keeps a stream of odd ones from growing it.
        return KnownCultures.Count < 64 ? KnownCultures.GetOrAdd(tag, culture) : culture;
    }

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, CultureInfo> KnownCultures = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The value of an HTML lang attribute for a language: easy Japanese is Japanese to the browser (its fonts, its
    /// line breaking, a screen reader's voice); every other language is its own tag ("zh-Hans", not "zh").
    /// </summary>
    public static string HtmlLang(string language) => Language.IsJapanese(language) ? Language.Japanese : language;

    private int IndexOf(string language)
    {
        for (var i = 0; i < All.Count; i++)
            if (string.Equals(All[i], language, StringComparison.OrdinalIgnoreCase)) return i;
        return 0;
    }

    private static bool IsSystemCulture(string name) => SystemCultures.Names.Contains(name);

    // Its own class, so that it is ready whenever Standard (a static of this class) is built.
    private static class SystemCultures
    {
        public static readonly HashSet<string> Names =
            CultureInfo.GetCultures(CultureTypes.AllCultures).Select(c => c.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A language the system has no data for but whose parent it knows (ja-Easy, a register of Japanese) writes numbers
    /// and dates as its parent does: ICU alone would give it the root locale's (1500, not 1,500).
    /// </summary>
    private static CultureInfo WithParentsFormats(CultureInfo culture)
    {
        var own = new CultureInfo(culture.Name, useUserOverride: false)
        {
            NumberFormat = (NumberFormatInfo)culture.Parent.NumberFormat.Clone(),
            DateTimeFormat = (DateTimeFormatInfo)culture.Parent.DateTimeFormat.Clone(),
        };
        return CultureInfo.ReadOnly(own);
    }

    /// <summary>The culture of a tag, or null when the system does not know it (a typo in configuration, a forged cookie).</summary>
    private static CultureInfo? CultureOfTag(string tag)
    {
        try
        {
            var culture = CultureInfo.GetCultureInfo(tag);
            // ICU accepts any well-formed tag; one it knows nothing of comes back with no language of its own.
            if (string.IsNullOrEmpty(culture.Name) || culture.ThreeLetterISOLanguageName.Length == 0) return null;
            return IsSystemCulture(culture.Name) || string.IsNullOrEmpty(culture.Parent.Name) ? culture : WithParentsFormats(culture);
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }
}
