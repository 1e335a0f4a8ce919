using Portal.Core.Audit;

namespace Portal.Core.Legal;

/// <summary>
/// What a resident has to accept and the recording of it: at sign-up, and when a new version of the terms of use
/// or the privacy policy takes effect. Acceptances are kept in their own table and audited.
/// </summary>
public sealed class PolicyAcceptanceService(PolicyCatalog catalog, IPolicyAcceptanceStore store, AuditTrail audit, TimeProvider time)
{
    public const string AuditAction = "account.policies-accepted";

    public PolicyCatalog Catalog => catalog;

    /// <summary>The versions someone signing up now agrees to.</summary>
    public IReadOnlyList<PolicyVersion> ToAcceptAtSignUp() => catalog.ToAcceptAt(time.GetUtcNow());

    /// <summary>The versions this resident must accept before carrying on; empty when there is nothing to do.</summary>
    public async Task<IReadOnlyList<PolicyVersion>> PendingAsync(long accountId, CancellationToken ct) =>
        PolicyAcceptanceRule.Pending(catalog, await store.ListAsync(accountId, ct), time.GetUtcNow());

    public Task<IReadOnlyList<PolicyAcceptance>> AcceptedAsync(long accountId, CancellationToken ct) => store.ListAsync(accountId, ct);

    /// <summary>
    /// Records the resident's acceptance of the versions they were <paramref name="shown"/>, if those are exactly the
    /// versions pending now, and returns what is still pending: empty when done (a second tap finds nothing pending
    /// and records nothing), otherwise the versions to show instead, because a version took effect in between.
    /// </summary>
    public async Task<IReadOnlyList<PolicyVersion>> AcceptAsync(Actor resident, long accountId, IReadOnlyDictionary<PolicyKind, int> shown, CancellationToken ct)
    {
        var pending = await PendingAsync(accountId, ct);
        if (pending.Count == 0) return [];
        if (!PolicyAcceptanceRule.SameVersions(shown, pending)) return pending;
        await RecordAsync(resident, accountId, pending, ct);
        return [];
    }

    /// <summary>Records acceptance of <paramref name="versions"/> (sign-up, or the versions the resident just accepted).</summary>
    public async Task RecordAsync(Actor resident, long accountId, IReadOnlyCollection<PolicyVersion> versions, CancellationToken ct)
    {
        if (versions.Count == 0) return;
        if (versions.FirstOrDefault(v => !PolicyKinds.IsAccepted(v.Kind)) is { } reading)
            throw new ArgumentException($"{reading} is not a document residents accept.", nameof(versions));
        if (await store.RecordAsync(accountId, versions, time.GetUtcNow(), ct) > 0)
            await audit.RecordAsync(resident, AuditAction, AuditEntities.Account, accountId.ToString(System.Globalization.CultureInfo.InvariantCulture),
                Describe(versions), ct);
    }

    /// <summary>"terms=2; privacy=1": the versions in a form, an audit record or a log line.</summary>
    public static string Describe(IEnumerable<PolicyVersion> versions) =>
        string.Join("; ", versions.Select(v => $"{PolicyKinds.Code(v.Kind)}={v.Number}"));

    /// <summary>Reads <see cref="Describe"/>'s form back; unknown documents and bad numbers are left out.</summary>
    public static IReadOnlyDictionary<PolicyKind, int> ParseShown(string? text)
    {
        var shown = new Dictionary<PolicyKind, int>();
        foreach (var part in (text ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var pair = part.Split('=', 2);
            if (pair.Length == 2 && PolicyKinds.TryParse(pair[0], out var kind)
                && int.TryParse(pair[1], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number) && number > 0)
                shown[kind] = number;
        }
        return shown;
    }
}
