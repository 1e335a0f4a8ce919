namespace Portal.Core.Notifications;

/// <summary>A notice in a resident's or staff member's notification centre.</summary>
public sealed record InboxNotice(
    long Id,
    NoticeKind Kind,
    string Culture,
    IReadOnlyDictionary<string, string> Values,
    string? Link,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? ReadUtc)
{
    public bool IsRead => ReadUtc is not null;
}

/// <summary>
/// The in-app notices of one account. A notice shows here once its in-app delivery is Sent: the notice row is
/// the message, the delivery says it has been delivered.
/// </summary>
public interface INoticeInbox
{
    Task<int> CountUnreadAsync(long accountId, CancellationToken ct);

    Task<int> CountAsync(long accountId, CancellationToken ct);

    /// <summary>Newest first.</summary>
    Task<IReadOnlyList<InboxNotice>> ListAsync(long accountId, int skip, int take, CancellationToken ct);

    /// <summary>Marks one of the account's own notices read; false when it is not theirs or was read already.</summary>
    Task<bool> MarkReadAsync(long accountId, long noticeId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Marks every delivered notice of the account read; returns how many changed.</summary>
    Task<int> MarkAllReadAsync(long accountId, DateTimeOffset now, CancellationToken ct);
}

/// <summary>Wakes the delivery worker. Enqueuers call it after their transaction commits; a lost call costs one poll interval.</summary>
public interface IOutboxSignal
{
    void Notify();
}

/// <summary>
/// A channel that wants to hear when one of its deliveries has been recorded as Sent. The in-app channel's
/// notice becomes visible only then, so it tells open pages to look again only then.
/// </summary>
public interface INoticeSentListener
{
    void OnSent(RenderedNotice notice, string destination);
}

/// <summary>The topic on the live bus that tells an account's open pages their notices changed.</summary>
public static class NoticeTopics
{
    public static string Account(long accountId) => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"notices:account:{accountId}");
}
