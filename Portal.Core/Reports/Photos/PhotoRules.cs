namespace Portal.Core.Reports.Photos;

/// <summary>
/// The limits every report photo is held to. A file over <see cref="MaxBytes"/> or an image over
/// <see cref="MaxPixels"/> is refused before its pixels are decoded, so a small file that expands to
/// gigabytes (a decompression bomb) costs nothing.
/// </summary>
public static class PhotoRules
{
    /// <summary>The largest file accepted: 15 MiB, more than a 48-megapixel phone JPEG needs.</summary>
    public const long MaxBytes = 15L * 1024 * 1024;

    /// <summary>The most pixels an image may declare in its header: 40 megapixels.</summary>
    public const long MaxPixels = 40_000_000;

    /// <summary>The longest side of the published image, in pixels (as FixMyStreet).</summary>
    public const int MaxLongSide = 2048;

    /// <summary>The longest side of the thumbnail, in pixels.</summary>
    public const int ThumbnailLongSide = 400;

    /// <summary>How many photos one report may carry.</summary>
    public const int MaxPhotosPerReport = 3;
}
