namespace Portal.Core.Notifications;

/// <summary>Where a delivery stands. Only the worker moves it; an admin may send a dead one back to Pending.</summary>
public enum DeliveryStatus
{
    Pending,
    Sending,
    Sent,
    Dead,
}

/// <summary>
/// When a failed delivery is tried again: 30 s, 2 min, 8 min, 32 min, ... (four times longer each time), capped at
/// six hours, each wait moved by up to a fifth either way so that many deliveries failing together do not come
/// back together.
/// </summary>
public static class RetrySchedule
{
    public static readonly TimeSpan First = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan Cap = TimeSpan.FromHours(6);
    public const double Factor = 4;
    public const double JitterShare = 0.2;

    /// <summary>The wait without jitter after the <paramref name="attempts"/>-th failed try (1 = the first).</summary>
    public static TimeSpan BaseDelay(int attempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var seconds = First.TotalSeconds * Math.Pow(Factor, Math.Min(attempts - 1, 30));
        return seconds >= Cap.TotalSeconds ? Cap : TimeSpan.FromSeconds(seconds);
    }

    /// <summary>
    /// The wait after the <paramref name="attempts"/>-th failed try; <paramref name="random"/> in [0, 1) picks
    /// the jitter (0.5 = none), so tests can pin it.
    /// </summary>
    public static TimeSpan Delay(int attempts, double random)
    {
        if (random is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(random));
        var spread = 1 + JitterShare * (2 * random - 1);
        return TimeSpan.FromSeconds(BaseDelay(attempts).TotalSeconds * spread);
    }
}

/// <summary>What the worker does with a delivery after a try.</summary>
public abstract record DeliveryDecision
{
    private DeliveryDecision() { }

    public sealed record Retry(DateTimeOffset NextAttemptUtc, string Error) : DeliveryDecision;

    public sealed record Dead(string Reason) : DeliveryDecision;
}

/// <summary>The rules the delivery worker follows after a failure or an interruption.</summary>
public static class DeliveryRules
{
    public const string InterruptedReason = "interrupted while sending; may have been delivered";

    /// <summary>
    /// A try failed with an error worth retrying: back off, or give up after <paramref name="maxAttempts"/> tries.
    /// <paramref name="attempts"/> counts this try.
    /// </summary>
    public static DeliveryDecision AfterFailure(int attempts, int maxAttempts, string error, DateTimeOffset now, double random) =>
        attempts >= maxAttempts
            ? new DeliveryDecision.Dead($"gave up after {attempts} attempts: {error}")
            : new DeliveryDecision.Retry(now + RetrySchedule.Delay(attempts, random), error);

    /// <summary>
    /// A channel whose provider throws away a second copy carrying the same key (LINE's X-Line-Retry-Key, a push
    /// Topic, both derived from the delivery id), or whose "send" only says "look again" (in-app: the notice row is
    /// the message, the send a refresh signal). Such a delivery may safely be sent again.
    /// </summary>
    public static bool IsSafeToRepeat(NoticeChannel channel) =>
        channel is NoticeChannel.Line or NoticeChannel.WebPush or NoticeChannel.InApp;

    /// <summary>
    /// A delivery was found in Sending with its lease run out: a worker stopped between sending and recording it,
    /// so the notice may have gone out. Channels that are safe to repeat try again; for e-mail (and any channel
    /// added later) a second copy would reach the person, so the delivery goes to the dead letters and an admin
    /// decides.
    /// </summary>
    public static DeliveryDecision AfterInterruption(NoticeChannel channel, int attempts, int maxAttempts, DateTimeOffset now) =>
        !IsSafeToRepeat(channel) ? new DeliveryDecision.Dead(InterruptedReason)
        : attempts >= maxAttempts ? new DeliveryDecision.Dead($"gave up after {attempts} attempts: {InterruptedReason}")
        : new DeliveryDecision.Retry(now, InterruptedReason);
}
