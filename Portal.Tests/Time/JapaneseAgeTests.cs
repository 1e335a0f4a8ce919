using Portal.Core.Time;

namespace Portal.Tests.Time;

public sealed class JapaneseAgeTests
{
    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void An_age_is_attained_on_the_day_before_the_birthday()
    {
        Assert.Equal(39, JapaneseAge.On(D(1986, 6, 15), D(2026, 6, 13)));
        Assert.Equal(40, JapaneseAge.On(D(1986, 6, 15), D(2026, 6, 14)));
        Assert.Equal(40, JapaneseAge.On(D(1986, 6, 15), D(2026, 6, 15)));
        Assert.Equal(0, JapaneseAge.On(D(2026, 6, 15), D(2026, 6, 15)));
    }

    [Fact]
    public void Born_on_1_April_attains_each_age_on_31_March_and_belongs_to_the_earlier_school_year()
    {
        var birth = D(2008, 4, 1);
        Assert.Equal(17, JapaneseAge.On(birth, D(2026, 3, 30)));
        Assert.Equal(18, JapaneseAge.On(birth, D(2026, 3, 31)));
        Assert.Equal(D(2026, 3, 31), JapaneseAge.DayAttaining(birth, 18));
        // So childhood for allowances ends on that very day, a year earlier than for a child born a day later.
        Assert.Equal(D(2026, 3, 31), JapaneseAge.FirstMarch31OnOrAfterAttaining(birth, 18));
        Assert.Equal(D(2027, 3, 31), JapaneseAge.FirstMarch31OnOrAfterAttaining(D(2008, 4, 2), 18));
        Assert.Equal(18, JapaneseAge.AttainedInFiscalYear(birth, 2025));
        Assert.Equal(18, JapaneseAge.AttainedInFiscalYear(D(2008, 4, 2), 2026));
    }

    [Fact]
    public void Born_on_31_March_attains_each_age_on_30_March_in_the_same_fiscal_year_as_1_April()
    {
        var birth = D(1961, 3, 31);
        Assert.Equal(D(2026, 3, 30), JapaneseAge.DayAttaining(birth, 65));
        Assert.Equal(64, JapaneseAge.On(birth, D(2026, 3, 29)));
        Assert.Equal(65, JapaneseAge.On(birth, D(2026, 3, 30)));
        Assert.Equal(65, JapaneseAge.AttainedInFiscalYear(birth, 2025));
        Assert.Equal(D(2026, 3, 31), JapaneseAge.FirstMarch31OnOrAfterAttaining(birth, 65));
    }

    [Fact]
    public void Born_on_29_February_attains_each_age_on_28_February_in_every_year()
    {
        var birth = D(2008, 2, 29);
        Assert.Equal(17, JapaneseAge.On(birth, D(2026, 2, 27)));
        Assert.Equal(18, JapaneseAge.On(birth, D(2026, 2, 28)));
        Assert.Equal(D(2026, 2, 28), JapaneseAge.DayAttaining(birth, 18));
        Assert.Equal(D(2028, 2, 28), JapaneseAge.DayAttaining(birth, 20));
        Assert.Equal(19, JapaneseAge.On(birth, D(2027, 2, 28)));
    }

    [Fact]
    public void Born_on_1_March_of_a_leap_year_attains_each_age_on_the_last_day_of_February()
    {
        var birth = D(2024, 3, 1);
        Assert.Equal(D(2027, 2, 28), JapaneseAge.DayAttaining(birth, 3));
        Assert.Equal(3, JapaneseAge.On(birth, D(2027, 2, 28)));
        Assert.Equal(D(2028, 2, 29), JapaneseAge.DayAttaining(birth, 4));
        Assert.Equal(3, JapaneseAge.On(birth, D(2028, 2, 28)));
        Assert.Equal(4, JapaneseAge.On(birth, D(2028, 2, 29)));
    }

    [Fact]
    public void A_day_before_the_birth_has_no_age()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseAge.On(D(2026, 6, 15), D(2026, 6, 14)));
    }

    [Theory]
    [InlineData(2026, 3, 31, 2025)]
    [InlineData(2026, 4, 1, 2026)]
    [InlineData(2027, 1, 15, 2026)]
    public void The_fiscal_year_runs_from_April_to_March(int y, int m, int d, int expected)
    {
        Assert.Equal(expected, FiscalYear.Of(D(y, m, d)));
        Assert.Equal(D(expected, 4, 1), FiscalYear.Start(expected));
        Assert.Equal(D(expected + 1, 3, 31), FiscalYear.End(expected));
    }
}
