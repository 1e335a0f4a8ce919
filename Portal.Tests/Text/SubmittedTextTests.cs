using Portal.Core.Languages;
using Portal.Core.Text;

namespace Portal.Tests.Text;

/// <summary>The one rule for text a person or client submits, and that every writer applies to what it sends.</summary>
public sealed class SubmittedTextTests
{
    /// <summary>Every C0 control but tab, line feed and carriage return; DEL and every C1 control.</summary>
    public static TheoryData<int> Controls =>
        [.. Enumerable.Range(0, 0x20).Where(c => c is not (0x09 or 0x0A or 0x0D)).Concat(Enumerable.Range(0x7F, 0x21))];

    [Theory]
    [MemberData(nameof(Controls))]
    public void A_control_character_is_taken_out_of_any_text(int control)
    {
        var text = $"ベンチが{(char)control}壊れています";

        Assert.Equal("ベンチが壊れています", SubmittedText.Clean(text));
        Assert.Equal("ベンチが壊れています", SubmittedText.Clean(text, multiline: false));
        Assert.False(SubmittedText.IsClean(text));
    }

    [Fact]
    public void Tabs_and_line_breaks_stay_in_a_text_with_lines_and_go_from_a_one_line_text()
    {
        const string text = "1行目\r\n2行目\tです";

        Assert.Same(text, SubmittedText.Clean(text));
        Assert.Equal("1行目2行目です", SubmittedText.Clean(text, multiline: false));
    }

    [Theory]
    [InlineData("D800", "a lone high surrogate")]
    [InlineData("DC00", "a lone low surrogate")]
    [InlineData("DC00 D800", "two halves in the wrong order")]
    [InlineData("FFFE", "a non-character")]
    [InlineData("FDD0", "a non-character of the range U+FDD0 - U+FDEF")]
    [InlineData("D83F DFFF", "U+1FFFF, the last code point of a plane")]
    public void Lone_surrogates_and_non_characters_are_taken_out(string utf16, string what)
    {
        // As UTF-16 code units: a lone surrogate would not survive as theory data (it is serialized as UTF-8).
        var unwanted = string.Concat(utf16.Split(' ').Select(unit => (char)Convert.ToInt32(unit, 16)));

        Assert.True(SubmittedText.Clean($"穴{unwanted}です") == "穴です", what);
    }

    [Fact]
    public void Characters_outside_the_basic_plane_stay_whole()
    {
        const string text = "𠮷野家の前 😀 ⚠️";

        Assert.Same(text, SubmittedText.Clean(text));
        Assert.Equal("𠮷野家の前 😀", SubmittedText.Clean("𠮷野家の前\u0001 😀"));
    }

    /// <summary>What the input rule refuses: each control character above, non-characters and lone surrogate halves.</summary>
    /// <remarks>Code points, not strings: a lone surrogate in a string would not survive the theory's serialization.</remarks>
    public static TheoryData<int> Unwanted => [.. Controls.Select(c => (int)c.Data), 0xFFFE, 0xFDD0, 0xD83D, 0xDE00, 0x1FFFF];

    [Theory]
    [MemberData(nameof(Unwanted))]
    public void A_report_holding_what_no_writer_can_carry_is_refused_with_the_rule_s_message(int codePoint)
    {
        var unwanted = codePoint < 0x10000 ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);
        var draft = new Portal.Core.Reports.ReportDraft
        {
            CategoryCode = "road-pothole", Description = "歩道に穴" + unwanted + "があります", Latitude = 35.6083, Longitude = 140.1233,
        };

        var result = new Portal.Core.Reports.ReportDraftValidator().Validate(draft);

        var error = Assert.Single(result.Errors);
        Assert.Equal((nameof(draft.Description), SubmittedText.ValidationKey), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void Tabs_and_line_breaks_stay_allowed_where_a_text_has_lines_but_not_in_a_name()
    {
        var draft = new Portal.Core.Reports.ReportDraft
        {
            CategoryCode = "road-pothole", Description = "一行目\r\n\t二行目", Latitude = 35.6083, Longitude = 140.1233,
        };
        Assert.True(new Portal.Core.Reports.ReportDraftValidator().Validate(draft).IsValid);

        var registration = new Portal.Core.Accounts.ResidentRegistration
        {
            Email = "hanako@example.jp", DisplayName = "千葉\n花子", Password = "umi-no-mieru-machi", ConfirmPassword = "umi-no-mieru-machi", AcceptTerms = true,
        };
        var error = Assert.Single(new Portal.Core.Accounts.ResidentRegistrationValidator().Validate(registration).Errors);
        Assert.Equal(SubmittedText.ValidationKey, error.ErrorMessage);
    }

    private sealed record CityForm(Dictionary<string, string?> Name, Dictionary<string, string?> Description);

    private sealed class CityFormValidator : FluentValidation.AbstractValidator<CityForm>
    {
        public CityFormValidator()
        {
            RuleFor(f => f.Name).CityText(100, "required", "too-long");
            RuleFor(f => f.Description).CityText(500, "required", "too-long", optional: true, multiline: true);
        }
    }

    [Theory]
    [MemberData(nameof(Unwanted))]
    public void A_city_text_holding_what_no_writer_can_carry_is_refused_under_its_language_s_field(int codePoint)
    {
        // Categories, queue services and counters, point programmes, events, catalogue items, non-profits and benefit
        // texts all pass the one CityText rule of their admin editors.
        var unwanted = codePoint < 0x10000 ? ((char)codePoint).ToString() : char.ConvertFromUtf32(codePoint);
        var form = new CityForm(new() { ["ja"] = "道路の穴", ["vi"] = "Ổ gà" + unwanted }, new() { ["ja"] = "説明" });

        var error = Assert.Single(new CityFormValidator().Validate(form).Errors);

        Assert.Equal(("Name[vi]", SubmittedText.ValidationKey), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public void A_city_text_s_description_may_have_lines_and_its_name_may_not()
    {
        var form = new CityForm(new() { ["ja"] = "道路の\n穴" }, new() { ["ja"] = "一行目\r\n二行目" });
        var error = Assert.Single(new CityFormValidator().Validate(form).Errors);
        Assert.Equal("Name[ja]", error.PropertyName);
    }

    [Theory]
    [InlineData("Title")]
    [InlineData("Description")]
    [InlineData("MeetingPlace")]
    public void A_supporter_task_holding_a_control_character_is_refused(string field)
    {
        var time = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
        var task = new Portal.Core.Reports.Supporters.SupporterTaskInput
        {
            Title = "公園の清掃", Description = "ごみ袋を配ります", MeetingPlace = "中央公園の入口", Capacity = 10,
            Date = new DateTime(2026, 12, 20), StartTime = TimeSpan.FromHours(9), EndTime = TimeSpan.FromHours(11),
        };
        typeof(Portal.Core.Reports.Supporters.SupporterTaskInput).GetProperty(field)!.SetValue(task, "公園\u0007の清掃");

        var error = Assert.Single(new Portal.Core.Reports.Supporters.SupporterTaskValidator(time).Validate(task).Errors);

        Assert.Equal((field, SubmittedText.ValidationKey), (error.PropertyName, error.ErrorMessage));
    }
}
