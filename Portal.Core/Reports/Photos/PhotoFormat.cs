namespace Portal.Core.Reports.Photos;

/// <summary>The image formats accepted.</summary>
public enum PhotoFormat
{
    Jpeg,
    Png,
    Webp,
}

public static class PhotoFormats
{
    /// <summary>How many leading bytes <see cref="Detect"/> needs to see.</summary>
    public const int SignatureLength = 12;

    /// <summary>
    /// Recognises an accepted format from the first bytes of the content (its magic number), never from a file
    /// name or a declared content type. Null for anything else: GIF, BMP, HEIC, text, a truncated header.
    /// </summary>
    public static PhotoFormat? Detect(ReadOnlySpan<byte> header)
    {
        if (header is [0xFF, 0xD8, 0xFF, ..])
            return PhotoFormat.Jpeg;
        if (header is [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, ..])
            return PhotoFormat.Png;
        if (header is [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..])
            return PhotoFormat.Webp;
        return null;
    }

    /// <summary>The MIME type of the format.</summary>
    public static string ContentType(this PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => "image/jpeg",
        PhotoFormat.Png => "image/png",
        PhotoFormat.Webp => "image/webp",
        _ => throw new ArgumentOutOfRangeException(nameof(format), format, null),
    };
}
