using System.Text.Json;
using System.Text.Json.Serialization;

namespace Portal.Web.Legal;

/// <summary>One page in one language in the audit: when it was last checked, at which window sizes, and what axe-core found.</summary>
public sealed record AuditLanguageResult(
    string Language,
    DateOnly CheckedOn,
    int Runs,
    IReadOnlyList<string> Viewports,
    int Serious,
    int Moderate,
    int Minor,
    IReadOnlyList<string> Rules)
{
    /// <summary>No serious or critical violation: what the browser tests require of every page.</summary>
    [JsonIgnore] public bool Passed => Serious == 0;
}

public sealed record AuditPage(string Route, IReadOnlyList<AuditLanguageResult> Languages);

/// <summary>
/// docs/accessibility-audit.json: the portal's own axe-core run over every page, made by
/// <c>dotnet run --project Portal.Web -- accessibility-audit</c> from the runs the browser tests record
/// (docs/accessibility.md), committed, built into the portal and shown on /accessibility.
/// </summary>
public sealed record AccessibilityAudit(
    string Engine,
    IReadOnlyList<string> Tags,
    DateOnly? CheckedFrom,
    DateOnly? CheckedTo,
    IReadOnlyList<AuditPage> Pages)
{
    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static AccessibilityAudit Empty { get; } = new("", [], null, null, []);

    /// <summary>The audit built into this build of the portal.</summary>
    public static AccessibilityAudit Embedded { get; } = Read(PolicyLibrary.ReadEmbedded("accessibility-audit.json"));

    public static AccessibilityAudit Read(string? json) =>
        string.IsNullOrWhiteSpace(json) ? Empty : JsonSerializer.Deserialize<AccessibilityAudit>(json, Json) ?? Empty;

    public string Write() => JsonSerializer.Serialize(this, Json) + "\n";

    [JsonIgnore] public int Checks => Pages.Sum(p => p.Languages.Count);

    [JsonIgnore] public IReadOnlyList<AuditPage> Failing => [.. Pages.Where(p => p.Languages.Any(l => !l.Passed))];
}
