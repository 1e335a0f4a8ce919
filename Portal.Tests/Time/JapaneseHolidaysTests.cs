using System.Globalization;
using Portal.Core.Time;

namespace Portal.Tests.Time;

/// <summary>Japan's holidays worked out from the holidays law, checked against the Cabinet Office's lists.</summary>
public sealed class JapaneseHolidaysTests
{
    // The Cabinet Office's lists (内閣府「国民の祝日について」), written out day by day: "month-day name".
    // Its substitute and citizens' holidays appear as 休日 there; here they carry the law's names.
    public static TheoryData<int, string[]> CabinetOfficeLists => new()
    {
        { 2025, ["01-01 元日", "01-13 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "02-24 振替休日", "03-20 春分の日",
                 "04-29 昭和の日", "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-21 海の日",
                 "08-11 山の日", "09-15 敬老の日", "09-23 秋分の日", "10-13 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日",
                 "11-24 振替休日"] },
        { 2026, ["01-01 元日", "01-12 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-20 海の日", "08-11 山の日",
                 "09-21 敬老の日", "09-22 国民の休日", "09-23 秋分の日", "10-12 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日"] },
        { 2027, ["01-01 元日", "01-11 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-21 春分の日", "03-22 振替休日",
                 "04-29 昭和の日", "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "07-19 海の日", "08-11 山の日",
                 "09-20 敬老の日", "09-23 秋分の日", "10-11 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日"] },
        { 2028, ["01-01 元日", "01-10 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "07-17 海の日", "08-11 山の日", "09-18 敬老の日",
                 "09-22 秋分の日", "10-09 スポーツの日", "11-03 文化の日", "11-23 勤労感謝の日"] },
        { 2029, ["01-01 元日", "01-08 成人の日", "02-11 建国記念の日", "02-12 振替休日", "02-23 天皇誕生日", "03-20 春分の日",
                 "04-29 昭和の日", "04-30 振替休日", "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "07-16 海の日",
                 "08-11 山の日", "09-17 敬老の日", "09-23 秋分の日", "09-24 振替休日", "10-08 スポーツの日", "11-03 文化の日",
                 "11-23 勤労感謝の日"] },
        { 2030, ["01-01 元日", "01-14 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-15 海の日", "08-11 山の日",
                 "08-12 振替休日", "09-16 敬老の日", "09-23 秋分の日", "10-14 スポーツの日", "11-03 文化の日", "11-04 振替休日",
                 "11-23 勤労感謝の日"] },
        // The new Emperor's accession: 5/1 and 10/22 were holidays by a special law, 4/30 and 5/2 citizens' holidays
        // between them, and no Emperor's Birthday that year.
        { 2019, ["01-01 元日", "01-14 成人の日", "02-11 建国記念の日", "03-21 春分の日", "04-29 昭和の日", "04-30 国民の休日",
                 "05-01 天皇の即位の日", "05-02 国民の休日", "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日",
                 "07-15 海の日", "08-11 山の日", "08-12 振替休日", "09-16 敬老の日", "09-23 秋分の日", "10-14 体育の日",
                 "10-22 即位礼正殿の儀の行われる日", "11-03 文化の日", "11-04 振替休日", "11-23 勤労感謝の日"] },
        // The Tokyo Games moved 海の日, スポーツの日 and 山の日 in 2020 and again, postponed, in 2021.
        { 2020, ["01-01 元日", "01-13 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "02-24 振替休日", "03-20 春分の日",
                 "04-29 昭和の日", "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "05-06 振替休日", "07-23 海の日",
                 "07-24 スポーツの日", "08-10 山の日", "09-21 敬老の日", "09-22 秋分の日", "11-03 文化の日", "11-23 勤労感謝の日"] },
        { 2021, ["01-01 元日", "01-11 成人の日", "02-11 建国記念の日", "02-23 天皇誕生日", "03-20 春分の日", "04-29 昭和の日",
                 "05-03 憲法記念日", "05-04 みどりの日", "05-05 こどもの日", "07-22 海の日", "07-23 スポーツの日", "08-08 山の日",
                 "08-09 振替休日", "09-20 敬老の日", "09-23 秋分の日", "11-03 文化の日", "11-23 勤労感謝の日"] },
    };

