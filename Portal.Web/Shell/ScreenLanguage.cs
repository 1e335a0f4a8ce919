using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Languages;
using Portal.Web.Languages;

namespace Portal.Web.Shell;

/// <summary>
/// The portal's text in a language the screen itself holds, not the request's: the kiosk's ticket machine speaks
/// the language its visitor touched, the calling board the language of the moment in its cycle. Every string is
/// looked up and formatted in that language whatever culture the code runs in (a live signal, a timer), and the
/// request's culture (the kiosk's cookie) is never changed.
/// </summary>
public sealed class ScreenLanguage(IStringLocalizer<SharedResource> text, string culture) : IStringLocalizer<SharedResource>, IReadingsLocalizer
{
    /// <summary>
    /// The culture name, one of the application's languages (<see cref="OfferedLanguages.All"/>); city texts (office, service
    /// and counter names) are read in it: <c>office.Name.Html(T.Name)</c>.
    /// </summary>
    public string Name { get; } = culture;

    public CultureInfo Culture { get; } = OfferedLanguages.CultureFor(culture);

    /// <summary>The screen's lang attribute: "ja" for easy Japanese too (<see cref="OfferedLanguages.HtmlLang"/>).</summary>
    public string HtmlLang => OfferedLanguages.HtmlLang(Name);

    /// <summary>The language's name in itself (日本語, English), to be recognised by those who read it.</summary>
    public string NameInItself => this["Language_Name"];

    /// <summary>Each of the application's languages, Japanese first.</summary>
    public static IReadOnlyList<ScreenLanguage> All(IStringLocalizer<SharedResource> text, OfferedLanguages languages) =>
        languages.All.Select(c => new ScreenLanguage(text, c)).ToList();

    public LocalizedString this[string name] => In(() => text[name]);

    public LocalizedString this[string name, params object[] arguments] => In(() => text[name, arguments]);

    /// <summary>A resource's format string filled in this language ("{0}人" / "{0} people").</summary>
    public string Format(string name, params object[] arguments) => string.Format(Culture, this[name], arguments);

    /// <summary>The resource in this language as written, easy Japanese's readings included (for <c>T.Html("Key")</c>).</summary>
    public LocalizedString WithReadings(string name) =>
        In(() => text is IReadingsLocalizer readings ? readings.WithReadings(name) : text[name]);

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => In(() => text.GetAllStrings(includeParentCultures).ToList());

    private T In<T>(Func<T> lookup)
    {
        var (current, currentUi) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = Culture;
        try
        {
            return lookup();
        }
        finally
        {
            CultureInfo.CurrentCulture = current;
            CultureInfo.CurrentUICulture = currentUi;
        }
    }
}
