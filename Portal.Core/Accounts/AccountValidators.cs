using FluentValidation;

namespace Portal.Core.Accounts;

/// <summary>
/// Validation messages are resource keys: the web project shows them through its string localizer,
/// so the same rules guard forms, endpoints and tests in both languages.
/// </summary>
public static class ValidationKeys
{
    public const string EmailRequired = "Validation_EmailRequired";
    public const string EmailInvalid = "Validation_EmailInvalid";
    public const string NameRequired = "Validation_NameRequired";
    public const string NameTooLong = "Validation_NameTooLong";
    public const string PasswordTooShort = "Validation_PasswordTooShort";
    public const string PasswordTooLong = "Validation_PasswordTooLong";
    public const string PasswordSameAsEmail = "Validation_PasswordSameAsEmail";
    public const string PasswordsDiffer = "Validation_PasswordsDiffer";
    public const string CurrentPasswordRequired = "Validation_CurrentPasswordRequired";
    public const string OfficeRequired = "Validation_OfficeRequired";
    public const string OfficeNotAllowed = "Validation_OfficeNotAllowed";
    public const string RoleNotAllowed = "Validation_RoleNotAllowed";
    public const string TermsRequired = "Validation_TermsRequired";
}

public static class PasswordRules
{
    /// <summary>Length is what makes a password strong; no composition rules (NIST SP 800-63B).</summary>
    public const int MinLength = 10;
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string> StrongPassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage(ValidationKeys.PasswordTooShort)
            .MinimumLength(MinLength).WithMessage(ValidationKeys.PasswordTooShort)
            .MaximumLength(MaxLength).WithMessage(ValidationKeys.PasswordTooLong);

    public static IRuleBuilderOptions<T, string> AccountEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage(ValidationKeys.EmailRequired)
            .MaximumLength(254).WithMessage(ValidationKeys.EmailInvalid)
            .EmailAddress().WithMessage(ValidationKeys.EmailInvalid);

    public static IRuleBuilderOptions<T, string> DisplayName<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage(ValidationKeys.NameRequired)
            .MaximumLength(100).WithMessage(ValidationKeys.NameTooLong)
            .Must(n => n is null || Text.SubmittedText.IsClean(n, multiline: false)).WithMessage(Text.SubmittedText.ValidationKey);
}

public sealed class ResidentRegistration
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
    public bool AcceptTerms { get; set; }

    /// <summary>
    /// The versions of the terms of use and privacy policy the form showed ("terms=1; privacy=1"), so that what is
    /// recorded is what the person read; null when there is no form (demo data, tests): the versions in force.
    /// </summary>
    public string? AcceptedPolicies { get; set; }
}

public sealed class ResidentRegistrationValidator : AbstractValidator<ResidentRegistration>
{
    public ResidentRegistrationValidator()
    {
        RuleFor(r => r.Email).AccountEmail();
        RuleFor(r => r.DisplayName).DisplayName();
        RuleFor(r => r.Password).StrongPassword()
            .Must((r, p) => !string.Equals(p.Trim(), r.Email.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage(ValidationKeys.PasswordSameAsEmail);
        RuleFor(r => r.ConfirmPassword).Equal(r => r.Password).WithMessage(ValidationKeys.PasswordsDiffer);
        RuleFor(r => r.AcceptTerms).Equal(true).WithMessage(ValidationKeys.TermsRequired);
    }
}

public sealed class PasswordChange
{
    public string CurrentPassword { get; set; } = "";
    public string NewPassword { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

public sealed class PasswordChangeValidator : AbstractValidator<PasswordChange>
{
    public PasswordChangeValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().WithMessage(ValidationKeys.CurrentPasswordRequired);
        RuleFor(c => c.NewPassword).StrongPassword();
        RuleFor(c => c.ConfirmPassword).Equal(c => c.NewPassword).WithMessage(ValidationKeys.PasswordsDiffer);
    }
}

/// <summary>An account that an administrator creates in the back office: staff, admin or kiosk.</summary>
public sealed class NewAccount
{
    public string Email { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public Role Role { get; set; } = Role.Staff;
    public string? OfficeId { get; set; }
    public string Password { get; set; } = "";
}

public sealed class NewAccountValidator : AbstractValidator<NewAccount>
{
    public NewAccountValidator()
    {
        RuleFor(a => a.Email).AccountEmail();
        RuleFor(a => a.DisplayName).DisplayName();
        RuleFor(a => a.Password).StrongPassword();
        RuleFor(a => a.Role).Must(r => r is Role.Staff or Role.Admin or Role.Kiosk).WithMessage(ValidationKeys.RoleNotAllowed);
        RuleFor(a => a.OfficeId).NotEmpty().When(a => Roles.NeedsOffice(a.Role)).WithMessage(ValidationKeys.OfficeRequired);
        RuleFor(a => a.OfficeId).Empty().When(a => !Roles.NeedsOffice(a.Role)).WithMessage(ValidationKeys.OfficeNotAllowed);
    }
}
