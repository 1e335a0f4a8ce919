using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Markdig;
using Portal.Core.Languages;
using Portal.Core.Legal;
using Portal.Web.Languages;

namespace Portal.Web.Legal;

/// <summary>One version of a document as policies.json lists it: when it takes effect and the fingerprint of each language's text.</summary>
public sealed record PolicyManifestEntry(int Version, DateOnly Effective, bool AsksAgain, IReadOnlyDictionary<string, string> Sha256);

/// <summary>A version's text in one language, and whether that is another language than the one asked for.</summary>
public sealed record PolicyText(PolicyVersion Version, string Language, string Markdown, bool IsFallback);

/// <summary>
/// The published documents: Legal/Documents/policies.json lists every version of every document with its effective
/// date, and Legal/Documents/{document}/{version}.{language}.md holds its text. The Japanese text is the original; a
/// language without a translation reads the next in its fallback chain (Core's Language: English for a foreign reader,
/// then Japanese), so a new portal language works before its translation does. A published version never changes: policies.json holds
/// a SHA-256 of each text (with its effective date and whether it asks again), and a test compares them.
/// </summary>
public sealed class PolicyLibrary
{
    public const string Original = "ja";
    private const string ResourcePrefix = "Legal/";

    private readonly IReadOnlyDictionary<PolicyKind, IReadOnlyList<PolicyManifestEntry>> _manifest;
    private readonly Func<string, string?> _readFile;

    public PolicyLibrary(IReadOnlyDictionary<PolicyKind, IReadOnlyList<PolicyManifestEntry>> manifest, Func<string, string?> readFile)
    {
        _manifest = manifest;
        _readFile = readFile;
        Catalog = new PolicyCatalog(manifest.SelectMany(m => m.Value.Select(e => new PolicyVersion(m.Key, e.Version, e.Effective, e.AsksAgain))));
        foreach (var version in PolicyKinds.All.SelectMany(Catalog.Versions))
            if (_readFile(FileName(version, Original)) is null)
                throw new InvalidOperationException($"{version} has no Japanese text ({FileName(version, Original)}).");
    }

    public PolicyCatalog Catalog { get; }

    /// <summary>The documents built into the portal (embedded resources of this assembly).</summary>
    public static PolicyLibrary Embedded { get; } = new(ReadManifest(ReadEmbedded("policies.json")
        ?? throw new InvalidOperationException("Legal/Documents/policies.json is not embedded.")), ReadEmbedded);

    public static string? ReadEmbedded(string name)
    {
        using var stream = typeof(PolicyLibrary).Assembly.GetManifestResourceStream(ResourcePrefix + name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public static string FileName(PolicyVersion version, string language) => $"{PolicyKinds.Code(version.Kind)}/{version.Number}.{language}.md";

    public IReadOnlyList<PolicyManifestEntry> Entries(PolicyKind kind) => _manifest.TryGetValue(kind, out var list) ? list : [];

    /// <summary>The text of <paramref name="version"/> in <paramref name="language"/>, or in the first language of its fallback chain that has one.</summary>
    public PolicyText Text(PolicyVersion version, string language)
    {
        foreach (var candidate in Language.FallbackChain(language))
            if (_readFile(FileName(version, candidate)) is { } text)
                return new PolicyText(version, candidate, Normalize(text), !string.Equals(candidate, language, StringComparison.OrdinalIgnoreCase));
        return new PolicyText(version, Original, Normalize(_readFile(FileName(version, Original))!), true);
    }

    /// <summary>The languages a version is written in, the original first.</summary>
    public IReadOnlyList<string> Languages(PolicyVersion version) =>
        [Original, .. Entries(version.Kind).First(e => e.Version == version.Number).Sha256.Keys.Where(l => l != Original).Order(StringComparer.Ordinal)];

    /// <summary>
    /// The fingerprint that policies.json records for a version's text in one language: SHA-256 over the effective date,
    /// whether it asks again, and the text with its line ends made "\n" (so a checkout's line-end setting changes nothing).
    /// </summary>
    public static string Fingerprint(PolicyVersion version, string text)
    {
        var signed = $"effective={version.EffectiveDate:yyyy-MM-dd}\nasksAgain={(version.AsksAgain ? "true" : "false")}\n{Normalize(text)}";
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(signed)));
    }

