using FluentValidation;
using FluentValidation.Results;
using Portal.Core.Text;

namespace Portal.Core.Languages;

/// <summary>
/// A city text as an admin form holds it: one field per language (language code → text, blank when not written yet),
/// and the rule every such field obeys: the Japanese text is required, and no language's text is longer than the
/// limit, counted as a reader sees it (easy Japanese's readings do not count).
/// </summary>
public static class CityTextFields
{
    /// <summary>The fields of a text (every language it has); empty for a new one.</summary>
    public static Dictionary<string, string?> From(LocalizedText? text)
    {
        var fields = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (text is null) return fields;
        foreach (var language in text.Languages) fields[language] = text.Exact(language);
        return fields;
    }

    /// <summary>The text the fields hold; blank fields are languages not written yet.</summary>
    public static LocalizedText ToText(IReadOnlyDictionary<string, string?> fields) => LocalizedText.From(fields);

    /// <summary>The text the fields hold, or null when its Japanese is blank (an optional text left out).</summary>
    public static LocalizedText? ToTextOrNull(IReadOnlyDictionary<string, string?> fields) =>
        string.IsNullOrWhiteSpace(fields.GetValueOrDefault(Language.Japanese)) ? null : ToText(fields);

    /// <summary>
    /// The first of an item's texts, in only the languages every one of them is written in: what a list's missing
    /// counts and filter read for an item with several texts (a name and a description), missing a language when any is.
    /// </summary>
    public static LocalizedText Common(LocalizedText first, params LocalizedText?[] others) =>
        first.Languages.ToList().Aggregate(first, (text, language) =>
            others.All(o => o is null || o.Has(language)) ? text : text.With(language, null));

    /// <summary>The length a reader sees: trimmed, readings dropped.</summary>
    public static int VisibleLength(string text) => RubyText.Plain(text.Trim()).Length;

    /// <summary>Where a failure of one language's field points: "Name[vi]".</summary>
    public static string PathOf(string property, string language) => $"{property}[{language}]";

    /// <summary>
    /// The rule of a city text's fields: Japanese required (<paramref name="requiredKey"/>; not for an
    /// <paramref name="optional"/> text, which may be left out whole), each language at most
    /// <paramref name="maxLength"/> characters (<paramref name="tooLongKey"/>), and each the portal's one input rule for
    /// submitted text (<see cref="SubmittedText"/>: no control characters, line breaks only in a
    /// <paramref name="multiline"/> text). Failures name the language's field (<see cref="PathOf"/>), so a form shows
    /// each under its own input.
    /// </summary>
    public static IRuleBuilderOptionsConditions<T, Dictionary<string, string?>> CityText<T>(
        this IRuleBuilder<T, Dictionary<string, string?>> rule, int maxLength, string requiredKey, string tooLongKey, bool optional = false,
        bool multiline = false) =>
        rule.Custom((fields, context) =>
        {
            if (!optional && string.IsNullOrWhiteSpace(fields.GetValueOrDefault(Language.Japanese)))
                context.AddFailure(new ValidationFailure(PathOf(context.PropertyPath, Language.Japanese), requiredKey));
            foreach (var (language, text) in fields)
            {
                if (text is null) continue;
                if (!SubmittedText.IsClean(text, multiline))
                    context.AddFailure(new ValidationFailure(PathOf(context.PropertyPath, language), SubmittedText.ValidationKey));
                else if (VisibleLength(text) > maxLength)
                    context.AddFailure(new ValidationFailure(PathOf(context.PropertyPath, language), tooLongKey));
            }
        });
}
