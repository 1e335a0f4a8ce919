using Portal.Core.Reports.Photos;

namespace Portal.Tests.Reports.Photos;

/// <summary>Formats are recognised by their first bytes, the only evidence an upload cannot fake cheaply.</summary>
public sealed class PhotoFormatsTests
{
    [Theory]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, PhotoFormat.Jpeg)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, PhotoFormat.Png)]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50, 0x56 }, PhotoFormat.Webp)]
    public void Accepted_formats_are_recognised_by_their_magic_number(byte[] header, PhotoFormat expected)
    {
        Assert.Equal(expected, PhotoFormats.Detect(header));
    }

    [Theory]
    [InlineData(new byte[] { })]
    [InlineData(new byte[] { 0xFF, 0xD8 })]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 })] // GIF89a
    [InlineData(new byte[] { 0x42, 0x4D, 0, 0 })] // BMP
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x41, 0x56, 0x45 })] // RIFF WAVE
    [InlineData(new byte[] { 0, 0, 0, 0x18, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63 })] // HEIC
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46 })] // %PDF
    public void Anything_else_is_not_recognised(byte[] header)
    {
        Assert.Null(PhotoFormats.Detect(header));
    }
}
