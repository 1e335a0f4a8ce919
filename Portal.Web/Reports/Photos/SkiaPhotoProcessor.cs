using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Core.Reports.Photos;
using SkiaSharp;

namespace Portal.Web.Reports.Photos;

/// <summary>
/// The photo pipeline on SkiaSharp, with MetadataExtractor for the GPS position. Order matters: the byte limit
/// while reading, the format from the magic number, the pixel count from the header, and only then the pixels.
/// The output is drawn from decoded pixels into a fresh, untagged bitmap and encoded from there, so no segment
/// of the original (EXIF, GPS, XMP, IPTC, ICC, comments) can reach it.
/// </summary>
public sealed class SkiaPhotoProcessor : IPhotoProcessor
{
    private const int DisplayQuality = 85;
    private const int ThumbnailQuality = 80;

    // At most one decode per core (the work is CPU); and the pixels all decodes hold together stay under the
    // budget's ceiling (a 40-megapixel PNG alone takes 160 MB), however many cores and uploads there are.
    private readonly SemaphoreSlim _gate = new(Math.Max(1, Environment.ProcessorCount));
    private readonly DecodeBudget _budget;
    private readonly ILogger _logger;

    public SkiaPhotoProcessor(ILogger<SkiaPhotoProcessor>? logger = null, DecodeBudget? budget = null)
    {
        _logger = logger ?? NullLogger<SkiaPhotoProcessor>.Instance;
        _budget = budget ?? new DecodeBudget();
    }

    public async Task<PhotoProcessingResult> ProcessAsync(Stream original, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(original);
        var bytes = await ReadAtMostAsync(original, PhotoRules.MaxBytes, cancellationToken);
        if (bytes is null)
            return PhotoProcessingResult.Refused(PhotoProblem.TooLarge);
        if (bytes.Length == 0)
            return PhotoProcessingResult.Refused(PhotoProblem.Empty);
        if (PhotoFormats.Detect(bytes) is not { } format)
            return PhotoProcessingResult.Refused(PhotoProblem.UnsupportedFormat);
        return await RunGatedAsync(bytes, () => Process(bytes, format, cancellationToken), cancellationToken);
    }

