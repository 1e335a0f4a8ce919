namespace Portal.Core.Notifications;

/// <summary>A browser's push subscription as stored: the endpoint and the two keys the payload is encrypted for.</summary>
public sealed record PushSubscriptionRecord(long Id, long? AccountId, string Endpoint, string P256dh, string Auth, string? DeviceLabel, DateTimeOffset CreatedUtc);

/// <summary>What happened when a LINE user was linked to an account.</summary>
public enum LineLinkOutcome
{
    Linked,
    /// <summary>The LINE user is already linked to another portal account; the link was not moved.</summary>
    TakenByAnotherAccount,
}

/// <summary>
/// The addresses the external channels reach a resident at: the verified e-mail address, the linked LINE user
/// and the browsers' push subscriptions. The outbox reads them when it writes deliveries; the senders read a
/// push subscription by the id the delivery names.
/// </summary>
public interface IChannelAddressRepository
{
    /// <summary>Marks the address verified, but only while it is still the account's address. False otherwise.</summary>
    Task<bool> MarkEmailVerifiedAsync(long accountId, string email, DateTimeOffset at, CancellationToken ct);

    Task<DateTimeOffset?> GetEmailVerifiedAsync(long accountId, CancellationToken ct);

    Task<string?> GetLineUserAsync(long accountId, CancellationToken ct);

    /// <summary>Links (or re-links) the account to a LINE user; a LINE user belongs to at most one account.</summary>
    Task<LineLinkOutcome> LinkLineAsync(long accountId, string lineUserId, DateTimeOffset at, CancellationToken ct);

    Task<bool> UnlinkLineAsync(long accountId, CancellationToken ct);

    /// <summary>
    /// Stores a browser's subscription and returns its id. The same endpoint again updates the keys instead of adding
    /// a row; a signed-in subscriber takes the row over, an anonymous one leaves its owner as it was.
    /// </summary>
    Task<long> SavePushSubscriptionAsync(long? accountId, string endpoint, string p256dh, string auth, string? deviceLabel,
        DateTimeOffset at, CancellationToken ct);

    /// <summary>
    /// Puts a browser's renewed subscription in the place of its old one, keeping the row's id, account and device
    /// label (a ticket or a notice that names the id still reaches the device). Only when <paramref name="oldAuth"/> is
    /// the old subscription's secret: that proves the caller is the browser that held it. A row the new endpoint already
    /// had (the page saved it first) gives way to the old one. Null when there is no such old subscription.
    /// </summary>
    Task<long?> RenewPushSubscriptionAsync(string oldEndpoint, string oldAuth, string endpoint, string p256dh, string auth, CancellationToken ct);

    Task<PushSubscriptionRecord?> GetPushSubscriptionAsync(long id, CancellationToken ct);

    Task<IReadOnlyList<PushSubscriptionRecord>> ListPushSubscriptionsAsync(long accountId, CancellationToken ct);

    /// <summary>Removes the subscription with this endpoint, unless it belongs to an account other than <paramref name="accountId"/>.</summary>
    Task<bool> DeletePushSubscriptionByEndpointAsync(string endpoint, long? accountId, CancellationToken ct);

    /// <summary>Removes one of the account's own subscriptions.</summary>
    Task<bool> DeletePushSubscriptionAsync(long id, long accountId, CancellationToken ct);

    /// <summary>Removes a subscription the push service said is gone, whoever owns it.</summary>
    Task<bool> ForgetPushSubscriptionAsync(long id, CancellationToken ct);
}
