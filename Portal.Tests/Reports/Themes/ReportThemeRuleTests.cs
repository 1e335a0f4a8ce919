using Portal.Core.Geography;
using Portal.Core.Languages;
using Portal.Core.Reports.Themes;

namespace Portal.Tests.Reports.Themes;

/// <summary>The rules of a theme report (テーマレポート): its Japan-day period, its categories and its area.</summary>
public sealed class ReportThemeRuleTests
{
    private static readonly GeoPoint ChuoOffice = new(35.6083, 140.1233);
    private static readonly GeoPoint Mihama = new(35.638, 140.060);

    public static ReportTheme Theme(DateOnly start, DateOnly end, ThemeArea? area = null, DateTimeOffset? closed = null) =>
        new($"t{Guid.NewGuid():N}"[..12], LocalizedText.Of("通学路の危険箇所"), LocalizedText.Of("危ない場所を教えてください"), null, start, end,
            ["road-sidewalk", "road-street-light"], area ?? ThemeArea.WholeCity, closed);

    private static DateTimeOffset Japan(int year, int month, int day, int hour, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.FromHours(9));

    [Fact]
    public void A_theme_opens_at_midnight_Japan_time_on_its_first_day()
    {
        var theme = Theme(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));

        // 30 November 23:59:59 in Japan is 14:59:59 UTC: not yet.
        Assert.False(theme.IsOpen(Japan(2026, 11, 30, 23, 59, 59)));
        Assert.True(theme.IsOpen(Japan(2026, 12, 1, 0, 0)));
        // Midnight in Japan is still the day before in UTC: the period is Japan's days, not UTC's.
        Assert.Equal(new DateTimeOffset(2026, 11, 30, 15, 0, 0, TimeSpan.Zero), theme.OpensUtc);
    }

    [Fact]
    public void A_theme_takes_reports_until_24_00_Japan_time_on_its_last_day()
    {
        var theme = Theme(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));

        Assert.True(theme.IsOpen(Japan(2026, 12, 31, 23, 59, 59)));
        Assert.False(theme.IsOpen(Japan(2027, 1, 1, 0, 0)));
        Assert.Equal(ThemeErrors.Closed, theme.Refusal(Japan(2027, 1, 1, 0, 0), "road-sidewalk", ChuoOffice, "chuo"));
        Assert.Equal(ThemeErrors.NotOpenYet, theme.Refusal(Japan(2026, 11, 30, 23, 0), "road-sidewalk", ChuoOffice, "chuo"));
    }

    [Fact]
    public void A_one_day_theme_is_open_that_whole_Japan_day()
    {
        var theme = Theme(new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 1));

        Assert.True(theme.IsOpen(Japan(2026, 9, 1, 0, 0)));
        Assert.True(theme.IsOpen(Japan(2026, 9, 1, 23, 59)));
        Assert.False(theme.IsOpen(Japan(2026, 9, 2, 0, 0)));
    }

    [Fact]
    public void Closed_early_it_ends_at_that_moment()
    {
        var closed = Japan(2026, 12, 10, 15, 30);
        var theme = Theme(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), closed: closed);

        Assert.True(theme.IsOpen(closed.AddSeconds(-1)));
        Assert.False(theme.IsOpen(closed));
        Assert.Equal(closed, theme.EndsUtc);
    }

    [Fact]
    public void It_takes_only_its_own_categories()
    {
        var theme = Theme(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31));
        var now = Japan(2026, 12, 5, 12, 0);

        Assert.Null(theme.Refusal(now, "road-street-light", ChuoOffice, "chuo"));
        Assert.Equal(ThemeErrors.CategoryNotInTheme, theme.Refusal(now, "litter-dumping", ChuoOffice, "chuo"));
    }

    [Fact]
    public void A_theme_of_some_wards_refuses_a_place_in_another_ward()
    {
        var theme = Theme(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), new ThemeArea(["chuo", "midori"], null));
        var now = Japan(2026, 12, 5, 12, 0);

        Assert.Null(theme.Refusal(now, "road-sidewalk", ChuoOffice, "chuo"));
        Assert.Equal(ThemeErrors.OutsideArea, theme.Refusal(now, "road-sidewalk", Mihama, "mihama"));
    }

    [Fact]
    public void A_theme_with_a_circle_takes_places_inside_it_only()
    {
        // 500 m around the Chuo ward office.
        var theme = Theme(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31), new ThemeArea([], new ThemeCircle(ChuoOffice, 500)));
        var inside = new GeoPoint(35.6110, 140.1233);   // about 300 m north
        var outside = new GeoPoint(35.6140, 140.1233);  // about 630 m north

        Assert.True(theme.Area.Contains(inside, "chuo"));
        Assert.False(theme.Area.Contains(outside, "chuo"));
        Assert.False(ThemeArea.WholeCity.Contains(new GeoPoint(35.30, 139.70), "chuo"));
    }
}
