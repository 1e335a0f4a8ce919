namespace Portal.Core.Languages;

/// <summary>
/// The languages the portal knows by name, and the order in which a reader falls back to another language when
/// the city has not written a text in theirs. Which languages a portal offers is configuration (the web layer's
/// language list); these are the codes its rules need.
/// </summary>
public static class Language
{
    /// <summary>Japanese: the city's own language, in which every city text exists.</summary>
    public const string Japanese = "ja";

    /// <summary>
    /// やさしい日本語 (easy Japanese): short sentences, common words, readings over kanji. Its code is a tag of its
    /// own so that it can have its own texts, but it is Japanese to the browser (html lang="ja").
    /// </summary>
    public const string EasyJapanese = "ja-Easy";

    public const string English = "en";

    /// <summary>Whether the language is a form of Japanese (Japanese or easy Japanese).</summary>
    public static bool IsJapanese(string language) =>
        language.Equals(Japanese, StringComparison.OrdinalIgnoreCase)
        || language.StartsWith(Japanese + "-", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Where to look for a text, best first: the reader's language, then easy Japanese for a Japanese reader or
    /// English for everyone else (the language a foreign resident is likelier to read than Japanese), then Japanese.
    /// </summary>
    public static IReadOnlyList<string> FallbackChain(string language)
    {
        var second = IsJapanese(language) ? EasyJapanese : English;
        var chain = new List<string>(3) { language };
        if (!chain.Contains(second, StringComparer.OrdinalIgnoreCase)) chain.Add(second);
        if (!chain.Contains(Japanese, StringComparer.OrdinalIgnoreCase)) chain.Add(Japanese);
        return chain;
    }
}
