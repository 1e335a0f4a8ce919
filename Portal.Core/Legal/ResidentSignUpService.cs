using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Rules;

namespace Portal.Core.Legal;

public static class PolicyErrors
{
    /// <summary>A new version took effect while the person was reading the form: they are shown the new one.</summary>
    public const string ChangedSinceShown = "Policies_ChangedSinceShown";
}

/// <summary>
/// A resident's sign-up: the account (<see cref="AccountService.RegisterResidentAsync"/>) and the versions of the terms
/// of use and privacy policy they agreed to. The form says which versions it showed
/// (<see cref="ResidentRegistration.AcceptedPolicies"/>); when one has changed since, nothing is created and the
/// form is shown again with the new versions. Without that field (demo data, tests) the versions in force are recorded.
/// If recording the acceptance fails after the account was made, the resident is asked at their first page instead.
/// </summary>
public sealed class ResidentSignUpService(AccountService accounts, PolicyAcceptanceService policies)
{
    public async Task<CommandResult<UserAccount>> SignUpAsync(ResidentRegistration registration, string? ipAddress, CancellationToken ct)
    {
        var versions = policies.ToAcceptAtSignUp();
        if (registration.AcceptedPolicies is { } shown && registration.AcceptTerms
            && !PolicyAcceptanceRule.SameVersions(PolicyAcceptanceService.ParseShown(shown), versions))
            return CommandResult<UserAccount>.Fail(nameof(ResidentRegistration.AcceptTerms), PolicyErrors.ChangedSinceShown);
        var result = await accounts.RegisterResidentAsync(registration, ipAddress, ct);
        if (result.Value is { } account)
            await policies.RecordAsync(Actor.For(account, ipAddress), account.Id, versions, ct);
        return result;
    }
}
