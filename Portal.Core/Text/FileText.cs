using System.Text;

namespace Portal.Core.Text;

/// <summary>How an uploaded text file was read: its text and the encoding it was written in, or why it was not read.</summary>
public sealed record DecodedFile(string? Text, string? EncodingName, FileTextRefusal? Refusal, int RefusalLine = 0);

public enum FileTextRefusal
{
    /// <summary>The bytes are neither UTF-8 (nor UTF-16 with its byte order mark) nor Shift_JIS as Windows and Excel write it (CP932).</summary>
    UnknownEncoding,

    /// <summary>The text already holds U+FFFD: it was garbled before it reached the portal (a file saved after a wrong decoding).</summary>
    ReplacementCharacter,
}

/// <summary>
/// Reads the bytes of a file a person uploads (the register extract): UTF-8 with or without its byte order mark,
/// UTF-16 with its mark, or Shift_JIS as Excel saves "CSV" on Japanese Windows (CP932, with the NEC and IBM
/// extensions such as 髙 and 﨑). Every decoder throws on a byte sequence it cannot read, so no replacement character
/// is ever made up: a file that none reads is refused, and so is one that already holds U+FFFD.
/// </summary>
public static class FileText
{
    private static readonly byte[] Utf8Mark = [0xEF, 0xBB, 0xBF];

    // UTF-8 is tried first: Shift_JIS text with any byte above 0x7F is almost never valid UTF-8, the other way round often is.
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16 = new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true);
    private static readonly Encoding StrictUtf16BigEndian = new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true);

    // The code page provider ships with .NET; asked directly, it needs no process-wide registration.
    private static readonly Encoding StrictShiftJis = CodePagesEncodingProvider.Instance.GetEncoding(932, EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
        ?? throw new InvalidOperationException("Code page 932 is not available.");

    public const string Utf8 = "UTF-8";
    public const string Utf16 = "UTF-16";
    public const string ShiftJis = "Shift_JIS";

    public static DecodedFile Decode(ReadOnlySpan<byte> bytes)
    {
        var (text, name) = bytes switch
        {
            [0xEF, 0xBB, 0xBF, ..] => (Try(StrictUtf8, bytes[Utf8Mark.Length..]), Utf8),
            [0xFF, 0xFE, ..] => (Try(StrictUtf16, bytes[2..]), Utf16),
            [0xFE, 0xFF, ..] => (Try(StrictUtf16BigEndian, bytes[2..]), Utf16),
            _ => Try(StrictUtf8, bytes) is { } utf8 ? (utf8, Utf8) : (Try(StrictShiftJis, bytes), ShiftJis),
        };
        if (text is null) return new DecodedFile(null, null, FileTextRefusal.UnknownEncoding);
        var garbled = text.IndexOf('\uFFFD');
        if (garbled >= 0) return new DecodedFile(null, name, FileTextRefusal.ReplacementCharacter, LineOf(text, garbled));
        return new DecodedFile(text, name, null);
    }

    private static string? Try(Encoding encoding, ReadOnlySpan<byte> bytes)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    /// <summary>The 1-based line of the character at <paramref name="index"/>.</summary>
    private static int LineOf(string text, int index) => text.AsSpan(0, index).Count('\n') + 1;
}
