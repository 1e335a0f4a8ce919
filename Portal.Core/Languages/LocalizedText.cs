using System.Collections.Immutable;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Core.Languages;

/// <summary>
/// A text the city writes (an office's name, a service, a report category, a catalogue item, a benefit's
/// explanation) in every language it has been written in. Japanese is always there: it is the city's own text and
/// the end of every fallback chain. A reader gets their language, or the best other one (<see cref="Language.FallbackChain"/>).
/// Immutable; stored as a small JSON object keyed by language code, and serialized as that same object wherever
/// System.Text.Json meets it (a page's state handed from prerendering to its circuit, an API's record).
/// </summary>
[JsonConverter(typeof(LocalizedTextJsonConverter))]
public sealed class LocalizedText : IEquatable<LocalizedText>
{
    // Stored as written (漢字, not \u6F22\u5B57), so that the column reads plainly; it is never put into HTML as JSON.
    private static readonly JsonSerializerOptions Stored = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly ImmutableSortedDictionary<string, string> _texts;

    private LocalizedText(ImmutableSortedDictionary<string, string> texts)
    {
        if (!texts.ContainsKey(Language.Japanese))
            throw new ArgumentException("A city text needs its Japanese text.", nameof(texts));
        _texts = texts;
    }

    /// <summary>A text in Japanese, and in English when given.</summary>
    public static LocalizedText Of(string japanese, string? english = null) =>
        From(new Dictionary<string, string?> { [Language.Japanese] = japanese, [Language.English] = english });

    /// <summary>A text from language-text pairs; blank texts count as missing, and the codes are compared without case.</summary>
    public static LocalizedText From(IEnumerable<KeyValuePair<string, string?>> texts)
    {
        var builder = ImmutableSortedDictionary.CreateBuilder<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var (language, text) in texts)
        {
            if (string.IsNullOrWhiteSpace(language)) throw new ArgumentException("A language code is empty.", nameof(texts));
            if (!string.IsNullOrWhiteSpace(text)) builder[language.Trim()] = text.Trim();
        }
        return new LocalizedText(builder.ToImmutable());
    }

    /// <summary>The city's own text, in Japanese.</summary>
    public string Japanese => _texts[Language.Japanese];

    /// <summary>The languages this text has been written in.</summary>
    public IEnumerable<string> Languages => _texts.Keys;

    /// <summary>The text for a reader of <paramref name="language"/>: theirs, or the first in the fallback chain that exists.</summary>
    public string For(string language)
    {
        // Language.FallbackChain, walked without making the list: this runs for every event of every open queue page.
        if (_texts.TryGetValue(language, out var text)) return text;
        return _texts.TryGetValue(Language.IsJapanese(language) ? Language.EasyJapanese : Language.English, out text) ? text : Japanese;
    }

    /// <summary>The text written in exactly this language, or null.</summary>
    public string? Exact(string language) => _texts.GetValueOrDefault(language);

    public bool Has(string language) => _texts.ContainsKey(language);

    /// <summary>The languages among <paramref name="offered"/> this text has not been written in.</summary>
    public IEnumerable<string> MissingIn(IEnumerable<string> offered) => offered.Where(l => !Has(l));

    /// <summary>The same text with <paramref name="language"/>'s text set, or removed when blank (Japanese cannot be removed).</summary>
    public LocalizedText With(string language, string? text) =>
        string.IsNullOrWhiteSpace(text) ? new LocalizedText(_texts.Remove(language)) : new LocalizedText(_texts.SetItem(language, text.Trim()));

    /// <summary>A JSON object of language code to text, as stored.</summary>
    public string ToJson() => JsonSerializer.Serialize(_texts, Stored);

    /// <summary>A text from its stored JSON; a plain string that is not JSON is taken as the Japanese text (older rows).</summary>
    public static LocalizedText Parse(string stored)
    {
        if (!stored.TrimStart().StartsWith('{')) return Of(stored);
        var texts = JsonSerializer.Deserialize<Dictionary<string, string?>>(stored)
            ?? throw new FormatException("A stored city text is empty.");
        return From(texts);
    }

    public bool Equals(LocalizedText? other) =>
        other is not null && _texts.Count == other._texts.Count
        && _texts.All(t => other._texts.TryGetValue(t.Key, out var text) && text == t.Value);

    public override bool Equals(object? obj) => Equals(obj as LocalizedText);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (language, text) in _texts)
        {
            hash.Add(language, StringComparer.OrdinalIgnoreCase);
            hash.Add(text);
        }
        return hash.ToHashCode();
    }

    /// <summary>The Japanese text, for logs and debugging; pages ask <see cref="For"/>.</summary>
    public override string ToString() => Japanese;
}

