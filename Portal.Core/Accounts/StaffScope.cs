using Portal.Core.Audit;

namespace Portal.Core.Accounts;

/// <summary>
/// What a back-office account may read and act on. Staff work for their own ward office: its reports (by the report's
/// ward, so a report moved to another ward goes with it), its tickets and its counters. City-wide work (the register
/// import, registration letters, statistics of the whole city, triage across wards) needs the city-wide permission an
/// administrator grants per staff account; administrators hold it by their role. Residents, kiosks and strangers have
/// no back-office scope at all.
/// </summary>
/// <param name="OfficeId">The account's own ward office; null for administrators and for accounts without a scope.</param>
/// <param name="CityWide">Every office, and the city-wide work.</param>
public sealed record StaffScope(string? OfficeId, bool CityWide)
{
    /// <summary>No back-office work at all (a resident, a kiosk, a stranger, a stopped account).</summary>
    public static StaffScope None { get; } = new(null, false);

    /// <summary>Every office: administrators, trusted jobs of the portal itself, staff with the permission.</summary>
    public static StaffScope City { get; } = new(null, true);

    public bool IsNone => !CityWide && OfficeId is null;

    /// <summary>Whether the office's (or ward's) reports, tickets and counters are this account's work.</summary>
    public bool Covers(string? officeId) => CityWide || (OfficeId is not null && OfficeId == officeId);

    /// <summary>
    /// The office a list is limited to: what the reader asked for when they work city-wide (null for every office),
    /// otherwise always their own office, whatever they asked.
    /// </summary>
    public string? Limit(string? requestedOfficeId) => CityWide ? requestedOfficeId : OfficeId;

    /// <summary>The scope an account's role, office and permission give (a stopped or deleted account has none).</summary>
    public static StaffScope Of(UserAccount? account) => account switch
    {
        null or { IsDisabled: true } or { IsDeleted: true } => None,
        { Role: Role.Admin } => City,
        { Role: Role.Staff, OfficeId: { } office } => new StaffScope(office, account.CityWide),
        _ => None,
    };
}

/// <summary>The resource keys of a refusal by scope, shown in the reader's language.</summary>
public static class ScopeErrors
{
    /// <summary>The report, ticket or counter belongs to another ward office.</summary>
    public const string OtherOffice = "Scope_OtherOffice";
    /// <summary>The work is city-wide and the account does not hold the city-wide permission.</summary>
    public const string CityWideNeeded = "Scope_CityWideNeeded";
}

/// <summary>
/// Finds an actor's scope from the stored account, not from what a page or a session cookie says, so a permission
/// taken away or an office changed counts at the next step, and a page that forgets to check is refused all the same.
/// </summary>
public sealed class StaffScopes(IUserAccountRepository accounts)
{
    public async Task<StaffScope> OfAsync(Actor actor, CancellationToken ct)
    {
        // The portal's own jobs (the nightly runs, the demo data) act as the system, with no account behind them.
        if (actor.AccountId is not { } id) return ReferenceEquals(actor, Actor.System) ? StaffScope.City : StaffScope.None;
        return await OfAccountAsync(id, ct);
    }

    /// <summary>The scope of a stored account (someone a report is assigned to, for example).</summary>
    public async Task<StaffScope> OfAccountAsync(long accountId, CancellationToken ct) =>
        StaffScope.Of(await accounts.GetByIdAsync(accountId, ct));
}
