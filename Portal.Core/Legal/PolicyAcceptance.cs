namespace Portal.Core.Legal;

/// <summary>A resident's agreement to one version of a document, and when it was given (UTC).</summary>
public sealed record PolicyAcceptance(PolicyKind Kind, int Version, DateTimeOffset AcceptedUtc);

/// <summary>
/// Which versions a resident must accept now. For each document residents accept: the newest version in force that
/// asks again sets the bar; a resident who accepted that version or a later one has nothing to do, anyone else is
/// asked for the version in force (not for the older one that set the bar). Before a document's first version takes
/// effect there is nothing to accept.
/// </summary>
public static class PolicyAcceptanceRule
{
    public static IReadOnlyList<PolicyVersion> Pending(PolicyCatalog catalog, IEnumerable<PolicyAcceptance> accepted, DateTimeOffset nowUtc)
    {
        ArgumentNullException.ThrowIfNull(catalog);
        var highest = accepted.GroupBy(a => a.Kind).ToDictionary(g => g.Key, g => g.Max(a => a.Version));
        var pending = new List<PolicyVersion>();
        foreach (var kind in PolicyKinds.Accepted)
        {
            if (catalog.InForce(kind, nowUtc) is not { } current) continue;
            // Version 1 always asks: a first agreement is never implied.
            var bar = catalog.Versions(kind).Last(v => v.Number == 1 || (v.AsksAgain && v.Number <= current.Number));
            if (highest.GetValueOrDefault(kind) < bar.Number) pending.Add(current);
        }
        return pending;
    }

    /// <summary>Whether the versions a person was shown are exactly <paramref name="expected"/> (same documents, same numbers).</summary>
    public static bool SameVersions(IReadOnlyDictionary<PolicyKind, int> shown, IReadOnlyCollection<PolicyVersion> expected) =>
        shown.Count == expected.Count && expected.All(v => shown.TryGetValue(v.Kind, out var n) && n == v.Number);
}

/// <summary>Where acceptances are kept (Portal.Data). Recording a version already accepted keeps the first time.</summary>
public interface IPolicyAcceptanceStore
{
    Task<IReadOnlyList<PolicyAcceptance>> ListAsync(long accountId, CancellationToken ct);

    /// <summary>Records the versions in one transaction; returns how many were new.</summary>
    Task<int> RecordAsync(long accountId, IReadOnlyCollection<PolicyVersion> versions, DateTimeOffset acceptedUtc, CancellationToken ct);
}
