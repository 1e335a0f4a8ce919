using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Localization;
using Portal.Core.Reports.Themes;
using Portal.Core.Time;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Web.Reports.Themes;

/// <summary>How pages write a theme's period and state, in the reader's language.</summary>
public static class ThemeText
{
    /// <summary>Its Japan days, first and last: 「2026年12月1日 ～ 2026年12月31日」; closed early, the day it closed is the last.</summary>
    public static MarkupString Period(IStringLocalizer l, ReportTheme theme) =>
        l.Html("Themes_Period", Day(theme.StartDate), Day(LastDay(theme)));

    public static DateOnly LastDay(ReportTheme theme) =>
        theme.ClosedUtc is { } closed && closed < JapanTime.StartOfDayUtc(theme.EndDate.AddDays(1))
            ? DateOnly.FromDateTime(JapanTime.ToJapan(closed).DateTime)
            : theme.EndDate;

    public static string Day(DateOnly day) => day.ToString(DateShapes.Day(CultureInfo.CurrentCulture), CultureInfo.CurrentCulture);

    /// <summary>"Open", "Closed" or "Not open yet": the message key of the theme's state now.</summary>
    public static string StateKey(ReportTheme theme, DateTimeOffset now) =>
        theme.IsOpen(now) ? "Themes_StateOpen" : now < theme.OpensUtc ? "Themes_StateUpcoming" : "Themes_StateClosed";
}
