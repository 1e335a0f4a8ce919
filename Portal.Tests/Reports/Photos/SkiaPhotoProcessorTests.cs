using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Xmp;
using Portal.Core.Reports.Photos;
using Portal.Web.Reports.Photos;
using SkiaSharp;

namespace Portal.Tests.Reports.Photos;

/// <summary>The photo rules: what is accepted, what is refused and why, and what a published photo keeps.</summary>
public sealed class SkiaPhotoProcessorTests
{
    private readonly SkiaPhotoProcessor _processor = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private Task<PhotoProcessingResult> Process(byte[] bytes) => _processor.ProcessAsync(new MemoryStream(bytes), Ct);

    private async Task<ProcessedPhoto> Accept(byte[] bytes)
    {
        var result = await Process(bytes);
        Assert.True(result.Succeeded, $"Refused: {result.Problem}");
        return result.Photo;
    }

    private async Task AssertRefused(PhotoProblem expected, byte[] bytes)
    {
        var result = await Process(bytes);
        Assert.False(result.Succeeded);
        Assert.Equal(expected, result.Problem);
    }

    public static TheoryData<PhotoFormat> Formats => [PhotoFormat.Jpeg, PhotoFormat.Png, PhotoFormat.Webp];

    private static byte[] Encode(SKBitmap bitmap, PhotoFormat format) => format switch
    {
        PhotoFormat.Jpeg => TestImages.Jpeg(bitmap),
        PhotoFormat.Png => TestImages.Png(bitmap),
        _ => TestImages.Webp(bitmap),
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task Jpeg_png_and_webp_are_accepted_and_published_as_jpeg(PhotoFormat format)
    {
        using var bitmap = TestImages.Quadrants(300, 200);
        var original = Encode(bitmap, format);

        var photo = await Accept(original);

        Assert.Equal(format, photo.OriginalFormat);
        Assert.Equal(original, photo.Original);
        Assert.Equal((300, 200), (photo.Width, photo.Height));
        Assert.Equal(PhotoFormat.Jpeg, PhotoFormats.Detect(photo.Display));
        Assert.Equal(PhotoFormat.Jpeg, PhotoFormats.Detect(photo.Thumbnail));
        using var display = TestImages.Decode(photo.Display);
        AssertColour(TestImages.Red, display, 75, 50);
        AssertColour(TestImages.Yellow, display, 225, 150);
    }

    [Fact]
    public async Task Gif_and_bmp_are_refused_although_they_are_images()
    {
        foreach (var image in new[] { TestImages.Gif(), TestImages.Bmp() })
        {
            using (var decodable = SKBitmap.Decode(image))
                Assert.NotNull(decodable);
            await AssertRefused(PhotoProblem.UnsupportedFormat, image);
        }
    }

    [Fact]
    public async Task A_text_file_is_refused_whatever_it_is_called()
    {
        // The processor is never told a file name, so "notes.jpg" is judged by its bytes alone.
        await AssertRefused(PhotoProblem.UnsupportedFormat, "This is not a photo, only notes about a pothole."u8.ToArray());
        await AssertRefused(PhotoProblem.UnsupportedFormat, "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray());
    }

    [Fact]
    public async Task An_empty_file_is_refused_as_empty()
    {
        await AssertRefused(PhotoProblem.Empty, []);
    }

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task A_photo_cut_short_is_refused_as_unreadable(PhotoFormat format)
    {
        using var bitmap = TestImages.Noise(320, 240);
        var whole = Encode(bitmap, format);

        await AssertRefused(PhotoProblem.Unreadable, whole[..(whole.Length / 2)]);
        await AssertRefused(PhotoProblem.Unreadable, whole[..16]);
    }

    [Fact]
    public async Task A_jpeg_signature_followed_by_garbage_is_refused_as_unreadable()
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);
        bytes[0] = 0xFF; bytes[1] = 0xD8; bytes[2] = 0xFF;
        await AssertRefused(PhotoProblem.Unreadable, bytes);
    }

    [Fact]
    public async Task A_file_over_15_MB_is_refused_after_reading_at_most_one_byte_more_than_the_limit()
    {
        var upload = new UploadStream(PhotoRules.MaxBytes + 1024 * 1024);

        var result = await _processor.ProcessAsync(upload, Ct);

        Assert.Equal(PhotoProblem.TooLarge, result.Problem);
        Assert.True(upload.BytesRead <= PhotoRules.MaxBytes + 1, $"Read {upload.BytesRead} bytes.");
    }

