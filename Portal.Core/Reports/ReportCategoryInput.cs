using FluentValidation;

namespace Portal.Core.Reports;

/// <summary>The category form of the administration page: a new category, or the changes to one.</summary>
public sealed class ReportCategoryInput
{
    public string Code { get; set; } = "";
    public ReportField Field { get; set; } = ReportField.Other;
    public string NameJa { get; set; } = "";
    public string NameEn { get; set; } = "";
    public int ResponseTargetDays { get; set; } = 14;
    public int SortOrder { get; set; }
    public bool IsActive { get; set; } = true;

    public static ReportCategoryInput From(ReportCategory c) => new()
    {
        Code = c.Code, Field = c.Field, NameJa = c.NameJa, NameEn = c.NameEn, ResponseTargetDays = c.ResponseTargetDays, SortOrder = c.SortOrder, IsActive = c.IsActive,
    };

    public ReportCategory ToCategory() => new(Code.Trim(), Field, NameJa.Trim(), NameEn.Trim(), ResponseTargetDays, SortOrder, IsActive);
}

public static class ReportCategoryKeys
{
    public const string CodeRequired = "Categories_Validation_CodeRequired";
    public const string CodeFormat = "Categories_Validation_CodeFormat";
    public const string CodeTaken = "Categories_Validation_CodeTaken";
    public const string NameJaRequired = "Categories_Validation_NameJaRequired";
    public const string NameEnRequired = "Categories_Validation_NameEnRequired";
    public const string NameTooLong = "Categories_Validation_NameTooLong";
    public const string TargetDaysRange = "Categories_Validation_TargetDaysRange";
    public const string SortOrderRange = "Categories_Validation_SortOrderRange";
}

/// <summary>
/// A category code goes into links, open data and Open311 service codes, so it stays plain: lowercase
/// letters, digits and single hyphens between them ("road-pothole").
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
        RuleFor(c => c.NameJa).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(ReportCategoryKeys.NameJaRequired)
            .MaximumLength(MaxNameLength).WithMessage(ReportCategoryKeys.NameTooLong);
        RuleFor(c => c.NameEn).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(ReportCategoryKeys.NameEnRequired)
            .MaximumLength(MaxNameLength).WithMessage(ReportCategoryKeys.NameTooLong);
        RuleFor(c => c.ResponseTargetDays).InclusiveBetween(1, MaxTargetDays).WithMessage(ReportCategoryKeys.TargetDaysRange);
        RuleFor(c => c.SortOrder).InclusiveBetween(0, 100_000).WithMessage(ReportCategoryKeys.SortOrderRange);
    }
}
