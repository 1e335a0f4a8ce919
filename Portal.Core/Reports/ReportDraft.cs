using FluentValidation;
using Portal.Core.Geography;
using Portal.Core.Text;

namespace Portal.Core.Reports;

/// <summary>What a resident has filled in so far. Kept on the phone between reconnects; submitted once.</summary>
public sealed class ReportDraft
{
    /// <summary>Made when the form opens; a retry after a dropped connection reuses it, so only one report results.</summary>
    public string IdempotencyKey { get; set; } = Guid.NewGuid().ToString("N");
    public ReportKind Kind { get; set; } = ReportKind.Problem;
    public ReportField? Field { get; set; }
    public string? CategoryCode { get; set; }
    public string Description { get; set; } = "";
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }
    public bool ShowName { get; set; }
    public List<NewPhoto> Photos { get; set; } = [];
    /// <summary>Answers to the category's questions, by question code, as typed (<see cref="ReportAnswers.Check"/>).</summary>
    public Dictionary<string, string?> Answers { get; set; } = new(StringComparer.Ordinal);
    /// <summary>The theme the resident reports into (テーマレポート), checked when submitted; null for an ordinary report.</summary>
    public string? ThemeCode { get; set; }

    public GeoPoint? Location => Latitude is { } lat && Longitude is { } lon ? new GeoPoint(lat, lon) : null;
}

public static class ReportValidationKeys
{
    public const string CategoryRequired = "Reports_Validation_CategoryRequired";
    public const string DescriptionRequired = "Reports_Validation_DescriptionRequired";
    public const string DescriptionTooLong = "Reports_Validation_DescriptionTooLong";
    public const string LocationRequired = "Reports_Validation_LocationRequired";
    public const string TooManyPhotos = "Reports_Validation_TooManyPhotos";
}

public sealed class ReportDraftValidator : AbstractValidator<ReportDraft>
{
    /// <summary>Open311 allows up to 4,000 characters; the form keeps to 2,000, plenty for a phone.</summary>
    public const int MaxDescriptionLength = 2000;
    /// <summary>Partner apps (Open311) may send what GeoReport v2 allows, and the column holds.</summary>
    public const int PartnerMaxDescriptionLength = 4000;
    public const int MaxPhotos = 3;

    public ReportDraftValidator() : this(MaxDescriptionLength) { }

    public ReportDraftValidator(int maxDescriptionLength)
    {
        RuleFor(d => d.CategoryCode).NotEmpty().WithMessage(ReportValidationKeys.CategoryRequired);
        RuleFor(d => d.Description).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage(ReportValidationKeys.DescriptionRequired)
            .MaximumLength(maxDescriptionLength).WithMessage(ReportValidationKeys.DescriptionTooLong);
        RuleFor(d => d.Description).Submitted();
        RuleFor(d => d.Latitude).NotNull().WithMessage(ReportValidationKeys.LocationRequired);
        RuleFor(d => d.Location).Must(l => l is null || CityArea.Contains(l.Value)).WithMessage(ReportErrors.OutsideCity)
            .OverridePropertyName(nameof(ReportDraft.Latitude));
        RuleFor(d => d.Photos).Must(p => p.Count <= MaxPhotos).WithMessage(ReportValidationKeys.TooManyPhotos);
    }
}
