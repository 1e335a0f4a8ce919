using System.Globalization;
using Portal.Core.Languages;
using Portal.Tests.Live;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Tests.Languages;

/// <summary>City texts and readings as pages show them: encoded HTML with ruby, or plain text.</summary>
public sealed class CityTextRenderingTests
{
    [Fact]
    public void Readings_become_ruby_and_everything_else_is_encoded()
    {
        Assert.Equal("<ruby>区役所<rp>(</rp><rt>くやくしょ</rt><rp>)</rp></ruby>に いく &lt;b&gt;",
            Ruby.Html("区役所《くやくしょ》に いく <b>").Value);
        Assert.Equal("A &amp; B", Ruby.Html("A & B").Value);
        Assert.Equal("区役所に いく", Ruby.Plain("区役所《くやくしょ》に いく"));
    }

    [Theory]
    [InlineData("ja", "中央区役所")]
    [InlineData("en", "Chuo Ward Office")]
    [InlineData("en-US", "Chuo Ward Office")]
    [InlineData("fr", "中央区役所")]
    public void A_city_text_follows_the_reader_s_culture(string culture, string expected)
    {
        ReaderCulture.Use(culture);
        var name = LocalizedText.Of("中央区役所", "Chuo Ward Office");
        Assert.Equal(expected, name.Text());
        Assert.Equal(expected, name.Html().Value);
    }

    [Fact]
    public void The_current_language_is_the_offered_one_a_culture_belongs_to()
    {
        Assert.Equal("en", OfferedLanguages.Standard.Of(CultureInfo.GetCultureInfo("en-GB")));
        Assert.Equal("ja", OfferedLanguages.Standard.Of(CultureInfo.GetCultureInfo("ja-JP")));
        Assert.Equal("ja", OfferedLanguages.Standard.Of(CultureInfo.InvariantCulture));
    }
}
