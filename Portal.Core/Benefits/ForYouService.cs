using Portal.Core.Audit;
using System.Security.Cryptography;
using System.Text;
using Portal.Core.Accounts;
using Portal.Core.Time;
using Portal.Core.Rules;

namespace Portal.Core.Benefits;

/// <summary>Where a resident stands with For You: consents given, record linked.</summary>
public sealed record ForYouStanding(bool RegisterConsent, bool IncomeConsent, bool Linked, IReadOnlyList<ConsentRecord> Consents)
{
    public bool Ready => RegisterConsent && Linked;
}

/// <summary>
/// One benefit as a resident sees it: the result, why, and their own mark (null until the nightly run has stored
/// the result, which is what the mark is kept on).
/// </summary>
public sealed record BenefitForResident(BenefitVersionRecord Benefit, Tri Result, Explanation Why, ResidentBenefitStatus? Status)
{
    /// <summary>Facts the result waits on: what the resident could add (the income consent) to decide it.</summary>
    public IReadOnlyList<Fact> Missing { get; } = UnknownFacts(Why).Distinct().ToList();

    private static IEnumerable<Fact> UnknownFacts(Explanation node) =>
        node.Result != Tri.Unknown ? []
        : node.Children.Count == 0 ? node.Condition.OwnFacts()
        : node.Children.SelectMany(UnknownFacts);
}

public enum LinkAttempt
{
    Linked,
    WrongCode,
    Expired,
    AlreadyUsed,
    AlreadyLinked,
    TooManyAttempts,
}

/// <summary>
/// The resident side of For You: consent, linking an account to a register record with a mailed code, and the
/// benefits the resident may be eligible for with the reasons. Results are computed afresh from the rules in
/// force and the facts the resident consented to; nothing is shown without the register consent.
/// </summary>
public sealed class ForYouService(IResidentRegister register, IConsentStore consents, IBenefitCatalog catalog, IEligibilityResults results, TimeProvider time,
    AuditTrail audit, StaffScopes scopes, IAttemptWindow? attempts = null)
{
    public const int MaxLinkAttempts = 5;
    public static readonly TimeSpan LinkAttemptWindow = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan CodeLifetime = TimeSpan.FromDays(60);

    // Letters and digits that cannot be mistaken for each other on a printed letter (no 0/O, 1/I/L).
    private const string CodeAlphabet = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    // Guesses at registration codes count across all web nodes when the portal has Redis (IAttemptWindow).
    private readonly IAttemptWindow _attempts = attempts ?? new MemoryAttemptWindow(time);

    public async Task<ForYouStanding> StandingAsync(long accountId, CancellationToken ct)
    {
        var given = await consents.CurrentAsync(accountId, ct);
        return new(given.Any(c => c.Purpose == ConsentPurpose.Register), given.Any(c => c.Purpose == ConsentPurpose.Income),
            await register.IsLinkedAsync(accountId, ct), given);
    }

    /// <summary>Every benefit in force with its result for the resident, the likely ones first; empty without consent.</summary>
    public async Task<IReadOnlyList<BenefitForResident>> BenefitsAsync(long accountId, CancellationToken ct)
    {
        var standing = await StandingAsync(accountId, ct);
        if (!standing.Ready) return [];
        var facts = await register.FactsForAccountAsync(accountId, standing.IncomeConsent, ct);
        if (facts is null) return [];
        var marks = (await results.ForAccountAsync(accountId, ct)).ToDictionary(r => r.BenefitCode, r => (ResidentBenefitStatus?)r.Status);
        var subject = new Subject(JapanTime.Today(time), facts);
        return (await catalog.InForceAsync(subject.On, ct))
            .Select(b =>
            {
                var why = b.Content.Eligibility.Explain(subject);
                return new BenefitForResident(b, why.Result, why, marks.GetValueOrDefault(b.Code));
            })
            .OrderBy(b => b.Result switch { Tri.Yes => 0, Tri.Unknown => 1, _ => 2 })
            .ThenBy(b => b.Benefit.Content.Kind)
            .ToList();
    }

    public Task GiveConsentAsync(long accountId, ConsentPurpose purpose, CancellationToken ct) =>
        consents.GiveAsync(accountId, purpose, ConsentTexts.CurrentVersion, ct);

    public Task RevokeConsentAsync(long accountId, ConsentPurpose purpose, CancellationToken ct) =>
        consents.RevokeAsync(accountId, purpose, ct);

    public Task MarkAsync(long accountId, string benefitCode, ResidentBenefitStatus status, CancellationToken ct) =>
        results.SetStatusAsync(accountId, benefitCode, status, ct);

    /// <summary>Links the account with a mailed code; at most <see cref="MaxLinkAttempts"/> tries per account in <see cref="LinkAttemptWindow"/>.</summary>
    public async Task<LinkAttempt> LinkAsync(long accountId, string code, CancellationToken ct)
    {
        var key = LinkAttemptKey(accountId);
        if (!await _attempts.TryAttemptAsync(key, MaxLinkAttempts, LinkAttemptWindow, ct)) return LinkAttempt.TooManyAttempts;
        var outcome = await register.RedeemCodeAsync(HashCode(code), accountId, ct);
        if (outcome == LinkOutcome.Linked) await _attempts.ResetAsync(key, ct);
        return outcome switch
        {
            LinkOutcome.Linked => LinkAttempt.Linked,
            LinkOutcome.Expired => LinkAttempt.Expired,
            LinkOutcome.AlreadyUsed => LinkAttempt.AlreadyUsed,
            LinkOutcome.AccountAlreadyLinked => LinkAttempt.AlreadyLinked,
            _ => LinkAttempt.WrongCode,
        };
    }

    public static string LinkAttemptKey(long accountId) => $"for-you-link:{accountId.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Makes a code for a register record and keeps only its hash; the code itself goes on the letter. Registration
    /// letters are city-wide work: only an account with the city-wide permission (<see cref="StaffScope"/>) issues them,
    /// and each issue is audited.
    /// </summary>
    /// <exception cref="RuleException">The issuer does not hold the city-wide permission.</exception>
    public async Task<(string Code, DateTimeOffset ExpiresUtc)?> IssueCodeAsync(Actor issuer, string residentNumber, CancellationToken ct)
    {
        if (!(await scopes.OfAsync(issuer, ct)).CityWide || issuer.AccountId is not { } issuedById)
            throw new RuleException(ScopeErrors.CityWideNeeded);
        if (await register.ResidentIdByNumberAsync(residentNumber.Trim(), ct) is not { } residentId) return null;
        var code = NewCode();
        var expires = time.GetUtcNow().Add(CodeLifetime);
        await register.IssueCodeAsync(residentId, HashCode(code), expires, issuedById, ct);
        await audit.RecordAsync(issuer, BenefitAudit.CodeIssued, BenefitAudit.RegisterEntity, residentNumber.Trim(), null, ct);
        return (code, expires);
    }

    /// <summary>Twelve characters from a 31-letter alphabet: about 59 bits, guessed at five tries per quarter hour.</summary>
    public static string NewCode()
    {
        Span<char> chars = stackalloc char[12];
        for (var i = 0; i < chars.Length; i++) chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        return $"{chars[..4]}-{chars[4..8]}-{chars[8..]}";
    }

    /// <summary>Codes are compared without case, spaces or hyphens, as people type them from paper.</summary>
    public static string HashCode(string code)
    {
        var normal = new string(code.Where(char.IsLetterOrDigit).Select(char.ToUpperInvariant).ToArray());
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(normal)));
    }
}
