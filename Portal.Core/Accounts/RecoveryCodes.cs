using System.Security.Cryptography;
using System.Text;

namespace Portal.Core.Accounts;

/// <summary>
/// Codes people read off paper or a screen and type: letters and digits that cannot be mistaken for one another
/// (no 0/O, 1/I/L), in groups. Typing is forgiving: case, spaces, hyphens and full-width characters (a Japanese
/// input method left on) do not matter.
/// </summary>
public static class ReadableCode
{
    /// <summary>31 symbols: A-Z and 2-9 without I, L, O (and without 0 and 1).</summary>
    public const string Alphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

    public static string New(int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++) chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    /// <summary>The code in groups of <paramref name="group"/> joined by hyphens: "ABCDE-FGHJK".</summary>
    public static string Format(string code, int group)
    {
        var parts = new List<string>();
        for (var i = 0; i < code.Length; i += group) parts.Add(code.Substring(i, Math.Min(group, code.Length - i)));
        return string.Join('-', parts);
    }

    /// <summary>What was typed, as the code it means: full-width to ASCII, upper case, separators dropped.</summary>
    public static string Normalize(string? typed)
    {
        if (string.IsNullOrWhiteSpace(typed)) return "";
        var folded = typed.Normalize(NormalizationForm.FormKC).ToUpperInvariant();
        return new string(folded.Where(char.IsAsciiLetterOrDigit).ToArray());
    }

    /// <summary>SHA-256 of the normalised code, as hex: for high-entropy codes looked up by their hash.</summary>
    public static string Hash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));
}
