using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Portal.Core.Audit;

namespace Portal.Core.Reports.Open311;

/// <summary>
/// A key that lets a partner's app file reports through Open311. Only the SHA-256 of the key is stored:
/// the key itself is shown once, to the admin who issues it.
/// </summary>
public sealed record Open311ApiKey(long Id, string Name, string KeyHash, DateTimeOffset CreatedUtc, long? CreatedById, DateTimeOffset? RevokedUtc)
{
    public bool IsActive => RevokedUtc is null;
}

/// <summary>A newly issued key with its plain text, which exists only in this answer.</summary>
public sealed record IssuedApiKey(Open311ApiKey Key, string PlainKey);

public interface IOpen311ApiKeyRepository
{
    Task<Open311ApiKey> CreateAsync(string name, string keyHash, long? createdById, DateTimeOffset now, CancellationToken ct);
    Task<Open311ApiKey?> FindByHashAsync(string keyHash, CancellationToken ct);
    Task<IReadOnlyList<Open311ApiKey>> ListAsync(CancellationToken ct);
    /// <summary>Marks the key revoked; false when there is no such key or it was already revoked.</summary>
    Task<bool> RevokeAsync(long id, DateTimeOffset now, CancellationToken ct);
}

public static class Open311AuditActions
{
    public const string KeyIssued = "open311.key-issued";
    public const string KeyRevoked = "open311.key-revoked";
    public const string Entity = "open311-key";
}

/// <summary>Issues, revokes and checks Open311 API keys. Issuing and revoking go to the audit trail.</summary>
public sealed class Open311ApiKeyService(IOpen311ApiKeyRepository keys, AuditTrail audit, TimeProvider time)
{
    public const int MaxNameLength = 100;

    public async Task<IssuedApiKey> IssueAsync(Actor admin, string name, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        name = name.Trim();
        if (name.Length > MaxNameLength) name = name[..MaxNameLength];
        var plain = NewKey();
        var key = await keys.CreateAsync(name, Hash(plain), admin.AccountId, time.GetUtcNow(), ct);
        await audit.RecordAsync(admin, Open311AuditActions.KeyIssued, Open311AuditActions.Entity, Id(key.Id), name, ct);
        return new IssuedApiKey(key, plain);
    }

    public async Task<bool> RevokeAsync(Actor admin, long keyId, CancellationToken ct)
    {
        var revoked = await keys.RevokeAsync(keyId, time.GetUtcNow(), ct);
        if (revoked) await audit.RecordAsync(admin, Open311AuditActions.KeyRevoked, Open311AuditActions.Entity, Id(keyId), null, ct);
        return revoked;
    }

    public Task<IReadOnlyList<Open311ApiKey>> ListAsync(CancellationToken ct) => keys.ListAsync(ct);

    /// <summary>The active key with this text, or null for a missing, unknown or revoked key.</summary>
    public async Task<Open311ApiKey?> AuthenticateAsync(string? plainKey, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(plainKey) || plainKey.Length > 200) return null;
        var key = await keys.FindByHashAsync(Hash(plainKey.Trim()), ct);
        return key is { IsActive: true } ? key : null;
    }

    public static string Hash(string plainKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(plainKey)));

    /// <summary>256 random bits, URL-safe, with a prefix that tells a leaked key apart from other secrets.</summary>
    public static string NewKey() => "o311_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
