using Microsoft.AspNetCore.StaticAssets;

namespace Portal.Web.Shell.Pwa;

/// <summary>
/// The fingerprinted addresses of the portal's static files (css/portal.css → /css/portal.j438t3e226.css), read from
/// the endpoints MapStaticAssets made out of the build's static assets manifest: the same addresses the pages use
/// through <c>Assets[...]</c>. A fingerprinted file never changes (it is served as immutable), so it is the only kind
/// the service worker may keep; <see cref="Shell"/> is the list it keeps.
/// </summary>
public sealed class ShellAssets(EndpointDataSource endpoints)
{
    /// <summary>What the worker keeps: the portal's own CSS, scripts and icons, MudBlazor's, and Blazor's script.</summary>
    private static readonly string[] ShellFolders = ["css/", "js/", "icons/"];

    private static readonly string[] ShellFiles =
    [
        "favicon.svg", "_framework/blazor.web.js", "lib/mudblazor/MudBlazor.min.css", "lib/mudblazor/MudBlazor.min.js",
    ];

    private static readonly string[] NotShell = [".gz", ".br", ".map"];

    private IReadOnlyDictionary<string, string>? _byLabel;

    /// <summary>Each static file's path (its label, without a leading slash) and its fingerprinted address.</summary>
    public IReadOnlyDictionary<string, string> Fingerprinted => _byLabel ??= Read(endpoints);

    /// <summary>The fingerprinted address of <paramref name="label"/> ("icons/icon-192.png"); the plain path where it has none.</summary>
    public string Url(string label) => Fingerprinted.TryGetValue(label, out var url) ? url : "/" + label;

    /// <summary>The files the service worker keeps, in a stable order.</summary>
    public IReadOnlyList<string> Shell => _shell ??= Fingerprinted
        .Where(pair => IsShell(pair.Key))
        .Select(pair => pair.Value)
        .Order(StringComparer.Ordinal)
        .ToList();

    private IReadOnlyList<string>? _shell;

    public static bool IsShell(string label) =>
        !NotShell.Any(suffix => label.EndsWith(suffix, StringComparison.Ordinal))
        && (ShellFolders.Any(folder => label.StartsWith(folder, StringComparison.Ordinal)) || ShellFiles.Contains(label));

    private static Dictionary<string, string> Read(EndpointDataSource endpoints)
    {
        var byLabel = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints)
        {
            if (endpoint.Metadata.GetMetadata<StaticAssetDescriptor>() is not { } asset) continue;
            var label = asset.Properties.FirstOrDefault(p => p.Name == "label")?.Value;
            var fingerprint = asset.Properties.FirstOrDefault(p => p.Name == "fingerprint")?.Value;
            // The fingerprinted endpoint is the one whose address is not the file's plain path.
            if (label is null || fingerprint is null || asset.Route == label || !asset.Route.Contains(fingerprint, StringComparison.Ordinal)) continue;
            byLabel.TryAdd(label, "/" + asset.Route);
        }
        return byLabel;
    }
}
