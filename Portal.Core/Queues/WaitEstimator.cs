namespace Portal.Core.Queues;

/// <summary>Where the time per resident came from, from best to weakest.</summary>
public enum EstimateBasis
{
    Today,
    SameWeekdayAndHour,
    ServiceDefault,
}

/// <summary>
/// An estimated wait as a range. <see cref="Uncertain"/> says the range rests on few services or few counters,
/// which the pages say honestly instead of hiding.
/// </summary>
public sealed record WaitEstimate(TimeSpan Low, TimeSpan High, bool Uncertain, EstimateBasis Basis)
{
    public static readonly WaitEstimate None = new(TimeSpan.Zero, TimeSpan.Zero, false, EstimateBasis.Today);

    public TimeSpan Middle => (Low + High) / 2;

    public WaitBand Band => WaitBands.Of(Middle);
}

/// <summary>Crowding as bands rather than minutes, as several Japanese cities show it.</summary>
public enum WaitBand
{
    Under20,
    From20To40,
    Over40,
}

public static class WaitBands
{
    public static WaitBand Of(TimeSpan wait) =>
        wait < TimeSpan.FromMinutes(20) ? WaitBand.Under20 : wait <= TimeSpan.FromMinutes(40) ? WaitBand.From20To40 : WaitBand.Over40;
}

/// <summary>What the estimator knows about a service at the moment of the estimate.</summary>
/// <param name="TodayServiceTimes">Service times of today's finished services, newest first.</param>
/// <param name="HistoryServiceTimes">Service times on the same weekday and hour in past weeks.</param>
public sealed record ServiceLoad(
    IReadOnlyList<TimeSpan> TodayServiceTimes,
    IReadOnlyList<TimeSpan> HistoryServiceTimes,
    TimeSpan DefaultServiceTime,
    int OpenCounters);

/// <summary>
/// 待ち時間の目安: people ahead × a robust time per resident ÷ the counters open for the service.
/// The time per resident is the median of today's most recent services (at least <see cref="MinSamples"/>),
/// else the median of the same weekday and hour in past weeks, else the service's default. The range runs
/// from the lower to the upper quartile of those samples (±25 % of the default when there are none), and is
/// flagged uncertain when it rests on few samples or on a single counter.
/// </summary>
public static class WaitEstimator
{
    /// <summary>How many of today's newest services count.</summary>
    public const int RecentWindow = 15;
    public const int MinSamples = 5;

    public static WaitEstimate Estimate(int peopleAhead, ServiceLoad load) => Pace(load).For(peopleAhead);

    /// <summary>
    /// The service's pace now, worked out once from its samples, so that the estimate for each place in its line is
    /// arithmetic: many open ticket pages of one line need one pace, not one sort of the samples each.
    /// </summary>
    public static ServicePace Pace(ServiceLoad load)
    {
        var (samples, basis) = PickSamples(load);
        if (samples.Count == 0)
            return new ServicePace(load.DefaultServiceTime.TotalSeconds * 0.75, load.DefaultServiceTime.TotalSeconds * 1.25, load.OpenCounters, basis);
        var seconds = samples.Select(s => s.TotalSeconds).Order().ToList();
        return new ServicePace(Percentile(seconds, 0.25), Percentile(seconds, 0.75), load.OpenCounters, basis);
    }

    /// <summary>The median, robust against one resident whose business took an hour.</summary>
    public static TimeSpan Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.TotalSeconds).Order().ToList();
        return sorted.Count == 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(Percentile(sorted, 0.5));
    }

    /// <summary>Linear-interpolated percentile of sorted values (p between 0 and 1).</summary>
    public static double Percentile(IReadOnlyList<double> sorted, double p)
    {
        if (sorted.Count == 0) return 0;
        var rank = p * (sorted.Count - 1);
        var lower = (int)Math.Floor(rank);
        var upper = (int)Math.Ceiling(rank);
        return sorted[lower] + (sorted[upper] - sorted[lower]) * (rank - lower);
    }

    private static (IReadOnlyList<TimeSpan>, EstimateBasis) PickSamples(ServiceLoad load)
    {
        var today = load.TodayServiceTimes.Take(RecentWindow).ToList();
        if (today.Count >= MinSamples) return (today, EstimateBasis.Today);
        if (load.HistoryServiceTimes.Count >= MinSamples) return (load.HistoryServiceTimes, EstimateBasis.SameWeekdayAndHour);
        return ([], EstimateBasis.ServiceDefault);
    }
}

/// <summary>
/// Seconds per resident at the low and high end of a service's recent services (its quartiles), and the counters
/// open for it: <see cref="For"/> turns a place in line into a <see cref="WaitEstimate"/>.
/// </summary>
public readonly record struct ServicePace(double LowSecondsEach, double HighSecondsEach, int OpenCounters, EstimateBasis Basis)
{
    /// <summary>Rests on the service's default time or on a single counter.</summary>
    public bool Uncertain => Basis == EstimateBasis.ServiceDefault || OpenCounters <= 1;

    public WaitEstimate For(int peopleAhead)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(peopleAhead);
        var counters = Math.Max(1, OpenCounters);
        // Someone is usually already at each counter: the first resident in line still waits for part of a service.
        var low = TimeSpan.FromSeconds(Math.Round(peopleAhead * LowSecondsEach / counters));
        var high = TimeSpan.FromSeconds(Math.Round((peopleAhead + 1) * HighSecondsEach / counters));
        return new WaitEstimate(low, high, Uncertain, Basis);
    }
}
