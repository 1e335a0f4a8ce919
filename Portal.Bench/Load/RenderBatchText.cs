using System.Text;

namespace Portal.Bench.Load;

/// <summary>
/// Finding a text in a Blazor render batch without decoding the whole batch: the batch ends with a table of the
/// strings its frames use, each written as .NET's BinaryWriter writes a string (its UTF-8 length as a 7-bit
/// encoded integer, then the bytes). Searching for length and bytes together finds "A012" and not "A0123".
/// </summary>
public static class RenderBatchText
{
    public static byte[] Pattern(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var pattern = new List<byte>(bytes.Length + 5);
        for (var length = (uint)bytes.Length; ; length >>= 7)
        {
            if (length < 0x80) { pattern.Add((byte)length); break; }
            pattern.Add((byte)(length | 0x80));
        }
        pattern.AddRange(bytes);
        return [.. pattern];
    }

    public static bool Contains(ReadOnlySpan<byte> batch, ReadOnlySpan<byte> pattern) => batch.IndexOf(pattern) >= 0;
}
