using FluentValidation;
using Portal.Core.Languages;

namespace Portal.Core.Reports;

/// <summary>The category form of the administration page: a new category, or the changes to one.</summary>
public sealed class ReportCategoryInput
{
    public string Code { get; set; } = "";
    public ReportField Field { get; set; } = ReportField.Other;

    /// <summary>The name in each language (language code → text); Japanese is required, blank ones are not written yet.</summary>
    public Dictionary<string, string?> Name { get; set; } = CityTextFields.From(null);

    public int ResponseTargetDays { get; set; } = 14;
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public static ReportCategoryInput From(ReportCategory c) => new()
    {
        Code = c.Code, Field = c.Field, Name = CityTextFields.From(c.Name), ResponseTargetDays = c.ResponseTargetDays, SortOrder = c.SortOrder, IsActive = c.IsActive,
    };

    public ReportCategory ToCategory() => new(Code.Trim(), Field, CityTextFields.ToText(Name), ResponseTargetDays, SortOrder, IsActive);
}

public static class ReportCategoryKeys
{
    public const string CodeRequired = "Categories_Validation_CodeRequired";
    public const string CodeFormat = "Categories_Validation_CodeFormat";
    public const string CodeTaken = "Categories_Validation_CodeTaken";
    public const string NameJaRequired = "Categories_Validation_NameJaRequired";
    public const string NameTooLong = "Categories_Validation_NameTooLong";
    public const string TargetDaysRange = "Categories_Validation_TargetDaysRange";
    public const string SortOrderRange = "Categories_Validation_SortOrderRange";
}

/// <summary>
/// A category code goes into links, open data and Open311 service codes, so it stays plain: lowercase
/// letters, digits and single hyphens between them ("road-pothole"). The name needs its Japanese text; every
/// language's text has the same length limit.
/// </summary>
public sealed class ReportCategoryValidator : AbstractValidator<ReportCategoryInput>
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 100;
    public const int MaxTargetDays = 365;
    public const string CodePattern = "^[a-z0-9]+(-[a-z0-9]+)*$";

    public ReportCategoryValidator()
    {
        RuleFor(c => c.Code).NotEmpty().WithMessage(ReportCategoryKeys.CodeRequired)
            .DependentRules(() => RuleFor(c => c.Code)
                .Matches(CodePattern).WithMessage(ReportCategoryKeys.CodeFormat)
                .MaximumLength(MaxCodeLength).WithMessage(ReportCategoryKeys.CodeFormat));
        RuleFor(c => c.Name).CityText(MaxNameLength, ReportCategoryKeys.NameJaRequired, ReportCategoryKeys.NameTooLong);
        RuleFor(c => c.ResponseTargetDays).InclusiveBetween(1, MaxTargetDays).WithMessage(ReportCategoryKeys.TargetDaysRange);
        RuleFor(c => c.SortOrder).InclusiveBetween(0, 100_000).WithMessage(ReportCategoryKeys.SortOrderRange);
    }
}
