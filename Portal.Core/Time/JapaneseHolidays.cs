using System.Collections.Concurrent;
using Portal.Core.Languages;

namespace Portal.Core.Time;

/// <summary>A day off by the holidays law: a national holiday (国民の祝日), a substitute holiday (振替休日) or a citizens' holiday (国民の休日).</summary>
public sealed record JapaneseHoliday(DateOnly Date, string NameJa, string NameEn)
{
    /// <summary>The name in Japanese and English; readers of the other languages get the English one.</summary>
    public LocalizedText Name => LocalizedText.Of(NameJa, NameEn);
}

/// <summary>
/// Japan's holidays worked out from the law (国民の祝日に関する法律, as amended) for any year from 2000 to 2099; a year
/// outside that range is refused, since the rules before 2000 differ more and the equinox formula ends with 2099.
/// <list type="bullet">
/// <item>Fixed days: 元日 1/1, 建国記念の日 2/11, 天皇誕生日 (12/23 to 2018, none in 2019, 2/23 from 2020), 昭和の日 4/29
/// (from 2007; みどりの日 before), 憲法記念日 5/3, みどりの日 5/4 (from 2007), こどもの日 5/5, 山の日 8/11 (from 2016),
/// 文化の日 11/3, 勤労感謝の日 11/23.</item>
/// <item>Happy Monday days: 成人の日 the second Monday of January, 海の日 the third Monday of July (7/20 to 2002), 敬老の日
/// the third Monday of September (9/15 to 2002), スポーツの日 the second Monday of October (体育の日 to 2019).</item>
/// <item>The Tokyo Games moved 海の日, スポーツの日 and 山の日 in 2020 (7/23, 7/24, 8/10) and 2021 (7/22, 7/23, 8/8); 2019 had the
/// accession day 5/1 and the enthronement ceremony 10/22 as holidays.</item>
/// <item>春分の日 and 秋分の日 by the usual approximation of the equinoxes, right for 1980 to 2099. The law names the equinox
/// day, not a date: the Cabinet Office announces the next year's two days each February (官報, from the National
/// Astronomical Observatory's calculation). Should an announced day ever differ, the admin calendar corrects that year.</item>
/// <item>振替休日: a national holiday on a Sunday gives the next day that is not a national holiday off (until 2006 the
/// next day, which in these years never differed).</item>
/// <item>国民の休日: a day that is not a national holiday, between two that are (until 2006 not a Sunday nor a substitute holiday).</item>
/// </list>
/// </summary>
public static class JapaneseHolidays
{
    public const int FirstYear = 2000;
    public const int LastYear = 2099;

    public const string SubstituteJa = "振替休日";
    public const string CitizensJa = "国民の休日";

    private static readonly ConcurrentDictionary<int, IReadOnlyList<JapaneseHoliday>> Years = new();

    /// <summary>The year's holidays in date order.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 2000 or after 2099.</exception>
    public static IReadOnlyList<JapaneseHoliday> In(int year)
    {
        if (year is < FirstYear or > LastYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"Japanese holidays are worked out for {FirstYear} to {LastYear} only.");
        return Years.GetOrAdd(year, Compute);
    }

    /// <summary>The holidays from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public static IEnumerable<JapaneseHoliday> Between(DateOnly from, DateOnly to)
    {
        for (var year = from.Year; year <= to.Year; year++)
            foreach (var holiday in In(year))
                if (holiday.Date >= from && holiday.Date <= to)
                    yield return holiday;
    }

    /// <summary>The holiday on this day, or null on an ordinary day.</summary>
    public static JapaneseHoliday? On(DateOnly date) => In(date.Year).FirstOrDefault(h => h.Date == date);

    public static bool IsHoliday(DateOnly date) => On(date) is not null;

    /// <summary>春分の日: the day of the March equinox in Japan, by the approximation valid from 1980 to 2099.</summary>
    public static DateOnly VernalEquinox(int year) => new(year, 3, EquinoxDay(year, 20.8431));

    /// <summary>秋分の日: the day of the September equinox in Japan, by the approximation valid from 1980 to 2099.</summary>
    public static DateOnly AutumnalEquinox(int year) => new(year, 9, EquinoxDay(year, 23.2488));

    // The equinox drifts about 0.242194 days later each year and a leap day pulls it back by one.
    private static int EquinoxDay(int year, double day1980)
    {
        if (year is < 1980 or > LastYear)
            throw new ArgumentOutOfRangeException(nameof(year), year, $"The equinox approximation holds from 1980 to {LastYear} only.");
        var years = year - 1980;
        return (int)(day1980 + 0.242194 * years - years / 4);
    }

