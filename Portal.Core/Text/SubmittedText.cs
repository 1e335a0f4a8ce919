using System.Text;
using FluentValidation;

namespace Portal.Core.Text;

/// <summary>
/// What a text a person or a client submits may hold, and what every writer of the portal (XML, JSON, CSV, HTML,
/// e-mail, push) can carry: no C0 or C1 control characters (a tab and line breaks only where the text has lines), no
/// lone surrogate halves, no Unicode non-characters. One control character in a report's description once made the
/// Open311 XML feed fail for everyone, so writers clean what they send even for text stored before any rule.
/// </summary>
public static class SubmittedText
{
    /// <summary>The resource key of the message for a text that holds what no writer can carry.</summary>
    public const string ValidationKey = "Validation_UnwantedCharacters";

    /// <summary>
    /// The one input rule for submitted text: refused with <see cref="ValidationKey"/> when it holds what
    /// <see cref="Clean"/> would take out. Forms clean what a person types or pastes (the characters are invisible, so
    /// a person could not find them to remove them); clients of the API are refused and told why.
    /// </summary>
    public static IRuleBuilderOptions<T, string?> Submitted<T>(this IRuleBuilder<T, string?> rule, bool multiline = true) =>
        rule.Must(t => t is null || IsClean(t, multiline)).WithMessage(ValidationKey);

    /// <summary>Whether <paramref name="text"/> holds nothing that <see cref="Clean"/> would take out.</summary>
    public static bool IsClean(string text, bool multiline = true) => FirstUnwanted(text, multiline) < 0;

    /// <summary>The text without the characters no writer can carry; the same instance when it holds none.</summary>
    public static string Clean(string text, bool multiline = true)
    {
        var first = FirstUnwanted(text, multiline);
        if (first < 0) return text;
        var kept = new StringBuilder(text.Length);
        kept.Append(text, 0, first);
        for (var i = first; i < text.Length; i++)
        {
            var (length, keep) = Look(text, i, multiline);
            if (keep) kept.Append(text, i, length);
            i += length - 1;
        }
        return kept.ToString();
    }

    private static int FirstUnwanted(string text, bool multiline)
    {
        for (var i = 0; i < text.Length; i++)
        {
            // Most text is letters, digits and punctuation outside the ranges Look checks: one comparison each.
            if (text[i] is >= ' ' and < '\u007F') continue;
            var (length, keep) = Look(text, i, multiline);
            if (!keep) return i;
            i += length - 1;
        }
        return -1;
    }

    /// <summary>The character at <paramref name="i"/>: its length in chars (2 for a surrogate pair) and whether it stays.</summary>
    private static (int Length, bool Keep) Look(string text, int i, bool multiline)
    {
        var c = text[i];
        if (c is '\t' or '\n' or '\r') return (1, multiline);
        if (c < ' ' || c is >= '\u007F' and <= '\u009F') return (1, false);
        if (c is >= '\uFDD0' and <= '\uFDEF' or '\uFFFE' or '\uFFFF') return (1, false);
        if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            // The last two code points of every plane (U+1FFFE, U+1FFFF, ...) are non-characters too.
            return (2, (char.ConvertToUtf32(c, text[i + 1]) & 0xFFFE) != 0xFFFE);
        return (1, !char.IsSurrogate(c));
    }
}
