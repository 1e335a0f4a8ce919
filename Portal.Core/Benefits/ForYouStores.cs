using Portal.Core.Rules;

namespace Portal.Core.Benefits;

public enum ConsentPurpose
{
    /// <summary>Use of resident-register facts (age, household, insurance, disabilities, welfare) to find benefits.</summary>
    Register,
    /// <summary>Use of resident-tax income data, for the benefits with an income limit.</summary>
    Income,
}

public sealed record ConsentRecord(ConsentPurpose Purpose, string TextVersion, DateTimeOffset GivenUtc);

/// <summary>The consent texts residents agree to; a changed text gets a new version, and consent is asked again.</summary>
public static class ConsentTexts
{
    public const string CurrentVersion = "2026-11";
}

public enum ResidentBenefitStatus
{
    None,
    Applied,
    NotInterested,
}

/// <summary>
/// A benefit version as stored: its number, state and content; drafts are edited, published ones never (their
/// content here carries the translations added since, <see cref="BenefitContent.WithTranslationsOf"/>).
/// </summary>
public sealed record BenefitVersionRecord(
    long Id,
    string Code,
    int Version,
    bool IsPublished,
    DateOnly EffectiveFrom,
    BenefitContent Content,
    IReadOnlyList<BenefitTestCase> TestCases,
    DateTimeOffset SavedUtc,
    DateTimeOffset? PublishedUtc);

/// <summary>A stored "may be eligible" result with the resident's own mark.</summary>
public sealed record StoredEligibility(string BenefitCode, int Version, DateTimeOffset FirstSeenUtc, ResidentBenefitStatus Status);

/// <summary>A benefit the nightly run found a resident may be eligible for, not yet marked by them.</summary>
public sealed record NewBenefitGlance(string Code, Languages.LocalizedText Name, DateTimeOffset FirstSeenUtc)
{
    /// <summary>The benefit's name for a reader of <paramref name="language"/>, or the best other (the city's fallback).</summary>
    public string NameFor(string language) => Name.For(language);
}

/// <summary>
/// Where a resident stands with For You and what it newly found. Nothing is found without the register consent and
/// a linked register record: <see cref="Ready"/>.
/// </summary>
public sealed record ForYouGlance(bool RegisterConsent, bool Linked, IReadOnlyList<NewBenefitGlance> NewBenefits)
{
    public bool Ready => RegisterConsent && Linked;
}

public enum LinkOutcome
{
    Linked,
    UnknownCode,
    Expired,
    AlreadyUsed,
    AccountAlreadyLinked,
}

/// <summary>The resident register extract and the link between a record and a portal account.</summary>
public interface IResidentRegister
{
    /// <summary>Adds or updates the entries (by resident and household number); returns how many were written.</summary>
    Task<int> ImportAsync(IReadOnlyList<RegisterEntry> entries, CancellationToken ct);

    /// <summary>The facts of the resident linked to the account; income and dependants only when <paramref name="withIncome"/>.</summary>
    Task<ResidentFacts?> FactsForAccountAsync(long accountId, bool withIncome, CancellationToken ct);

    /// <summary>Every linked resident with a current register consent, with income only for those who consented to it.</summary>
    IAsyncEnumerable<(long AccountId, ResidentFacts Facts)> ConsentingResidentsAsync(CancellationToken ct);

    /// <summary>
    /// Everyone in the register (at most <paramref name="max"/>), for the rule editor's counts; income only for residents
    /// who consented to it, as in the nightly run.
    /// </summary>
    Task<IReadOnlyList<(string WardId, ResidentFacts Facts)>> PopulationAsync(int max, CancellationToken ct);

    Task<long?> ResidentIdByNumberAsync(string residentNumber, CancellationToken ct);

    Task IssueCodeAsync(long residentId, string codeHash, DateTimeOffset expiresUtc, long issuedById, CancellationToken ct);

    Task<LinkOutcome> RedeemCodeAsync(string codeHash, long accountId, CancellationToken ct);

    Task<bool> IsLinkedAsync(long accountId, CancellationToken ct);
}

public interface IConsentStore
{
    Task<IReadOnlyList<ConsentRecord>> CurrentAsync(long accountId, CancellationToken ct);

    Task GiveAsync(long accountId, ConsentPurpose purpose, string textVersion, CancellationToken ct);

    /// <summary>Ends the consent; revoking the register consent also deletes every stored result of the account.</summary>
    Task RevokeAsync(long accountId, ConsentPurpose purpose, CancellationToken ct);
}

public interface IBenefitCatalog
{
    Task<IReadOnlyList<BenefitVersionRecord>> LatestAsync(CancellationToken ct);

    Task<IReadOnlyList<BenefitVersionRecord>> VersionsAsync(string code, CancellationToken ct);

    /// <summary>For each benefit, the newest published version whose effective date has come.</summary>
    Task<IReadOnlyList<BenefitVersionRecord>> InForceAsync(DateOnly on, CancellationToken ct);

    /// <summary>Saves the benefit's draft (making version n+1 when the latest is published) and returns it.</summary>
    Task<BenefitVersionRecord> SaveDraftAsync(string code, DateOnly effectiveFrom, BenefitContent content, IReadOnlyList<BenefitTestCase> testCases, long? savedById, CancellationToken ct);

    /// <summary>
    /// Publishes a draft. Refuses (<see cref="RuleException"/>) one whose test cases are missing or do not all
    /// pass, as <see cref="BenefitAdminService"/> does before it.
    /// </summary>
    Task PublishAsync(long versionId, long publishedById, CancellationToken ct);

    /// <summary>Adds the standard benefits as published first versions where the code does not exist yet; each needs passing test cases.</summary>
    Task SeedAsync(IEnumerable<BenefitDraft> drafts, DateOnly effectiveFrom, CancellationToken ct);

    /// <summary>
    /// Sets the translations residents read of a published version (the version's own row, rule and Japanese texts
    /// stay as published); the texts' Japanese is the version's. Refuses a version that is not published.
    /// </summary>
    Task SaveTranslationsAsync(long versionId, BenefitTexts texts, long? savedById, CancellationToken ct);
}

/// <summary>A change the nightly run found: a benefit the resident may now be eligible for, or no longer.</summary>
public sealed record EligibilityChange(long AccountId, string BenefitCode, int Version, bool NowEligible);

public interface IEligibilityResults
{
    /// <summary>The benefits each account was last found eligible for, as a set of codes per account.</summary>
    Task<Dictionary<long, HashSet<string>>> LoadAsync(CancellationToken ct);

    /// <summary>Writes the changes and their notices in one transaction: a notice is never sent for a result not stored.</summary>
    Task ApplyAsync(IReadOnlyList<EligibilityChange> changes, IReadOnlyList<Notifications.Notice> notices, CancellationToken ct);

    Task<IReadOnlyList<StoredEligibility>> ForAccountAsync(long accountId, CancellationToken ct);

    /// <summary>
    /// Eligibility_ReadGlance: whether the account gave the register consent and is linked to a register record, and
    /// the "may be eligible" results first found since <paramref name="sinceUtc"/> that the resident has not marked,
    /// newest first, with each benefit's name, in one query.
    /// </summary>
    Task<ForYouGlance> GlanceAsync(long accountId, DateTimeOffset sinceUtc, CancellationToken ct);

    Task SetStatusAsync(long accountId, string benefitCode, ResidentBenefitStatus status, CancellationToken ct);

    Task<long> StartRunAsync(string startedBy, CancellationToken ct);

    Task FinishRunAsync(long runId, int residents, int newlyEligible, CancellationToken ct);
}
