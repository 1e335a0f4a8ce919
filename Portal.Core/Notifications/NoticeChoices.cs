using Portal.Core.Rules;

namespace Portal.Core.Notifications;

/// <summary>Who a kind of notice is sent to.</summary>
public enum NoticeAudience
{
    Residents,
    Staff,
    /// <summary>Whoever holds the account, about the account itself (a password reset link): always sent, never a choice.</summary>
    AccountHolder,
    /// <summary>An organisation outside the city a report was referred to: reached at its own address, never a choice.</summary>
    OutsideBody,
}

/// <summary>Whether a resident can receive a kind of notice, and if not, why it is not on their settings page.</summary>
public enum KindAvailability
{
    /// <summary>The resident can receive it now, or after something they may do any day.</summary>
    Receivable,
    /// <summary>For You looks for benefits only for residents who gave the register consent and linked their record.</summary>
    NeedsForYou,
    /// <summary>Sent to staff, never to residents.</summary>
    StaffOnly,
}

/// <summary>How a channel stands for one resident, in the three words the settings page uses.</summary>
public enum ChannelStatus
{
    /// <summary>Notices of the kinds the resident leaves on arrive here.</summary>
    On,
    /// <summary>Offered, but the resident has something to do first (verify, link, add a device).</summary>
    Off,
    /// <summary>The city has not set this channel up.</summary>
    NotOffered,
}

/// <summary>What the portal offers: the channels switched on in its configuration, and whether LINE accounts can be linked here.</summary>
public sealed record ChannelOffer(IReadOnlySet<NoticeChannel> Channels, bool LineLinking)
{
    public bool IsOn(NoticeChannel channel) => channel == NoticeChannel.InApp || Channels.Contains(channel);
}

/// <summary>A channel as a resident's settings show it: its status and the reason behind it.</summary>
public sealed record ChannelStanding(NoticeChannel Channel, ChannelStatus Status, ChannelState Reason);

/// <summary>
/// Which kinds a resident chooses about and on which channels. A resident sees every kind they can receive: the
/// queue notices (any resident may take a ticket and, signed in, ask on its page to be told), report updates (any
/// resident may report), supporter tasks (any resident may join one) and expiring points (every resident has a
/// wallet); the For You notice only once For You can find benefits for them (consent and a linked record: the
/// nightly run looks at no one else); staff kinds never. A kind gets a switch for each channel that can carry it
/// now; in-app is always on (it is the notification centre), so it gets none; a channel not offered or not ready
/// gets none either, only its reason and what to do.
/// </summary>
public static class NoticeChoices
{
    public static NoticeAudience AudienceOf(NoticeKind kind) => kind switch
    {
        NoticeKind.TicketNear or NoticeKind.TicketCalled => NoticeAudience.Residents,
        NoticeKind.ReportStatusChanged or NoticeKind.ReportFixedCheck => NoticeAudience.Residents,
        NoticeKind.ReportFollowedUpdate or NoticeKind.ReportAlertDigest => NoticeAudience.Residents,
        NoticeKind.ReportReopenRequested => NoticeAudience.Staff,
        NoticeKind.ReportReferred => NoticeAudience.Residents,
        NoticeKind.ReportReferral => NoticeAudience.OutsideBody,
        NoticeKind.SupporterReminder or NoticeKind.SupporterTaskCancelled => NoticeAudience.Residents,
        NoticeKind.BenefitNewlyEligible => NoticeAudience.Residents,
        NoticeKind.PointsExpiring => NoticeAudience.Residents,
        _ when AccountNotices.IsAccountMessage(kind) => NoticeAudience.AccountHolder,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Every kind of notice names its audience."),
    };

    public static KindAvailability AvailabilityOf(NoticeKind kind, NoticeSettings resident) =>
        AudienceOf(kind) is NoticeAudience.Staff or NoticeAudience.OutsideBody ? KindAvailability.StaffOnly
        : kind == NoticeKind.BenefitNewlyEligible && !(resident.ForYouConsent && resident.ForYouLinked) ? KindAvailability.NeedsForYou
        : KindAvailability.Receivable;

    /// <summary>The kinds on the resident's settings page, in the page's order.</summary>
    public static IReadOnlyList<NoticeKind> KindsFor(NoticeSettings resident) =>
        NoticeSettings.Kinds.Where(k => AvailabilityOf(k, resident) == KindAvailability.Receivable).ToList();

