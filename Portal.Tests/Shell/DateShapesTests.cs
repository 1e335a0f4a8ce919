using System.Globalization;
using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Points;
using Portal.Web.Shell;

namespace Portal.Tests.Shell;

/// <summary>
/// Dates in each language's own shape: Japanese and English as the portal designed them, Chinese, Korean and
/// Vietnamese with their own culture's patterns (they used to get the English shape, "Mon 7 Dec 2026").
/// </summary>
public sealed class DateShapesTests
{
    // Monday 7 December 2026, 9:30 in Japan.
    private static readonly DateTimeOffset Instant = new(2026, 12, 7, 0, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("ja", "2026年12月7日(月) 9:30", "2026年12月7日", "2026/12/07 09:30")]
    [InlineData("ja-Easy", "2026年12月7日(月) 9:30", "2026年12月7日", "2026/12/07 09:30")]
    [InlineData("en", "Mon 7 Dec 2026, 9:30", "7 Dec 2026", "7 Dec 2026 09:30")]
    [InlineData("zh-Hans", "2026年12月7日星期一 09:30", "2026年12月7日星期一", "2026/12/7 09:30")]
    [InlineData("ko", "2026년 12월 7일 월요일 오전 9:30", "2026년 12월 7일 월요일", "2026. 12. 7. 오전 9:30")]
    [InlineData("vi", "Thứ Hai, 7 tháng 12, 2026 09:30", "Thứ Hai, 7 tháng 12, 2026", "07/12/2026 09:30")]
    public void Each_language_writes_dates_in_its_own_shape(string language, string longDateTime, string day, string shortDateTime)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = OfferedLanguages.Standard.CultureOf(language);
        try
        {
            Assert.Equal(longDateTime, LocalTime.FormatLong(Instant));
            Assert.Equal(day, PointsText.Day(new DateOnly(2026, 12, 7)));
            Assert.Equal(shortDateTime, PointsText.JapanTime(Instant));
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    [Fact]
    public void Every_configured_language_has_a_date_shape_without_English_words_unless_it_is_English()
    {
        foreach (var language in OfferedLanguages.Standard.All.Where(l => OfferedLanguages.Standard.CultureOf(l).TwoLetterISOLanguageName != "en"))
        {
            var culture = OfferedLanguages.Standard.CultureOf(language);
            var written = Instant.ToString(DateShapes.LongDateTime(culture), culture) + " " + Instant.ToString(DateShapes.Day(culture), culture);
            Assert.False(written.Contains("Dec", StringComparison.Ordinal) || written.Contains("Mon", StringComparison.Ordinal), $"{language} writes a date in English: {written}");
        }
    }
}
