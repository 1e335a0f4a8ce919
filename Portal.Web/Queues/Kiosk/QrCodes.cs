using QRCoder;

namespace Portal.Web.Queues.Kiosk;

/// <summary>QR codes for the kiosk's tickets, as SVG so they print sharp on a receipt printer.</summary>
public static class QrCodes
{
    public static string Svg(string text, int pixelsPerModule = 6)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        return new SvgQRCode(data).GetGraphic(pixelsPerModule);
    }
}
