namespace Portal.Core.Points;

/// <summary>The "Points" configuration section: the city's policy for its points.</summary>
public sealed class PointsOptions
{
    public const string Section = "Points";

    /// <summary>When points expire; by default at the end of the fiscal year after the one they were earned in.</summary>
    public ExpiryRule ExpiryRule { get; set; } = ExpiryRule.EndOfFollowingFiscalYear;

    /// <summary>For <see cref="ExpiryRule.MonthsAfterEarning"/>: how many months.</summary>
    public int ExpiryMonths { get; set; } = 12;

    /// <summary>How many days before points expire the resident is reminded.</summary>
    public int ReminderDays { get; set; } = 30;

    /// <summary>A manual adjustment of more points than this needs a second admin's approval.</summary>
    public long AdjustmentApprovalThreshold { get; set; } = 1_000;

    /// <summary>An unused voucher can be cancelled, and its points given back, for this many days.</summary>
    public int CancellationDays { get; set; } = 14;

    public ExpiryPolicy Expiry => new(ExpiryRule, ExpiryMonths);
}

/// <summary>The expiry run's daily time: five past midnight in Japan, once the day has turned.</summary>
public static class PointsSchedule
{
    public static readonly TimeOnly RunAt = new(0, 5);

    public static DateTimeOffset NextRunUtc(DateTimeOffset nowUtc) => Time.JapanTime.NextDailyUtc(nowUtc, RunAt);
}
