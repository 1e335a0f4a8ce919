using System.Buffers.Binary;
using System.Text;
using SkiaSharp;

namespace Portal.Tests.Reports.Photos;

/// <summary>
/// Test images made in code: encoded by SkiaSharp, or written byte by byte where a test needs what no encoder
/// writes (EXIF orientation and GPS, IPTC, a header that lies about the size, a GIF or BMP).
/// </summary>
internal static class TestImages
{
    public static readonly SKColor Red = new(220, 30, 30);
    public static readonly SKColor Green = new(30, 200, 30);
    public static readonly SKColor Blue = new(30, 30, 220);
    public static readonly SKColor Yellow = new(230, 220, 30);

    /// <summary>Chiba City Hall, where the test photos claim to have been taken.</summary>
    public const double Latitude = 35.6073, Longitude = 140.1063;

    /// <summary>Four quadrants as stored: red top left, green top right, blue bottom left, yellow bottom right.</summary>
    public static SKBitmap Quadrants(int width, int height)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint();
        void Fill(SKColor color, float x, float y) { paint.Color = color; canvas.DrawRect(x, y, width / 2f, height / 2f, paint); }
        Fill(Red, 0, 0);
        Fill(Green, width / 2f, 0);
        Fill(Blue, 0, height / 2f);
        Fill(Yellow, width / 2f, height / 2f);
        return bitmap;
    }

    public static SKBitmap Plain(int width, int height, SKColor color)
    {
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        bitmap.Erase(color);
        return bitmap;
    }

    /// <summary>Random pixels, smoothed a little: like a photo, it does not compress to almost nothing.</summary>
    public static SKBitmap Noise(int width, int height, int seed = 12)
    {
        var random = new Random(seed);
        var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        var pixels = new byte[width * height * 4];
        random.NextBytes(pixels);
        for (var i = 3; i < pixels.Length; i += 4) pixels[i] = 255;
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var canvas = new SKCanvas(bitmap);
        using var gradient = new SKPaint
        {
            Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(width, height),
                [new SKColor(40, 90, 160, 150), new SKColor(200, 160, 60, 150)], SKShaderTileMode.Clamp),
        };
        canvas.DrawRect(0, 0, width, height, gradient);
        return bitmap;
    }

    public static byte[] Jpeg(SKBitmap bitmap, int quality = 92)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(quality, SKJpegEncoderDownsample.Downsample444, SKJpegEncoderAlphaOption.Ignore));
        return Bytes(data);
    }

    public static byte[] Png(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(SKPngEncoderOptions.Default);
        return Bytes(data);
    }

    public static byte[] Webp(SKBitmap bitmap)
    {
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKWebpEncoderOptions(SKWebpEncoderCompression.Lossy, 90));
        return Bytes(data);
    }

    /// <summary>A JPEG whose pixels are tagged Display P3, so the encoder embeds an ICC profile.</summary>
    public static byte[] JpegWithIccProfile(int width, int height)
    {
        using var source = Quadrants(width, height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque,
            SKColorSpace.CreateRgb(SKColorSpaceTransferFn.Srgb, SKColorSpaceXyz.DisplayP3));
        // The same pixel memory, read as Display P3.
        using var tagged = new SKPixmap(info, source.GetPixels());
        using var data = tagged.Encode(new SKJpegEncoderOptions(92));
        return Bytes(data);
    }

    /// <summary>
    /// The JPEG with everything a phone adds inserted after its start marker: EXIF (orientation, camera, serial
    /// number, timestamps, GPS), XMP with GPS, IPTC with a caption, and a comment.
    /// </summary>
    public static byte[] WithMetadata(byte[] jpeg, ushort orientation = 1, bool gps = true)
    {
        var segments = new List<byte[]>
        {
            Segment(0xE1, [.. "Exif\0\0"u8, .. Exif(orientation, gps)]),
            Segment(0xE1, [.. "http://ns.adobe.com/xap/1.0/\0"u8, .. Encoding.UTF8.GetBytes(
                """<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description rdf:about="" xmlns:exif="http://ns.adobe.com/exif/1.0/" xmlns:tiff="http://ns.adobe.com/tiff/1.0/" exif:GPSLatitude="35,36.438N" exif:GPSLongitude="140,6.378E" tiff:Model="ChibaCam 1"/></rdf:RDF></x:xmpmeta><?xpacket end="w"?>""")]),
            Segment(0xED, Iptc("Taken from my balcony, 3-2-1 Chuo")),
            Segment(0xFE, "Owner: Chiba Taro"u8.ToArray()),
        };
        return [jpeg[0], jpeg[1], .. segments.SelectMany(s => s), .. jpeg.AsSpan(2)];
    }

    private static byte[] Segment(byte marker, byte[] payload)
    {
        var segment = new byte[payload.Length + 4];
        segment[0] = 0xFF;
        segment[1] = marker;
        BinaryPrimitives.WriteUInt16BigEndian(segment.AsSpan(2), checked((ushort)(payload.Length + 2)));
        payload.CopyTo(segment, 4);
        return segment;
    }

    private static byte[] Iptc(string caption)
    {
        var text = Encoding.UTF8.GetBytes(caption);
        byte[] dataset = [0x1C, 0x02, 0x78, (byte)(text.Length >> 8), (byte)text.Length, .. text];
        var size = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(size, (uint)dataset.Length);
        byte[] resource = [.. "8BIM"u8, 0x04, 0x04, 0x00, 0x00, .. size, .. dataset];
        if (resource.Length % 2 == 1) resource = [.. resource, 0];
        return [.. "Photoshop 3.0\0"u8, .. resource];
    }

    // TIFF field types.
    private const ushort Byte = 1, Ascii = 2, Short = 3, Long = 4, Rational = 5;

    private sealed record Entry(ushort Tag, ushort Type, uint Count, byte[] Value);

    /// <summary>A little-endian TIFF block with IFD0, the Exif sub-IFD and, when asked, the GPS IFD.</summary>
    private static byte[] Exif(ushort orientation, bool gps)
    {
        static Entry Text(ushort tag, string value) { var b = Encoding.ASCII.GetBytes(value + "\0"); return new(tag, Ascii, (uint)b.Length, b); }
        static Entry Number(ushort tag, ushort type, uint value)
        {
            var b = new byte[4];
            if (type == Short) BinaryPrimitives.WriteUInt16LittleEndian(b, (ushort)value); else BinaryPrimitives.WriteUInt32LittleEndian(b, value);
            return new(tag, type, 1, b);
        }
        static Entry Degrees(ushort tag, double value)
        {
            var degrees = Math.Floor(value);
            var minutes = Math.Floor((value - degrees) * 60);
            var seconds = Math.Round(((value - degrees) * 60 - minutes) * 60 * 10000);
            var b = new byte[24];
            uint[] parts = [(uint)degrees, 1, (uint)minutes, 1, (uint)seconds, 10000];
            for (var i = 0; i < parts.Length; i++) BinaryPrimitives.WriteUInt32LittleEndian(b.AsSpan(i * 4), parts[i]);
            return new(tag, Rational, 3, b);
        }

        var ifd0 = new List<Entry>
        {
            Text(0x010F, "ChibaCam"), Text(0x0110, "ChibaCam 1"), Number(0x0112, Short, orientation),
            Text(0x0132, "2026:11:25 09:30:00"), Number(0x8769, Long, 0),
        };
        var exif = new List<Entry> { Text(0x9003, "2026:11:25 09:30:00"), Text(0xA431, "SN-0042-TARO") };
        var gpsIfd = new List<Entry>
        {
            new(0x0000, Byte, 4, [2, 3, 0, 0]), Text(0x0001, "N"), Degrees(0x0002, Latitude), Text(0x0003, "E"), Degrees(0x0004, Longitude),
        };
        if (gps) ifd0.Add(Number(0x8825, Long, 0));

        var exifOffset = 8 + Size(ifd0);
        var gpsOffset = exifOffset + Size(exif);
        ifd0[4] = Number(0x8769, Long, (uint)exifOffset);
        if (gps) ifd0[5] = Number(0x8825, Long, (uint)gpsOffset);

        var tiff = new List<byte> { (byte)'I', (byte)'I', 0x2A, 0x00, 8, 0, 0, 0 };
        Write(tiff, ifd0);
        Write(tiff, exif);
        if (gps) Write(tiff, gpsIfd);
        return [.. tiff];
    }

    private static int Size(List<Entry> ifd) => 2 + 12 * ifd.Count + 4 + ifd.Where(e => e.Value.Length > 4).Sum(e => (e.Value.Length + 1) & ~1);

    private static void Write(List<byte> tiff, List<Entry> ifd)
    {
        var start = tiff.Count;
        var data = start + 2 + 12 * ifd.Count + 4;
        var tail = new List<byte>();
        var buffer = new byte[4];
        void Add16(int v) { BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)v); tiff.AddRange(buffer[..2]); }
        void Add32(long v) { BinaryPrimitives.WriteUInt32LittleEndian(buffer, (uint)v); tiff.AddRange(buffer); }
        Add16(ifd.Count);
        foreach (var e in ifd.OrderBy(e => e.Tag))
        {
            Add16(e.Tag); Add16(e.Type); Add32(e.Count);
            if (e.Value.Length <= 4)
                tiff.AddRange([.. e.Value, .. new byte[4 - e.Value.Length]]);
            else
            {
                Add32(data + tail.Count);
                tail.AddRange(e.Value);
                if (e.Value.Length % 2 == 1) tail.Add(0);
            }
        }
        Add32(0);
        tiff.AddRange(tail);
    }

    /// <summary>A 1x1 GIF: a format SkiaSharp decodes, but the portal does not accept.</summary>
    public static byte[] Gif() =>
    [
        .. "GIF89a"u8, 0x01, 0x00, 0x01, 0x00, 0x80, 0x00, 0x00, 0x00, 0x00, 0x00, 0xFF, 0xFF, 0xFF,
        0x21, 0xF9, 0x04, 0x01, 0x00, 0x00, 0x00, 0x00, 0x2C, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00,
        0x02, 0x02, 0x44, 0x01, 0x00, 0x3B,
    ];

    /// <summary>A 2x2, 24-bit BMP: decodable, but not accepted.</summary>
    public static byte[] Bmp()
    {
        var bmp = new byte[54 + 16];
        "BM"u8.CopyTo(bmp);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(2), bmp.Length);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(10), 54);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(14), 40);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 2);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 2);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(26), 1);
        BinaryPrimitives.WriteInt16LittleEndian(bmp.AsSpan(28), 24);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(34), 16);
        bmp.AsSpan(54).Fill(0x80);
        return bmp;
    }

    /// <summary>
    /// A PNG whose header claims width x height, followed by a few bytes of compressed data that decode to
    /// far fewer rows: only a header check can refuse it without touching the pixels.
    /// </summary>
    public static byte[] PngClaiming(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        byte[] idat = [0x78, 0x9C, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01]; // zlib: a single zero byte
        return [0x89, .. "PNG\r\n"u8, 0x1A, (byte)'\n', .. Chunk("IHDR", header), .. Chunk("IDAT", idat), .. Chunk("IEND", [])];
    }

    private static byte[] Chunk(string type, byte[] data)
    {
        byte[] typeAndData = [.. Encoding.ASCII.GetBytes(type), .. data];
        var chunk = new byte[12 + data.Length];
        BinaryPrimitives.WriteInt32BigEndian(chunk, data.Length);
        typeAndData.CopyTo(chunk, 4);
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + data.Length), Crc32(typeAndData));
        return chunk;
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++) crc = (crc & 1) != 0 ? 0xEDB88320u ^ (crc >> 1) : crc >> 1;
        }
        return ~crc;
    }

    /// <summary>A real small JPEG whose frame header (SOF) is rewritten to claim width x height.</summary>
    public static byte[] JpegClaiming(int width, int height)
    {
        using var bitmap = Plain(64, 48, Green);
        var jpeg = Jpeg(bitmap);
        for (var i = 2; i < jpeg.Length - 8; i++)
        {
            if (jpeg[i] == 0xFF && jpeg[i + 1] is 0xC0 or 0xC1 or 0xC2)
            {
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 5), checked((ushort)height));
                BinaryPrimitives.WriteUInt16BigEndian(jpeg.AsSpan(i + 7), checked((ushort)width));
                return jpeg;
            }
        }
        throw new InvalidOperationException("No frame header found.");
    }

    private static byte[] Bytes(SKData? data) => data?.ToArray() ?? throw new InvalidOperationException("SkiaSharp could not encode the test image.");

    /// <summary>Decodes an output for inspection.</summary>
    public static SKBitmap Decode(byte[] image) => SKBitmap.Decode(image) ?? throw new InvalidOperationException("Not an image.");
}
