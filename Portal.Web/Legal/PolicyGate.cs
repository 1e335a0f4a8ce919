using System.Security.Claims;
using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Accounts;
using Portal.Core.Legal;
using Portal.Web.Security;

namespace Portal.Web.Legal;

/// <summary>
/// Marks a page a resident can open while a new version of the terms or privacy policy waits for their answer: the
/// documents themselves, the pages that ask and explain, account deletion, contact, and the error pages.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class ReachableBeforeAcceptanceAttribute : Attribute;

/// <summary>
/// Asks the Core rule whether a signed-in resident has a version to accept before going on, and remembers a "no" for
/// the versions in force at the time (so a page costs a database read only while something is pending, and a version
/// taking effect is noticed at once: it changes the key). Staff, administrator and kiosk accounts are never asked.
/// </summary>
public sealed class PolicyGate(PolicyAcceptanceService policies, IMemoryCache cache)
{
    public const string AcceptPath = "/policies/accept";
    public const string DeclinedPath = "/policies/declined";
    private static readonly TimeSpan RememberFor = TimeSpan.FromMinutes(30);

    public async Task<IReadOnlyList<PolicyVersion>> PendingAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (!user.IsInRole(Roles.Resident) || user.AccountId() is not { } id) return [];
        var key = $"policies-accepted:{id}:{PolicyAcceptanceService.Describe(policies.ToAcceptAtSignUp())}";
        if (cache.TryGetValue(key, out _)) return [];
        var pending = await policies.PendingAsync(id, ct);
        if (pending.Count == 0) cache.Set(key, true, RememberFor);
        return pending;
    }

    public static bool IsReachable(Type page) => page.IsDefined(typeof(ReachableBeforeAcceptanceAttribute), inherit: false);

    /// <summary>The page that asks, returning to <paramref name="returnPath"/> (a path on this site) afterwards.</summary>
    public static string AcceptUrl(string returnPath) => AcceptPath + "?returnUrl=" + Uri.EscapeDataString(returnPath);
}
