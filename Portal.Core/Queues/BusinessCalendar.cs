using Portal.Core.Time;

namespace Portal.Core.Queues;

/// <summary>An office's counter hours on one weekday, in Japan time.</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public bool IsValid => Closes > Opens;
}

/// <summary>
/// A day an admin closes the offices beyond weekends, national holidays and the year-end holidays (an inspection, a
/// one-off holiday a special law adds); an empty office means every office.
/// </summary>
public sealed record ClosedDay(DateOnly Date, string? OfficeId, string Reason);

/// <summary>
/// When an office's counters are open, reckoned in Japan time: the weekday's hours, except on the city's days off
/// (weekends, the holidays of the holidays law as <see cref="JapaneseHolidays"/> works them out for any year, 29 December
/// to 3 January) and the closed days admins add.
/// The business date of a moment is its Japan calendar day, so numbers restart at midnight Japan time.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<DayOfWeek, OpeningHours> _hours;
    private readonly HashSet<DateOnly> _closed;

    /// <param name="closedDays">The days admins closed; national holidays need not be among them.</param>
    public BusinessCalendar(IEnumerable<OpeningHours> hours, IEnumerable<DateOnly> closedDays)
    {
        _hours = hours.Where(h => h.IsValid).ToDictionary(h => h.Day);
        _closed = closedDays.ToHashSet();
    }

    /// <summary>Weekdays 9:00 to 17:00 (the city's counter hours from 5 January 2026), closed on the city's days off only.</summary>
    public static BusinessCalendar Standard() => new(StandardHours, []);

    public static IReadOnlyList<OpeningHours> StandardHours { get; } =
        [.. new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday }
            .Select(d => new OpeningHours(d, new TimeOnly(9, 0), new TimeOnly(17, 0)))];

    /// <summary>29 December to 3 January (年末年始).</summary>
    public static bool IsYearEndHoliday(DateOnly date) =>
        (date.Month == 12 && date.Day >= 29) || (date.Month == 1 && date.Day <= 3);

    public static bool IsWeekend(DateOnly date) => date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    /// <summary>The Japan calendar day of a moment: the business date tickets are numbered by.</summary>
    public static DateOnly BusinessDateOf(DateTimeOffset instant) => DateOnly.FromDateTime(JapanTime.ToJapan(instant).DateTime);

    /// <summary>When a ticket of the given business date stops being valid: midnight Japan time at the day's end.</summary>
    public static DateTimeOffset EndOfBusinessDateUtc(DateOnly date) => JapanTime.StartOfDayUtc(date.AddDays(1));

    /// <exception cref="ArgumentOutOfRangeException">The date's year is one <see cref="JapaneseHolidays"/> does not work out.</exception>
    public bool IsBusinessDay(DateOnly date) =>
        !IsWeekend(date) && !IsYearEndHoliday(date) && !_closed.Contains(date) && _hours.ContainsKey(date.DayOfWeek)
        && !JapaneseHolidays.IsHoliday(date);

    public OpeningHours? HoursOn(DateOnly date) => IsBusinessDay(date) ? _hours[date.DayOfWeek] : null;

    /// <summary>Are the counters open at this moment?</summary>
    public bool IsOpenAt(DateTimeOffset instant)
    {
        var japan = JapanTime.ToJapan(instant);
        var date = DateOnly.FromDateTime(japan.DateTime);
        if (HoursOn(date) is not { } hours) return false;
        var time = TimeOnly.FromDateTime(japan.DateTime);
        return time >= hours.Opens && time < hours.Closes;
    }

    /// <summary>The first business day on or after the date (within a year).</summary>
    public DateOnly? NextBusinessDay(DateOnly from)
    {
        for (var d = from; d < from.AddDays(366); d = d.AddDays(1))
            if (IsBusinessDay(d)) return d;
        return null;
    }
}