    [Fact]
    public async Task An_endless_upload_is_refused_as_too_large()
    {
        var upload = new UploadStream(length: null);
        Assert.Equal(PhotoProblem.TooLarge, (await _processor.ProcessAsync(upload, Ct)).Problem);
        Assert.Equal(PhotoRules.MaxBytes + 1, upload.BytesRead);
    }

    [Fact]
    public async Task A_seekable_stream_over_the_limit_is_refused_without_reading_it()
    {
        var stream = new MemoryStream(new byte[PhotoRules.MaxBytes + 1]);
        Assert.Equal(PhotoProblem.TooLarge, (await _processor.ProcessAsync(stream, Ct)).Problem);
        Assert.Equal(0, stream.Position);
    }

    [Fact]
    public async Task Exactly_15_MiB_is_not_too_large()
    {
        var upload = new UploadStream(PhotoRules.MaxBytes);
        // The content is not an image, which is the next thing checked: the size passed.
        Assert.Equal(PhotoProblem.Unreadable, (await _processor.ProcessAsync(upload, Ct)).Problem);
    }

    [Fact]
    public async Task A_header_claiming_more_than_40_megapixels_is_refused_before_decoding()
    {
        // 48 megapixels claimed by a few hundred bytes; the pixel data behind the headers is missing, so if the
        // processor tried to decode it the answer would be Unreadable, not TooManyPixels.
        var png = TestImages.PngClaiming(8000, 6000);
        var jpeg = TestImages.JpegClaiming(8000, 6000);
        Assert.True(png.Length < 200 && jpeg.Length < 2000);
        using (var codec = SKCodec.Create(SKData.CreateCopy(png)))
            Assert.Equal(new SKSizeI(8000, 6000), codec.Info.Size);

        await AssertRefused(PhotoProblem.TooManyPixels, png);
        await AssertRefused(PhotoProblem.TooManyPixels, jpeg);
    }

    [Fact]
    public async Task Exactly_40_megapixels_is_not_too_many()
    {
        // Allowed by the pixel rule; then refused for its missing pixel data.
        await AssertRefused(PhotoProblem.Unreadable, TestImages.PngClaiming(8000, 5000));
    }

    [Theory]
    // Orientation, then the colour expected in each upright quadrant: top left, top right, bottom left, bottom right.
    [InlineData(1, "RGBY")]
    [InlineData(2, "GRYB")]
    [InlineData(3, "YBGR")]
    [InlineData(4, "BYRG")]
    [InlineData(5, "RBGY")]
    [InlineData(6, "BRYG")]
    [InlineData(7, "YGBR")]
    [InlineData(8, "GYRB")]
    public async Task The_exif_orientation_is_applied_so_the_photo_comes_out_upright(int orientation, string quadrants)
    {
        using var stored = TestImages.Quadrants(300, 200);
        var original = TestImages.WithMetadata(TestImages.Jpeg(stored), (ushort)orientation);
        Assert.Equal(orientation, MetadataAssert.Read(original).OfType<ExifIfd0Directory>().Single().GetInt32(ExifDirectoryBase.TagOrientation));

        var photo = await Accept(original);

        var turned = orientation >= 5;
        Assert.Equal(turned ? (200, 300) : (300, 200), (photo.Width, photo.Height));
        foreach (var (image, width, height) in new[] { (photo.Display, photo.Width, photo.Height), (photo.Thumbnail, photo.ThumbnailWidth, photo.ThumbnailHeight) })
        {
            using var upright = TestImages.Decode(image);
            Assert.Equal((width, height), (upright.Width, upright.Height));
            AssertColour(Named(quadrants[0]), upright, width / 4, height / 4);
            AssertColour(Named(quadrants[1]), upright, width * 3 / 4, height / 4);
            AssertColour(Named(quadrants[2]), upright, width / 4, height * 3 / 4);
            AssertColour(Named(quadrants[3]), upright, width * 3 / 4, height * 3 / 4);
        }
    }

