using FluentValidation;
using Portal.Core.Languages;

namespace Portal.Core.Reports.Routing;

/// <summary>The section form of the routing page: a new section, or the changes to one (its code never changes).</summary>
public sealed class SectionInput
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    /// <summary>The name in each language (language code → text); Japanese is required.</summary>
    public Dictionary<string, string?> Name { get; set; } = CityTextFields.From(null);
    public string? WardId { get; set; }
    public bool IsActive { get; set; } = true;

    public static SectionInput From(ReportSection s) => new() { Id = s.Id, Code = s.Code, Name = CityTextFields.From(s.Name), WardId = s.WardId, IsActive = s.IsActive };

    public ReportSection ToSection() =>
        new(Id, Code.Trim(), CityTextFields.ToText(Name), string.IsNullOrWhiteSpace(WardId) ? null : WardId, IsActive);
}

/// <summary>
/// The outside body form. <see cref="NewSecret"/> is written only to set or change the webhook secret: blank keeps the
/// one kept (the page never has it to show back).
/// </summary>
public sealed class OutsideBodyInput
{
    public long Id { get; set; }
    public string Code { get; set; } = "";
    public Dictionary<string, string?> Name { get; set; } = CityTextFields.From(null);
    public OutsideBodyKind Kind { get; set; } = OutsideBodyKind.Other;
    public ReferralDelivery Delivery { get; set; } = ReferralDelivery.Email;
    public string? Email { get; set; }
    public string? WebhookUrl { get; set; }
    public string? NewSecret { get; set; }
    /// <summary>Whether the body has a secret kept already (then <see cref="NewSecret"/> may stay blank).</summary>
    public bool HasSecret { get; set; }
    public bool IsActive { get; set; } = true;

    public static OutsideBodyInput From(OutsideBody b) => new()
    {
        Id = b.Id, Code = b.Code, Name = CityTextFields.From(b.Name), Kind = b.Kind, Delivery = b.Delivery, Email = b.Email, WebhookUrl = b.WebhookUrl,
        HasSecret = b.SealedSecret is not null, IsActive = b.IsActive,
    };
}

/// <summary>What staff write when they refer a report: the body, and a message for it (optional).</summary>
public sealed class ReferralInput
{
    public long? OutsideBodyId { get; set; }
    public string? Message { get; set; }
}

public sealed class SectionInputValidator : AbstractValidator<SectionInput>
{
    public const int MaxCodeLength = 50;
    public const int MaxNameLength = 100;

    public SectionInputValidator()
    {
        RuleFor(s => s.Code).NotEmpty().WithMessage(RoutingKeys.CodeRequired)
            .DependentRules(() => RuleFor(s => s.Code).Matches(ReportCategoryValidator.CodePattern).WithMessage(RoutingKeys.CodeRequired)
                .MaximumLength(MaxCodeLength).WithMessage(RoutingKeys.CodeRequired));
        RuleFor(s => s.Name).CityText(MaxNameLength, RoutingKeys.NameJaRequired, RoutingKeys.NameTooLong);
    }
}

/// <summary>
/// An outside body needs a code, its name (Japanese at least) and where referrals go: an e-mail address, or an https
/// address (http only to this machine, for a test listener) with a secret of at least 16 characters to sign with.
/// </summary>
public sealed class OutsideBodyInputValidator : AbstractValidator<OutsideBodyInput>
{
    public const int MinSecretLength = 16;

    public OutsideBodyInputValidator()
    {
        RuleFor(b => b.Code).NotEmpty().WithMessage(RoutingKeys.CodeRequired)
            .DependentRules(() => RuleFor(b => b.Code).Matches(ReportCategoryValidator.CodePattern).WithMessage(RoutingKeys.CodeRequired)
                .MaximumLength(SectionInputValidator.MaxCodeLength).WithMessage(RoutingKeys.CodeRequired));
        RuleFor(b => b.Name).CityText(SectionInputValidator.MaxNameLength, RoutingKeys.NameJaRequired, RoutingKeys.NameTooLong);
        When(b => b.Delivery == ReferralDelivery.Email, () =>
            RuleFor(b => b.Email).NotEmpty().WithMessage(RoutingKeys.EmailInvalid)
                .EmailAddress().WithMessage(RoutingKeys.EmailInvalid).MaximumLength(256).WithMessage(RoutingKeys.EmailInvalid));
        When(b => b.Delivery == ReferralDelivery.Webhook, () =>
        {
            RuleFor(b => b.WebhookUrl).Must(IsWebhookAddress).WithMessage(RoutingKeys.UrlInvalid);
            RuleFor(b => b.NewSecret).NotEmpty().When(b => !b.HasSecret).WithMessage(RoutingKeys.SecretRequired);
            RuleFor(b => b.NewSecret).MinimumLength(MinSecretLength).When(b => !string.IsNullOrEmpty(b.NewSecret)).WithMessage(RoutingKeys.SecretTooShort);
        });
    }

    /// <summary>https anywhere; plain http only to this machine (a test listener), never across a network.</summary>
    public static bool IsWebhookAddress(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && url!.Length <= 2000
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}

public sealed class ReferralInputValidator : AbstractValidator<ReferralInput>
{
    public const int MaxMessageLength = 2000;

    public ReferralInputValidator()
    {
        RuleFor(r => r.OutsideBodyId).NotNull().WithMessage(RoutingKeys.UnknownBody);
        RuleFor(r => r.Message).MaximumLength(MaxMessageLength).WithMessage(RoutingKeys.MessageTooLong);
    }
}
