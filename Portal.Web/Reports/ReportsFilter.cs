using System.Globalization;
using Portal.Core.Reports;
using Portal.Core.Time;

namespace Portal.Web.Reports;

/// <summary>
/// The public list's filters, as its GET form sends them: the list page (static) and its map's markers
/// (<see cref="Map.ReportMarkers"/>) read the same query, so the two always show the same reports. A value the form
/// would not send (an old link, a hand-typed address) filters nothing rather than failing. Days are Japan days; "to"
/// includes its whole day.
/// </summary>
public sealed record ReportsFilter(string? Category, PublicStatus? Status, string? Ward, DateOnly? From, DateOnly? To, string? Theme = null)
{
    public static ReportsFilter Parse(string? category, string? status, string? ward, string? from, string? to, string? theme = null) => new(
        string.IsNullOrWhiteSpace(category) ? null : category,
        Enum.TryParse<PublicStatus>(status, out var s) && Enum.IsDefined(s) ? s : null,
        string.IsNullOrWhiteSpace(ward) ? null : ward,
        ParseDay(from),
        ParseDay(to),
        string.IsNullOrWhiteSpace(theme) ? null : theme);

    public bool Any => Category is not null || Status is not null || Ward is not null || From is not null || To is not null || Theme is not null;

    public ReportFilter Page(int skip, int take) => new(Category, null, Status, Ward,
        From is { } f ? JapanTime.StartOfDayUtc(f) : null,
        To is { } t ? JapanTime.StartOfDayUtc(t.AddDays(1)) : null,
        null, skip, take, Theme);

    /// <summary>The query string's values, by the names the form sends (empty ones left out of a URL).</summary>
    public Dictionary<string, object?> Query() => new()
    {
        ["category"] = Category, ["status"] = Status?.ToString(), ["ward"] = Ward, ["from"] = Day(From), ["to"] = Day(To), ["theme"] = Theme,
    };

    public static string? Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static DateOnly? ParseDay(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;
}
