using System.Globalization;
using System.Text;
using Portal.Core.Languages;
using Portal.Core.Text;

namespace Portal.Core.Notifications;

/// <summary>A kind's subject and body with "{name}" placeholders, in one language.</summary>
public sealed record NoticeTemplate(string Subject, string Body);

/// <summary>Where the templates come from (the web project's resources). Both look-ups take the language explicitly.</summary>
public interface INoticeTemplates
{
    /// <summary>The kind's template in <paramref name="culture"/>; throws when there is none.</summary>
    NoticeTemplate Get(NoticeKind kind, CultureInfo culture);

    /// <summary>The word for a code value ("status" "Fixed" → 「対応済み」), or null when the templates have none.</summary>
    string? Term(string name, string code, CultureInfo culture);
}

/// <summary>A template names a value the notice did not give, or is malformed.</summary>
public sealed class NoticeTemplateException(string message) : Exception(message);

/// <summary>The subject and body of a notice, filled in its own language.</summary>
public sealed record NoticeText(string Subject, string Body);

/// <summary>
/// Fills a kind's template with the notice's values in the notice's language, whatever language the calling
/// thread is in. Every placeholder must have a value: a notice is never sent with a hole in it. It writes in each of
/// the portal's configured languages (<see cref="OfferedLanguages"/>; the six the resources hold when none are given).
/// </summary>
public sealed class NoticeRenderer(INoticeTemplates templates, OfferedLanguages? languages = null)
{
    private readonly OfferedLanguages _languages = languages ?? OfferedLanguages.Standard;

    /// <summary>The languages notices are written in, Japanese first.</summary>
    public IReadOnlyList<string> Cultures => _languages.All;

    public NoticeText Render(NoticeKind kind, string culture, IReadOnlyDictionary<string, string> values)
    {
        var info = CultureOf(culture);
        var template = templates.Get(kind, info);
        // Values may hold text stored before the input rule (a name, a category): nothing any channel cannot carry
        // goes out, and a subject stays one line (an e-mail header, a push title).
        return new NoticeText(SubmittedText.Clean(Fill(template.Subject, kind, info, values), multiline: false),
            SubmittedText.Clean(Fill(template.Body, kind, info, values)));
    }

    /// <summary>
    /// The language a notice is written in: the one asked for when the portal writes in it, else its nearest offered
    /// parent ("en-US" is English, "zh-CN" simplified Chinese), else Japanese.
    /// </summary>
    public CultureInfo CultureOf(string? culture) => _languages.CultureOf(culture);

    private string Fill(string template, NoticeKind kind, CultureInfo culture, IReadOnlyDictionary<string, string> values)
    {
        var text = new StringBuilder(template.Length + 32);
        var i = 0;
        while (i < template.Length)
        {
            var open = template.IndexOf('{', i);
            if (open < 0)
            {
                text.Append(template, i, template.Length - i);
                break;
            }
            var close = template.IndexOf('}', open + 1);
            if (close < 0) throw new NoticeTemplateException($"The {kind} template ({culture.Name}) has an unclosed placeholder.");
            text.Append(template, i, open - i);
            text.Append(Value(template[(open + 1)..close], kind, culture, values));
            i = close + 1;
        }
        return text.ToString();
    }

    private string Value(string name, NoticeKind kind, CultureInfo culture, IReadOnlyDictionary<string, string> values)
    {
        if (!TryLocalized(name, culture, values, out var value) && !values.TryGetValue(name, out value))
            throw new NoticeTemplateException($"The {kind} notice has no value \"{name}\" for its template ({culture.Name}).");
        return NoticeValues.Terms.Contains(name) ? templates.Term(name, value, culture) ?? value : value;
    }

    /// <summary>A value given per language ("office.vi"): the notice's language's, or the next in its fallback chain.</summary>
    private static bool TryLocalized(string name, CultureInfo culture, IReadOnlyDictionary<string, string> values, out string value)
    {
        foreach (var language in Language.FallbackChain(culture.Name))
            if (values.TryGetValue(NoticeValues.InLanguage(name, language), out value!)) return true;
        return values.TryGetValue(NoticeValues.InLanguage(name, culture.TwoLetterISOLanguageName), out value!);
    }
}
