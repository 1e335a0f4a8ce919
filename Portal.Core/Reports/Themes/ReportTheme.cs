using Portal.Core.Geography;
using Portal.Core.Languages;
using Portal.Core.Time;

namespace Portal.Core.Reports.Themes;

/// <summary>A circle on the map: a theme about one park, one school's routes, one river bank.</summary>
public readonly record struct ThemeCircle(GeoPoint Centre, int RadiusMeters)
{
    public bool Contains(GeoPoint point) => Centre.DistanceTo(point) <= RadiusMeters;
}

/// <summary>
/// Where a theme takes reports: in one of its wards (none named: the whole city) and, when it has one, inside its circle.
/// A ward is the ward the portal places a report in (<see cref="IWardLocator"/>), so the check and the staff inbox agree.
/// </summary>
public sealed record ThemeArea(IReadOnlyList<string> WardIds, ThemeCircle? Circle)
{
    public static ThemeArea WholeCity { get; } = new([], null);

    public bool Contains(GeoPoint point, string wardId) =>
        CityArea.Contains(point)
        && (WardIds.Count == 0 || WardIds.Contains(wardId, StringComparer.Ordinal))
        && (Circle is not { } circle || circle.Contains(point));
}

public static class ThemeErrors
{
    public const string Unknown = "Themes_Error_Unknown";
    public const string NotOpenYet = "Themes_Error_NotOpenYet";
    public const string Closed = "Themes_Error_Closed";
    public const string OutsideArea = "Themes_Error_OutsideArea";
    public const string CategoryNotInTheme = "Themes_Error_CategoryNotInTheme";
    public const string AlreadyClosed = "Themes_Error_AlreadyClosed";
}

/// <summary>
/// テーマレポート: the city asks residents, for a period, to report something specific (「通学路の危険箇所」,
/// 「倒木・落枝（台風後）」) in some categories and somewhere in the city. The period is Japan days: open from the start of
/// <see cref="StartDate"/> (00:00 Japan time) to the end of <see cref="EndDate"/> (24:00), unless an administrator closed it
/// early (<see cref="ClosedUtc"/>). Its code goes into links (/reports/themes/{code}) and stays once made.
/// </summary>
public sealed record ReportTheme(
    string Code,
    LocalizedText Title,
    LocalizedText Prompt,
    LocalizedText? Cover,
    DateOnly StartDate,
    DateOnly EndDate,
    IReadOnlyList<string> CategoryCodes,
    ThemeArea Area,
    DateTimeOffset? ClosedUtc = null)
{
    /// <summary>When it opens: 00:00 Japan time on its first day.</summary>
    public DateTimeOffset OpensUtc => JapanTime.StartOfDayUtc(StartDate);

    /// <summary>When it ends: 24:00 Japan time on its last day, or the moment an administrator closed it, if earlier.</summary>
    public DateTimeOffset EndsUtc
    {
        get
        {
            var end = JapanTime.StartOfDayUtc(EndDate.AddDays(1));
            return ClosedUtc is { } closed && closed < end ? closed : end;
        }
    }

    public bool IsOpen(DateTimeOffset now) => now >= OpensUtc && now < EndsUtc;

    /// <summary>Shown on the public pages: open now, or over (its reports stay visible); not before it opens.</summary>
    public bool IsPublic(DateTimeOffset now) => now >= OpensUtc;

    public bool Accepts(string categoryCode) => CategoryCodes.Contains(categoryCode, StringComparer.Ordinal);

    /// <summary>
    /// Why a report cannot go into this theme now, as a message key; null when it can: the theme is open, the category one
    /// it asks for, the place in its area (<paramref name="wardId"/> the ward the portal places it in).
    /// </summary>
    public string? Refusal(DateTimeOffset now, string categoryCode, GeoPoint location, string wardId) =>
        now < OpensUtc ? ThemeErrors.NotOpenYet
        : now >= EndsUtc ? ThemeErrors.Closed
        : !Accepts(categoryCode) ? ThemeErrors.CategoryNotInTheme
        : !Area.Contains(location, wardId) ? ThemeErrors.OutsideArea
        : null;
}

public interface IReportThemeRepository
{
    /// <summary>ReportTheme_ReadAll: every theme, the latest to start first.</summary>
    Task<IReadOnlyList<ReportTheme>> ListAsync(CancellationToken ct);

    Task<ReportTheme?> GetAsync(string code, CancellationToken ct);

    /// <summary>ReportTheme_Save: adds the theme or replaces the one with its code.</summary>
    Task SaveAsync(ReportTheme theme, DateTimeOffset now, CancellationToken ct);
}
