using Portal.Core.Accounts;
using Portal.Core.Support;

namespace Portal.Tests.Support;

public sealed class ResidentSupportRulesTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("    ")]
    [InlineData("確認")]
    [InlineData("  電話  ")]
    public void A_missing_or_short_reason_is_refused(string? reason) => Assert.Null(ResidentSupportRules.CleanReason(reason));

    [Fact]
    public void A_reason_of_five_characters_is_accepted_trimmed() =>
        Assert.Equal("電話での問い合わせ対応", ResidentSupportRules.CleanReason("  電話での問い合わせ対応 "));

    [Fact]
    public void A_reason_longer_than_the_limit_is_refused()
    {
        Assert.NotNull(ResidentSupportRules.CleanReason(new string('あ', ResidentSupportRules.MaxReasonLength)));
        Assert.Null(ResidentSupportRules.CleanReason(new string('あ', ResidentSupportRules.MaxReasonLength + 1)));
    }

    [Theory]
    [InlineData(Role.Staff, true)]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Resident, false)]
    [InlineData(Role.Kiosk, false)]
    public void Only_staff_and_admins_may_open_a_resident(Role role, bool may) => Assert.Equal(may, ResidentSupportRules.MayOpen(role));

    [Fact]
    public void Staff_see_reports_and_points_but_never_for_you_notices()
    {
        var sections = ResidentSupportRules.Sections(Role.Staff, registerConsent: true);
        Assert.Equal(new SupportSections(SectionAccess.Shown, SectionAccess.Shown, SectionAccess.NotLinked, SectionAccess.NotForRole), sections);
    }

    [Fact]
    public void Admins_see_for_you_notices_only_with_a_register_consent()
    {
        Assert.Equal(SectionAccess.Shown, ResidentSupportRules.Sections(Role.Admin, registerConsent: true).ForYou);
        Assert.Equal(SectionAccess.NoConsent, ResidentSupportRules.Sections(Role.Admin, registerConsent: false).ForYou);
    }

    [Theory]
    [InlineData(Role.Resident)]
    [InlineData(Role.Kiosk)]
    public void Other_roles_see_nothing(Role role)
    {
        var sections = ResidentSupportRules.Sections(role, registerConsent: true);
        Assert.All(new[] { sections.Reports, sections.Points, sections.Tickets, sections.ForYou }, s => Assert.Equal(SectionAccess.NotForRole, s));
    }

    [Fact]
    public void Queue_tickets_are_not_shown_because_they_carry_no_account()
    {
        Assert.Equal(SectionAccess.NotLinked, ResidentSupportRules.Sections(Role.Admin, registerConsent: true).Tickets);
    }
}
