using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Core.Benefits;

/// <summary>
/// Translations of a published benefit. A published version never changes: its rule, dates, test cases and Japanese
/// texts are the city's decision and stay as published (a trigger guards the row). Its translations are not part
/// of that decision (they render the Japanese; they change neither who is eligible nor what the city promised),
/// so they are kept beside the version and can be added or corrected at any time without a new version, which would
/// need an effective date and passing test cases and would fill the version history with no change of rule. A
/// translation belongs to the Japanese text it translates: changing the Japanese makes a new version (a draft).
/// </summary>
public sealed class BenefitTranslationService(IBenefitCatalog catalog, AuditTrail audit)
{
    public async Task<CommandResult<BenefitVersionRecord>> SaveAsync(Actor admin, string code, int version, BenefitTextsInput input, CancellationToken ct)
    {
        var validation = await new BenefitTextsInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<BenefitVersionRecord>.Fail(validation);
        var target = (await catalog.VersionsAsync(code, ct)).FirstOrDefault(v => v.Version == version);
        if (target is not { IsPublished: true }) return CommandResult<BenefitVersionRecord>.Fail(nameof(version), BenefitErrors.NotPublished);
        var texts = input.ToTexts();
        if (!SameJapanese(target.Content, texts)) return CommandResult<BenefitVersionRecord>.Fail(nameof(BenefitTextsInput.Name), BenefitErrors.JapaneseChanged);
        var translated = target.Content.WithTranslationsOf(texts);
        await catalog.SaveTranslationsAsync(target.Id, BenefitTexts.Of(translated), admin.AccountId, ct);
        await audit.RecordAsync(admin, BenefitAudit.TranslationsSaved, BenefitAudit.Entity, code,
            $"v{version} languages={string.Join(',', translated.Name.Languages)}", ct);
        return CommandResult<BenefitVersionRecord>.Ok((await catalog.VersionsAsync(code, ct)).First(v => v.Version == version));
    }

    /// <summary>Whether the texts say in Japanese what the version says (the same texts present, the same words).</summary>
    public static bool SameJapanese(BenefitContent content, BenefitTexts texts) =>
        content.Name.Japanese == texts.Name.Japanese
        && content.Description?.Japanese == texts.Description?.Japanese
        && content.HowToApply?.Japanese == texts.HowToApply?.Japanese;
}