    [Theory]
    [MemberData(nameof(CabinetOfficeLists))]
    public void A_year_s_holidays_are_the_Cabinet_Office_s_list(int year, string[] expected) =>
        Assert.Equal(expected, JapaneseHolidays.In(year).Select(h => h.Date.ToString("MM-dd", CultureInfo.InvariantCulture) + " " + h.NameJa));

    [Theory]
    [InlineData(2008, 5, 6)]  // 5/4 (みどりの日) on a Sunday: 5/5 is a holiday too, so the next ordinary day
    [InlineData(2009, 5, 6)]  // 5/3 on a Sunday: past 5/4 and 5/5
    [InlineData(2025, 2, 24)] // 天皇誕生日 on a Sunday
    [InlineData(2027, 3, 22)] // 春分の日 on a Sunday
    [InlineData(2002, 9, 16)] // before the 2007 rule: 9/15 (敬老の日 then) on a Sunday gives the Monday
    public void A_holiday_on_a_Sunday_gives_the_next_day_that_is_not_a_holiday_off(int y, int m, int d)
    {
        var substitute = new DateOnly(y, m, d);
        Assert.Equal(JapaneseHolidays.SubstituteJa, JapaneseHolidays.On(substitute)?.NameJa);
        var sunday = substitute.AddDays(-1);
        while (sunday.DayOfWeek != DayOfWeek.Sunday) sunday = sunday.AddDays(-1);
        Assert.NotNull(JapaneseHolidays.On(sunday));
    }

    [Fact]
    public void Every_holiday_on_a_Sunday_from_2000_to_2099_has_its_substitute()
    {
        for (var year = JapaneseHolidays.FirstYear; year <= JapaneseHolidays.LastYear; year++)
        {
            var holidays = JapaneseHolidays.In(year);
            var substitutes = holidays.Count(h => h.NameJa == JapaneseHolidays.SubstituteJa);
            var sundays = holidays.Count(h => h.Date.DayOfWeek == DayOfWeek.Sunday && h.NameJa is not (JapaneseHolidays.SubstituteJa or JapaneseHolidays.CitizensJa));
            // One substitute per Sunday holiday (12/31 is never a holiday, so none falls into the next year).
            Assert.True(sundays == substitutes, $"{year}: {sundays} Sunday holidays, {substitutes} substitutes");
            Assert.All(holidays.Where(h => h.NameJa == JapaneseHolidays.SubstituteJa), h => Assert.NotEqual(DayOfWeek.Sunday, h.Date.DayOfWeek));
        }
    }

    [Theory]
    [InlineData(2009, 9, 22)] // 敬老の日 9/21, 秋分の日 9/23
    [InlineData(2015, 9, 22)]
    [InlineData(2026, 9, 22)]
    [InlineData(2032, 9, 21)] // 敬老の日 9/20, 秋分の日 9/22
    [InlineData(2006, 5, 4)]  // before みどりの日 moved to 5/4 in 2007, 5/4 was off as a day between two holidays
    public void A_day_between_two_holidays_is_a_citizens_holiday(int y, int m, int d)
    {
        var day = new DateOnly(y, m, d);
        Assert.Equal(JapaneseHolidays.CitizensJa, JapaneseHolidays.On(day)?.NameJa);
        Assert.NotNull(JapaneseHolidays.On(day.AddDays(-1)));
        Assert.NotNull(JapaneseHolidays.On(day.AddDays(1)));
    }

    [Fact]
    public void Before_2007_a_Sunday_between_two_holidays_stayed_a_Sunday()
    {
        // 2003: 5/3 Saturday, 5/4 Sunday, 5/5 Monday.
        Assert.Equal(DayOfWeek.Sunday, new DateOnly(2003, 5, 4).DayOfWeek);
        Assert.Null(JapaneseHolidays.On(new DateOnly(2003, 5, 4)));
        Assert.Equal("みどりの日", JapaneseHolidays.On(new DateOnly(2006, 4, 29))?.NameJa);
        Assert.Equal("昭和の日", JapaneseHolidays.On(new DateOnly(2007, 4, 29))?.NameJa);
    }

