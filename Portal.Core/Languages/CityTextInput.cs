using FluentValidation;

namespace Portal.Core.Languages;

/// <summary>
/// A city text while an administrator writes it: one string per language, any of them still blank. Editors bind
/// to <c>input[language]</c>; services turn it into a <see cref="LocalizedText"/> once the validator passed (the
/// Japanese text is required, blanks count as missing). A plain string converts to an input holding it as Japanese.
/// </summary>
public sealed class CityTextInput
{
    private readonly Dictionary<string, string?> _texts = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The text in <paramref name="language"/> as typed, or null.</summary>
    public string? this[string language]
    {
        get => _texts.GetValueOrDefault(language);
        set => _texts[language] = value;
    }

    /// <summary>The languages and texts typed so far (blank ones included).</summary>
    public IReadOnlyDictionary<string, string?> Texts => _texts;

    public bool HasJapanese => !string.IsNullOrWhiteSpace(this[Language.Japanese]);

    /// <summary>The text; throws when the Japanese text is blank (validate first).</summary>
    public LocalizedText ToText() => LocalizedText.From(_texts);

    /// <summary>The text, or null when nothing Japanese was written (an optional text left empty).</summary>
    public LocalizedText? ToTextOrNull() => HasJapanese ? ToText() : null;

    /// <summary>An input holding every language of <paramref name="text"/>; empty for null.</summary>
    public static CityTextInput From(LocalizedText? text)
    {
        var input = new CityTextInput();
        if (text is null) return input;
        foreach (var language in text.Languages) input[language] = text.Exact(language);
        return input;
    }

    public static implicit operator CityTextInput(string japanese) => new() { [Language.Japanese] = japanese };
}

/// <summary>The validation every city text shares: Japanese required (unless optional), and one length limit for every language.</summary>
public static class CityTextRules
{
    /// <summary>
    /// Japanese is required (unless <paramref name="optional"/>); no language may be longer than <paramref name="maxLength"/>
    /// characters as readers see it (readings over kanji do not count, so easy Japanese has the same room).
    /// </summary>
    public static IRuleBuilderOptions<T, CityTextInput> CityText<T>(this IRuleBuilder<T, CityTextInput> rule, int maxLength,
        string requiredMessage, string tooLongMessage, bool optional = false) =>
        rule.Must(text => optional || text.HasJapanese).WithMessage(requiredMessage)
            .Must(text => TooLong(text, maxLength).Count == 0).WithMessage(tooLongMessage);

    /// <summary>The languages whose text is longer than <paramref name="maxLength"/> characters as shown.</summary>
    public static IReadOnlyList<string> TooLong(CityTextInput text, int maxLength) =>
        text.Texts.Where(t => t.Value is { } value && RubyText.Plain(value.Trim()).Length > maxLength).Select(t => t.Key).ToList();
}
