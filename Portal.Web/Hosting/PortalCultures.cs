using System.Globalization;

namespace Portal.Web.Hosting;

/// <summary>Japanese first, English complete.</summary>
public static class PortalCultures
{
    public const string Japanese = "ja";
    public const string English = "en";
    public static readonly string[] All = [Japanese, English];

    public static bool IsSupported(string? culture) => culture is Japanese or English;

    public static bool IsJapanese => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == Japanese;
}
