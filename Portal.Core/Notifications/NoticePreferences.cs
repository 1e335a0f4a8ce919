namespace Portal.Core.Notifications;

/// <summary>Why a channel cannot carry a resident's notices right now; <see cref="Ready"/> when it can.</summary>
public enum ChannelState
{
    Ready,
    /// <summary>The portal has not switched the channel on (no LINE channel configured, say).</summary>
    NotOffered,
    /// <summary>E-mail: the address has not been verified.</summary>
    VerifyEmailFirst,
    /// <summary>LINE: the resident has not linked a LINE account.</summary>
    NotLinked,
    /// <summary>LINE: the portal can send through LINE but has no LINE Login to link an account with.</summary>
    LinkingNotOffered,
    /// <summary>Web Push: no device of the resident's has subscribed.</summary>
    NoDevice,
}

/// <summary>
/// What a resident's channels can reach, which kinds they switched off where, and whether For You can find
/// benefits for them (its register consent given and their register record linked).
/// </summary>
public sealed record NoticeSettings(
    string? Culture,
    bool EmailVerified,
    bool LineLinked,
    int PushDevices,
    IReadOnlySet<(NoticeKind Kind, NoticeChannel Channel)> SwitchedOff,
    bool ForYouConsent = false,
    bool ForYouLinked = false)
{
    public bool IsOn(NoticeKind kind, NoticeChannel channel) => !SwitchedOff.Contains((kind, channel));

    /// <summary>The kinds residents choose about (all but the account's own messages, which always go out), in the order the settings page lists them.</summary>
    public static IReadOnlyList<NoticeKind> Kinds => [.. Enum.GetValues<NoticeKind>().Where(k => !AccountNotices.IsAccountMessage(k))];

    /// <summary>In-app is always on: it is the notification centre itself.</summary>
    public static IReadOnlyList<NoticeChannel> ChoosableChannels => [NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush];
}

public interface INoticePreferences
{
    Task<NoticeSettings> GetAsync(long accountId, CancellationToken ct);

    /// <summary>NoticePreference_Set: stores one kind on one channel as on or off, replacing what was stored for it.</summary>
    Task SetAsync(long accountId, NoticeKind kind, NoticeChannel channel, bool on, CancellationToken ct);
}
