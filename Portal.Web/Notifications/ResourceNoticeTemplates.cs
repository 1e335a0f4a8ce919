using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Notifications;

namespace Portal.Web.Notifications;

/// <summary>
/// The notice templates from SharedResource: "Notice_{Kind}_Subject" and "Notice_{Kind}_Body"; the words for code
/// values come from the keys the pages use for them ("status" → "PublicStatus_Fixed"). The localizer reads the calling thread's UI culture, so each look-up
/// sets the culture asked for and puts the caller's back.
/// </summary>
public sealed class ResourceNoticeTemplates(IStringLocalizer<SharedResource> l) : INoticeTemplates
{
    public NoticeTemplate Get(NoticeKind kind, CultureInfo culture)
    {
        var subject = Lookup($"Notice_{kind}_Subject", culture) ?? throw new NoticeTemplateException($"No subject template for {kind} ({culture.Name}).");
        var body = Lookup($"Notice_{kind}_Body", culture) ?? throw new NoticeTemplateException($"No body template for {kind} ({culture.Name}).");
        return new NoticeTemplate(subject, body);
    }

    /// <summary>The resource prefix of each code value of <see cref="NoticeValues.Terms"/>.</summary>
    private static readonly Dictionary<string, string> TermPrefixes = new(StringComparer.Ordinal)
    {
        [NoticeValues.Status] = "PublicStatus_",
    };

    public string? Term(string name, string code, CultureInfo culture) =>
        TermPrefixes.TryGetValue(name, out var prefix) ? Lookup(prefix + code, culture) : null;

    private string? Lookup(string key, CultureInfo culture)
    {
        var caller = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = culture;
            var text = l[key];
            // A notice is plain text (a mail, a LINE message, a push): easy Japanese's readings over kanji are dropped.
            return text.ResourceNotFound ? null : Portal.Core.Languages.RubyText.Plain(text.Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = caller;
        }
    }
}
