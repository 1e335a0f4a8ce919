using Portal.Core.Queues;

namespace Portal.Tests.Queues;

/// <summary>待ち時間の目安: people ahead × a robust time per resident ÷ open counters, as a range.</summary>
public sealed class WaitEstimatorTests
{
    private static IReadOnlyList<TimeSpan> Minutes(params double[] minutes) => minutes.Select(TimeSpan.FromMinutes).ToList();

    [Fact]
    public void Today_s_recent_services_give_the_time_per_resident()
    {
        var load = new ServiceLoad(Minutes(10, 10, 10, 10, 10, 10), Minutes(), TimeSpan.FromMinutes(30), OpenCounters: 2);
        var estimate = WaitEstimator.Estimate(4, load);
        // 4 ahead × 10 min ÷ 2 counters = 20 min, up to one more service ÷ 2 = 25 min.
        Assert.Equal((TimeSpan.FromMinutes(20), TimeSpan.FromMinutes(25), false, EstimateBasis.Today),
            (estimate.Low, estimate.High, estimate.Uncertain, estimate.Basis));
    }

    [Fact]
    public void One_very_long_service_does_not_drag_the_estimate()
    {
        var steady = WaitEstimator.Estimate(6, new ServiceLoad(Minutes(8, 8, 8, 8, 8, 8, 8), [], TimeSpan.FromMinutes(10), 3));
        var withOutlier = WaitEstimator.Estimate(6, new ServiceLoad(Minutes(90, 8, 8, 8, 8, 8, 8), [], TimeSpan.FromMinutes(10), 3));
        Assert.Equal(steady.Low, withOutlier.Low);
        Assert.Equal(TimeSpan.FromMinutes(8), WaitEstimator.Median(Minutes(90, 8, 8, 8, 8, 8, 8)));
    }

    [Fact]
    public void Only_the_newest_services_of_today_count()
    {
        var today = Minutes([.. Enumerable.Repeat(4.0, WaitEstimator.RecentWindow), .. Enumerable.Repeat(40.0, 20)]);
        var estimate = WaitEstimator.Estimate(3, new ServiceLoad(today, [], TimeSpan.FromMinutes(10), 1));
        Assert.Equal(TimeSpan.FromMinutes(12), estimate.Low);
    }

    [Fact]
    public void With_few_services_today_the_same_weekday_and_hour_of_past_weeks_is_used()
    {
        var load = new ServiceLoad(Minutes(30, 30), Minutes(6, 6, 6, 6, 6), TimeSpan.FromMinutes(20), 2);
        var estimate = WaitEstimator.Estimate(2, load);
        Assert.Equal((EstimateBasis.SameWeekdayAndHour, TimeSpan.FromMinutes(6)), (estimate.Basis, estimate.Low));
    }

    [Fact]
    public void Without_any_history_the_service_default_is_used_and_the_estimate_is_uncertain()
    {
        var estimate = WaitEstimator.Estimate(2, new ServiceLoad([], Minutes(5), TimeSpan.FromMinutes(10), 2));
        Assert.Equal((EstimateBasis.ServiceDefault, true), (estimate.Basis, estimate.Uncertain));
        Assert.Equal(TimeSpan.FromMinutes(7.5), estimate.Low); // 2 × 10 min × 0.75 ÷ 2
        Assert.True(estimate.High > estimate.Low);
    }

    [Fact]
    public void One_counter_or_none_is_said_to_be_uncertain()
    {
        var today = Minutes(5, 5, 5, 5, 5, 5);
        Assert.True(WaitEstimator.Estimate(2, new ServiceLoad(today, [], TimeSpan.FromMinutes(5), 1)).Uncertain);
        var none = WaitEstimator.Estimate(2, new ServiceLoad(today, [], TimeSpan.FromMinutes(5), 0));
        Assert.True(none.Uncertain);
        Assert.Equal(TimeSpan.FromMinutes(10), none.Low);
    }

    [Fact]
    public void More_counters_shorten_the_wait()
    {
        var today = Minutes(6, 7, 8, 9, 10, 11);
        var one = WaitEstimator.Estimate(6, new ServiceLoad(today, [], TimeSpan.FromMinutes(5), 1));
        var three = WaitEstimator.Estimate(6, new ServiceLoad(today, [], TimeSpan.FromMinutes(5), 3));
        Assert.True(three.High < one.High);
        Assert.True(three.Low < one.Low);
    }

    [Fact]
    public void The_first_in_line_still_waits_for_part_of_a_service()
    {
        var estimate = WaitEstimator.Estimate(0, new ServiceLoad(Minutes(10, 10, 10, 10, 10), [], TimeSpan.FromMinutes(10), 1));
        Assert.Equal(TimeSpan.Zero, estimate.Low);
        Assert.Equal(TimeSpan.FromMinutes(10), estimate.High);
    }

    [Theory]
    [InlineData(0, WaitBand.Under20)]
    [InlineData(19.9, WaitBand.Under20)]
    [InlineData(20, WaitBand.From20To40)]
    [InlineData(40, WaitBand.From20To40)]
    [InlineData(41, WaitBand.Over40)]
    public void Crowding_is_shown_in_bands_under_20_20_to_40_and_over_40_minutes(double minutes, WaitBand band) =>
        Assert.Equal(band, WaitBands.Of(TimeSpan.FromMinutes(minutes)));
}
