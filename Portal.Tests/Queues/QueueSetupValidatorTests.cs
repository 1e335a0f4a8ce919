using Portal.Core.Queues;

namespace Portal.Tests.Queues;

/// <summary>What the queue set-up forms accept: a service's minutes and prefix, settings, the week's hours, a closed day.</summary>
public sealed class QueueSetupValidatorTests
{
    private static OfficeServiceInput Service(int minutes = 10, string prefix = "t", string code = "tax") =>
        new() { Code = code, Prefix = prefix, Minutes = minutes, Name = { ["ja"] = "税証明" } };

    [Theory]
    [InlineData(1, true)]
    [InlineData(240, true)]
    [InlineData(0, false)]
    [InlineData(241, false)]
    public void A_service_takes_one_to_240_minutes(int minutes, bool valid) =>
        Assert.Equal(valid, new OfficeServiceValidator().Validate(Service(minutes)).IsValid);

    [Theory]
    [InlineData("t", true)]
    [InlineData("Z", true)]
    [InlineData("", false)]
    [InlineData("ab", false)]
    [InlineData("1", false)]
    [InlineData("あ", false)]
    public void A_service_s_prefix_is_one_latin_letter(string prefix, bool valid) =>
        Assert.Equal(valid, new OfficeServiceValidator().Validate(Service(prefix: prefix)).IsValid);

    [Theory]
    [InlineData(1, 0, true)]
    [InlineData(50, 10, true)]
    [InlineData(0, 2, false)]
    [InlineData(51, 2, false)]
    [InlineData(3, -1, false)]
    [InlineData(3, 11, false)]
    public void A_notice_comes_one_to_50_places_ahead_after_up_to_ten_recalls(int threshold, int recalls, bool valid) =>
        Assert.Equal(valid, new QueueSettingsValidator().Validate(new QueueSettingsInput { NoticeThreshold = threshold, RecallsBeforeNoShow = recalls }).IsValid);

    [Fact]
    public void A_board_shows_at_most_six_languages_each_once()
    {
        var validator = new QueueSettingsValidator();
        Assert.True(validator.Validate(new QueueSettingsInput { BoardLanguages = ["ja", "en", "zh-Hans", "ko", "vi", "ja-Easy"] }).IsValid);
        Assert.False(validator.Validate(new QueueSettingsInput { BoardLanguages = ["ja", "en", "zh-Hans", "ko", "vi", "ja-Easy", "pt"] }).IsValid);
        Assert.False(validator.Validate(new QueueSettingsInput { BoardLanguages = ["ja", "ja"] }).IsValid);
        Assert.False(validator.Validate(new QueueSettingsInput { BoardLanguages = ["ja,en"] }).IsValid);
    }

    [Theory]
    [InlineData("08:30", "17:15", true)]
    [InlineData("9:00", "17:00", false)]
    [InlineData("09:00", "09:00", false)]
    [InlineData("17:00", "09:00", false)]
    [InlineData("09:00", "24:00", false)]
    [InlineData("", "17:00", false)]
    public void An_open_day_s_hours_are_written_hh_mm_and_close_after_they_open(string opens, string closes, bool valid)
    {
        var week = DayHoursInput.Week(BusinessCalendar.StandardHours);
        week[2].Opens = opens;
        week[2].Closes = closes;
        var result = new WeekHoursValidator().Validate(week);
        Assert.Equal(valid, result.IsValid);
        if (!valid) Assert.Equal(QueueSetupKeys.InvalidHours, Assert.Single(result.Errors).ErrorMessage);
    }

    [Fact]
    public void A_closed_day_s_hours_are_not_read_and_a_day_comes_once()
    {
        var week = DayHoursInput.Week(BusinessCalendar.StandardHours);
        Assert.Equal((DayOfWeek.Sunday, false), (week[6].Day, week[6].Open));
        week[6].Opens = "nonsense";
        Assert.True(new WeekHoursValidator().Validate(week).IsValid);

        week.Add(new DayHoursInput { Day = DayOfWeek.Monday, Open = true });
        Assert.False(new WeekHoursValidator().Validate(week).IsValid);
    }

    [Theory]
    [InlineData("庁舎点検", true)]
    [InlineData("  ", false)]
    [InlineData(null, false)]
    public void A_closed_day_needs_a_reason(string? reason, bool valid) =>
        Assert.Equal(valid, new ClosedDayValidator().Validate(new ClosedDayInput { Date = new DateOnly(2026, 12, 7), Reason = reason ?? "" }).IsValid);

    [Fact]
    public void A_closed_day_needs_its_date_and_a_reason_of_at_most_100_characters()
    {
        var validator = new ClosedDayValidator();
        Assert.False(validator.Validate(new ClosedDayInput { Reason = "庁舎点検" }).IsValid);
        Assert.True(validator.Validate(new ClosedDayInput { Date = new DateOnly(2026, 12, 7), Reason = new string('点', ClosedDayValidator.MaxReasonLength) }).IsValid);
        Assert.False(validator.Validate(new ClosedDayInput { Date = new DateOnly(2026, 12, 7), Reason = new string('点', ClosedDayValidator.MaxReasonLength + 1) }).IsValid);
    }
}