    public Task<byte[]> RedactAsync(byte[] jpeg, IReadOnlyList<RedactionBox> boxes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jpeg);
        ArgumentNullException.ThrowIfNull(boxes);
        return RunGatedAsync(jpeg, () => Redact(jpeg, boxes), cancellationToken);
    }

    private async Task<T> RunGatedAsync<T>(byte[] image, Func<T> work, CancellationToken cancellationToken)
    {
        using var pixels = await _budget.AcquireAsync(DecodeBytes(image), cancellationToken);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            // Off the caller's thread, so a Blazor circuit stays responsive while the pixels are worked on.
            return await Task.Run(work, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// What decoding the image will hold, from its header alone: nothing for what the pipeline refuses before
    /// decoding (unreadable, or more than the pixels allowed).
    /// </summary>
    private static long DecodeBytes(byte[] image)
    {
        using var data = SKData.CreateCopy(image);
        using var codec = SKCodec.Create(data);
        if (codec is null || (long)codec.Info.Width * codec.Info.Height > PhotoRules.MaxPixels) return 0;
        return DecodeBudget.BytesFor(codec.Info.Width, codec.Info.Height);
    }

    /// <summary>
    /// Reads the whole stream, but never more than <paramref name="limit"/> + 1 bytes: null as soon as the
    /// content proves longer than the limit.
    /// </summary>
    internal static async Task<byte[]?> ReadAtMostAsync(Stream stream, long limit, CancellationToken cancellationToken)
    {
        long? declared = null;
        if (stream.CanSeek)
        {
            declared = Math.Max(0, stream.Length - stream.Position);
            if (declared > limit)
                return null;
        }

        // A seekable stream is read into an array of its exact size, so the usual upload is never copied;
        // any other grows from 256 KiB.
        var buffer = new byte[declared is { } d ? (int)d : (int)Math.Min(limit + 1, 256 * 1024)];
        var probe = new byte[1];
        var total = 0;
        while (true)
        {
            if (total == buffer.Length)
            {
                // Full: one more byte tells whether the stream has ended or the buffer must grow.
                if (await stream.ReadAsync(probe, cancellationToken) == 0)
                    break;
                if (++total > limit)
                    return null;
                Array.Resize(ref buffer, (int)Math.Min(limit + 1, Math.Max(buffer.Length * 2L, 256 * 1024)));
                buffer[total - 1] = probe[0];
                continue;
            }
            var read = await stream.ReadAsync(buffer.AsMemory(total, buffer.Length - total), cancellationToken);
            if (read == 0)
                break;
            total += read;
            if (total > limit)
                return null;
        }
        if (total != buffer.Length)
            Array.Resize(ref buffer, total);
        return buffer;
    }

    private PhotoProcessingResult Process(byte[] bytes, PhotoFormat format, CancellationToken cancellationToken)
    {
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data);
        if (codec is null)
            return PhotoProcessingResult.Refused(PhotoProblem.Unreadable);
        if (FormatOf(codec.EncodedFormat) != format)
            return PhotoProcessingResult.Refused(PhotoProblem.UnsupportedFormat);

        // The header alone tells the size: refuse a decompression bomb before a single pixel is decoded.
        var info = codec.Info;
        if (info.Width <= 0 || info.Height <= 0)
            return PhotoProcessingResult.Refused(PhotoProblem.Unreadable);
        if ((long)info.Width * info.Height > PhotoRules.MaxPixels)
            return PhotoProcessingResult.Refused(PhotoProblem.TooManyPixels);

        cancellationToken.ThrowIfCancellationRequested();
        using var decoded = Decode(codec, targetLongSide: PhotoRules.MaxLongSide);
        if (decoded is null)
            return PhotoProcessingResult.Refused(PhotoProblem.Unreadable);

        cancellationToken.ThrowIfCancellationRequested();
        var origin = codec.EncodedOrigin;
        var (uprightWidth, uprightHeight) = SwapsSides(origin) ? (info.Height, info.Width) : (info.Width, info.Height);
        var (width, height) = Fit(uprightWidth, uprightHeight, PhotoRules.MaxLongSide);
        using var display = Render(decoded, origin, width, height);
        var (thumbWidth, thumbHeight) = Fit(width, height, PhotoRules.ThumbnailLongSide);
        using var thumbnail = Render(display, SKEncodedOrigin.TopLeft, thumbWidth, thumbHeight);

        return PhotoProcessingResult.Accepted(new ProcessedPhoto
        {
            Original = bytes,
            OriginalFormat = format,
            Location = ReadLocation(bytes),
            Display = EncodeJpeg(display, DisplayQuality),
            Width = width,
            Height = height,
            Thumbnail = EncodeJpeg(thumbnail, ThumbnailQuality),
            ThumbnailWidth = thumbWidth,
            ThumbnailHeight = thumbHeight,
        });
    }

    private static byte[] Redact(byte[] jpeg, IReadOnlyList<RedactionBox> boxes)
    {
        using var data = SKData.CreateCopy(jpeg);
        using var codec = SKCodec.Create(data)
            ?? throw new ArgumentException("The image to redact cannot be read.", nameof(jpeg));
        if ((long)codec.Info.Width * codec.Info.Height > PhotoRules.MaxPixels)
            throw new ArgumentException("The image to redact is larger than any the pipeline produces.", nameof(jpeg));
        using var decoded = Decode(codec, targetLongSide: int.MaxValue)
            ?? throw new ArgumentException("The image to redact cannot be read.", nameof(jpeg));
        // Drawn upright into a fresh bitmap, like a processed photo, so the result carries no metadata either.
        var origin = codec.EncodedOrigin;
        var (width, height) = SwapsSides(origin) ? (decoded.Height, decoded.Width) : (decoded.Width, decoded.Height);
        using var bitmap = Render(decoded, origin, width, height);
        using (var canvas = new SKCanvas(bitmap))
        using (var black = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Fill, IsAntialias = false })
        {
            foreach (var box in boxes)
            {
                // Rounded outwards: a box never leaves a sliver of what it is meant to hide.
                var left = (int)Math.Floor(box.X * width);
                var top = (int)Math.Floor(box.Y * height);
                var right = (int)Math.Ceiling((box.X + box.Width) * width);
                var bottom = (int)Math.Ceiling((box.Y + box.Height) * height);
                canvas.DrawRect(SKRect.Create(left, top, Math.Max(1, right - left), Math.Max(1, bottom - top)), black);
            }
        }
        return EncodeJpeg(bitmap, DisplayQuality);
    }

    /// <summary>
    /// Decodes to sRGB (an ICC profile in the original is applied here, so colours stay right once it is gone).
    /// A JPEG is decoded straight at the smallest of its eighths (1/8 .. 8/8, done inside the DCT) that is still
    /// at least <paramref name="targetLongSide"/> long: a 12-megapixel photo costs half the time and memory.
    /// Null when the data is damaged or cut short.
    /// </summary>
    private static SKBitmap? Decode(SKCodec codec, int targetLongSide)
    {
        var info = codec.Info;
        var size = info.Size;
        if (Math.Max(info.Width, info.Height) > targetLongSide)
        {
            for (var eighths = 1; eighths < 8; eighths++)
            {
                var scaled = codec.GetScaledDimensions(eighths / 8f);
                if (Math.Max(scaled.Width, scaled.Height) >= targetLongSide && scaled.Width <= info.Width && scaled.Height <= info.Height)
                {
                    size = scaled;
                    break;
                }
            }
        }
        var alpha = info.AlphaType == SKAlphaType.Opaque ? SKAlphaType.Opaque : SKAlphaType.Premul;
        var target = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, alpha, SKColorSpace.CreateSrgb());
        var bitmap = new SKBitmap(target);
        if (bitmap.GetPixels() == IntPtr.Zero || codec.GetPixels(target, bitmap.GetPixels()) != SKCodecResult.Success)
        {
            bitmap.Dispose();
            return null;
        }
        return bitmap;
    }

    /// <summary>
    /// Draws <paramref name="source"/> upright (by its EXIF origin), scaled to width x height, onto white (so a
    /// transparent PNG does not turn black), in a new opaque bitmap with no colour space attached.
    /// </summary>
    private static SKBitmap Render(SKBitmap source, SKEncodedOrigin origin, int width, int height)
    {
        var output = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(output);
        canvas.Clear(SKColors.White);
        var (uprightWidth, uprightHeight) = SwapsSides(origin) ? (source.Height, source.Width) : (source.Width, source.Height);
        canvas.Scale((float)width / uprightWidth, (float)height / uprightHeight);
        canvas.Concat(Orientation(origin, source.Width, source.Height));
        using var pixmap = source.PeekPixels();
        using var image = SKImage.FromPixels(pixmap);
        // Pixel for pixel when only turned; bilinear for a mild reduction (what is left after a scaled JPEG decode:
        // 1.22 for a 12-megapixel photo); mipmaps when it shrinks more than twofold, so fine detail does not
        // alias. Cubic resampling measured three times slower than bilinear here, for little gain at these ratios.
        var factor = Math.Max((double)uprightWidth / width, (double)uprightHeight / height);
        var sampling = (uprightWidth, uprightHeight) == (width, height) ? new SKSamplingOptions(SKFilterMode.Nearest)
            : factor > 2 ? new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear)
            : new SKSamplingOptions(SKFilterMode.Linear);
        canvas.DrawImage(image, 0, 0, sampling);
        return output;
    }

    private static byte[] EncodeJpeg(SKBitmap bitmap, int quality)
    {
        using var pixmap = bitmap.PeekPixels();
        using var encoded = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the JPEG.");
        return encoded.ToArray();
    }

    private static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>
    /// The matrix that takes stored pixels (width x height as stored) to upright ones, for each of the eight
    /// EXIF orientations (1 = as stored, 6 = turn 90 degrees clockwise, 8 = 90 degrees anticlockwise, ...).
    /// </summary>
    internal static SKMatrix Orientation(SKEncodedOrigin origin, int width, int height) => origin switch
    {
        SKEncodedOrigin.TopRight => new SKMatrix(-1, 0, width, 0, 1, 0, 0, 0, 1),
        SKEncodedOrigin.BottomRight => new SKMatrix(-1, 0, width, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.BottomLeft => new SKMatrix(1, 0, 0, 0, -1, height, 0, 0, 1),
        SKEncodedOrigin.LeftTop => new SKMatrix(0, 1, 0, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightTop => new SKMatrix(0, -1, height, 1, 0, 0, 0, 0, 1),
        SKEncodedOrigin.RightBottom => new SKMatrix(0, -1, height, -1, 0, width, 0, 0, 1),
        SKEncodedOrigin.LeftBottom => new SKMatrix(0, 1, 0, -1, 0, width, 0, 0, 1),
        _ => SKMatrix.Identity,
    };

    /// <summary>Scales width x height down so the long side is at most <paramref name="longSide"/>; never up.</summary>
    internal static (int Width, int Height) Fit(int width, int height, int longSide)
    {
        var longest = Math.Max(width, height);
        if (longest <= longSide)
            return (width, height);
        var scale = (double)longSide / longest;
        return (Math.Clamp((int)Math.Round(width * scale), 1, longSide), Math.Clamp((int)Math.Round(height * scale), 1, longSide));
    }

    private static PhotoFormat? FormatOf(SKEncodedImageFormat format) => format switch
    {
        SKEncodedImageFormat.Jpeg => PhotoFormat.Jpeg,
        SKEncodedImageFormat.Png => PhotoFormat.Png,
        SKEncodedImageFormat.Webp => PhotoFormat.Webp,
        _ => null,
    };

    /// <summary>
    /// The GPS position in the original's EXIF, if any. Metadata is a bonus: a damaged block is logged and
    /// ignored, never a reason to refuse the photo. Zero/zero (what some cameras write without a fix) and
    /// out-of-range values count as no position.
    /// </summary>
    private PhotoLocation? ReadLocation(byte[] bytes)
    {
        try
        {
            using var stream = new MemoryStream(bytes, writable: false);
            foreach (var gps in ImageMetadataReader.ReadMetadata(stream).OfType<GpsDirectory>())
            {
                if (gps.GetGeoLocation() is { IsZero: false } at
                    && double.IsFinite(at.Latitude) && double.IsFinite(at.Longitude)
                    && Math.Abs(at.Latitude) <= 90 && Math.Abs(at.Longitude) <= 180)
                    return new PhotoLocation(at.Latitude, at.Longitude);
            }
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            _logger.LogDebug(e, "The photo's metadata could not be read; it is processed without a GPS position.");
        }
        return null;
    }
}
