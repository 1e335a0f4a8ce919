using SkiaSharp;

namespace Portal.Bench.Reports.Photos;

/// <summary>Photo-like test content: smooth light, edges and sensor noise, so JPEG cannot compress it to nothing.</summary>
internal static class BenchPhotos
{
    /// <summary>A 4000 x 3000 (12-megapixel) JPEG at quality 90, the size a phone camera produces, about 4.5 MB.</summary>
    public static byte[] Jpeg12Megapixels(int seed = 2014) => Jpeg(4000, 3000, seed);

    /// <summary>A 4:3 JPEG of about the given number of megapixels (1.2 = 1280 x 960, 36 = 6928 x 5196).</summary>
    public static byte[] JpegOfMegapixels(double megapixels, int seed = 2014)
    {
        var width = (int)Math.Round(Math.Sqrt(megapixels * 1e6 * 4 / 3) / 16) * 16;
        return Jpeg(width, width * 3 / 4, seed);
    }

    /// <summary>A JPEG at quality 90 of the given size.</summary>
    public static byte[] Jpeg(int width, int height, int seed = 2014)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = (y * width + x) * 4;
                // Sky above, road below, a kerb line and some blocks: gradients and edges.
                var road = y > height * 0.55;
                var block = (x / 250 + y / 250) % 3 == 0 && !road;
                double r = road ? 90 + 20 * Math.Sin(x * 0.01) : 120 + 100.0 * y / height;
                double g = road ? 90 : 150 + 60.0 * x / width;
                double b = road ? 95 : 220 - 80.0 * y / height;
                if (block) (r, g, b) = (180 + 30 * Math.Cos(y * 0.05), 120, 80);
                if (Math.Abs(y - height * 0.55) < 12) (r, g, b) = (235, 235, 225);
                var noise = random.Next(-18, 19);
                pixels[i] = Clamp(r + noise);
                pixels[i + 1] = Clamp(g + noise + random.Next(-6, 7));
                pixels[i + 2] = Clamp(b + noise + random.Next(-6, 7));
                pixels[i + 3] = 255;
            }
        }
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var pixmap = bitmap.PeekPixels();
        using var data = pixmap.Encode(new SKJpegEncoderOptions(90, SKJpegEncoderDownsample.Downsample420, SKJpegEncoderAlphaOption.Ignore))
            ?? throw new InvalidOperationException("SkiaSharp could not encode the benchmark photo.");
        return data.ToArray();
    }

    private static byte Clamp(double value) => (byte)Math.Clamp(Math.Round(value), 0, 255);
}