    private static IReadOnlyList<JapaneseHoliday> Compute(int year)
    {
        var national = NationalHolidays(year).ToDictionary(h => h.Date);
        var all = new Dictionary<DateOnly, JapaneseHoliday>(national);

        // 振替休日: from a Sunday holiday, the first following day that is not a national holiday.
        foreach (var sunday in national.Keys.Where(d => d.DayOfWeek == DayOfWeek.Sunday))
        {
            var day = sunday.AddDays(1);
            while (national.ContainsKey(day)) day = day.AddDays(1);
            if (day.Year == year) all.TryAdd(day, new JapaneseHoliday(day, SubstituteJa, "Substitute holiday"));
        }

        // 国民の休日: a day between two national holidays that is not one itself.
        foreach (var before in national.Keys)
        {
            var day = before.AddDays(1);
            if (!national.ContainsKey(day.AddDays(1)) || all.ContainsKey(day)) continue;
            if (year < 2007 && day.DayOfWeek == DayOfWeek.Sunday) continue;
            all.Add(day, new JapaneseHoliday(day, CitizensJa, "Citizens' holiday"));
        }

        return [.. all.Values.OrderBy(h => h.Date)];
    }

    /// <summary>The national holidays (国民の祝日) proper, without substitute and citizens' holidays.</summary>
    private static IEnumerable<JapaneseHoliday> NationalHolidays(int year)
    {
        JapaneseHoliday Day(int month, int day, string ja, string en) => new(new DateOnly(year, month, day), ja, en);
        JapaneseHoliday Monday(int month, int nth, string ja, string en) => new(NthMonday(year, month, nth), ja, en);

        yield return Day(1, 1, "元日", "New Year's Day");
        yield return Monday(1, 2, "成人の日", "Coming of Age Day");
        yield return Day(2, 11, "建国記念の日", "National Foundation Day");
        if (year >= 2020) yield return Day(2, 23, "天皇誕生日", "Emperor's Birthday");
        yield return new(VernalEquinox(year), "春分の日", "Vernal Equinox Day");
        yield return year >= 2007 ? Day(4, 29, "昭和の日", "Showa Day") : Day(4, 29, "みどりの日", "Greenery Day");
        if (year == 2019) yield return Day(5, 1, "天皇の即位の日", "Day of the Emperor's Accession");
        yield return Day(5, 3, "憲法記念日", "Constitution Memorial Day");
        if (year >= 2007) yield return Day(5, 4, "みどりの日", "Greenery Day");
        yield return Day(5, 5, "こどもの日", "Children's Day");
        yield return year switch
        {
            2020 => Day(7, 23, "海の日", "Marine Day"),
            2021 => Day(7, 22, "海の日", "Marine Day"),
            < 2003 => Day(7, 20, "海の日", "Marine Day"),
            _ => Monday(7, 3, "海の日", "Marine Day"),
        };
        if (year >= 2016)
            yield return year switch
            {
                2020 => Day(8, 10, "山の日", "Mountain Day"),
                2021 => Day(8, 8, "山の日", "Mountain Day"),
                _ => Day(8, 11, "山の日", "Mountain Day"),
            };
        yield return year < 2003 ? Day(9, 15, "敬老の日", "Respect for the Aged Day") : Monday(9, 3, "敬老の日", "Respect for the Aged Day");
        yield return new(AutumnalEquinox(year), "秋分の日", "Autumnal Equinox Day");
        yield return year switch
        {
            2020 => Day(7, 24, "スポーツの日", "Sports Day"),
            2021 => Day(7, 23, "スポーツの日", "Sports Day"),
            < 2020 => Monday(10, 2, "体育の日", "Health and Sports Day"),
            _ => Monday(10, 2, "スポーツの日", "Sports Day"),
        };
        if (year == 2019) yield return Day(10, 22, "即位礼正殿の儀の行われる日", "Day of the Enthronement Ceremony");
        yield return Day(11, 3, "文化の日", "Culture Day");
        yield return Day(11, 23, "勤労感謝の日", "Labour Thanksgiving Day");
        if (year <= 2018) yield return Day(12, 23, "天皇誕生日", "Emperor's Birthday");
    }

    private static DateOnly NthMonday(int year, int month, int nth)
    {
        var first = new DateOnly(year, month, 1);
        var toMonday = ((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(toMonday + 7 * (nth - 1));
    }
}
