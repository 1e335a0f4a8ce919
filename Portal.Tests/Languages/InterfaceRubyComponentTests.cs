using System.Globalization;
using Bunit;
using Portal.Core.Languages;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
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
}
