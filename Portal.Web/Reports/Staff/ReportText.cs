using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Rules;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Web.Reports.Staff;

/// <summary>The localized names of the report enums, categories and wards, shared by the back-office report pages.</summary>
public static class ReportText
{
    public static string Status(this IStringLocalizer l, ReportStatus status) => l["ReportStatus_" + status];
    public static string Public(this IStringLocalizer l, PublicStatus status) => l["PublicStatus_" + status];
    public static string FieldName(this IStringLocalizer l, ReportField field) => l["ReportField_" + field];
    public static string KindName(this IStringLocalizer l, ReportKind kind) => l["ReportKind_" + kind];
    public static string UpdateKind(this IStringLocalizer l, ReportUpdateKind kind) => l["ReportUpdateKind_" + kind];

    /// <summary>The public response offered when staff move a report to this state; they may edit it before sending.</summary>
    public static string Template(this IStringLocalizer l, ReportStatus to) => l["Reports_Template_" + to];

    public static string CategoryName(IReadOnlyDictionary<string, ReportCategory> categories, string code) =>
        categories.TryGetValue(code, out var c) ? c.Name.Text() : code;

    public static string WardName(IReadOnlyList<WardOffice> offices, string? id) =>
        offices.FirstOrDefault(o => o.Id == id)?.Name.Text() ?? id ?? "-";

    /// <summary>Whole days since the report came in.</summary>
    public static int AgeInDays(Report report, DateTimeOffset now) => Math.Max(0, (int)(now - report.CreatedUtc).TotalDays);

    /// <summary>A link to the place on OpenStreetMap, beside the page's own map, for a larger view.</summary>
    public static string MapLink(Report report)
    {
        var lat = report.Location.Latitude.ToString("0.######", CultureInfo.InvariantCulture);
        var lon = report.Location.Longitude.ToString("0.######", CultureInfo.InvariantCulture);
        return $"https://www.openstreetmap.org/?mlat={lat}&mlon={lon}#map=18/{lat}/{lon}";
    }
}
