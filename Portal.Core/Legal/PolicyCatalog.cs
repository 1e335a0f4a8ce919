using Portal.Core.Time;

namespace Portal.Core.Legal;

/// <summary>The portal's published documents. Residents accept the terms of use and the privacy policy; the accessibility policy is for reading.</summary>
public enum PolicyKind
{
    Terms,
    Privacy,
    Accessibility,
}

public static class PolicyKinds
{
    public static IReadOnlyList<PolicyKind> All { get; } = Enum.GetValues<PolicyKind>();

    /// <summary>The documents a resident agrees to, at sign-up and again when a new version asks for it.</summary>
    public static IReadOnlyList<PolicyKind> Accepted { get; } = [PolicyKind.Terms, PolicyKind.Privacy];

    public static bool IsAccepted(PolicyKind kind) => kind is PolicyKind.Terms or PolicyKind.Privacy;

    /// <summary>The document's code in addresses, files and the database: "terms", "privacy", "accessibility".</summary>
    public static string Code(PolicyKind kind) => kind.ToString().ToLowerInvariant();

    public static bool TryParse(string? code, out PolicyKind kind)
    {
        foreach (var candidate in All)
            if (string.Equals(Code(candidate), code, StringComparison.Ordinal))
            {
                kind = candidate;
                return true;
            }
        kind = default;
        return false;
    }
}

/// <summary>
/// One published version of a document. It takes effect at the start of <paramref name="EffectiveDate"/> in Japan
/// time. <paramref name="AsksAgain"/>: residents who accepted an earlier version are asked to accept this one (a
/// change of substance); a correction that changes nothing of substance does not ask.
/// </summary>
public sealed record PolicyVersion(PolicyKind Kind, int Number, DateOnly EffectiveDate, bool AsksAgain = true)
{
    public DateTimeOffset EffectiveUtc => JapanTime.StartOfDayUtc(EffectiveDate);

    public bool InForceAt(DateTimeOffset nowUtc) => nowUtc >= EffectiveUtc;

    public override string ToString() => $"{PolicyKinds.Code(Kind)} {Number} ({EffectiveDate:yyyy-MM-dd})";
}

/// <summary>
/// Every published version of every document. Versions of a document are numbered 1, 2, 3 ... with effective dates
/// in the same order; a published version is never changed, a change is a new version.
/// </summary>
public sealed class PolicyCatalog
{
    private readonly Dictionary<PolicyKind, IReadOnlyList<PolicyVersion>> _versions;

    public PolicyCatalog(IEnumerable<PolicyVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        _versions = versions.GroupBy(v => v.Kind).ToDictionary(g => g.Key, g => (IReadOnlyList<PolicyVersion>)g.OrderBy(v => v.Number).ToList());
        foreach (var (kind, list) in _versions)
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i].Number != i + 1)
                    throw new ArgumentException($"The versions of {PolicyKinds.Code(kind)} must be numbered 1, 2, 3 ... without gaps; found {list[i].Number} at place {i + 1}.", nameof(versions));
                if (i > 0 && list[i].EffectiveDate <= list[i - 1].EffectiveDate)
                    throw new ArgumentException($"{list[i]} must take effect after {list[i - 1]}.", nameof(versions));
            }
    }

    /// <summary>The versions of one document, oldest first.</summary>
    public IReadOnlyList<PolicyVersion> Versions(PolicyKind kind) => _versions.TryGetValue(kind, out var list) ? list : [];

    public PolicyVersion? Find(PolicyKind kind, int number) => Versions(kind).FirstOrDefault(v => v.Number == number);

    /// <summary>The version in force at <paramref name="nowUtc"/>: the newest whose effective date has come; null before the first.</summary>
    public PolicyVersion? InForce(PolicyKind kind, DateTimeOffset nowUtc) => Versions(kind).LastOrDefault(v => v.InForceAt(nowUtc));

    /// <summary>The next version to take effect after <paramref name="nowUtc"/>, if one is published already.</summary>
    public PolicyVersion? Upcoming(PolicyKind kind, DateTimeOffset nowUtc) => Versions(kind).FirstOrDefault(v => !v.InForceAt(nowUtc));

    /// <summary>The versions a new resident accepts at <paramref name="nowUtc"/>: those in force of each accepted document.</summary>
    public IReadOnlyList<PolicyVersion> ToAcceptAt(DateTimeOffset nowUtc) =>
        [.. PolicyKinds.Accepted.Select(k => InForce(k, nowUtc)).OfType<PolicyVersion>()];
}
