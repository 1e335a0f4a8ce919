using Portal.Core.Reports.Themes;

namespace Portal.Tests.Reports.Themes;

public sealed class ReportThemeValidatorTests
{
    public static ReportThemeInput Valid() => new()
    {
        Code = "school-routes",
        Title = new(StringComparer.OrdinalIgnoreCase) { ["ja"] = "通学路の危険箇所", ["en"] = "School routes" },
        Prompt = new(StringComparer.OrdinalIgnoreCase) { ["ja"] = "危ない場所を教えてください。" },
        StartDate = new DateOnly(2026, 12, 1),
        EndDate = new DateOnly(2026, 12, 31),
        CategoryCodes = ["road-sidewalk"],
    };

    private static IEnumerable<string> Errors(ReportThemeInput input) => new ReportThemeValidator().Validate(input).Errors.Select(e => e.ErrorMessage);

    [Fact]
    public void A_complete_theme_is_valid() => Assert.Empty(Errors(Valid()));

    [Fact]
    public void The_last_day_may_be_the_first_but_not_before_it()
    {
        var input = Valid();
        input.EndDate = input.StartDate;
        Assert.Empty(Errors(input));
        input.EndDate = input.StartDate!.Value.AddDays(-1);
        Assert.Contains(ReportThemeKeys.EndBeforeStart, Errors(input));
    }

    [Fact]
    public void Title_and_prompt_need_Japanese_and_a_category_is_needed()
    {
        var input = Valid();
        input.Title["ja"] = " ";
        input.Prompt.Remove("ja");
        input.CategoryCodes.Clear();

        var errors = Errors(input).ToList();

        Assert.Contains(ReportThemeKeys.TitleRequired, errors);
        Assert.Contains(ReportThemeKeys.PromptRequired, errors);
        Assert.Contains(ReportThemeKeys.CategoriesRequired, errors);
    }

    [Fact]
    public void A_circle_is_whole_inside_the_city_and_of_a_sensible_size()
    {
        var input = Valid();
        input.CircleLatitude = 35.6083;
        Assert.Contains(ReportThemeKeys.CircleIncomplete, Errors(input));

        input.CircleLongitude = 140.1233;
        input.CircleRadiusMeters = 10;
        Assert.Contains(ReportThemeKeys.RadiusRange, Errors(input));

        input.CircleRadiusMeters = 800;
        Assert.Empty(Errors(input));

        input.CircleLatitude = 35.30;  // Yokosuka
        Assert.Contains(ReportThemeKeys.CircleOutsideCity, Errors(input));
    }

    [Theory]
    [InlineData("School-Routes")]
    [InlineData("school routes")]
    [InlineData("通学路")]
    public void The_code_is_plain(string code)
    {
        var input = Valid();
        input.Code = code;
        Assert.Contains(ReportThemeKeys.CodeFormat, Errors(input));
    }
}