    public static string Normalize(string text) => text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');

    public static IReadOnlyDictionary<PolicyKind, IReadOnlyList<PolicyManifestEntry>> ReadManifest(string json)
    {
        var raw = JsonSerializer.Deserialize<Dictionary<string, List<ManifestJson>>>(json, new JsonSerializerOptions { PropertyNameCaseInsensitive = true })
                  ?? throw new InvalidOperationException("policies.json is empty.");
        var manifest = new Dictionary<PolicyKind, IReadOnlyList<PolicyManifestEntry>>();
        foreach (var (code, versions) in raw)
        {
            if (!PolicyKinds.TryParse(code, out var kind)) throw new InvalidOperationException($"policies.json names an unknown document '{code}'.");
            manifest[kind] = [.. versions.Select(v => new PolicyManifestEntry(v.Version,
                DateOnly.ParseExact(v.Effective, "yyyy-MM-dd", CultureInfo.InvariantCulture), v.AsksAgain, v.Sha256))];
        }
        return manifest;
    }

    private sealed record ManifestJson(int Version, string Effective, bool AsksAgain, Dictionary<string, string> Sha256);
}

/// <summary>
/// Turns a version's Markdown into HTML, with the portal's configured values put in where the text names them
/// ({{auditYears}}, see <see cref="PolicyFacts"/>), so the privacy policy states the retention periods this portal
/// actually applies. Raw HTML in the Markdown is not passed through; in a Japanese text, readings written as 漢字《かんじ》
/// (easy Japanese, <see cref="RubyText"/>) become &lt;ruby&gt;. Rendered pages are kept per version and language.
/// </summary>
public sealed partial class PolicyRenderer(PolicyLibrary library, PolicyFacts facts)
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder()
        .UsePipeTables()
        .UseGenericAttributes()
        .DisableHtml()
        .Build();

    private readonly ConcurrentDictionary<(PolicyKind, int, string), (PolicyText Text, string Html)> _rendered = new();

    public PolicyLibrary Library => library;

    public (PolicyText Text, string Html) Render(PolicyVersion version, string language) =>
        _rendered.GetOrAdd((version.Kind, version.Number, language), _ =>
        {
            var text = library.Text(version, language);
            var html = Markdown.ToHtml(Fill(text.Markdown, facts.Values), Pipeline);
            // Only Japanese writes readings as 《》; in Chinese 《》 are a title's brackets (《民法》) and stay as written.
            return (text, Language.IsJapanese(text.Language) ? Ruby.InHtml(html) : html);
        });

    /// <summary>Puts the values in; a name the portal does not know is an error, never left in the page.</summary>
    public static string Fill(string markdown, IReadOnlyDictionary<string, string> values) =>
        Placeholder().Replace(markdown, m => values.TryGetValue(m.Groups[1].Value, out var value)
            ? value
            : throw new InvalidOperationException($"A policy names {{{{{m.Groups[1].Value}}}}}, which the portal does not know."));

    [GeneratedRegex(@"\{\{\s*([A-Za-z][A-Za-z0-9]*)\s*\}\}")]
    private static partial Regex Placeholder();
}

/// <summary>The configured values the documents may name, read from the portal's settings at start.</summary>
public sealed class PolicyFacts(IReadOnlyDictionary<string, string> values)
{
    public IReadOnlyDictionary<string, string> Values { get; } = values;

    public static PolicyFacts From(Portal.Core.Retention.RetentionPolicy retention) => new(new Dictionary<string, string>
    {
        // Retention section: how long the nightly run keeps what it removes (README, Configuration).
        ["closedTicketDays"] = retention.ClosedTicketDays.ToString(CultureInfo.InvariantCulture),
        ["deliveredNoticeDays"] = retention.DeliveredNoticeDays.ToString(CultureInfo.InvariantCulture),
        ["auditYears"] = retention.AuditYears.ToString(CultureInfo.InvariantCulture),
        ["retentionRunAt"] = retention.RunAt.ToString("HH:mm", CultureInfo.InvariantCulture),
    });
}
