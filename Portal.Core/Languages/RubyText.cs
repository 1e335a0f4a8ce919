using System.Text;

namespace Portal.Core.Languages;

/// <summary>A piece of text, with the reading shown over it when it has one.</summary>
public sealed record RubySegment(string Text, string? Reading);

/// <summary>
/// Readings over kanji in easy-Japanese texts, written the way Japanese e-texts mark them (青空文庫's notation):
/// <c>市役所《しやくしょ》</c> gives the run of kanji before 《》 its reading, and <c>｜お知《し》らせ</c> says where a base
/// that is not all kanji starts. Pages show the readings with &lt;ruby&gt;; places that take plain text (a button's
/// label attribute, a notice's title) drop them. The notation never clashes with string.Format's braces.
/// </summary>
public static class RubyText
{
    private const char BaseStart = '｜', ReadingOpen = '《', ReadingClose = '》';

    /// <summary>Kanji, including the repetition mark 々 and the compatibility ideographs.</summary>
    public static bool IsKanji(char c) =>
        c is >= '\u4E00' and <= '\u9FFF' or >= '\u3400' and <= '\u4DBF' or >= '\uF900' and <= '\uFAFF' or '々' or '〆';

    /// <summary>
    /// A reading is kana only (hiragana, katakana, the long-vowel mark). Chinese and Korean write a title in the same
    /// brackets (根据《个人信息保护法》): with Han characters or Hangul inside, they are text, never a reading.
    /// </summary>
    private static bool IsReading(string text, int start, int end)
    {
        if (end <= start) return false;
        for (var i = start; i < end; i++)
            if (text[i] is not (>= '\u3041' and <= '\u309F' or >= '\u30A0' and <= '\u30FF' or >= '\u31F0' and <= '\u31FF' or >= '\uFF66' and <= '\uFF9F'))
                return false;
        return true;
    }

    /// <summary>Whether the text holds any reading mark, so that a page needs ruby for it.</summary>
    public static bool HasReadings(string text) => text.Contains(ReadingOpen);

    /// <summary>The text as segments: plain runs, and bases with their readings.</summary>
    public static IReadOnlyList<RubySegment> Parse(string text)
    {
        var segments = new List<RubySegment>();
        var plain = new StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (c == BaseStart && text.IndexOf(ReadingOpen, i + 1) is var open and > 0 && text.IndexOf(ReadingClose, open) is var close and > 0
                && open > i + 1 && text.IndexOf(BaseStart, i + 1, open - i - 1) < 0 && IsReading(text, open + 1, close))
            {
                Flush();
                segments.Add(new RubySegment(text[(i + 1)..open], text[(open + 1)..close]));
                i = close + 1;
            }
            else if (c == ReadingOpen && text.IndexOf(ReadingClose, i) is var end and > 0 && IsReading(text, i + 1, end)
                     && TrailingKanji(plain) is > 0 and var length)
            {
                var baseText = plain.ToString(plain.Length - length, length);
                plain.Length -= length;
                Flush();
                segments.Add(new RubySegment(baseText, text[(i + 1)..end]));
                i = end + 1;
            }
            else
            {
                plain.Append(c);
                i++;
            }
        }
        Flush();
        return segments;

        void Flush()
        {
            if (plain.Length == 0) return;
            segments.Add(new RubySegment(plain.ToString(), null));
            plain.Clear();
        }
    }

    /// <summary>The text without its readings: what a label, an attribute or a plain-text message shows.</summary>
    public static string Plain(string text) => HasReadings(text) ? string.Concat(Parse(text).Select(s => s.Text)) : text;

    /// <summary>Runs of kanji that have no reading over them: none are allowed in an easy-Japanese text.</summary>
    public static IEnumerable<string> KanjiWithoutReading(string text)
    {
        foreach (var segment in Parse(text).Where(s => s.Reading is null))
        {
            var run = new StringBuilder();
            foreach (var c in segment.Text)
            {
                if (IsKanji(c)) run.Append(c);
                else if (run.Length > 0) { yield return run.ToString(); run.Clear(); }
            }
            if (run.Length > 0) yield return run.ToString();
        }
    }

    private static int TrailingKanji(StringBuilder text)
    {
        var n = 0;
        while (n < text.Length && IsKanji(text[text.Length - 1 - n])) n++;
        return n;
    }
}