    [Fact]
    public async Task The_gps_position_is_read_from_the_original()
    {
        using var bitmap = TestImages.Noise(400, 300);
        var photo = await Accept(TestImages.WithMetadata(TestImages.Jpeg(bitmap), orientation: 6));

        Assert.NotNull(photo.Location);
        Assert.Equal(TestImages.Latitude, photo.Location.Latitude, 4);
        Assert.Equal(TestImages.Longitude, photo.Location.Longitude, 4);
    }

    [Fact]
    public async Task A_photo_without_gps_has_no_position()
    {
        using var bitmap = TestImages.Noise(400, 300);
        Assert.Null((await Accept(TestImages.Jpeg(bitmap))).Location);
        Assert.Null((await Accept(TestImages.WithMetadata(TestImages.Jpeg(bitmap), gps: false))).Location);
        Assert.Null((await Accept(TestImages.Png(bitmap))).Location);
    }

    [Fact]
    public async Task A_12_megapixel_photo_is_published_at_2048_pixels_with_a_400_pixel_thumbnail()
    {
        using var bitmap = TestImages.Noise(4000, 3000);
        var photo = await Accept(TestImages.Jpeg(bitmap, quality: 85));

        Assert.Equal((2048, 1536), (photo.Width, photo.Height));
        Assert.Equal((400, 300), (photo.ThumbnailWidth, photo.ThumbnailHeight));
        using var display = TestImages.Decode(photo.Display);
        using var thumbnail = TestImages.Decode(photo.Thumbnail);
        Assert.Equal((2048, 1536), (display.Width, display.Height));
        Assert.Equal((400, 300), (thumbnail.Width, thumbnail.Height));
    }

    [Fact]
    public async Task A_tall_png_is_fitted_by_its_long_side_and_a_small_photo_is_never_enlarged()
    {
        using var tall = TestImages.Quadrants(1000, 3000);
        var photo = await Accept(TestImages.Png(tall));
        Assert.Equal((683, 2048), (photo.Width, photo.Height));
        Assert.Equal((133, 400), (photo.ThumbnailWidth, photo.ThumbnailHeight));

        using var small = TestImages.Quadrants(120, 90);
        photo = await Accept(TestImages.Webp(small));
        Assert.Equal((120, 90), (photo.Width, photo.Height));
        Assert.Equal((120, 90), (photo.ThumbnailWidth, photo.ThumbnailHeight));
    }

    [Fact]
    public async Task No_metadata_survives_in_the_published_photo_or_its_thumbnail()
    {
        var original = TestImages.WithMetadata(TestImages.JpegWithIccProfile(640, 480), orientation: 6);
        // The original really carries all of it, so the test would notice any of it leaking.
        var before = MetadataAssert.Read(original);
        Assert.Contains(before, d => d is ExifIfd0Directory);
        Assert.Contains(before, d => d is ExifSubIfdDirectory);
        Assert.Contains(before, d => d is GpsDirectory);
        Assert.Contains(before, d => d is XmpDirectory);
        Assert.Contains(before, d => d is IccDirectory);
        Assert.Contains(before, d => d is IptcDirectory);
        Assert.Contains(before, d => d is JpegCommentDirectory);

        var photo = await Accept(original);

        MetadataAssert.HasNone(photo.Display);
        MetadataAssert.HasNone(photo.Thumbnail);
        Assert.Equal(-1, photo.Display.AsSpan().IndexOf("ChibaCam"u8));
        Assert.Equal(-1, photo.Display.AsSpan().IndexOf("SN-0042-TARO"u8));
    }

    [Fact]
    public async Task Transparent_parts_of_a_png_become_white_not_black()
    {
        using var bitmap = new SKBitmap(new SKImageInfo(100, 100, SKColorType.Rgba8888, SKAlphaType.Premul));
        bitmap.Erase(SKColors.Transparent);
        var photo = await Accept(TestImages.Png(bitmap));
        using var display = TestImages.Decode(photo.Display);
        AssertColour(SKColors.White, display, 50, 50);
    }

