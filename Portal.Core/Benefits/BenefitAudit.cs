namespace Portal.Core.Benefits;

/// <summary>Audit actions of For You administration and of staff handling register records.</summary>
public static class BenefitAudit
{
    public const string Entity = "benefit";
    public const string RegisterEntity = "register";
    public const string DraftSaved = "benefit.draft-saved";
    public const string Published = "benefit.published";
    public const string TranslationsSaved = "benefit.translations-saved";
    public const string RunStarted = "benefit.run-started";
    public const string RegisterImported = "register.imported";
    public const string CodeIssued = "register.code-issued";
}
