using System.Globalization;

namespace Portal.Core.Text;

/// <summary>The first words of a text for a list: at most a number of characters as a reader counts them, then "…".</summary>
public static class Excerpt
{
    /// <summary>
    /// The text cut after <paramref name="length"/> characters as shown (an emoji or a letter with its marks counts
    /// once and is never split), line breaks as spaces, with "…" when something was left out.
    /// </summary>
    public static string Of(string text, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(length);
        var flat = string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var info = new StringInfo(flat);
        return info.LengthInTextElements <= length ? flat : info.SubstringByTextElements(0, length).TrimEnd() + "…";
    }
}
