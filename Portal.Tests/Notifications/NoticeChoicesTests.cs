using Portal.Core.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>Which kinds a resident chooses about, and on which channels: the rule the settings page shows.</summary>
public sealed class NoticeChoicesTests
{
    private static readonly NoticeSettings Fresh = new(null, EmailVerified: false, LineLinked: false, PushDevices: 0, new HashSet<(NoticeKind, NoticeChannel)>());
    private static readonly NoticeSettings Ready = Fresh with { EmailVerified = true, LineLinked = true, PushDevices = 2 };
    private static readonly ChannelOffer Everything = new(new HashSet<NoticeChannel> { NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush }, LineLinking: true);
    private static readonly ChannelOffer Nothing = new(new HashSet<NoticeChannel>(), LineLinking: false);

    private static (ChannelStatus, ChannelState)[] Standings(NoticeSettings resident, ChannelOffer offer) =>
        NoticeChoices.ChannelsFor(resident, offer).Select(c => (c.Status, c.Reason)).ToArray();

    [Fact]
    public void In_app_is_always_on_and_a_channel_the_city_has_not_set_up_is_not_offered_whatever_the_resident_did()
    {
        Assert.Equal([(ChannelStatus.On, ChannelState.Ready), (ChannelStatus.NotOffered, ChannelState.NotOffered),
            (ChannelStatus.NotOffered, ChannelState.NotOffered), (ChannelStatus.NotOffered, ChannelState.NotOffered)], Standings(Ready, Nothing));
        Assert.Empty(NoticeChoices.SwitchableFor(Ready, Nothing));
    }

    [Fact]
    public void An_offered_channel_is_off_until_the_resident_verifies_links_or_adds_a_device_and_on_after()
    {
        Assert.Equal([(ChannelStatus.On, ChannelState.Ready), (ChannelStatus.Off, ChannelState.VerifyEmailFirst),
            (ChannelStatus.Off, ChannelState.NotLinked), (ChannelStatus.Off, ChannelState.NoDevice)], Standings(Fresh, Everything));
        Assert.Empty(NoticeChoices.SwitchableFor(Fresh, Everything));

        Assert.All(Standings(Ready, Everything), s => Assert.Equal((ChannelStatus.On, ChannelState.Ready), s));
        Assert.Equal([NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush], NoticeChoices.SwitchableFor(Ready, Everything));
    }

    [Fact]
    public void LINE_without_LINE_Login_cannot_be_linked_so_it_is_not_offered_unless_already_linked()
    {
        var sendOnly = Everything with { LineLinking = false };

        Assert.Equal((ChannelStatus.NotOffered, ChannelState.LinkingNotOffered), Standings(Fresh, sendOnly)[(int)NoticeChannel.Line]);
        Assert.Equal((ChannelStatus.On, ChannelState.Ready), Standings(Fresh with { LineLinked = true }, sendOnly)[(int)NoticeChannel.Line]);
    }

    [Fact]
    public void Every_resident_chooses_about_queue_report_supporter_and_points_notices()
    {
        Assert.Equal([NoticeKind.TicketNear, NoticeKind.TicketCalled, NoticeKind.ReportStatusChanged, NoticeKind.SupporterReminder,
            NoticeKind.PointsExpiring, NoticeKind.SupporterTaskCancelled, NoticeKind.ReportFixedCheck, NoticeKind.ReportFollowedUpdate,
            NoticeKind.ReportAlertDigest, NoticeKind.ReportReferred], NoticeChoices.KindsFor(Fresh));
        // Staff hear that a resident says a report is not fixed; no resident chooses about it.
        Assert.Equal(NoticeAudience.Staff, NoticeChoices.AudienceOf(NoticeKind.ReportReopenRequested));
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(true, true, true)]
    public void The_For_You_notice_is_the_resident_s_to_choose_only_once_For_You_looks_for_them(bool consent, bool linked, bool shown)
    {
        var resident = Ready with { ForYouConsent = consent, ForYouLinked = linked };

        Assert.Equal(shown, NoticeChoices.KindsFor(resident).Contains(NoticeKind.BenefitNewlyEligible));
        Assert.Equal(shown ? KindAvailability.Receivable : KindAvailability.NeedsForYou, NoticeChoices.AvailabilityOf(NoticeKind.BenefitNewlyEligible, resident));
        Assert.Equal(shown, NoticeChoices.CanSwitch(NoticeKind.BenefitNewlyEligible, NoticeChannel.Email, resident, Everything));
    }

    [Fact]
    public void Every_kind_names_its_audience_and_a_staff_kind_never_reaches_a_resident_s_page()
    {
        Assert.All(Enum.GetValues<NoticeKind>(), kind =>
        {
            var audience = NoticeChoices.AudienceOf(kind);
            if (audience == NoticeAudience.Staff)
                Assert.Equal(KindAvailability.StaffOnly, NoticeChoices.AvailabilityOf(kind, Ready with { ForYouConsent = true, ForYouLinked = true }));
        });
        Assert.DoesNotContain(NoticeChoices.KindsFor(Ready with { ForYouConsent = true, ForYouLinked = true }),
            k => NoticeChoices.AudienceOf(k) != NoticeAudience.Residents);
        // The account's own messages go to whoever holds it, and are never a switch on the page.
        Assert.All(Enum.GetValues<NoticeKind>().Where(AccountNotices.IsAccountMessage),
            k => Assert.Equal(NoticeAudience.AccountHolder, NoticeChoices.AudienceOf(k)));
    }

    [Fact]
    public void A_switch_exists_only_for_a_kind_the_resident_receives_on_a_channel_that_carries_it_never_for_in_app()
    {
        var emailOnly = Fresh with { EmailVerified = true };

        Assert.True(NoticeChoices.CanSwitch(NoticeKind.PointsExpiring, NoticeChannel.Email, emailOnly, Everything));
        Assert.False(NoticeChoices.CanSwitch(NoticeKind.PointsExpiring, NoticeChannel.WebPush, emailOnly, Everything));
        Assert.False(NoticeChoices.CanSwitch(NoticeKind.PointsExpiring, NoticeChannel.InApp, emailOnly, Everything));
        Assert.False(NoticeChoices.CanSwitch(NoticeKind.PointsExpiring, NoticeChannel.Email, emailOnly, Nothing));
    }
}
