using BenchmarkDotNet.Attributes;
using Portal.Core.Reports.Photos;
using Portal.Web.Reports.Photos;

namespace Portal.Bench.Reports.Photos;

/// <summary>
/// The photo pipeline on what a resident's phone sends: a 12-megapixel JPEG. Target: under 400 ms per photo
/// on the 2-core production machine, so a report with three photos is ready in about a second. The same at
/// 1.2 and 36 megapixels shows how the cost grows with the picture (ten times fewer pixels, and three times
/// more: ten times more would pass the 40-megapixel limit and be refused before decoding).
/// </summary>
[MemoryDiagnoser]
[MedianColumn, MinColumn, MaxColumn]
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class PhotoBenchmarks
{
    private readonly SkiaPhotoProcessor _processor = new();
    private byte[] _original = [];
    private byte[] _display = [];
    private readonly RedactionBox[] _plate = [new(0.4, 0.7, 0.2, 0.08)];

    [Params(1.2, 12.0, 36.0)]
    public double Megapixels { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _original = BenchPhotos.JpegOfMegapixels(Megapixels);
        var result = _processor.ProcessAsync(new MemoryStream(_original)).GetAwaiter().GetResult();
        _display = result.Photo?.Display ?? throw new InvalidOperationException($"The benchmark photo was refused: {result.Problem}.");
    }

    /// <summary>Read, check, decode, rotate, resize, encode display and thumbnail, read GPS.</summary>
    [Benchmark]
    public async Task<ProcessedPhoto?> ProcessPhoneJpeg() =>
        (await _processor.ProcessAsync(new MemoryStream(_original, writable: false))).Photo;

    /// <summary>Black out a number plate on the display image (2048 x 1536 from 12 and 36 megapixels; 1280 x 960 from 1.2).</summary>
    [Benchmark]
    public Task<byte[]> RedactDisplayPhoto() => _processor.RedactAsync(_display, _plate);
}
