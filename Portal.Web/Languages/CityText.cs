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
}
