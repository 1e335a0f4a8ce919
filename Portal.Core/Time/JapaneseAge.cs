namespace Portal.Core.Time;

/// <summary>
/// Ages the way Japanese law counts them (年齢計算ニ関スル法律 with the Civil Code's period rules): a person
/// attains each age on the day before their birthday. So a child born on 1 April attains every age on 31 March,
/// and someone born on 29 February attains every age on 28 February, leap year or not.
/// </summary>
public static class JapaneseAge
{
    /// <summary>The age a person has on <paramref name="day"/>; negative before birth is refused.</summary>
    public static int On(DateOnly birth, DateOnly day)
    {
        if (day < birth) throw new ArgumentOutOfRangeException(nameof(day), day, "The day is before the birth.");
        // Every age is attained on the day before the birthday; counting from that eve avoids leap-day special cases:
        // adding years to 28 February (eve of 29 February) or 31 March (eve of 1 April) never moves the day.
        var eve = birth.AddDays(-1);
        var age = day.Year - eve.Year;
        if (eve.AddYears(age) > day) age--;
        return Math.Max(age, 0);
    }

    /// <summary>The day on which a person attains <paramref name="age"/>.</summary>
    public static DateOnly DayAttaining(DateOnly birth, int age)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(age);
        return age == 0 ? birth : birth.AddDays(-1).AddYears(age);
    }

    /// <summary>
    /// The age attained during a fiscal year (April to March): "turning 65 in the fiscal year" means this is 65.
    /// </summary>
    public static int AttainedInFiscalYear(DateOnly birth, int fiscalYear) => On(birth, FiscalYear.End(fiscalYear));

    /// <summary>
    /// "The first 31 March on or after the day the person attains <paramref name="age"/>" (…歳に達する日以後の最初の3月31日),
    /// the usual end of childhood for allowances.
    /// </summary>
    public static DateOnly FirstMarch31OnOrAfterAttaining(DateOnly birth, int age)
    {
        var attained = DayAttaining(birth, age);
        var march31 = new DateOnly(attained.Year, 3, 31);
        return attained <= march31 ? march31 : march31.AddYears(1);
    }
}

/// <summary>The Japanese fiscal year (年度): 1 April to 31 March, named by the calendar year in which it starts.</summary>
public static class FiscalYear
{
    public static int Of(DateOnly day) => day.Month >= 4 ? day.Year : day.Year - 1;

    public static DateOnly Start(int fiscalYear) => new(fiscalYear, 4, 1);

    public static DateOnly End(int fiscalYear) => new(fiscalYear + 1, 3, 31);
}
