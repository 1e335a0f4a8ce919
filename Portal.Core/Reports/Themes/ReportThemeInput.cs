using FluentValidation;
using Portal.Core.Geography;
using Portal.Core.Languages;

namespace Portal.Core.Reports.Themes;

/// <summary>The theme form of the administration page: a new theme, or the changes to one.</summary>
public sealed class ReportThemeInput
{
    public string Code { get; set; } = "";
    public Dictionary<string, string?> Title { get; set; } = CityTextFields.From(null);
    /// <summary>What the city asks residents to report, shown on the theme's card and page.</summary>
    public Dictionary<string, string?> Prompt { get; set; } = CityTextFields.From(null);
    /// <summary>Optional longer words on the theme's page (why, what happens with the reports).</summary>
    public Dictionary<string, string?> Cover { get; set; } = CityTextFields.From(null);
    /// <summary>Japan days, both included.</summary>
    public DateOnly? StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public List<string> CategoryCodes { get; set; } = [];
    /// <summary>The wards it takes reports in; none: the whole city.</summary>
    public List<string> WardIds { get; set; } = [];
    /// <summary>A circle, typed as its centre and radius; all three or none.</summary>
    public double? CircleLatitude { get; set; }
    public double? CircleLongitude { get; set; }
    public int? CircleRadiusMeters { get; set; }

    public static ReportThemeInput From(ReportTheme t) => new()
    {
        Code = t.Code, Title = CityTextFields.From(t.Title), Prompt = CityTextFields.From(t.Prompt), Cover = CityTextFields.From(t.Cover),
        StartDate = t.StartDate, EndDate = t.EndDate, CategoryCodes = [.. t.CategoryCodes], WardIds = [.. t.Area.WardIds],
        CircleLatitude = t.Area.Circle?.Centre.Latitude, CircleLongitude = t.Area.Circle?.Centre.Longitude, CircleRadiusMeters = t.Area.Circle?.RadiusMeters,
    };

    public bool HasCircle => CircleLatitude is not null || CircleLongitude is not null || CircleRadiusMeters is not null;

    /// <summary>The theme the input describes (valid input only); <paramref name="closedUtc"/> is kept from the stored theme.</summary>
    public ReportTheme ToTheme(DateTimeOffset? closedUtc) => new(
        Code.Trim(), CityTextFields.ToText(Title), CityTextFields.ToText(Prompt), CityTextFields.ToTextOrNull(Cover), StartDate!.Value, EndDate!.Value,
        CategoryCodes.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
        new ThemeArea(WardIds.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            HasCircle ? new ThemeCircle(new GeoPoint(CircleLatitude!.Value, CircleLongitude!.Value), CircleRadiusMeters!.Value) : null),
        closedUtc);
}

public static class ReportThemeKeys
{
    public const string CodeRequired = "Themes_Validation_CodeRequired";
    public const string CodeFormat = "Themes_Validation_CodeFormat";
    public const string CodeTaken = "Themes_Validation_CodeTaken";
    public const string TitleRequired = "Themes_Validation_TitleRequired";
    public const string PromptRequired = "Themes_Validation_PromptRequired";
    public const string TextTooLong = "Themes_Validation_TextTooLong";
    public const string StartRequired = "Themes_Validation_StartRequired";
    public const string EndRequired = "Themes_Validation_EndRequired";
    public const string EndBeforeStart = "Themes_Validation_EndBeforeStart";
    public const string CategoriesRequired = "Themes_Validation_CategoriesRequired";
    public const string UnknownCategory = "Themes_Validation_UnknownCategory";
    public const string UnknownWard = "Themes_Validation_UnknownWard";
    public const string CircleIncomplete = "Themes_Validation_CircleIncomplete";
    public const string CircleOutsideCity = "Themes_Validation_CircleOutsideCity";
    public const string RadiusRange = "Themes_Validation_RadiusRange";
}

/// <summary>
/// A theme's code goes into links, so it stays plain (the category code's rule); its title and prompt need their Japanese
/// text, the cover words are optional; the period runs forwards and at most a year; it asks for at least one category; a
/// circle is whole (centre and radius), its centre in the city, its radius between 50 m and 20 km.
/// </summary>
public sealed class ReportThemeValidator : AbstractValidator<ReportThemeInput>
{
    public const int MaxTitleLength = 60;
    public const int MaxPromptLength = 300;
    public const int MaxCoverLength = 1000;
    public const int MinRadiusMeters = 50;
    public const int MaxRadiusMeters = 20_000;

    public ReportThemeValidator()
    {
        RuleFor(t => t.Code).NotEmpty().WithMessage(ReportThemeKeys.CodeRequired)
            .DependentRules(() => RuleFor(t => t.Code)
                .Matches(ReportCategoryValidator.CodePattern).WithMessage(ReportThemeKeys.CodeFormat)
                .MaximumLength(ReportCategoryValidator.MaxCodeLength).WithMessage(ReportThemeKeys.CodeFormat));
        RuleFor(t => t.Title).CityText(MaxTitleLength, ReportThemeKeys.TitleRequired, ReportThemeKeys.TextTooLong);
        RuleFor(t => t.Prompt).CityText(MaxPromptLength, ReportThemeKeys.PromptRequired, ReportThemeKeys.TextTooLong, multiline: true);
        RuleFor(t => t.Cover).CityText(MaxCoverLength, ReportThemeKeys.TitleRequired, ReportThemeKeys.TextTooLong, optional: true, multiline: true);
        RuleFor(t => t.StartDate).NotNull().WithMessage(ReportThemeKeys.StartRequired);
        RuleFor(t => t.EndDate).NotNull().WithMessage(ReportThemeKeys.EndRequired)
            .Must((t, end) => t.StartDate is not { } start || end is not { } e || (e >= start && e <= start.AddYears(1)))
            .WithMessage(ReportThemeKeys.EndBeforeStart);
        RuleFor(t => t.CategoryCodes).NotEmpty().WithMessage(ReportThemeKeys.CategoriesRequired);
        When(t => t.HasCircle, () =>
        {
            RuleFor(t => t.CircleRadiusMeters).Must((t, r) => r is not null && t.CircleLatitude is not null && t.CircleLongitude is not null)
                .WithMessage(ReportThemeKeys.CircleIncomplete)
                .DependentRules(() =>
                {
                    RuleFor(t => t.CircleLatitude).Must((t, lat) => CityArea.Contains(new GeoPoint(lat!.Value, t.CircleLongitude!.Value)))
                        .WithMessage(ReportThemeKeys.CircleOutsideCity);
                    RuleFor(t => t.CircleRadiusMeters).InclusiveBetween(MinRadiusMeters, MaxRadiusMeters).WithMessage(ReportThemeKeys.RadiusRange);
                });
        });
    }
}
