using System.Globalization;
using System.Text.RegularExpressions;
using FluentValidation;
using FluentValidation.Results;
using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Core.Benefits;

/// <summary>A benefit as the rule editor holds it: dates as typed (yyyy-MM-dd), the rule and the test cases.</summary>
public sealed class BenefitDraftInput
{
    public string Code { get; set; } = "";
    public BenefitKind Kind { get; set; }
    public BenefitTextsInput Texts { get; set; } = new();
    public string? ApplyUrl { get; set; }
    public string? EffectiveFrom { get; set; }
    public string? AvailableFrom { get; set; }
    public string? AvailableUntil { get; set; }
    public Condition Eligibility { get; set; } = new AllOf([]);
    public List<BenefitTestCase> TestCases { get; set; } = [];

    public string TrimmedCode => Code.Trim();

    public BenefitContent Content()
    {
        var texts = Texts.ToTexts();
        return new(Kind, texts.Name, texts.Description, texts.HowToApply, string.IsNullOrWhiteSpace(ApplyUrl) ? null : ApplyUrl.Trim(), Eligibility,
            Day(AvailableFrom), Day(AvailableUntil));
    }

    /// <summary>A date as the editor's date fields write it, or null.</summary>
    public static DateOnly? Day(string? text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    public static string Text(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
}

/// <summary>
/// A benefit's code goes into links (lowercase letters and digits in hyphen-joined words, at most 60); it takes
/// effect on a date; its period, when given, is two dates in order; its application link is https. The texts have
/// their own validator (<see cref="BenefitTextsInputValidator"/>).
/// </summary>
public sealed partial class BenefitDraftInputValidator : AbstractValidator<BenefitDraftInput>
{
    public const int MaxCodeLength = 60;

    public BenefitDraftInputValidator()
    {
        RuleFor(x => x.TrimmedCode).Must(c => c.Length <= MaxCodeLength && CodePattern().IsMatch(c)).WithName(nameof(BenefitDraftInput.Code))
            .WithMessage(BenefitErrors.Code);
        RuleFor(x => x.EffectiveFrom).Must(d => BenefitDraftInput.Day(d) is not null).WithMessage(BenefitErrors.Date);
        RuleFor(x => x).Must(x => (string.IsNullOrEmpty(x.AvailableFrom) || BenefitDraftInput.Day(x.AvailableFrom) is not null)
                && (string.IsNullOrEmpty(x.AvailableUntil) || BenefitDraftInput.Day(x.AvailableUntil) is not null)
                && !(BenefitDraftInput.Day(x.AvailableFrom) is { } from && BenefitDraftInput.Day(x.AvailableUntil) is { } until && until < from))
            .WithName(nameof(BenefitDraftInput.AvailableUntil)).WithMessage(BenefitErrors.Period);
        RuleFor(x => x.ApplyUrl).Must(url => string.IsNullOrWhiteSpace(url) || (Uri.TryCreate(url.Trim(), UriKind.Absolute, out var u) && u.Scheme == Uri.UriSchemeHttps))
            .WithMessage(BenefitErrors.Url);
    }

    [GeneratedRegex("^[a-z0-9]+(-[a-z0-9]+)*$")]
    private static partial Regex CodePattern();
}

/// <summary>
/// A version is published only with at least one test case and every case passing. The service checks it before
/// publishing and the catalog again in the publishing write, so no path publishes a rule its own cases contradict.
/// A refusal for failing cases carries their names (<see cref="ValidationFailure.CustomState"/>, a list of strings).
/// </summary>
public sealed class BenefitPublishValidator : AbstractValidator<BenefitDraft>
{
    public BenefitPublishValidator()
    {
        RuleFor(d => d.TestCases).NotEmpty().WithMessage(BenefitErrors.NoCases);
        RuleFor(d => d.FailingCases()).Empty().WithName(nameof(BenefitDraft.TestCases)).WithMessage(BenefitErrors.FailingCases)
            .WithState(d => d.FailingCases().Select(c => c.Name).ToList());
    }

    /// <summary>The key of the first reason the draft may not be published, or null when it may.</summary>
    public static string? Refusal(BenefitDraft draft) => new BenefitPublishValidator().Validate(draft).Errors.FirstOrDefault()?.ErrorMessage;
}

/// <summary>A saved draft and how many of its test cases fail (it may be saved failing; it cannot be published so).</summary>
public sealed record BenefitSaved(BenefitVersionRecord Version, int FailingCases);

/// <summary>
/// Admins write benefits: a draft is checked and saved (version n+1 when the latest is published), a draft is
/// published only with passing test cases (<see cref="BenefitPublishValidator"/>); both are audited.
/// </summary>
public sealed class BenefitAdminService(IBenefitCatalog catalog, AuditTrail audit)
{
    public async Task<CommandResult<BenefitSaved>> SaveDraftAsync(Actor admin, BenefitDraftInput input, CancellationToken ct)
    {
        var errors = (await new BenefitTextsInputValidator().ValidateAsync(input.Texts, ct)).Errors
            .Concat((await new BenefitDraftInputValidator().ValidateAsync(input, ct)).Errors).ToList();
        if (errors.Count > 0) return CommandResult<BenefitSaved>.Fail(errors);
        var draft = await catalog.SaveDraftAsync(input.TrimmedCode, BenefitDraftInput.Day(input.EffectiveFrom)!.Value, input.Content(), input.TestCases,
            admin.AccountId, ct);
        await audit.RecordAsync(admin, BenefitAudit.DraftSaved, BenefitAudit.Entity, draft.Code, $"v{draft.Version}", ct);
        return CommandResult<BenefitSaved>.Ok(new BenefitSaved(draft, Draft(draft).FailingCases().Count));
    }

    /// <summary>Saves the draft, then publishes it when its test cases allow; a refused publication leaves the draft saved.</summary>
    public async Task<CommandResult<BenefitVersionRecord>> PublishAsync(Actor admin, BenefitDraftInput input, CancellationToken ct)
    {
        var saved = await SaveDraftAsync(admin, input, ct);
        if (!saved.Succeeded) return CommandResult<BenefitVersionRecord>.Fail(saved.Errors);
        var draft = saved.Value!.Version;
        var refusal = await new BenefitPublishValidator().ValidateAsync(Draft(draft), ct);
        if (!refusal.IsValid) return CommandResult<BenefitVersionRecord>.Fail(refusal.Errors);
        var by = admin.AccountId ?? throw new InvalidOperationException("Only an admin's account publishes a benefit.");
        await catalog.PublishAsync(draft.Id, by, ct);
        await audit.RecordAsync(admin, BenefitAudit.Published, BenefitAudit.Entity, draft.Code,
            string.Create(CultureInfo.InvariantCulture, $"v{draft.Version} from {draft.EffectiveFrom:yyyy-MM-dd}"), ct);
        return CommandResult<BenefitVersionRecord>.Ok((await catalog.VersionsAsync(draft.Code, ct)).First(v => v.Id == draft.Id));
    }

    private static BenefitDraft Draft(BenefitVersionRecord version) => new(version.Code, version.Content, version.TestCases);
}
