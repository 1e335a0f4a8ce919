using Portal.Core.Time;

namespace Portal.Core.Points;

public enum ExpiryRule
{
    /// <summary>Points earned in a fiscal year (April to March) expire at the end of the next one.</summary>
    EndOfFollowingFiscalYear,
    /// <summary>Points expire a number of months after the day they were earned.</summary>
    MonthsAfterEarning,
}

/// <summary>
/// When a lot of points stops being spendable, reckoned in Japan time. The default is the end of the following
/// fiscal year: earned on 1 April 2026 or 31 March 2027 (fiscal 2026), spendable through 31 March 2028.
/// </summary>
public sealed record ExpiryPolicy(ExpiryRule Rule = ExpiryRule.EndOfFollowingFiscalYear, int Months = 12)
{
    public static ExpiryPolicy Default { get; } = new();

    /// <summary>The last Japan day a lot earned at <paramref name="earnedUtc"/> can be spent.</summary>
    public DateOnly LastDay(DateTimeOffset earnedUtc)
    {
        var earned = DateOnly.FromDateTime(JapanTime.ToJapan(earnedUtc).DateTime);
        return Rule switch
        {
            ExpiryRule.EndOfFollowingFiscalYear => new DateOnly(FiscalYear(earned) + 2, 3, 31),
            ExpiryRule.MonthsAfterEarning => earned.AddMonths(Math.Max(1, Months)),
            _ => throw new ArgumentOutOfRangeException(nameof(Rule)),
        };
    }

    /// <summary>The instant the lot expires: the start of the Japan day after its last day.</summary>
    public DateTimeOffset ExpiresUtc(DateTimeOffset earnedUtc) => JapanTime.StartOfDayUtc(LastDay(earnedUtc).AddDays(1));

    /// <summary>The Japanese fiscal year a day falls in (it starts on 1 April).</summary>
    public static int FiscalYear(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    /// <summary>The last Japan day before the given expiry instant.</summary>
    public static DateOnly LastDayOf(DateTimeOffset expiresUtc) =>
        DateOnly.FromDateTime(JapanTime.ToJapan(expiresUtc).DateTime).AddDays(-1);
}
