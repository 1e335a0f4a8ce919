using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using MudBlazor.Services;
using Portal.Core.Benefits;
using Portal.Core.Languages;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web;
using Portal.Web.Benefits;
using Portal.Web.Hosting;
using Portal.Web.Languages;
using Portal.Web.Shell;

namespace Portal.Tests.Languages;

/// <summary>
/// The interface's own words in easy Japanese carry readings over their kanji: in a page's content they show as
/// &lt;ruby&gt; with &lt;rt&gt;, in attributes as plain text; other languages have no ruby at all.
/// </summary>
public sealed class InterfaceRubyComponentTests : BunitContext
{
    private static readonly string[] FooterKeys = ["Policies_Title_terms", "Policies_Title_privacy", "Policies_Title_accessibility", "Policies_ContactTitle"];

    public InterfaceRubyComponentTests() => Services.AddPortalLocalization();

    public static TheoryData<string> Languages => [.. OfferedLanguages.Standard.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_footer_shows_easy_Japanese_readings_as_ruby_and_every_language_as_its_plain_words(string language)
    {
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = OfferedLanguages.Standard.CultureOf(language);
        try
        {
            var footer = Render<PortalFooter>();

            var links = footer.FindAll("footer a");
            Assert.Equal(FooterKeys.Select(k => PortalText.Get(k, language)), links.Select(a => a.ShownText()));
            foreach (var (link, key) in links.Zip(FooterKeys))
            {
                var readings = RubyText.Parse(PortalText.Raw(key, language)).Where(s => s.Reading is not null).ToList();
                // Each reading over its own kanji, the brackets (<rp>) there for a browser without ruby.
                Assert.Equal(readings.Select(s => (s.Text, s.Reading)),
                    link.QuerySelectorAll("ruby").Select(r => (r.ShownText(), r.QuerySelector("rt")?.TextContent)));
                Assert.Equal(readings.Count * 2, link.QuerySelectorAll("ruby > rp").Length);
            }
            if (language == "ja-Easy")
                Assert.NotEmpty(footer.FindAll("footer ruby rt"));
            else
                Assert.Empty(footer.FindAll("ruby"));
            // An attribute has no markup: the navigation's name is the plain text.
            Assert.Equal(PortalText.Get("Policies_FooterLabel", language), footer.Find("footer nav").GetAttribute("aria-label"));
            Assert.DoesNotContain('《', footer.Markup);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }

    /// <summary>
    /// Words a page composes in code keep their readings: the reasons behind a benefit's result are sentences a helper
    /// builds from several interface texts (an age, a list of insurances joined with または), which used to show in
    /// easy Japanese as plain strings with bare kanji.
    /// </summary>
    [Theory]
    [MemberData(nameof(Languages))]
    public void The_reasons_a_page_composes_in_code_show_easy_Japanese_readings_and_the_same_words(string language)
    {
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        var (culture, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = OfferedLanguages.Standard.CultureOf(language);
        try
        {
            var text = new BenefitText(Services.GetRequiredService<IStringLocalizer<SharedResource>>());
            Explanation[] nodes =
            [
                new(new AgeCondition(65, null), Tri.Yes, "66", []),
                new(new InsuranceCondition([InsuranceType.NationalHealth, InsuranceType.Employee]), Tri.Unknown, null, []),
            ];
            var view = Render<ExplanationView>(p => p.Add(v => v.Nodes, nodes).Add(v => v.Text, text));

            // The same words as the plain helper says them, in every language.
            var shown = view.FindAll(".why-item > span:not(.visually-hidden):not(.why-seen)").Select(e => e.ShownText()).ToList();
            Assert.Equal(nodes.Select(n => text.Describe(n.Condition)), shown);
            Assert.Equal($"({text.Observed(nodes[0])})", view.Find(".why-seen").ShownText());
            if (language == "ja-Easy")
            {
                Assert.Empty(ReaderText.Page(view.Markup).BareInterfaceTexts());
                Assert.All(view.FindAll(".why-item > span:not(.visually-hidden):not(.why-seen)"), reason => Assert.NotEmpty(reason.QuerySelectorAll("ruby rt")));
            }
            else
                Assert.Empty(view.FindAll("ruby"));
            Assert.DoesNotContain('《', view.Markup);
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, ui);
        }
    }
}
