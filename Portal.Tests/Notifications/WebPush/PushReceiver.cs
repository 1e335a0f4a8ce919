using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>
/// Plays the browser's side of Web Push in a test: it owns a subscription's key pair and authentication secret,
/// decrypts an aes128gcm body as RFC 8291 and RFC 8188 describe, and checks a VAPID token (RFC 8292).
/// </summary>
public sealed class PushReceiver : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public PushReceiver()
    {
        var q = _key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
        AuthSecret = RandomNumberGenerator.GetBytes(16);
    }

    public byte[] PublicKey { get; }
    public byte[] AuthSecret { get; }
    public string P256dh => WebEncoders.Base64UrlEncode(PublicKey);
    public string Auth => WebEncoders.Base64UrlEncode(AuthSecret);

    /// <summary>Decrypts a single-record aes128gcm body and returns the plaintext without its padding.</summary>
    public byte[] Decrypt(byte[] body)
    {
        // Header: salt (16) | record size (4) | key id length (1) | key id = the sender's public key.
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        int idLength = body[20];
        var senderPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        Assert.Equal(65, idLength);
        Assert.True(record.Length <= recordSize, "The payload must fit one record.");

        using var sender = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = senderPublic[1..33], Y = senderPublic[33..65] },
        });
        var ecdhSecret = _key.DeriveRawSecretAgreement(sender.PublicKey);
        byte[] keyInfo = [.. "WebPush: info\0"u8, .. PublicKey, .. senderPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, ecdhSecret, 32, AuthSecret, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, "Content-Encoding: aes128gcm\0"u8.ToArray());
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, "Content-Encoding: nonce\0"u8.ToArray());

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        // The last record ends with the delimiter 0x02 and then zero or more zero bytes of padding.
        var end = plain.Length - 1;
        while (end >= 0 && plain[end] == 0) end--;
        Assert.Equal(2, plain[end]);
        return plain[..end];
    }

    /// <summary>Checks "vapid t=JWT, k=key": the key is the one expected and it signed the token. Returns the claims.</summary>
    public static JsonElement VerifyVapid(string authorization, string expectedPublicKey)
    {
        Assert.StartsWith("vapid ", authorization);
        var parameters = authorization["vapid ".Length..].Split(',', StringSplitOptions.TrimEntries)
            .Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1]);
        Assert.Equal(expectedPublicKey, parameters["k"]);
        var parts = parameters["t"].Split('.');
        Assert.Equal(3, parts.Length);

        var point = WebEncoders.Base64UrlDecode(parameters["k"]);
        using var verifier = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point[1..33], Y = point[33..65] },
        });
        Assert.True(verifier.VerifyData(Encoding.ASCII.GetBytes(parts[0] + "." + parts[1]), WebEncoders.Base64UrlDecode(parts[2]),
            HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation), "The VAPID token is not signed by the portal's key.");
        using var header = JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[0]));
        Assert.Equal("ES256", header.RootElement.GetProperty("alg").GetString());
        return JsonDocument.Parse(WebEncoders.Base64UrlDecode(parts[1])).RootElement.Clone();
    }

    public void Dispose() => _key.Dispose();
}
