using FluentValidation;
using Portal.Core.Text;

namespace Portal.Core.Reports;

/// <summary>How a report that staff file for someone reached the city (issue 17, item 4).</summary>
public enum IntakeSource
{
    /// <summary>A resident phoned the ward office.</summary>
    Phone,
    /// <summary>A resident came to the counter.</summary>
    Counter,
    /// <summary>Staff saw it themselves on patrol: nobody else's words or photos.</summary>
    Patrol,
}

public static class IntakeSources
{
    /// <summary>The report's <see cref="Report.Source"/> for a source: "phone", "counter", "patrol".</summary>
    public static string Code(this IntakeSource source) => source.ToString().ToLowerInvariant();

    /// <summary>Someone other than staff gave the report, so their consent is asked before their photos are published.</summary>
    public static bool HasResident(this IntakeSource source) => source is IntakeSource.Phone or IntakeSource.Counter;
}

/// <summary>
/// How a report filed by staff came in, kept beside it and seen by staff only: the source, who filed it, the caller's or
/// visitor's contact if they gave one (name and telephone; an e-mail address is the report's own contact), and, for their
/// photos, whether they agreed that the photos may be published (null: no photos from a resident, nothing to ask).
/// </summary>
public sealed record ReportIntake(long ReportId, IntakeSource Source, long FiledById, string? ContactName, string? ContactPhone, bool? PhotoConsent,
    DateTimeOffset FiledUtc);

/// <summary>What staff fill in for a caller or visitor: the report itself, and how it came in.</summary>
public sealed class AssistedReport
{
    public ReportDraft Draft { get; set; } = new();
    public IntakeSource? Source { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? ContactEmail { get; set; }
    /// <summary>The resident's answer when asked whether their photos may be published; asked whenever they gave photos.</summary>
    public bool? PhotoConsent { get; set; }
}

public static class AssistedReportKeys
{
    public const string SourceRequired = "Assisted_Validation_SourceRequired";
    public const string ConsentRequired = "Assisted_Validation_ConsentRequired";
    public const string BadEmail = "Assisted_Validation_BadEmail";
    public const string BadPhone = "Assisted_Validation_BadPhone";
    public const string NameTooLong = "Assisted_Validation_NameTooLong";
}

/// <summary>The rules of a report staff file: the report form's rules, a source, a contact that can be used, and the photo consent asked.</summary>
public sealed class AssistedReportValidator : AbstractValidator<AssistedReport>
{
    public const int MaxNameLength = 100;
    public const int MaxPhoneLength = 20;
    public const int MaxEmailLength = 254;

    public AssistedReportValidator()
    {
        RuleFor(a => a.Draft).SetValidator(new ReportDraftValidator());
        RuleFor(a => a.Source).NotNull().WithMessage(AssistedReportKeys.SourceRequired);
        RuleFor(a => a.ContactName).MaximumLength(MaxNameLength).WithMessage(AssistedReportKeys.NameTooLong);
        RuleFor(a => a.ContactName).Submitted(multiline: false);
        // Digits with the hyphens, spaces, brackets and "+" people write numbers with: 043-245-5111, +81 43 245 5111.
        RuleFor(a => a.ContactPhone)
            .Must(p => string.IsNullOrWhiteSpace(p) || (p.Trim().Length <= MaxPhoneLength && p.Trim().All(c => char.IsAsciiDigit(c) || c is '-' or ' ' or '(' or ')' or '+')
                && p.Count(char.IsAsciiDigit) >= 10))
            .WithMessage(AssistedReportKeys.BadPhone);
        RuleFor(a => a.ContactEmail)
            .Must(e => string.IsNullOrWhiteSpace(e) || (e.Trim().Length <= MaxEmailLength && e.Trim() is var t && t.IndexOf('@') > 0 && t.IndexOf('@') < t.Length - 1
                && !t.Any(char.IsWhiteSpace)))
            .WithMessage(AssistedReportKeys.BadEmail);
        RuleFor(a => a.PhotoConsent)
            .NotNull().When(a => a.Draft.Photos.Count > 0 && a.Source is { } s && s.HasResident())
            .WithMessage(AssistedReportKeys.ConsentRequired);
    }
}
