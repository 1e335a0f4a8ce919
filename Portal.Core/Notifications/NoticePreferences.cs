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
    /// <summary>Web Push: no device of the resident's has subscribed.</summary>
    NoDevice,
}

/// <summary>What a resident's channels can do and which kinds they switched off where.</summary>
public sealed record NoticeSettings(
    string? Culture,
    bool EmailVerified,
    bool LineLinked,
    int PushDevices,
    IReadOnlySet<(NoticeKind Kind, NoticeChannel Channel)> SwitchedOff)
{
    public bool IsOn(NoticeKind kind, NoticeChannel channel) => !SwitchedOff.Contains((kind, channel));

    /// <summary>The state of a channel, given the channels the portal offers. In-app is always ready.</summary>
    public ChannelState StateOf(NoticeChannel channel, IReadOnlySet<NoticeChannel> offered) => channel switch
    {
        NoticeChannel.InApp => ChannelState.Ready,
        _ when !offered.Contains(channel) => ChannelState.NotOffered,
        NoticeChannel.Email => EmailVerified ? ChannelState.Ready : ChannelState.VerifyEmailFirst,
        NoticeChannel.Line => LineLinked ? ChannelState.Ready : ChannelState.NotLinked,
        NoticeChannel.WebPush => PushDevices > 0 ? ChannelState.Ready : ChannelState.NoDevice,
        _ => ChannelState.NotOffered,
    };

    /// <summary>The kinds residents choose about (all but the account's own messages), in the order the settings page lists them.</summary>
    public static IReadOnlyList<NoticeKind> Kinds => [.. Enum.GetValues<NoticeKind>().Where(k => !AccountNotices.IsAccountMessage(k))];

    /// <summary>In-app is always on: it is the notification centre itself.</summary>
    public static IReadOnlyList<NoticeChannel> ChoosableChannels => [NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush];
}

public interface INoticePreferences
{
    Task<NoticeSettings> GetAsync(long accountId, CancellationToken ct);

    /// <summary>
    /// Replaces the account's choices: every (kind, channel) of <see cref="NoticeSettings.ChoosableChannels"/> is stored
    /// as on or off, in one transaction.
    /// </summary>
    Task SaveAsync(long accountId, IReadOnlySet<(NoticeKind Kind, NoticeChannel Channel)> switchedOff, CancellationToken ct);
}
