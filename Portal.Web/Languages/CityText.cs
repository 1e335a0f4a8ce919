using Microsoft.AspNetCore.Components;
using Portal.Core.Languages;
using Portal.Web.Hosting;

namespace Portal.Web.Languages;

/// <summary>
/// A city-written text (<see cref="LocalizedText"/>) for the reader of the moment: <c>@office.Name.Html()</c> in a
/// page's content, <c>office.Name.Text()</c> in an attribute or anywhere a plain string is wanted. The language is
/// the current UI culture's (the request's, or the circuit's; live handlers run in their subscriber's).
/// </summary>
public static class CityText
{
    /// <summary>The text in the reader's language (or its fallback), readings dropped.</summary>
    public static string Text(this LocalizedText text) => Ruby.Plain(text.For(PortalCultures.Current));

    /// <summary>The text in <paramref name="language"/> (or its fallback), readings dropped.</summary>
    public static string Text(this LocalizedText text, string language) => Ruby.Plain(text.For(language));

    /// <summary>The text in the reader's language as HTML, with readings over kanji where it has them.</summary>
    public static MarkupString Html(this LocalizedText text) => Ruby.Html(text.For(PortalCultures.Current));

    /// <summary>The text in <paramref name="language"/> as HTML.</summary>
    public static MarkupString Html(this LocalizedText text, string language) => Ruby.Html(text.For(language));

    /// <summary>
    /// The text as each of the application's languages reads it (its own, or its fallback), readings dropped: the
    /// <c>names</c> object of the open interfaces, keyed by language code.
    /// </summary>
    public static IReadOnlyDictionary<string, string> InEveryLanguage(this LocalizedText text, OfferedLanguages languages) =>
        languages.All.ToDictionary(language => language, language => text.Text(language), StringComparer.Ordinal);

    /// <summary>The English text, or the Japanese where there is none: the <c>nameEn</c> of the open interfaces.</summary>
    public static string EnglishOrJapanese(this LocalizedText text) => Ruby.Plain(text.Exact(Language.English) ?? text.Japanese);
}
