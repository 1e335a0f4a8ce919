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

    [Theory]
    [InlineData("ja", "児童手当")]
    [InlineData("ja-Easy", "児童手当（子どもの ための お金）")]
    [InlineData("en", "Child allowance")]
    [InlineData("zh-Hans", "儿童津贴")]
    [InlineData("ko", "아동수당")]
    [InlineData("vi", "Trợ cấp trẻ em")]
    public void The_notice_carries_the_benefit_s_name_in_every_language_it_is_written_in_without_readings(string language, string name)
    {
        var allowance = StandardBenefits.All[0];
        var version = new BenefitVersionRecord(1, allowance.Code, 1, true, StandardBenefits.EffectiveFrom, allowance.Content, allowance.TestCases, DateTimeOffset.UnixEpoch, null);
        var values = EligibilityRun.NewlyEligible(42, version, 2026).Values;

        Assert.StartsWith(name, values[NoticeValues.InLanguage(NoticeValues.BenefitName, language)]);
        Assert.DoesNotContain("《", string.Concat(values.Values));
        Assert.Equal("児童手当", values[NoticeValues.BenefitName]);
    }

    [Fact]
    public void Every_notice_language_gets_the_name_in_its_language_or_the_next_in_its_fallback_chain()
    {
        var name = Portal.Core.Languages.LocalizedText.Of("児童手当", "Child allowance");
        var values = new Dictionary<string, string>();
        NoticeValues.AddText(values, NoticeValues.BenefitName, name);
        var renderer = NoticeRendererTests.ResourceRenderer();
        foreach (var culture in NoticeRenderer.Cultures)
            Assert.Contains($"{name.For(culture)}", renderer.Render(NoticeKind.BenefitNewlyEligible, culture, values).Body);
    }
}