    public static ChannelState StateOf(NoticeChannel channel, NoticeSettings resident, ChannelOffer offer) => channel switch
    {
        NoticeChannel.InApp => ChannelState.Ready,
        _ when !offer.IsOn(channel) => ChannelState.NotOffered,
        NoticeChannel.Email => resident.EmailVerified ? ChannelState.Ready : ChannelState.VerifyEmailFirst,
        NoticeChannel.Line => resident.LineLinked ? ChannelState.Ready : offer.LineLinking ? ChannelState.NotLinked : ChannelState.LinkingNotOffered,
        NoticeChannel.WebPush => resident.PushDevices > 0 ? ChannelState.Ready : ChannelState.NoDevice,
        _ => ChannelState.NotOffered,
    };

    public static ChannelStatus StatusOf(ChannelState state) => state switch
    {
        ChannelState.Ready => ChannelStatus.On,
        ChannelState.NotOffered or ChannelState.LinkingNotOffered => ChannelStatus.NotOffered,
        _ => ChannelStatus.Off,
    };

    /// <summary>Every channel a resident can have, in-app first (not the outside bodies' webhook).</summary>
    public static IReadOnlyList<ChannelStanding> ChannelsFor(NoticeSettings resident, ChannelOffer offer) =>
        NoticeSettings.ChoosableChannels.Prepend(NoticeChannel.InApp).Select(channel =>
        {
            var state = StateOf(channel, resident, offer);
            return new ChannelStanding(channel, StatusOf(state), state);
        }).ToList();

    /// <summary>The channels that get a switch per kind: those that can carry notices now, other than in-app.</summary>
    public static IReadOnlyList<NoticeChannel> SwitchableFor(NoticeSettings resident, ChannelOffer offer) =>
        NoticeSettings.ChoosableChannels.Where(c => StateOf(c, resident, offer) == ChannelState.Ready).ToList();

    public static bool CanSwitch(NoticeKind kind, NoticeChannel channel, NoticeSettings resident, ChannelOffer offer) =>
        AvailabilityOf(kind, resident) == KindAvailability.Receivable && SwitchableFor(resident, offer).Contains(channel);
}

/// <summary>A resident's notice settings as their page shows them.</summary>
/// <param name="Hidden">Kinds left off the page because the resident cannot receive them yet, with the reason (never staff kinds).</param>
public sealed record NoticeSettingsView(
    NoticeSettings Settings,
    IReadOnlyList<ChannelStanding> Channels,
    IReadOnlyList<NoticeKind> Kinds,
    IReadOnlyList<NoticeChannel> Switchable,
    IReadOnlyList<(NoticeKind Kind, KindAvailability Why)> Hidden);

public static class NoticeErrors
{
    public const string CannotSwitch = "NoticePrefs_Error_CannotSwitch";
}

/// <summary>A resident's notice settings: what applies to them (<see cref="NoticeChoices"/>) and one switch saved at a time.</summary>
public sealed class NoticeSettingsService(INoticePreferences preferences, ChannelOffer offer)
{
    public ChannelOffer Offer => offer;

    public async Task<NoticeSettingsView> GetAsync(long accountId, CancellationToken ct)
    {
        var settings = await preferences.GetAsync(accountId, ct);
        return new NoticeSettingsView(
            settings,
            NoticeChoices.ChannelsFor(settings, offer),
            NoticeChoices.KindsFor(settings),
            NoticeChoices.SwitchableFor(settings, offer),
            NoticeSettings.Kinds.Select(k => (k, NoticeChoices.AvailabilityOf(k, settings)))
                .Where(k => k.Item2 == KindAvailability.NeedsForYou).ToList());
    }

    /// <summary>Switches one kind on one channel, when the rules give that switch to the resident; refuses otherwise.</summary>
    public async Task SwitchAsync(long accountId, NoticeKind kind, NoticeChannel channel, bool on, CancellationToken ct)
    {
        var settings = await preferences.GetAsync(accountId, ct);
        if (!NoticeChoices.CanSwitch(kind, channel, settings, offer)) throw new RuleException(NoticeErrors.CannotSwitch);
        await preferences.SetAsync(accountId, kind, channel, on, ct);
    }
}
