using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Reports.Supporters;
using Portal.Core.Time;
using Portal.Web.Shell;

namespace Portal.Web.Reports.Supporters;

/// <summary>How a supporter task reads on the pages: its status and its day and hours in Japan time.</summary>
public static class SupporterText
{
    public static string Status(this IStringLocalizer l, SupporterTaskStatus status) => l["Supporters_Status_" + status];

    /// <summary>"2026年11月28日(土) 10:00 – 12:00": the start in full, the end as a time (or in full when on another day).</summary>
    public static string When(SupporterTask task)
    {
        var start = JapanTime.ToJapan(task.StartUtc);
        var end = JapanTime.ToJapan(task.EndUtc);
        var endText = start.Date == end.Date ? end.ToString("H:mm", CultureInfo.CurrentCulture) : LocalTime.FormatLong(task.EndUtc);
        return $"{LocalTime.FormatLong(task.StartUtc)} – {endText}";
    }
}
