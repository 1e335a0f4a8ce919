using Portal.Core.Accounts;

namespace Portal.Core.Audit;

/// <summary>Who acts, and from where. Anonymous actors have no account id.</summary>
public sealed record Actor(long? AccountId, string Name, string Role, string? IpAddress)
{
    public static Actor System { get; } = new(null, "system", "System", null);
    public static Actor Anonymous(string? ipAddress) => new(null, "anonymous", "Anonymous", ipAddress);
    public static Actor For(UserAccount account, string? ipAddress) =>
        new(account.Id, account.Email, account.Role.ToString(), ipAddress);
}

public sealed record AuditEntry(
    long Id,
    DateTimeOffset OccurredUtc,
    long? ActorId,
    string ActorName,
    string ActorRole,
    string Action,
    string EntityType,
    string? EntityId,
    string? Detail,
    string? IpAddress);

public sealed record AuditQuery(
    string? Actor = null,
    string? Action = null,
    string? EntityType = null,
    string? EntityId = null,
    DateTimeOffset? FromUtc = null,
    DateTimeOffset? ToUtc = null,
    int Skip = 0,
    int Take = 50);

/// <summary>The table of audit records: append and search, never update or delete.</summary>
public interface IAuditLog
{
    Task AppendAsync(AuditEntry entry, CancellationToken ct);
    Task<IReadOnlyList<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken ct);
    Task<int> CountAsync(AuditQuery query, CancellationToken ct);
}

/// <summary>Records who did what to which record, when and from where. Every staff action goes through here.</summary>
public sealed class AuditTrail(IAuditLog log, TimeProvider time)
{
    public const int MaxDetailLength = 1000;

    public Task RecordAsync(Actor actor, string action, string entityType, string? entityId, string? detail, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(action);
        ArgumentException.ThrowIfNullOrWhiteSpace(entityType);
        if (detail is { Length: > MaxDetailLength }) detail = detail[..MaxDetailLength];
        return log.AppendAsync(new AuditEntry(0, time.GetUtcNow(), actor.AccountId, actor.Name, actor.Role,
            action, entityType, entityId, detail, actor.IpAddress), ct);
    }
}

public static class AuditActions
{
    public const string SignIn = "account.sign-in";
    public const string SignInFailed = "account.sign-in-failed";
    public const string LockedOut = "account.locked-out";
    public const string SignOut = "account.sign-out";
    public const string AccountRegistered = "account.registered";
    public const string AccountCreated = "account.created";
    public const string AccountDisabled = "account.disabled";
    public const string AccountEnabled = "account.enabled";
    public const string SessionsEnded = "account.sessions-ended";
    public const string CityWideGranted = "account.city-wide-granted";
    public const string CityWideRemoved = "account.city-wide-removed";
    public const string PasswordChanged = "account.password-changed";
    public const string AuditSearched = "audit.searched";
}

public static class AuditEntities
{
    public const string Account = "account";
    public const string AuditLog = "audit-log";
}