    [Fact]
    public void The_happy_Monday_holidays_fall_on_Mondays_from_the_year_each_moved()
    {
        for (var year = JapaneseHolidays.FirstYear; year <= JapaneseHolidays.LastYear; year++)
        {
            if (year is 2020 or 2021) continue; // the Games
            foreach (var h in JapaneseHolidays.In(year).Where(h => h.NameJa is "成人の日" or "体育の日" or "スポーツの日"
                         || (year >= 2003 && h.NameJa is "海の日" or "敬老の日")))
                Assert.True(h.Date.DayOfWeek == DayOfWeek.Monday, $"{h.Date} {h.NameJa}");
        }
        Assert.Equal(new DateOnly(2002, 7, 20), JapaneseHolidays.In(2002).Single(h => h.NameJa == "海の日").Date);
        Assert.Equal(new DateOnly(2003, 7, 21), JapaneseHolidays.In(2003).Single(h => h.NameJa == "海の日").Date);
        Assert.Equal(new DateOnly(2003, 9, 15), JapaneseHolidays.In(2003).Single(h => h.NameJa == "敬老の日").Date);
        Assert.Equal(new DateOnly(2004, 9, 20), JapaneseHolidays.In(2004).Single(h => h.NameJa == "敬老の日").Date);
    }

    [Fact]
    public void Mountain_Day_starts_in_2016_and_the_Emperor_s_Birthday_moves_with_the_reign()
    {
        Assert.DoesNotContain(JapaneseHolidays.In(2015), h => h.NameJa == "山の日");
        Assert.Equal(new DateOnly(2016, 8, 11), JapaneseHolidays.In(2016).Single(h => h.NameJa == "山の日").Date);
        Assert.Equal(new DateOnly(2018, 12, 23), JapaneseHolidays.In(2018).Single(h => h.NameJa == "天皇誕生日").Date);
        Assert.DoesNotContain(JapaneseHolidays.In(2019), h => h.NameJa == "天皇誕生日");
        Assert.Equal(new DateOnly(2020, 2, 23), JapaneseHolidays.In(2020).Single(h => h.NameJa == "天皇誕生日").Date);
    }

    [Theory]
    [InlineData(2012, 9, 22)] // the autumn equinox on 9/22 for the first time since 1896
    [InlineData(2044, 9, 22)]
    [InlineData(2045, 9, 22)] // from 2044 also in the year after a leap year
    [InlineData(2023, 3, 21)]
    [InlineData(2055, 3, 21)] // the last 3/21 of the century
    [InlineData(2092, 3, 19)] // the first 3/19
    [InlineData(2099, 3, 20)]
    [InlineData(2099, 9, 23)]
    public void The_equinox_days_follow_the_astronomical_equinox(int y, int m, int d)
    {
        var day = new DateOnly(y, m, d);
        Assert.Equal(day, m == 3 ? JapaneseHolidays.VernalEquinox(y) : JapaneseHolidays.AutumnalEquinox(y));
        Assert.Equal(m == 3 ? "春分の日" : "秋分の日", JapaneseHolidays.On(day)?.NameJa);
    }

    [Fact]
    public void The_equinox_days_move_only_between_the_19th_and_21st_of_March_and_the_22nd_and_23rd_of_September()
    {
        for (var year = JapaneseHolidays.FirstYear; year <= JapaneseHolidays.LastYear; year++)
        {
            Assert.InRange(JapaneseHolidays.VernalEquinox(year).Day, 19, 21);
            Assert.InRange(JapaneseHolidays.AutumnalEquinox(year).Day, 22, 23);
        }
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(2100)]
    public void A_year_outside_2000_to_2099_is_refused_rather_than_guessed(int year)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.In(year));
        Assert.Throws<ArgumentOutOfRangeException>(() => JapaneseHolidays.IsHoliday(new DateOnly(year, 1, 1)));
    }

    [Fact]
    public void Holidays_between_two_days_span_years_and_include_both_ends()
    {
        var days = JapaneseHolidays.Between(new DateOnly(2026, 11, 23), new DateOnly(2027, 1, 11)).Select(h => h.Date);
        Assert.Equal([new DateOnly(2026, 11, 23), new DateOnly(2027, 1, 1), new DateOnly(2027, 1, 11)], days);
    }

    [Fact]
    public void Names_are_in_Japanese_and_English()
    {
        var sports = JapaneseHolidays.On(new DateOnly(2026, 10, 12))!;
        Assert.Equal(("スポーツの日", "Sports Day"), (sports.Name.Japanese, sports.Name.For("en")));
        Assert.Equal("Health and Sports Day", JapaneseHolidays.On(new DateOnly(2019, 10, 14))!.NameEn);
        Assert.Equal("Citizens' holiday", JapaneseHolidays.On(new DateOnly(2026, 9, 22))!.NameEn);
    }
}
