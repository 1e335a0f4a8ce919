using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Web.Notifications.WebPush;

/// <summary>
/// The portal's VAPID key pair (P-256): the public key goes to browsers when they subscribe, the private key signs
/// the token that proves to a push service that a message comes from the portal that made the subscription.
/// </summary>
public sealed record VapidKeys(string PublicKey, string PrivateKey, string Subject)
{
    public const string FileName = "vapid.json";

    /// <summary>
    /// The configured keys, else the ones stored under the data folder, else a new pair written there. Null when Web
    /// Push is switched off. The file is made readable by its owner only.
    /// </summary>
    public static VapidKeys? LoadOrCreate(WebPushOptions options, string dataFolder)
    {
        if (!options.Enabled) return null;
        if (options.HasConfiguredKeys) return Checked(new VapidKeys(options.PublicKey!, options.PrivateKey!, options.Subject));

        var folder = Path.Combine(dataFolder, "webpush");
        var file = Path.Combine(folder, FileName);
        if (File.Exists(file))
        {
            var stored = JsonSerializer.Deserialize<StoredKeys>(File.ReadAllText(file))
                ?? throw new InvalidDataException($"{file} holds no VAPID keys.");
            return Checked(new VapidKeys(stored.PublicKey, stored.PrivateKey, options.Subject));
        }

        var created = Create(options.Subject);
        Directory.CreateDirectory(folder);
        var temporary = file + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new StoredKeys(created.PublicKey, created.PrivateKey)));
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        try
        {
            // Two nodes starting at once on a shared folder: the first file written wins and both use it.
            File.Move(temporary, file, overwrite: false);
        }
        catch (IOException) when (File.Exists(file))
        {
            File.Delete(temporary);
            return LoadOrCreate(options, dataFolder);
        }
        return created;
    }

    public static VapidKeys Create(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var parameters = key.ExportParameters(includePrivateParameters: true);
        return new VapidKeys(WebEncoders.Base64UrlEncode(PublicPoint(parameters.Q)), WebEncoders.Base64UrlEncode(parameters.D!), subject);
    }

    /// <summary>The uncompressed point 0x04 || X || Y, as browsers expect the applicationServerKey.</summary>
    public static byte[] PublicPoint(ECPoint q) => [0x04, .. q.X!, .. q.Y!];

    /// <summary>Refuses keys that are not a matching P-256 pair, at start-up rather than at the first push.</summary>
    private static VapidKeys Checked(VapidKeys keys)
    {
        var point = WebEncoders.Base64UrlDecode(keys.PublicKey);
        var d = WebEncoders.Base64UrlDecode(keys.PrivateKey);
        if (point.Length != 65 || point[0] != 0x04 || d.Length != 32)
            throw new InvalidOperationException("Notifications:WebPush keys must be a P-256 pair: a 65-byte public point and a 32-byte private key, base64url.");
        using var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        var derived = key.ExportParameters(false);
        if (!PublicPoint(derived.Q).AsSpan().SequenceEqual(point))
            throw new InvalidOperationException("Notifications:WebPush:PublicKey does not belong to PrivateKey.");
        return keys;
    }

    private sealed record StoredKeys(string PublicKey, string PrivateKey);
}