    [Fact]
    public async Task Redaction_blacks_out_the_box_and_leaves_the_rest()
    {
        using var bitmap = TestImages.Plain(800, 600, TestImages.Green);
        var photo = await Accept(TestImages.Jpeg(bitmap));
        RedactionBox[] plate = [new(0.25, 0.25, 0.5, 0.5)];

        var display = await _processor.RedactAsync(photo.Display, plate, Ct);
        var thumbnail = await _processor.RedactAsync(photo.Thumbnail, plate, Ct);

        using var redacted = TestImages.Decode(display);
        Assert.Equal((800, 600), (redacted.Width, redacted.Height));
        foreach (var (x, y) in new[] { (400, 300), (202, 152), (597, 447), (202, 447), (597, 152) })
            AssertColour(SKColors.Black, redacted, x, y);
        foreach (var (x, y) in new[] { (10, 10), (190, 140), (610, 460), (790, 590), (400, 100), (100, 300) })
            AssertColour(TestImages.Green, redacted, x, y);

        using var redactedThumbnail = TestImages.Decode(thumbnail);
        Assert.Equal((400, 300), (redactedThumbnail.Width, redactedThumbnail.Height));
        AssertColour(SKColors.Black, redactedThumbnail, 200, 150);
        AssertColour(TestImages.Green, redactedThumbnail, 20, 20);

        MetadataAssert.HasNone(display);
        MetadataAssert.HasNone(thumbnail);
    }

    [Fact]
    public async Task Several_boxes_can_be_redacted_at_once_and_a_box_at_the_edge_reaches_it()
    {
        using var bitmap = TestImages.Plain(400, 400, TestImages.Yellow);
        var photo = await Accept(TestImages.Png(bitmap));

        var display = await _processor.RedactAsync(photo.Display, [new(0, 0, 0.1, 0.1), new(0.9, 0.9, 0.1, 0.1)], Ct);

        using var redacted = TestImages.Decode(display);
        AssertColour(SKColors.Black, redacted, 0, 0);
        AssertColour(SKColors.Black, redacted, 399, 399);
        AssertColour(TestImages.Yellow, redacted, 200, 200);
    }

    [Fact]
    public async Task Redacting_something_that_is_not_an_image_is_an_argument_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => _processor.RedactAsync("not a jpeg"u8.ToArray(), [new(0, 0, 1, 1)], Ct));
    }

    [Theory]
    [InlineData(-0.1, 0, 0.5, 0.5)]
    [InlineData(0, 0, 0, 0.5)]
    [InlineData(0.6, 0, 0.5, 0.5)]
    [InlineData(0, 0.5, 0.5, 0.6)]
    [InlineData(double.NaN, 0, 0.5, 0.5)]
    public void A_redaction_box_must_lie_inside_the_image(double x, double y, double width, double height)
    {
        Assert.ThrowsAny<ArgumentOutOfRangeException>(() => new RedactionBox(x, y, width, height));
    }

    [Fact]
    public async Task Processing_stops_when_cancelled()
    {
        using var bitmap = TestImages.Noise(64, 64);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _processor.ProcessAsync(new MemoryStream(TestImages.Jpeg(bitmap)), cancelled.Token));
    }

    private static SKColor Named(char c) => c switch
    {
        'R' => TestImages.Red,
        'G' => TestImages.Green,
        'B' => TestImages.Blue,
        _ => TestImages.Yellow,
    };

    /// <summary>JPEG is lossy: a colour matches when each channel is within a small tolerance.</summary>
    private static void AssertColour(SKColor expected, SKBitmap bitmap, int x, int y)
    {
        var actual = bitmap.GetPixel(x, y);
        var close = Math.Abs(expected.Red - actual.Red) <= 24 && Math.Abs(expected.Green - actual.Green) <= 24 && Math.Abs(expected.Blue - actual.Blue) <= 24;
        Assert.True(close, $"At ({x}, {y}) expected {expected} but found {actual}.");
    }

    /// <summary>An upload as a browser sends it: not seekable, read in chunks; null length means it never ends.</summary>
    private sealed class UploadStream(long? length) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => BytesRead; set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var n = (int)Math.Min(Math.Min(buffer.Length, 64 * 1024), (length ?? long.MaxValue) - BytesRead);
            buffer[..n].Fill(0xAB);
            // It starts like a JPEG, so only the size can refuse it.
            for (var i = 0; i < n && BytesRead + i < 3; i++) buffer[i] = (byte)(BytesRead + i == 0 ? 0xFF : BytesRead + i == 1 ? 0xD8 : 0xFF);
            BytesRead += n;
            return n;
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(Read(buffer.Span));
    }
}
