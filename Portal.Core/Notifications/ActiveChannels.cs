namespace Portal.Core.Notifications;

/// <summary>The channels switched on in this portal's configuration. In-app is always on.</summary>
public sealed record ActiveChannels(IReadOnlySet<NoticeChannel> Channels)
{
    public static readonly ActiveChannels InAppOnly = new(new HashSet<NoticeChannel> { NoticeChannel.InApp });

    public static ActiveChannels Of(params NoticeChannel[] channels) =>
        new(new HashSet<NoticeChannel>(channels.Append(NoticeChannel.InApp)));

    public bool IsOn(NoticeChannel channel) => Channels.Contains(channel);
}
