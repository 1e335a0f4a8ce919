namespace Portal.Core.Time;

/// <summary>
/// The city keeps Japan time (UTC+9, no daylight saving). Storage is UTC; business days, opening
/// hours and ages are reckoned in Japan time through these helpers.
/// </summary>
public static class JapanTime
{
    public static TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo");

    public static DateTimeOffset ToJapan(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone);

    public static DateTimeOffset Now(TimeProvider time) => ToJapan(time.GetUtcNow());

    public static DateOnly Today(TimeProvider time) => DateOnly.FromDateTime(Now(time).DateTime);

    /// <summary>The UTC instant at which the given Japan calendar day starts.</summary>
    public static DateTimeOffset StartOfDayUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Zone.GetUtcOffset(day.ToDateTime(TimeOnly.MinValue))).ToUniversalTime();

    /// <summary>
    /// The next instant strictly after <paramref name="nowUtc"/> at which Japan's clock shows <paramref name="at"/>: today
    /// if that time is still ahead, otherwise tomorrow. The daily jobs (reminders, expiry, For You, retention) wait for it.
    /// </summary>
    public static DateTimeOffset NextDailyUtc(DateTimeOffset nowUtc, TimeOnly at)
    {
        var today = DateOnly.FromDateTime(ToJapan(nowUtc).DateTime);
        var run = StartOfDayUtc(today) + at.ToTimeSpan();
        return run > nowUtc ? run : StartOfDayUtc(today.AddDays(1)) + at.ToTimeSpan();
    }
}
