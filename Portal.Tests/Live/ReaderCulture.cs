using System.Globalization;

namespace Portal.Tests.Live;

/// <summary>
/// The two sides of a live update in tests: the reader whose page is open in one language, and whoever makes the
/// change (a staff member in the other language, a background worker) on another thread. A page re-rendered by the
/// change must stay in its reader's language.
/// </summary>
public static class ReaderCulture
{
    public const string Japanese = "ja";
    public const string English = "en";

    public static string Other(string language) => language == Japanese ? English : Japanese;

    /// <summary>This test's own flow reads in <paramref name="language"/> from here on (bUnit renders in it).</summary>
    public static void Use(string language) =>
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);

    /// <summary>Runs <paramref name="change"/> on another thread in <paramref name="language"/>, as another person's action would.</summary>
    public static Task ElsewhereAsync(string language, Func<Task> change) => Task.Run(async () =>
    {
        Use(language);
        await change();
    });

    /// <summary>Same, for a change that returns something.</summary>
    public static Task<T> ElsewhereAsync<T>(string language, Func<Task<T>> change) => Task.Run(async () =>
    {
        Use(language);
        return await change();
    });

    /// <summary>
    /// Asserts that <paramref name="markup"/> shows each expected text of the reader's language and none of the
    /// other language's: <paramref name="texts"/> maps a language to the texts a page shows in it.
    /// </summary>
    public static void AssertIn(string language, string markup, IReadOnlyDictionary<string, string[]> texts)
    {
        foreach (var text in texts[language])
            Assert.True(markup.Contains(text, StringComparison.Ordinal), $"The page in '{language}' should show \"{text}\".");
        foreach (var text in texts[Other(language)])
            Assert.False(markup.Contains(text, StringComparison.Ordinal), $"The page in '{language}' shows \"{text}\", from the other language.");
    }
}
