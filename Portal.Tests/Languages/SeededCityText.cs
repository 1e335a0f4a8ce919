using Portal.Core.Languages;
using Portal.Web.Hosting;

namespace Portal.Tests.Languages;

/// <summary>
/// What every seeded city text must be: written in every language the portal offers and ships with, and its easy
/// Japanese in easy Japanese (a reading over every kanji, sentences a reader can hold: at most 50 characters).
/// </summary>
public static class SeededCityText
{
    public const int LongestEasySentence = 50;

    /// <summary>The languages a seeded text must have: those offered (<see cref="OfferedLanguages.Standard.All"/>) and those it ships with.</summary>
    public static IReadOnlyList<string> Languages =>
        OfferedLanguages.Standard.All.Union(SeedText.Languages, StringComparer.OrdinalIgnoreCase).ToList();

    /// <summary>What is wrong with the text, as readable lines naming <paramref name="where"/>; none when it is complete.</summary>
    public static IEnumerable<string> Problems(string where, LocalizedText? text)
    {
        if (text is null)
        {
            yield return $"{where}: no text";
            yield break;
        }
        foreach (var language in text.MissingIn(Languages)) yield return $"{where} ({text.Japanese}): no {language}";
        if (text.Exact(Language.EasyJapanese) is not { } easy) yield break;
        foreach (var kanji in RubyText.KanjiWithoutReading(easy)) yield return $"{where}: ja-Easy \"{easy}\" has {kanji} without a reading";
        foreach (var sentence in RubyText.Plain(easy).Split(['。', '！', '？'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            if (sentence.Length > LongestEasySentence) yield return $"{where}: ja-Easy sentence longer than {LongestEasySentence}: {sentence}";
    }

    public static void AssertComplete(IEnumerable<(string Where, LocalizedText? Text)> texts)
    {
        var list = texts.ToList();
        Assert.NotEmpty(list);
        var problems = list.SelectMany(t => Problems(t.Where, t.Text)).ToList();
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
