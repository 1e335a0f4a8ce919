using Portal.Core.Audit;
using Portal.Core.Accounts;
using Portal.Core.Time;
using Portal.Core.Rules;

namespace Portal.Core.Reports.Statistics;

/// <summary>Reports created in [FromUtc, ToUtc), of one ward or all.</summary>
public sealed record StatisticsQuery(DateTimeOffset FromUtc, DateTimeOffset ToUtc, string? WardId = null)
{
    /// <summary>From the start of the first Japan day to the end of the last one.</summary>
    public static StatisticsQuery ForJapanDays(DateOnly first, DateOnly last, string? wardId = null) =>
        new(JapanTime.StartOfDayUtc(first), JapanTime.StartOfDayUtc(last.AddDays(1)), wardId);

    /// <summary>Unless staff choose otherwise: this month and the eleven before it, up to today.</summary>
    public static (DateOnly First, DateOnly Last) DefaultDays(DateOnly today) =>
        (new DateOnly(today.Year, today.Month, 1).AddMonths(-11), today);
}

public sealed record CountBy(string Key, int Count);

/// <summary>When a report came in, when the city first answered and when it was fixed.</summary>
public sealed record ResponseTimes(DateTimeOffset CreatedUtc, DateTimeOffset? FirstResponseUtc, DateTimeOffset? FixedUtc);

/// <summary>
/// What the database counts: by category, by staff status, by ward and by Japan month ("yyyy-MM"); and the residents'
/// answers to "is it fixed?" about those reports, by answer (<see cref="FollowUpAnswer"/>).
/// </summary>
public sealed record ReportCounts(
    IReadOnlyList<CountBy> ByCategory,
    IReadOnlyList<CountBy> ByStatus,
    IReadOnlyList<CountBy> ByWard,
    IReadOnlyList<CountBy> ByMonth,
    IReadOnlyList<ResponseTimes> Responses,
    IReadOnlyList<CountBy>? FollowUps = null,
    IReadOnlyList<ThemeCount>? ByTheme = null);

/// <summary>How many of a theme's reports are in one staff status and category.</summary>
public sealed record ThemeCount(string ThemeCode, string Status, string CategoryCode, int Count);

/// <summary>A theme's figures (テーマレポート): its reports in all, by public status (every one, zero too) and by category.</summary>
public sealed record ThemeStatistics(
    string ThemeCode,
    int Total,
    IReadOnlyList<(PublicStatus Status, int Count)> ByPublicStatus,
    IReadOnlyList<CountBy> ByCategory);

public interface IReportStatisticsRepository
{
    /// <summary>Counts over every report in the query except those the reporter withdrew.</summary>
    Task<ReportCounts> CountAsync(StatisticsQuery query, CancellationToken ct);
}

/// <summary>
/// The statistics staff see: counts sorted for reading, every month of the period, median times, and how many
/// residents answered "is it fixed?" with yes (<paramref name="ConfirmedFixed"/>) or no about those reports.
/// </summary>
public sealed record ReportStatistics(
    int Total,
    IReadOnlyList<CountBy> ByCategory,
    IReadOnlyList<(PublicStatus Status, int Count)> ByPublicStatus,
    IReadOnlyList<CountBy> ByWard,
    IReadOnlyList<CountBy> ByMonth,
    double? MedianDaysToFirstResponse,
    double? MedianDaysToFix,
    int ConfirmedFixed = 0,
    int ReportedNotFixed = 0,
    IReadOnlyList<ThemeStatistics>? ByTheme = null);

/// <summary>
/// The median of durations in days: the middle value, or half-way between the two middle values when
/// the count is even. Medians, not averages, because a few reports left open for months would otherwise
/// hide how quickly most are answered. No durations, no median.
/// </summary>
public static class MedianDays
{
    public static double? Of(IEnumerable<TimeSpan> durations)
    {
        var days = durations.Select(d => d.TotalDays).Order().ToArray();
        if (days.Length == 0) return null;
        var mid = days.Length / 2;
        var median = days.Length % 2 == 1 ? days[mid] : (days[mid - 1] + days[mid]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }
}

/// <summary>
/// The staff statistics of reports. The whole city's figures, or another ward's, need the city-wide permission
/// (<see cref="StaffScope"/>); without it a reader gets their own ward's, whatever ward the query names.
/// </summary>
public sealed class ReportStatisticsService(IReportStatisticsRepository repository, StaffScopes scopes)
{
    public async Task<ReportStatistics> ComputeAsync(Actor reader, StatisticsQuery query, CancellationToken ct)
    {
        var scope = await scopes.OfAsync(reader, ct);
        if (scope.IsNone) throw new RuleException(ScopeErrors.CityWideNeeded);
        query = query with { WardId = scope.Limit(query.WardId) };
        return Summarize(query, await repository.CountAsync(query, ct));
    }

    public static ReportStatistics Summarize(StatisticsQuery query, ReportCounts counts)
    {
        var byPublic = Enum.GetValues<PublicStatus>()
            .Select(p => (p, counts.ByStatus.Where(c => Enum.TryParse<ReportStatus>(c.Key, out var s) && ReportWorkflow.ToPublic(s) == p).Sum(c => c.Count)))
            .ToList();
        var byMonth = Months(query).Select(m => new CountBy(m, counts.ByMonth.Where(c => c.Key == m).Sum(c => c.Count))).ToList();
        return new ReportStatistics(
            counts.ByStatus.Sum(c => c.Count),
            counts.ByCategory.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList(),
            byPublic,
            counts.ByWard.OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList(),
            byMonth,
            MedianDays.Of(counts.Responses.Where(r => r.FirstResponseUtc is not null).Select(r => r.FirstResponseUtc!.Value - r.CreatedUtc)),
            MedianDays.Of(counts.Responses.Where(r => r.FixedUtc is not null).Select(r => r.FixedUtc!.Value - r.CreatedUtc)),
            FollowUps(counts, FollowUpAnswer.Fixed),
            FollowUps(counts, FollowUpAnswer.NotFixed),
            Themes(counts.ByTheme ?? []));
    }

    /// <summary>Per theme, by its code: the public statuses in their order, the categories the most reported first.</summary>
    public static IReadOnlyList<ThemeStatistics> Themes(IReadOnlyList<ThemeCount> counts) =>
        counts.GroupBy(c => c.ThemeCode, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new ThemeStatistics(
            g.Key,
            g.Sum(c => c.Count),
            Enum.GetValues<PublicStatus>()
                .Select(p => (p, g.Where(c => Enum.TryParse<ReportStatus>(c.Status, out var s) && ReportWorkflow.ToPublic(s) == p).Sum(c => c.Count)))
                .ToList(),
            g.GroupBy(c => c.CategoryCode, StringComparer.Ordinal).Select(c => new CountBy(c.Key, c.Sum(x => x.Count)))
                .OrderByDescending(c => c.Count).ThenBy(c => c.Key, StringComparer.Ordinal).ToList())).ToList();

    private static int FollowUps(ReportCounts counts, FollowUpAnswer answer) =>
        (counts.FollowUps ?? []).Where(c => c.Key == answer.ToString()).Sum(c => c.Count);

    /// <summary>Every Japan month the period touches, so a month without reports shows as zero.</summary>
    public static IEnumerable<string> Months(StatisticsQuery query)
    {
        var first = JapanTime.ToJapan(query.FromUtc);
        var last = JapanTime.ToJapan(query.ToUtc.AddTicks(-1));
        for (var m = new DateOnly(first.Year, first.Month, 1); m <= new DateOnly(last.Year, last.Month, 1); m = m.AddMonths(1))
            yield return m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
    }
}
