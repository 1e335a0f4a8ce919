using Portal.Core.Time;

namespace Portal.Core.Notifications;

/// <summary>Counts of notices written to the outbox, for the staff home.</summary>
public interface INoticeStatistics
{
    /// <summary>
    /// Notices of the kind created from <paramref name="fromUtc"/> (inclusive) to <paramref name="toUtc"/> (exclusive);
    /// with <paramref name="wardId"/>, only those to residents whose registered household lives in that ward.
    /// </summary>
    Task<int> CountCreatedAsync(NoticeKind kind, DateTimeOffset fromUtc, DateTimeOffset toUtc, string? wardId, CancellationToken ct);
}

public static class JapanMonth
{
    /// <summary>The UTC bounds of the Japan calendar month holding <paramref name="day"/>: [start, next month's start).</summary>
    public static (DateTimeOffset FromUtc, DateTimeOffset ToUtc) Bounds(DateOnly day)
    {
        var first = new DateOnly(day.Year, day.Month, 1);
        return (JapanTime.StartOfDayUtc(first), JapanTime.StartOfDayUtc(first.AddMonths(1)));
    }
}
