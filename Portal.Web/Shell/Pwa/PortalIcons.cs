using SkiaSharp;

namespace Portal.Web.Shell.Pwa;

/// <summary>
/// The portal's app icons, drawn in code so that they can be drawn again at any size: the city blue with a white
/// 千 made of three strokes (the favicon's character), and one sign for each shortcut. The PNGs in wwwroot/icons are
/// this class's output (<c>dotnet run --project Portal.Web -- icons</c>); a test keeps them the same.
/// </summary>
public static class PortalIcons
{
    public static readonly SKColor Blue = SKColor.Parse("#00589c");
    public static readonly SKColor White = SKColors.White;

    /// <summary>
    /// Launchers cut a maskable icon to a shape of their own, keeping at least the circle of 40 % of the icon's size
    /// around its centre (the W3C safe zone); everything drawn on a maskable icon stays inside it.
    /// </summary>
    public const float SafeZoneRadius = 0.4f;

    public enum Kind { Any, Maskable, Apple, ReportShortcut, QueueShortcut, ForYouShortcut }

    /// <summary>Each file in wwwroot/icons: its name, its size in pixels and what it shows.</summary>
    public static readonly IReadOnlyList<(string File, int Size, Kind Kind)> Files =
    [
        ("icon-192.png", 192, Kind.Any),
        ("icon-512.png", 512, Kind.Any),
        ("icon-maskable-192.png", 192, Kind.Maskable),
        ("icon-maskable-512.png", 512, Kind.Maskable),
        ("apple-touch-icon.png", 180, Kind.Apple),
        ("shortcut-report.png", 192, Kind.ReportShortcut),
        ("shortcut-queue.png", 192, Kind.QueueShortcut),
        ("shortcut-for-you.png", 192, Kind.ForYouShortcut),
    ];

    /// <summary>Writes every icon into <paramref name="folder"/> (the command behind <c>-- icons</c>).</summary>
    public static int WriteAll(string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var (file, size, kind) in Files)
        {
            File.WriteAllBytes(Path.Combine(folder, file), Png(kind, size));
            Console.WriteLine($"{file} ({size}x{size})");
        }
        return 0;
    }

    public static byte[] Png(Kind kind, int size)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(size, size, SKColorType.Rgba8888, SKAlphaType.Premul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            canvas.Scale(size);
            Draw(canvas, kind);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>Draws on a canvas scaled to a unit square.</summary>
    private static void Draw(SKCanvas canvas, Kind kind)
    {
        using var fill = Fill(Blue);
        if (kind == Kind.Any)
            canvas.DrawRoundRect(0, 0, 1, 1, 0.2f, 0.2f, fill); // the launcher shows it as it is: a rounded square
        else
            canvas.DrawRect(0, 0, 1, 1, fill); // full bleed: the launcher or iOS cuts the shape

        switch (kind)
        {
            case Kind.Any: Sen(canvas, 0.18f, 0.64f); break;
            case Kind.Maskable: Sen(canvas, 0.22f, 0.56f); break;
            case Kind.Apple: Sen(canvas, 0.2f, 0.6f); break;
            case Kind.ReportShortcut: Pin(canvas); break;
            case Kind.QueueShortcut: Ticket(canvas); break;
            case Kind.ForYouShortcut: Heart(canvas); break;
        }
    }

    private static SKPaint Fill(SKColor color) => new() { IsAntialias = true, Style = SKPaintStyle.Fill, Color = color };

    private static SKPaint Stroke(float width, SKColor color) => new()
    {
        IsAntialias = true, Style = SKPaintStyle.Stroke, StrokeWidth = width, StrokeCap = SKStrokeCap.Round, Color = color,
    };

    /// <summary>千 in three strokes (the falling stroke, the bar, the stem) within the square at (at, at) of side <paramref name="side"/>.</summary>
    private static void Sen(SKCanvas canvas, float at, float side)
    {
        using var paint = Stroke(0.13f * side, White);
        SKPoint P(float x, float y) => new(at + x * side, at + y * side);
        using var falling = new SKPathBuilder();
        falling.MoveTo(P(0.78f, 0.1f));
        falling.QuadTo(P(0.5f, 0.22f), P(0.22f, 0.26f));
        using (var path = falling.Detach()) canvas.DrawPath(path, paint);
        canvas.DrawLine(P(0.1f, 0.52f), P(0.9f, 0.52f), paint);
        canvas.DrawLine(P(0.5f, 0.22f), P(0.5f, 0.92f), paint);
    }

    /// <summary>Report a problem: a map pin with an exclamation mark.</summary>
    private static void Pin(SKCanvas canvas)
    {
        using var white = Fill(White);
        canvas.DrawCircle(0.5f, 0.42f, 0.2f, white);
        using var point = new SKPathBuilder();
        point.MoveTo(0.33f, 0.52f);
        point.LineTo(0.5f, 0.8f);
        point.LineTo(0.67f, 0.52f);
        point.Close();
        using (var path = point.Detach()) canvas.DrawPath(path, white);
        using var mark = Stroke(0.05f, Blue);
        canvas.DrawLine(0.5f, 0.32f, 0.5f, 0.43f, mark);
        using var dot = Fill(Blue);
        canvas.DrawCircle(0.5f, 0.52f, 0.028f, dot);
    }

    /// <summary>The queue: a numbered ticket with notches and a perforation.</summary>
    private static void Ticket(SKCanvas canvas)
    {
        using var white = Fill(White);
        using var blue = Fill(Blue);
        canvas.DrawRoundRect(0.2f, 0.32f, 0.6f, 0.36f, 0.04f, 0.04f, white);
        canvas.DrawCircle(0.2f, 0.5f, 0.055f, blue);
        canvas.DrawCircle(0.8f, 0.5f, 0.055f, blue);
        using var perforation = Stroke(0.018f, Blue);
        for (var y = 0.36f; y < 0.66f; y += 0.06f) canvas.DrawLine(0.64f, y, 0.64f, y + 0.025f, perforation);
        using var number = Stroke(0.045f, Blue);
        canvas.DrawLine(0.32f, 0.44f, 0.52f, 0.44f, number);
        canvas.DrawLine(0.32f, 0.56f, 0.46f, 0.56f, number);
    }

    /// <summary>For You: a heart.</summary>
    private static void Heart(SKCanvas canvas)
    {
        using var white = Fill(White);
        using var heart = new SKPathBuilder();
        heart.MoveTo(0.5f, 0.76f);
        heart.CubicTo(0.18f, 0.56f, 0.2f, 0.3f, 0.36f, 0.29f);
        heart.CubicTo(0.44f, 0.28f, 0.49f, 0.33f, 0.5f, 0.38f);
        heart.CubicTo(0.51f, 0.33f, 0.56f, 0.28f, 0.64f, 0.29f);
        heart.CubicTo(0.8f, 0.3f, 0.82f, 0.56f, 0.5f, 0.76f);
        heart.Close();
        using (var path = heart.Detach()) canvas.DrawPath(path, white);
    }
}
