using Portal.Core.Reports;
using SkiaSharp;

namespace Portal.Web.Hosting;

/// <summary>Pictures for demo reports, drawn in code: a scene per field with the problem marked in it.</summary>
public static class DemoImages
{
    public static byte[] Draw(ReportField field, int seed)
    {
        var random = new Random(seed);
        const int width = 960, height = 720;
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Opaque));
        using var canvas = new SKCanvas(bitmap);
        using var paint = new SKPaint { IsAntialias = true };

        // Sky and ground.
        paint.Shader = SKShader.CreateLinearGradient(new SKPoint(0, 0), new SKPoint(0, height / 2f),
            [new SKColor(135, 190, 235), new SKColor(210, 230, 245)], SKShaderTileMode.Clamp);
        canvas.DrawRect(0, 0, width, height / 2f, paint);
        paint.Shader = null;
        paint.Color = field switch
        {
            ReportField.Road => new SKColor(95, 95, 100),
            ReportField.Park => new SKColor(90, 150, 70),
            ReportField.Litter => new SKColor(150, 135, 100),
            _ => new SKColor(170, 165, 160),
        };
        canvas.DrawRect(0, height / 2f, width, height / 2f, paint);

        // Some texture so that the image is not flat.
        for (var i = 0; i < 400; i++)
        {
            paint.Color = new SKColor((byte)random.Next(60, 200), (byte)random.Next(60, 200), (byte)random.Next(60, 200), 40);
            canvas.DrawCircle(random.Next(width), height / 2f + random.Next(height / 2), random.Next(2, 10), paint);
        }

        // The problem itself.
        paint.Color = field switch
        {
            ReportField.Road => new SKColor(35, 30, 30),
            ReportField.Park => new SKColor(140, 90, 40),
            ReportField.Litter => new SKColor(60, 60, 70),
            _ => new SKColor(200, 40, 120),
        };
        var cx = width / 2f + random.Next(-150, 150);
        var cy = height * 0.72f + random.Next(-40, 40);
        switch (field)
        {
            case ReportField.Road:
                canvas.DrawOval(cx, cy, random.Next(70, 140), random.Next(25, 50), paint);
                break;
            case ReportField.Park:
                canvas.DrawRect(cx - 120, cy - 20, 240, 22, paint);
                canvas.DrawRect(cx - 110, cy, 14, 60, paint);
                canvas.DrawRect(cx + 96, cy, 14, 60, paint);
                break;
            case ReportField.Litter:
                for (var i = 0; i < 6; i++) canvas.DrawRect(cx + random.Next(-150, 150), cy + random.Next(-40, 40), random.Next(40, 90), random.Next(30, 70), paint);
                break;
            default:
                paint.Style = SKPaintStyle.Stroke;
                paint.StrokeWidth = 14;
                for (var i = 0; i < 5; i++)
                    canvas.DrawLine(cx - 200 + i * 80, cy + (i % 2 == 0 ? -120 : 40), cx - 120 + i * 80, cy + (i % 2 == 0 ? 40 : -120), paint);
                break;
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
