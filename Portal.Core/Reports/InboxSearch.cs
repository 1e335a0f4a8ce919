using System.Globalization;
using System.Text;

namespace Portal.Core.Reports;

/// <summary>
/// What staff typed in the triage inbox's search box: words of a description, and a report number when the text is
/// one (「123」, 「#123」, or typed full-width on a Japanese keyboard as 「＃１２３」). A number also matches a
/// description holding those digits (a street-light number written in the text).
/// </summary>
public sealed record InboxSearch(long? Id, string Words)
{
    public const int MaxLength = 100;

    public static InboxSearch? Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var words = text.Trim();
        if (words.Length > MaxLength) words = words[..MaxLength];
        var number = words.Normalize(NormalizationForm.FormKC).TrimStart('#').Trim();
        var id = long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : (long?)null;
        return new InboxSearch(id, id is { } found ? found.ToString(CultureInfo.InvariantCulture) : words);
    }
}
