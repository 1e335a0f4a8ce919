using Microsoft.Extensions.Localization;
using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Shell;

namespace Portal.Web.Languages;

/// <summary>
/// The languages city texts are written in (the portal's, <see cref="PortalCultures.All"/>, Japanese first) and
/// what editors need to know of each: its name in itself and its HTML lang. A language added to the portal appears
/// in every editor and count by itself.
/// </summary>
public static class CityTextLanguages
{
    /// <summary>Every offered language, Japanese first.</summary>
    public static IReadOnlyList<string> Offered => PortalCultures.All.OrderBy(l => l == Language.Japanese ? 0 : 1).ToList();

    /// <summary>The offered languages a translation can be missing in (all but Japanese, which a city text always has).</summary>
    public static IReadOnlyList<string> Translated => Offered.Where(l => l != Language.Japanese).ToList();

    /// <summary>The language's name as its readers write it (日本語, English, Tiếng Việt).</summary>
    public static string NameInItself(IStringLocalizer<SharedResource> l, string language) => new ScreenLanguage(l, language).NameInItself;

    /// <summary>The HTML lang of a language: easy Japanese is Japanese to the browser.</summary>
    public static string HtmlLang(string language) => Language.IsJapanese(language) ? Language.Japanese : language;

    /// <summary>
    /// For each language a translation can be missing in, how many of the items lack at least one of their texts in it
    /// (a text an item does not have, an optional one left out, counts as nothing missing).
    /// </summary>
    public static IReadOnlyDictionary<string, int> MissingCounts<T>(IEnumerable<T> items, Func<T, IEnumerable<LocalizedText?>> texts)
    {
        var list = items.ToList();
        return Translated.ToDictionary(language => language, language => list.Count(item => IsMissingIn(texts(item), language)));
    }

    /// <summary>Whether any of the texts is not written in <paramref name="language"/>.</summary>
    public static bool IsMissingIn(IEnumerable<LocalizedText?> texts, string language) => texts.Any(t => t is not null && !t.Has(language));
}
