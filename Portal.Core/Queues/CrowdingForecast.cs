using Portal.Core.Time;

namespace Portal.Core.Queues;

/// <summary>
/// How a line typically looks in one hour of one weekday (Japan time), from the weeks of history the forecast reads.
/// </summary>
/// <param name="Hour">The hour of the day the slot starts (14 for 14:00 - 15:00).</param>
/// <param name="TypicalWaiting">The median, over the days seen, of how many were waiting at the half hour (or at opening).</param>
/// <param name="TypicalWait">The median wait of those who joined the line in that hour and were called; null when nobody did.</param>
/// <param name="Days">How many days of that weekday the office was open and the line is known.</param>
public sealed record ForecastSlot(DayOfWeek Day, int Hour, double TypicalWaiting, TimeSpan? TypicalWait, int Days);

/// <summary>An hour to come soon, with what is typical for its weekday and hour.</summary>
public sealed record BestTime(DateOnly Date, int Hour, ForecastSlot Typical);

/// <summary>One service's forecast: every slot of the week the office opens, and the quietest hours of the next seven days.</summary>
public sealed record ServiceForecast(long ServiceId, IReadOnlyList<ForecastSlot> Slots, IReadOnlyList<BestTime> BestTimes);

/// <summary>
/// The crowding forecast (混雑予想) of an office's lines from the event log of its last <see cref="Weeks"/> weeks: for each
/// service, weekday and opening hour, the typical number waiting and the typical wait, and the quietest hours still to
/// come in the next seven days. A ticket waits in a line from its issue (or its transfer into the line) until it is
/// called or given back. Days without a single event (closed, or before the office used the portal) are not counted.
/// </summary>
public static class CrowdingForecast
{
    public const int Weeks = 8;

    /// <summary>How many quiet hours are suggested.</summary>
    public const int BestTimeCount = 3;

    /// <summary>The days whose events the forecast reads: the <see cref="Weeks"/> weeks before <paramref name="today"/>.</summary>
    public static (DateOnly From, DateOnly To) History(DateOnly today) => (today.AddDays(-7 * Weeks), today.AddDays(-1));

    public static IReadOnlyList<ServiceForecast> Compute(IReadOnlyList<TicketEventRow> events, IEnumerable<long> serviceIds,
        BusinessCalendar calendar, DateTimeOffset now)
    {
        var stays = Stays(events);
        var days = events.Select(e => BusinessCalendar.BusinessDateOf(e.OccurredUtc)).Distinct().Order().ToList();
        return serviceIds.Select(serviceId =>
        {
            var own = stays.Where(s => s.ServiceId == serviceId).ToList();
            var slots = Slots(own, days, calendar);
            return new ServiceForecast(serviceId, slots, Best(slots, calendar, now));
        }).ToList();
    }

    /// <summary>A time a ticket waited in a line; <paramref name="Called"/> when it ended by a call (not given back).</summary>
    private sealed record Stay(long ServiceId, DateTimeOffset From, DateTimeOffset Until, bool Called);

    /// <summary>Each time a ticket waited in a line: from its issue or transfer until it was called or given back.</summary>
    private static List<Stay> Stays(IReadOnlyList<TicketEventRow> events)
    {
        var waiting = new Dictionary<long, (long ServiceId, DateTimeOffset From)>();
        var stays = new List<Stay>();
        foreach (var e in events.OrderBy(e => e.OccurredUtc))
        {
            switch (e.Kind)
            {
                case TicketEventKind.Issued:
                case TicketEventKind.Transferred:
                    waiting[e.TicketId] = (e.ServiceId, e.OccurredUtc);
                    break;
                case TicketEventKind.Called:
                case TicketEventKind.GivenBack:
                    if (waiting.Remove(e.TicketId, out var stay)) stays.Add(new Stay(stay.ServiceId, stay.From, e.OccurredUtc, e.Kind == TicketEventKind.Called));
                    break;
            }
        }
        return stays;
    }

    private static List<ForecastSlot> Slots(List<Stay> stays, List<DateOnly> days, BusinessCalendar calendar)
    {
        var counts = new Dictionary<(DayOfWeek, int), List<int>>();
        foreach (var day in days)
        {
            if (calendar.HoursOn(day) is not { } hours) continue;
            foreach (var hour in HoursOf(hours))
            {
                var at = SampleTime(day, hour, hours);
                if (!counts.TryGetValue((day.DayOfWeek, hour), out var list)) counts[(day.DayOfWeek, hour)] = list = [];
                list.Add(stays.Count(s => s.From <= at && at < s.Until));
            }
        }
        // The wait of those who were called: one who gave the ticket back did not wait to be served.
        var waits = stays.Where(s => s.Called)
            .GroupBy(s => (JapanTime.ToJapan(s.From).DayOfWeek, JapanTime.ToJapan(s.From).Hour))
            .ToDictionary(g => g.Key, g => Median(g.Select(s => (s.Until - s.From).TotalSeconds).ToList()));
        return counts
            .OrderBy(c => ((int)c.Key.Item1 + 6) % 7).ThenBy(c => c.Key.Item2)
            .Select(c => new ForecastSlot(c.Key.Item1, c.Key.Item2, Median(c.Value.Select(n => (double)n).ToList()),
                waits.TryGetValue(c.Key, out var seconds) ? TimeSpan.FromSeconds(Math.Round(seconds)) : null, c.Value.Count))
            .ToList();
    }

    /// <summary>The hours an office's day touches: 8:30 - 17:15 gives 8 to 17.</summary>
    private static IEnumerable<int> HoursOf(OpeningHours hours)
    {
        var last = hours.Closes.AddMinutes(-1).Hour;
        for (var hour = hours.Opens.Hour; hour <= last; hour++) yield return hour;
    }

    /// <summary>When an hour's line is looked at: its half hour, or the opening and closing where those cut into it.</summary>
    private static DateTimeOffset SampleTime(DateOnly day, int hour, OpeningHours hours)
    {
        var half = new TimeOnly(hour, 30);
        var at = half < hours.Opens ? hours.Opens : half >= hours.Closes ? hours.Closes.AddMinutes(-1) : half;
        return JapanTime.StartOfDayUtc(day) + at.ToTimeSpan();
    }

    /// <summary>The quietest hours from now through the next seven days, among the slots with history, soonest first among equals.</summary>
    private static List<BestTime> Best(List<ForecastSlot> slots, BusinessCalendar calendar, DateTimeOffset now)
    {
        var today = BusinessCalendar.BusinessDateOf(now);
        var bySlot = slots.ToDictionary(s => (s.Day, s.Hour));
        var candidates = new List<BestTime>();
        for (var day = today; day < today.AddDays(7); day = day.AddDays(1))
        {
            if (calendar.HoursOn(day) is not { } hours) continue;
            foreach (var hour in HoursOf(hours))
            {
                var ends = JapanTime.StartOfDayUtc(day) + new TimeOnly(Math.Min(hour + 1, 23), 0).ToTimeSpan();
                if (ends <= now || !bySlot.TryGetValue((day.DayOfWeek, hour), out var typical)) continue;
                candidates.Add(new BestTime(day, hour, typical));
            }
        }
        return candidates
            .OrderBy(c => c.Typical.TypicalWait ?? TimeSpan.Zero).ThenBy(c => c.Typical.TypicalWaiting).ThenBy(c => c.Date).ThenBy(c => c.Hour)
            .Take(BestTimeCount).ToList();
    }

    private static double Median(List<double> values)
    {
        if (values.Count == 0) return 0;
        values.Sort();
        var middle = values.Count / 2;
        return values.Count % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
