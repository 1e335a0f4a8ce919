namespace Portal.Core.Notifications;

/// <summary>
/// A notice made ready for one channel: the template filled in the recipient's language.
/// <paramref name="DeliveryId"/> is stable across retries, so a channel can give the provider an idempotency
/// key (LINE's retry key, an e-mail Message-ID, a push Topic) derived from it.
/// <paramref name="Url"/> is absolute, built from the portal's public base address; so is <paramref name="UnsubscribeUrl"/>,
/// the one-click link that stops this kind of message (a followed report, an area alert), when the notice has one.
/// </summary>
/// <paramref name="Values"/> are the notice's values as written to the outbox, for a channel that sends data rather than text (a referral's webhook).
public sealed record RenderedNotice(long DeliveryId, NoticeKind Kind, string Culture, string Title, string Body, string? Url, string? UnsubscribeUrl = null,
    IReadOnlyDictionary<string, string>? Values = null);

/// <summary>Sends a rendered notice on one channel. The outbox worker calls it; it never writes to the database itself.</summary>
public interface INoticeSender
{
    NoticeChannel Channel { get; }

    /// <summary>
    /// Sends, or throws. <see cref="NoticeRejectedException"/> means retrying cannot help (an address that no longer
    /// exists, a push subscription that expired); any other exception is retried with backoff.
    /// </summary>
    Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct);
}

/// <summary>The provider refused the notice for good: the delivery goes straight to the dead letters.</summary>
public sealed class NoticeRejectedException(string message, bool addressGone = false, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The address itself is gone (push subscription expired, LINE user blocked): stop using it.</summary>
    public bool AddressGone { get; } = addressGone;
}
