using Portal.Core.Queues;

namespace Portal.Tests.Queues;

/// <summary>When the ward offices' counters are open, in Japan time.</summary>
public sealed class BusinessCalendarTests
{
    private static readonly BusinessCalendar Calendar = BusinessCalendar.Standard();

    private static DateTimeOffset Japan(int y, int m, int d, int h, int min = 0) => new(y, m, d, h, min, 0, TimeSpan.FromHours(9));

    [Fact]
    public void An_ordinary_weekday_is_a_business_day_and_open_from_nine_to_five()
    {
        Assert.True(Calendar.IsBusinessDay(new DateOnly(2026, 11, 25)));
        Assert.False(Calendar.IsOpenAt(Japan(2026, 11, 25, 8, 59)));
        Assert.True(Calendar.IsOpenAt(Japan(2026, 11, 25, 9, 0)));
        Assert.True(Calendar.IsOpenAt(Japan(2026, 11, 25, 16, 59)));
        Assert.False(Calendar.IsOpenAt(Japan(2026, 11, 25, 17, 0)));
    }

    [Theory]
    [InlineData(2026, 11, 28)] // Saturday
    [InlineData(2026, 11, 29)] // Sunday
    public void Weekends_are_closed(int y, int m, int d) => Assert.False(Calendar.IsBusinessDay(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2026, 12, 29, false)]
    [InlineData(2026, 12, 30, false)]
    [InlineData(2026, 12, 31, false)]
    [InlineData(2027, 1, 1, false)]
    [InlineData(2027, 1, 2, false)]
    [InlineData(2027, 1, 3, false)]
    [InlineData(2026, 12, 28, true)]  // Monday before the year-end holidays
    [InlineData(2027, 1, 4, true)]    // Monday after them
    public void The_offices_close_from_29_December_to_3_January(int y, int m, int d, bool open) =>
        Assert.Equal(open, Calendar.IsBusinessDay(new DateOnly(y, m, d)));

    [Theory]
    [InlineData(2026, 5, 6)]   // substitute holiday for Constitution Day on a Sunday
    [InlineData(2026, 9, 22)]  // citizens' holiday between Respect for the Aged Day and the equinox
    [InlineData(2026, 11, 23)] // Labour Thanksgiving Day, a Monday
    [InlineData(2027, 3, 22)]  // substitute holiday for the vernal equinox on a Sunday
    public void National_holidays_on_weekdays_are_closed(int y, int m, int d)
    {
        var date = new DateOnly(y, m, d);
        Assert.False(BusinessCalendar.IsWeekend(date));
        Assert.False(Calendar.IsBusinessDay(date));
    }

    [Theory]
    [InlineData(2030, 11, 4)]  // substitute holiday for Culture Day on a Sunday
    [InlineData(2032, 9, 21)]  // citizens' holiday
    [InlineData(2045, 9, 22)]  // the autumn equinox on the 22nd
    [InlineData(2099, 3, 20)]
    public void National_holidays_of_any_year_are_closed_without_anyone_entering_them(int y, int m, int d)
    {
        var date = new DateOnly(y, m, d);
        Assert.False(BusinessCalendar.IsWeekend(date));
        Assert.False(Calendar.IsBusinessDay(date));
        // An office's own calendar, built from its hours and the days admins closed, closes on them too.
        Assert.False(new BusinessCalendar(BusinessCalendar.StandardHours, [new DateOnly(y, 12, 1)]).IsBusinessDay(date));
    }

    [Fact]
    public void The_business_date_turns_at_midnight_Japan_time_not_UTC()
    {
        // 14:59 UTC is 23:59 in Japan, 15:00 UTC is already the next day there.
        Assert.Equal(new DateOnly(2026, 11, 25), BusinessCalendar.BusinessDateOf(new DateTimeOffset(2026, 11, 25, 14, 59, 59, TimeSpan.Zero)));
        Assert.Equal(new DateOnly(2026, 11, 26), BusinessCalendar.BusinessDateOf(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), BusinessCalendar.EndOfBusinessDateUtc(new DateOnly(2026, 11, 25)));
    }

    [Fact]
    public void After_the_year_end_the_next_business_day_is_the_first_weekday_after_3_January()
    {
        Assert.Equal(new DateOnly(2027, 1, 4), Calendar.NextBusinessDay(new DateOnly(2026, 12, 29)));
        Assert.Equal(new DateOnly(2026, 5, 7), Calendar.NextBusinessDay(new DateOnly(2026, 5, 2)));
    }

    [Fact]
    public void A_closed_day_an_admin_adds_closes_the_office_and_hours_can_differ_per_weekday()
    {
        var calendar = new BusinessCalendar(
            [new OpeningHours(DayOfWeek.Wednesday, new TimeOnly(8, 30), new TimeOnly(19, 0))],
            [new DateOnly(2026, 12, 2)]);
        Assert.True(calendar.IsOpenAt(Japan(2026, 11, 25, 18, 30)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 12, 2)));
        Assert.False(calendar.IsBusinessDay(new DateOnly(2026, 11, 26))); // no hours on Thursdays
    }
}
