using Portal.Core.Time;

namespace Portal.Core.Queues;

/// <summary>An office's counter hours on one weekday, in Japan time.</summary>
public sealed record OpeningHours(DayOfWeek Day, TimeOnly Opens, TimeOnly Closes)
{
    public bool IsValid => Closes > Opens;
}

/// <summary>A day the offices are closed beyond weekends and the year-end holidays; an empty office means every office.</summary>
public sealed record ClosedDay(DateOnly Date, string? OfficeId, string Reason);

/// <summary>
/// When an office's counters are open, reckoned in Japan time: the weekday's hours, except on weekends,
/// from 29 December to 3 January, and on the closed days (national holidays and what admins add).
/// The business date of a moment is its Japan calendar day, so numbers restart at midnight Japan time.
/// </summary>
public sealed class BusinessCalendar
{
    private readonly Dictionary<DayOfWeek, OpeningHours> _hours;
    private readonly HashSet<DateOnly> _closed;

    public BusinessCalendar(IEnumerable<OpeningHours> hours, IEnumerable<DateOnly> closedDays)
    {
        _hours = hours.Where(h => h.IsValid).ToDictionary(h => h.Day);
        _closed = closedDays.ToHashSet();
    }

    /// <summary>Weekdays 9:00 to 17:00 (the city's counter hours from 5 January 2026) and the national holidays.</summary>
    public static BusinessCalendar Standard() => new(StandardHours, JapaneseHolidays.All.Select(h => h.Date));

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

    public bool IsBusinessDay(DateOnly date) =>
        !IsWeekend(date) && !IsYearEndHoliday(date) && !_closed.Contains(date) && _hours.ContainsKey(date.DayOfWeek);

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

/// <summary>A national holiday (国民の祝日, including substitute holidays and 国民の休日).</summary>
public sealed record JapaneseHoliday(DateOnly Date, string NameJa, string NameEn);

/// <summary>
/// The national holidays of 2026 and 2027 as the Cabinet Office publishes them. The calendar table is seeded
/// from this list; admins add later years and office-specific closures in the admin page.
/// </summary>
public static class JapaneseHolidays
{
    public static IReadOnlyList<JapaneseHoliday> All { get; } =
    [
        new(new(2026, 1, 1), "元日", "New Year's Day"),
        new(new(2026, 1, 12), "成人の日", "Coming of Age Day"),
        new(new(2026, 2, 11), "建国記念の日", "National Foundation Day"),
        new(new(2026, 2, 23), "天皇誕生日", "Emperor's Birthday"),
        new(new(2026, 3, 20), "春分の日", "Vernal Equinox Day"),
        new(new(2026, 4, 29), "昭和の日", "Showa Day"),
        new(new(2026, 5, 3), "憲法記念日", "Constitution Memorial Day"),
        new(new(2026, 5, 4), "みどりの日", "Greenery Day"),
        new(new(2026, 5, 5), "こどもの日", "Children's Day"),
        new(new(2026, 5, 6), "振替休日", "Substitute holiday"),
        new(new(2026, 7, 20), "海の日", "Marine Day"),
        new(new(2026, 8, 11), "山の日", "Mountain Day"),
        new(new(2026, 9, 21), "敬老の日", "Respect for the Aged Day"),
        new(new(2026, 9, 22), "国民の休日", "Citizens' holiday"),
        new(new(2026, 9, 23), "秋分の日", "Autumnal Equinox Day"),
        new(new(2026, 10, 12), "スポーツの日", "Sports Day"),
        new(new(2026, 11, 3), "文化の日", "Culture Day"),
        new(new(2026, 11, 23), "勤労感謝の日", "Labour Thanksgiving Day"),
        new(new(2027, 1, 1), "元日", "New Year's Day"),
        new(new(2027, 1, 11), "成人の日", "Coming of Age Day"),
        new(new(2027, 2, 11), "建国記念の日", "National Foundation Day"),
        new(new(2027, 2, 23), "天皇誕生日", "Emperor's Birthday"),
        new(new(2027, 3, 21), "春分の日", "Vernal Equinox Day"),
        new(new(2027, 3, 22), "振替休日", "Substitute holiday"),
        new(new(2027, 4, 29), "昭和の日", "Showa Day"),
        new(new(2027, 5, 3), "憲法記念日", "Constitution Memorial Day"),
        new(new(2027, 5, 4), "みどりの日", "Greenery Day"),
        new(new(2027, 5, 5), "こどもの日", "Children's Day"),
        new(new(2027, 7, 19), "海の日", "Marine Day"),
        new(new(2027, 8, 11), "山の日", "Mountain Day"),
        new(new(2027, 9, 20), "敬老の日", "Respect for the Aged Day"),
        new(new(2027, 9, 23), "秋分の日", "Autumnal Equinox Day"),
        new(new(2027, 10, 11), "スポーツの日", "Sports Day"),
        new(new(2027, 11, 3), "文化の日", "Culture Day"),
        new(new(2027, 11, 23), "勤労感謝の日", "Labour Thanksgiving Day"),
    ];
}
