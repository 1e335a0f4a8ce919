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
}
