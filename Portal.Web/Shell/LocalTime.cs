using System.Globalization;
using Portal.Core.Time;

namespace Portal.Web.Shell;

/// <summary>Shows stored UTC instants in Japan time, in the format of the reader's language.</summary>
public static class LocalTime
{
    public static string Format(DateTimeOffset utc) =>
        JapanTime.ToJapan(utc).ToString("g", CultureInfo.CurrentCulture);

    /// <summary>A date with its weekday and the time: 2026年12月7日(月) 9:30, Mon 7 Dec 2026, 9:30, 2026년 12월 7일 월요일 오전 9:30.</summary>
    public static string FormatLong(DateTimeOffset utc) =>
        JapanTime.ToJapan(utc).ToString(DateShapes.LongDateTime(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);
}

/// <summary>
/// The shapes dates take in a reader's language. Japanese (easy Japanese too) and English keep the shapes the portal was
/// designed with; every other language writes dates with its own culture's patterns (ICU's CLDR data), so Chinese,
/// Korean, Vietnamese and any language added later read dates as their readers write them, not in an English shape.
/// </summary>
public static class DateShapes
{
    /// <summary>Date with weekday, and time.</summary>
    public static string LongDateTime(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "ja" => "yyyy年M月d日(ddd) H:mm",
        "en" => "ddd d MMM yyyy, H:mm",
        _ => $"{culture.DateTimeFormat.LongDatePattern} {culture.DateTimeFormat.ShortTimePattern}",
    };

    /// <summary>A day, written out: 2026年12月7日, 7 Dec 2026, 2026年12月7日星期一 (zh), 2026년 12월 7일 월요일, Thứ Hai, 7 tháng 12, 2026.</summary>
    public static string Day(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "ja" => "yyyy年M月d日",
        "en" => "d MMM yyyy",
        _ => culture.DateTimeFormat.LongDatePattern,
    };

    /// <summary>A date and time in short: 2026/12/07 09:30, 7 Dec 2026 09:30, 07/12/2026 09:30 (vi).</summary>
    public static string ShortDateTime(CultureInfo culture) => culture.TwoLetterISOLanguageName switch
    {
        "ja" => "yyyy/MM/dd HH:mm",
        "en" => "d MMM yyyy HH:mm",
        _ => $"{culture.DateTimeFormat.ShortDatePattern} {culture.DateTimeFormat.ShortTimePattern}",
    };
}
