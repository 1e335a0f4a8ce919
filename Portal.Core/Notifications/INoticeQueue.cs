namespace Portal.Core.Notifications;

/// <summary>
/// Puts a notice in the outbox on its own, for an event that has no transaction of its own to share with it (a
/// sign-in that locks an account), and wakes the delivery worker. Events that write data enqueue in their own
/// transaction instead, through the data layer's outbox.
/// </summary>
public interface INoticeQueue
{
    /// <summary>False when a notice with the same dedup key was written before: nothing is added then.</summary>
    Task<bool> EnqueueAsync(Notice notice, CancellationToken ct);
}
