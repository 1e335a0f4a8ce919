using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Portal.Web.Notifications;
using Portal.Web.Notifications.WebPush;

namespace Portal.Web.Shell.Pwa;

/// <summary>
/// The service worker as /sw.js serves it: Shell/Pwa/service-worker.js (embedded in the assembly) with its settings in
/// front: the fingerprinted files it may keep once a page has used them (<see cref="ShellAssets.Shell"/>), the offline page
/// and the files it uses (kept from the install on), the app icon and the Web Push key. The version is a hash of all of it, so a build that changes any kept file, the offline page or the worker
/// itself changes the script's bytes: browsers install the new worker, which keeps the new files under the new version
/// and deletes the old version's cache.
/// </summary>
public sealed class ServiceWorkerScript(ShellAssets assets, OfflinePage offline, WebPushKey push)
{
    public const string Path = "/sw.js";
    private const string Source = "Portal.Web.service-worker.js";

    private (string Version, string Text)? _script;

    public string Version => (_script ??= Compose()).Version;

    public string Text => (_script ??= Compose()).Text;

    private (string, string) Compose()
    {
        var source = ReadSource();
        var settings = new Dictionary<string, object?>
        {
            ["shell"] = assets.Shell,
            ["offline"] = OfflinePage.Path,
            ["offlineFiles"] = OfflinePage.Files.Select(assets.Url).ToList(),
            ["icon"] = assets.Url("icons/icon-192.png"),
            ["pushKey"] = push.PublicKey,
            ["pushRenew"] = PushSubscriptionEndpoints.RenewPath,
        };
        var version = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            source + JsonSerializer.Serialize(settings) + offline.Html)))[..16];
        settings = new Dictionary<string, object?> { ["version"] = version }.Concat(settings).ToDictionary();
        var text = $"""
            // ChibaPortal's service worker, version {version}: settings made by the portal from its static assets, then
            // Portal.Web/Shell/Pwa/service-worker.js.
            const PORTAL = {JsonSerializer.Serialize(settings, new JsonSerializerOptions { WriteIndented = true })};

            {source}
            """;
        return (version, text);
    }

    private static string ReadSource()
    {
        using var stream = typeof(ServiceWorkerScript).Assembly.GetManifestResourceStream(Source)
            ?? throw new InvalidOperationException($"The service worker's source {Source} is not embedded in the assembly.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }
}
