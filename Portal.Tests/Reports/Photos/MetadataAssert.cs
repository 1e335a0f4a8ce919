using System.Buffers.Binary;
using MetadataExtractor;
using MetadataExtractor.Formats.Exif;
using MetadataExtractor.Formats.FileType;
using MetadataExtractor.Formats.Icc;
using MetadataExtractor.Formats.Iptc;
using MetadataExtractor.Formats.Jfif;
using MetadataExtractor.Formats.Jpeg;
using MetadataExtractor.Formats.Photoshop;
using MetadataExtractor.Formats.Xmp;
using Directory = MetadataExtractor.Directory;

namespace Portal.Tests.Reports.Photos;

/// <summary>Reads a JPEG the way anyone downloading it could, and finds no metadata in it.</summary>
internal static class MetadataAssert
{
    /// <summary>What every JPEG has: its frame, JFIF header and Huffman tables, and the file type itself.</summary>
    private static readonly Type[] Structural = [typeof(JpegDirectory), typeof(JfifDirectory), typeof(HuffmanTablesDirectory), typeof(FileTypeDirectory)];

    public static IReadOnlyList<Directory> Read(byte[] image)
    {
        using var stream = new MemoryStream(image);
        return ImageMetadataReader.ReadMetadata(stream);
    }

    public static void HasNone(byte[] jpeg)
    {
        var directories = Read(jpeg);
        Assert.Empty(directories.OfType<ExifIfd0Directory>());
        Assert.Empty(directories.OfType<ExifSubIfdDirectory>());
        Assert.Empty(directories.OfType<GpsDirectory>());
        Assert.Empty(directories.OfType<XmpDirectory>());
        Assert.Empty(directories.OfType<IccDirectory>());
        Assert.Empty(directories.OfType<IptcDirectory>());
        Assert.Empty(directories.OfType<PhotoshopDirectory>());
        Assert.Empty(directories.OfType<JpegCommentDirectory>());
        Assert.Empty(directories.Where(d => !Structural.Contains(d.GetType())).Select(d => d.Name));
        Assert.Contains(directories, d => d is JpegDirectory);

        // And in the raw bytes, in case a reader skipped something.
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("Exif\0\0"u8));
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("http://ns.adobe.com/xap"u8));
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("ICC_PROFILE"u8));
        Assert.Equal(-1, jpeg.AsSpan().IndexOf("Photoshop 3.0"u8));
        Assert.Empty(HeaderSegments(jpeg).Where(s => !IsStructural(s.Marker, s.Payload)).Select(s => $"FF{s.Marker:X2}"));
    }

    /// <summary>JFIF APP0, quantisation and Huffman tables, frame headers and restart interval: nothing else may precede the scan.</summary>
    private static bool IsStructural(byte marker, byte[] payload) => marker switch
    {
        0xE0 => payload.AsSpan().StartsWith("JFIF\0"u8),
        0xDB or 0xC4 or 0xDD => true,
        >= 0xC0 and <= 0xCF => marker is not (0xC4 or 0xC8 or 0xCC),
        _ => false,
    };

    /// <summary>The segments between the start-of-image marker and the first scan.</summary>
    public static IEnumerable<(byte Marker, byte[] Payload)> HeaderSegments(byte[] jpeg)
    {
        Assert.True(jpeg is [0xFF, 0xD8, ..], "Not a JPEG.");
        var i = 2;
        while (i + 4 <= jpeg.Length)
        {
            Assert.Equal(0xFF, jpeg[i]);
            var marker = jpeg[i + 1];
            if (marker == 0xDA)
                yield break;
            var length = BinaryPrimitives.ReadUInt16BigEndian(jpeg.AsSpan(i + 2));
            yield return (marker, jpeg[(i + 4)..(i + 2 + length)]);
            i += 2 + length;
        }
        Assert.Fail("No scan found.");
    }
}
