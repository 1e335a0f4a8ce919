using System.Globalization;
using Portal.Core.Time;

namespace Portal.Web.Shell;

/// <summary>Shows stored UTC instants in Japan time, in the format of the reader's language.</summary>
public static class LocalTime
{
    public static string Format(DateTimeOffset utc) =>
        JapanTime.ToJapan(utc).ToString("g", CultureInfo.CurrentCulture);

    public static string FormatLong(DateTimeOffset utc) =>
        JapanTime.ToJapan(utc).ToString(CultureInfo.CurrentCulture.TwoLetterISOLanguageName == "ja" ? "yyyy年M月d日(ddd) H:mm" : "ddd d MMM yyyy, H:mm", CultureInfo.CurrentCulture);
}
