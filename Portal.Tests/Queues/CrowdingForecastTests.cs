using Portal.Core.Queues;
using Portal.Core.Time;

namespace Portal.Tests.Queues;

/// <summary>The crowding forecast from the event log: who waited when, by weekday and hour, and the quiet hours to come.</summary>
public sealed class CrowdingForecastTests
{
    private const string Office = "chuo";
    private static readonly DateOnly Wednesday = new(2026, 11, 18);
    private static readonly DateOnly NextWednesday = new(2026, 11, 25);

    /// <summary>A moment in Japan time.</summary>
    private static DateTimeOffset At(DateOnly day, int hour, int minute) => JapanTime.StartOfDayUtc(day) + new TimeSpan(hour, minute, 0);

    private static TicketEventRow Event(long ticket, long service, TicketEventKind kind, DateTimeOffset at) => new(ticket, Office, service, kind, at, null, null, null);

    /// <summary>A ticket of the service issued and called at these Japan times.</summary>
    private static IEnumerable<TicketEventRow> Waited(long ticket, DateOnly day, (int H, int M) issued, (int H, int M) called, long service = 1) =>
        [Event(ticket, service, TicketEventKind.Issued, At(day, issued.H, issued.M)), Event(ticket, service, TicketEventKind.Called, At(day, called.H, called.M))];

    [Fact]
    public void Each_hour_gives_the_median_waiting_at_its_half_hour_over_the_days_and_the_median_wait_of_those_who_joined_in_it()
    {
        var events = Waited(1, Wednesday, (10, 10), (10, 40))
            .Concat(Waited(2, Wednesday, (10, 20), (10, 50)))
            .Concat(Waited(3, NextWednesday, (10, 35), (10, 45))).ToList();

        var forecast = Assert.Single(CrowdingForecast.Compute(events, [1], BusinessCalendar.Standard(), At(new DateOnly(2026, 11, 30), 9, 0)));

        // Only Wednesdays were seen; the office opens 9:00 - 17:00, so the hours 9 to 16.
        Assert.Equal(Enumerable.Range(9, 8).Select(h => (DayOfWeek.Wednesday, h)), forecast.Slots.Select(s => (s.Day, s.Hour)));
        var ten = forecast.Slots.Single(s => s.Hour == 10);
        // Two waiting at 10:30 one Wednesday, none the next: a median of one; waits 30, 30 and 10 minutes: 30.
        Assert.Equal((1.0, TimeSpan.FromMinutes(30), 2), (ten.TypicalWaiting, ten.TypicalWait, ten.Days));
        var nine = forecast.Slots.Single(s => s.Hour == 9);
        Assert.Equal((0.0, (TimeSpan?)null), (nine.TypicalWaiting, nine.TypicalWait));
    }

    [Fact]
    public void A_ticket_given_back_stops_waiting_and_one_sent_to_another_line_waits_there()
    {
        var events = new List<TicketEventRow>
        {
            Event(1, 1, TicketEventKind.Issued, At(Wednesday, 10, 0)),
            Event(1, 1, TicketEventKind.Called, At(Wednesday, 10, 15)),
            Event(1, 2, TicketEventKind.Transferred, At(Wednesday, 10, 20)),
            Event(1, 2, TicketEventKind.Called, At(Wednesday, 10, 50)),
            Event(2, 1, TicketEventKind.Issued, At(Wednesday, 10, 5)),
            Event(2, 1, TicketEventKind.GivenBack, At(Wednesday, 10, 25)),
        };

        var forecast = CrowdingForecast.Compute(events, [1, 2], BusinessCalendar.Standard(), At(new DateOnly(2026, 11, 30), 9, 0));

        Assert.Equal(0.0, forecast.Single(f => f.ServiceId == 1).Slots.Single(s => s.Hour == 10).TypicalWaiting);
        Assert.Equal(1.0, forecast.Single(f => f.ServiceId == 2).Slots.Single(s => s.Hour == 10).TypicalWaiting);
        // Waits by the hour they joined, of those called: 15 minutes in the first line (the ticket given back is not
        // counted), 30 in the second.
        Assert.Equal(TimeSpan.FromMinutes(15), forecast.Single(f => f.ServiceId == 1).Slots.Single(s => s.Hour == 10).TypicalWait);
        Assert.Equal(TimeSpan.FromMinutes(30), forecast.Single(f => f.ServiceId == 2).Slots.Single(s => s.Hour == 10).TypicalWait);
    }

    [Fact]
    public void The_best_times_are_the_quietest_hours_still_to_come_on_days_the_office_opens()
    {
        // Wednesdays and Fridays someone waits all day; Thursdays nobody does (one quick ticket at the end of the day).
        var events = Waited(1, NextWednesday, (9, 0), (16, 59))
            .Concat(Waited(2, new DateOnly(2026, 11, 26), (16, 50), (16, 55)))
            .Concat(Waited(3, new DateOnly(2026, 11, 27), (9, 0), (16, 59))).ToList();
        // This Thursday the office is closed.
        var calendar = new BusinessCalendar(BusinessCalendar.StandardHours, [new DateOnly(2026, 12, 3)]);
        var now = At(new DateOnly(2026, 12, 2), 11, 20); // a Wednesday

        var best = Assert.Single(CrowdingForecast.Compute(events, [1], calendar, now)).BestTimes;

        // Not the closed Thursday, however quiet Thursdays are; not 10:00 - 11:00, which is over; the soonest among equals.
        Assert.Equal([(new DateOnly(2026, 12, 2), 11), (new DateOnly(2026, 12, 2), 12), (new DateOnly(2026, 12, 2), 13)], best.Select(b => (b.Date, b.Hour)));
        Assert.Equal(CrowdingForecast.BestTimeCount, best.Count);
    }

    [Fact]
    public void Next_week_s_quiet_Thursday_comes_first_when_the_office_opens_then()
    {
        var events = Waited(1, NextWednesday, (9, 0), (16, 59))
            .Concat(Waited(2, new DateOnly(2026, 11, 26), (16, 50), (16, 55))).ToList();
        var now = At(new DateOnly(2026, 12, 2), 11, 20);

        var best = Assert.Single(CrowdingForecast.Compute(events, [1], BusinessCalendar.Standard(), now)).BestTimes;

        Assert.Equal([(new DateOnly(2026, 12, 3), 9), (new DateOnly(2026, 12, 3), 10), (new DateOnly(2026, 12, 3), 11)], best.Select(b => (b.Date, b.Hour)));
    }
}
