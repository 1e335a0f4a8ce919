using Portal.Core.Benefits;
using Portal.Core.Notifications;
using Portal.Tests.Notifications;

namespace Portal.Tests.Benefits;

public sealed class BenefitNoticeTests
{
    [Fact]
    public void The_newly_eligible_notice_names_the_benefit_in_the_resident_s_language_once_per_fiscal_year()
    {
        var allowance = StandardBenefits.All[0];
        var version = new BenefitVersionRecord(1, allowance.Code, 1, true, StandardBenefits.EffectiveFrom, allowance.Content, allowance.TestCases, DateTimeOffset.UnixEpoch, null);
        var notice = EligibilityRun.NewlyEligible(42, version, 2026);

        Assert.Equal("benefit:42:child-allowance:fy2026", notice.DedupKey);
        Assert.Equal(new NoticeRecipient.Account(42), notice.Recipient);
        var renderer = NoticeRendererTests.ResourceRenderer();
        Assert.Contains("児童手当", renderer.Render(notice.Kind, "ja", notice.Values).Body);
        Assert.Contains("Child allowance", renderer.Render(notice.Kind, "en", notice.Values).Body);
    }
}
