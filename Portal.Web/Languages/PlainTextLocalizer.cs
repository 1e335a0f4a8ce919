using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Portal.Core.Languages;

namespace Portal.Web.Languages;

/// <summary>
/// The interface's words as plain text: easy-Japanese resources carry readings over their kanji (市役所《しやくしょ》,
/// <see cref="RubyText"/>), which only a page's content can show. Everywhere else a string goes (an attribute, a
/// title, a MudBlazor parameter, a script, a notice) gets the text with the readings dropped, so this decorator is what
/// <c>IStringLocalizer&lt;SharedResource&gt;</c> resolves to; <see cref="LocalizerHtml.Html(IStringLocalizer, string)"/>
/// gives the same words with &lt;ruby&gt; for content. For other languages nothing changes (they have no marks).
/// </summary>
public sealed class PlainTextLocalizer(IStringLocalizerFactory factory) : IStringLocalizer<SharedResource>, IReadingsLocalizer
{
    private readonly IStringLocalizer _resources = factory.Create(typeof(SharedResource));

    public LocalizedString this[string name] => Plain(_resources[name]);

    public LocalizedString this[string name, params object[] arguments]
    {
        get
        {
            // The format string loses its readings before the arguments go in, so that a value of the resident's
            // own (a name with 《》 in it) is shown as written.
            var format = _resources[name];
            var text = format.ResourceNotFound ? format.Value : string.Format(CultureInfo.CurrentCulture, RubyText.Plain(format.Value), arguments);
            return new LocalizedString(name, text, format.ResourceNotFound, format.SearchedLocation);
        }
    }

    public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) =>
        _resources.GetAllStrings(includeParentCultures).Select(Plain);

    /// <summary>The resource as written, readings included.</summary>
    public LocalizedString WithReadings(string name) => _resources[name];

    /// <summary>Formats are filled in the request's culture.</summary>
    public CultureInfo Culture => CultureInfo.CurrentCulture;

    private static LocalizedString Plain(LocalizedString text) =>
        RubyText.HasReadings(text.Value) ? new LocalizedString(text.Name, RubyText.Plain(text.Value), text.ResourceNotFound, text.SearchedLocation) : text;
}

/// <summary>A localizer that can give a resource with easy Japanese's readings, and says the culture its formats are filled in.</summary>
public interface IReadingsLocalizer
{
    LocalizedString WithReadings(string name);

    CultureInfo Culture { get; }
}

/// <summary>
/// <c>@L.Html("Key")</c>: an interface text for a page's content, with the readings easy Japanese gives its kanji shown
/// as &lt;ruby&gt; (other languages come out as plain encoded text). Attributes and parameters keep <c>L["Key"]</c>.
/// </summary>
public static class LocalizerHtml
{
    public static MarkupString Html(this IStringLocalizer l, string name) => Ruby.Html(WithReadings(l, name));

    /// <summary>
    /// A format resource ("{0}人が待っています") with its arguments, each encoded, the template's readings as &lt;ruby&gt;.
    /// An argument that is itself an interface text passes as <c>L.Html("Key")</c> (a <see cref="MarkupString"/>, kept as
    /// it is) so that its readings show too; a plain <c>L["Key"]</c> there would show its kanji bare.
    /// </summary>
    public static MarkupString Html(this IStringLocalizer l, string name, params object?[] arguments)
    {
        var template = Ruby.Html(WithReadings(l, name)).Value;
        var encoded = arguments.Select(a => (object)new EncodedArgument(a)).ToArray();
        return new MarkupString(string.Format((l as IReadingsLocalizer)?.Culture ?? CultureInfo.CurrentCulture, template, encoded));
    }

    /// <summary>
    /// Words a page composes in code from interface texts (a helper that names a status, a joined list, a condition
    /// put into a sentence), for its content: <c>@L.Html(w => w.Kind(entry.Kind))</c> runs the helper on the
    /// resources as written and shows easy Japanese's readings as &lt;ruby&gt;. Only for interface texts and numbers:
    /// the reading notation in a resident's own words would become readings.
    /// </summary>
    public static MarkupString Html(this IStringLocalizer l, Func<IStringLocalizer, string> words) => Ruby.Html(words(l.Written()));

    /// <summary>
    /// The resources as written, easy Japanese's readings kept in their notation (市役所《しやくしょ》), formats filled in
    /// the localizer's culture: for text composed in code and then shown with <see cref="Ruby.Html"/>.
    /// </summary>
    public static IStringLocalizer Written(this IStringLocalizer l) => l is IReadingsLocalizer readings ? new WrittenLocalizer(l, readings) : l;

    private static string WithReadings(IStringLocalizer l, string name) =>
        l is IReadingsLocalizer readings ? readings.WithReadings(name) : l[name];

    private sealed class WrittenLocalizer(IStringLocalizer plain, IReadingsLocalizer readings) : IStringLocalizer
    {
        public LocalizedString this[string name] => readings.WithReadings(name);

        public LocalizedString this[string name, params object[] arguments]
        {
            get
            {
                var format = readings.WithReadings(name);
                var text = format.ResourceNotFound ? format.Value : string.Format(readings.Culture, format.Value, arguments);
                return new LocalizedString(name, text, format.ResourceNotFound, format.SearchedLocation);
            }
        }

        public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => plain.GetAllStrings(includeParentCultures);
    }

    /// <summary>An argument formatted as the format item asks ("{0:N0}"), then HTML-encoded.</summary>
    private sealed class EncodedArgument(object? value) : IFormattable
    {
        public string ToString(string? format, IFormatProvider? provider) => value switch
        {
            MarkupString markup => markup.Value,
            IFormattable f => Ruby.Encode(f.ToString(format, provider)),
            _ => Ruby.Encode(value?.ToString() ?? ""),
        };

        public override string ToString() => ToString(null, CultureInfo.CurrentCulture);
    }
}

/// <summary>The portal's localization as the app and its component tests set it up.</summary>
public static class PortalLocalization
{
    /// <summary>Resources from Portal.Web/Resources, and <see cref="PlainTextLocalizer"/> for <c>IStringLocalizer&lt;SharedResource&gt;</c>.</summary>
    /// <param name="languages">The application's languages (configuration Portal:Languages); the six its resources hold when not given.</param>
    public static IServiceCollection AddPortalLocalization(this IServiceCollection services, OfferedLanguages? languages = null)
    {
        // One list per application, never a static: two applications in one process (test servers) keep their own.
        services.AddSingleton(languages ?? OfferedLanguages.Standard);
        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.AddTransient<IStringLocalizer<SharedResource>, PlainTextLocalizer>();
        return services;
    }
}
