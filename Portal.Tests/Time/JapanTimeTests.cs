using Microsoft.Extensions.Time.Testing;
using Portal.Core.Time;

namespace Portal.Tests.Time;

public sealed class JapanTimeTests
{
    [Fact]
    public void Japan_is_nine_hours_ahead_of_UTC_all_year()
    {
        Assert.Equal(TimeSpan.FromHours(9), JapanTime.ToJapan(new DateTimeOffset(2026, 1, 15, 0, 0, 0, TimeSpan.Zero)).Offset);
        Assert.Equal(TimeSpan.FromHours(9), JapanTime.ToJapan(new DateTimeOffset(2026, 7, 15, 0, 0, 0, TimeSpan.Zero)).Offset);
    }

    [Fact]
    public void The_Japan_day_starts_at_fifteen_hundred_UTC_the_day_before()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 25, 14, 59, 59, TimeSpan.Zero));
        Assert.Equal(new DateOnly(2026, 11, 25), JapanTime.Today(time));

        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(new DateOnly(2026, 11, 26), JapanTime.Today(time));
    }

    [Fact]
    public void Start_of_a_Japan_day_in_UTC()
    {
        Assert.Equal(new DateTimeOffset(2026, 3, 31, 15, 0, 0, TimeSpan.Zero), JapanTime.StartOfDayUtc(new DateOnly(2026, 4, 1)));
    }

    [Theory]
    // 02:00 Japan = 17:00 UTC the day before. Before it: tonight's; at it or after: tomorrow's.
    [InlineData("2026-11-24T16:59:59Z", "2026-11-24T17:00:00Z")]
    [InlineData("2026-11-24T17:00:00Z", "2026-11-25T17:00:00Z")]
    [InlineData("2026-11-24T18:00:00Z", "2026-11-25T17:00:00Z")]
    // Just after Japan midnight (15:00 UTC): the same Japan day's 02:00, two hours on.
    [InlineData("2026-11-24T15:00:01Z", "2026-11-24T17:00:00Z")]
    // Across the year's end in Japan.
    [InlineData("2026-12-31T17:30:00Z", "2027-01-01T17:00:00Z")]
    public void The_next_daily_run_is_the_next_time_Japan_clocks_show_it(string now, string expected)
    {
        var next = JapanTime.NextDailyUtc(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), new TimeOnly(2, 0));

        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), next);
    }
}
