using System.Diagnostics.CodeAnalysis;

namespace Portal.Core.Reports.Photos;

/// <summary>A WGS84 position, in decimal degrees.</summary>
public sealed record PhotoLocation(double Latitude, double Longitude);

/// <summary>
/// A photo ready to publish: upright, resized, re-encoded as JPEG from its pixels, so that nothing of the
/// original's metadata (GPS, camera, timestamps) survives. <see cref="Original"/> still holds it all and is
/// only ever stored privately.
/// </summary>
public sealed class ProcessedPhoto
{
    public required byte[] Original { get; init; }

    /// <summary>The format of <see cref="Original"/>, as detected from its bytes.</summary>
    public required PhotoFormat OriginalFormat { get; init; }

    /// <summary>Where the original says it was taken, when it carries GPS tags; read before they are stripped.</summary>
    public PhotoLocation? Location { get; init; }

    /// <summary>The published image: JPEG, long side at most <see cref="PhotoRules.MaxLongSide"/>, no metadata.</summary>
    public required byte[] Display { get; init; }
    public required int Width { get; init; }
    public required int Height { get; init; }

    /// <summary>The thumbnail: JPEG, long side at most <see cref="PhotoRules.ThumbnailLongSide"/>, no metadata.</summary>
    public required byte[] Thumbnail { get; init; }
    public required int ThumbnailWidth { get; init; }
    public required int ThumbnailHeight { get; init; }
}

/// <summary>Either the processed photo or the reason it was refused.</summary>
public sealed class PhotoProcessingResult
{
    private PhotoProcessingResult(ProcessedPhoto? photo, PhotoProblem? problem) => (Photo, Problem) = (photo, problem);

    public ProcessedPhoto? Photo { get; }
    public PhotoProblem? Problem { get; }

    [MemberNotNullWhen(true, nameof(Photo))]
    [MemberNotNullWhen(false, nameof(Problem))]
    public bool Succeeded => Photo is not null;

    public static PhotoProcessingResult Accepted(ProcessedPhoto photo) => new(photo ?? throw new ArgumentNullException(nameof(photo)), null);
    public static PhotoProcessingResult Refused(PhotoProblem problem) => new(null, problem);
}

/// <summary>
/// A region to black out, in coordinates relative to the image (0..1 from the left and from the top), so the
/// same box fits the display image and its thumbnail.
/// </summary>
public sealed record RedactionBox
{
    public RedactionBox(double x, double y, double width, double height)
    {
        if (!(x is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(x), x, "Expected 0..1.");
        if (!(y is >= 0 and <= 1)) throw new ArgumentOutOfRangeException(nameof(y), y, "Expected 0..1.");
        if (!(width > 0 && x + width <= 1 + 1e-9)) throw new ArgumentOutOfRangeException(nameof(width), width, "Expected 0 < width and x + width <= 1.");
        if (!(height > 0 && y + height <= 1 + 1e-9)) throw new ArgumentOutOfRangeException(nameof(height), height, "Expected 0 < height and y + height <= 1.");
        (X, Y, Width, Height) = (x, y, width, height);
    }

    public double X { get; }
    public double Y { get; }
    public double Width { get; }
    public double Height { get; }
}
