using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Languages;
using Portal.Web;
using Portal.Web.Hosting;
using Portal.Web.Languages;

namespace Portal.Tests.Languages;

/// <summary>The portal's languages come from configuration, and each of them has its culture and its resources.</summary>
public sealed class PortalLanguagesTests
{
    private static readonly string[] Six = ["ja", "ja-Easy", "en", "zh-Hans", "ko", "vi"];

    private static IConfiguration Config(params string[] languages) =>
        new ConfigurationBuilder().AddInMemoryCollection(languages.Select((l, i) => new KeyValuePair<string, string?>($"{PortalCultures.ConfigurationKey}:{i}", l))).Build();

    [Fact]
    public void The_configured_languages_are_the_portal_s_in_their_order()
    {
        Assert.Equal(["ja", "vi", "en"], PortalCultures.FromConfiguration(Config("ja", "vi", "en")).All);
        Assert.Equal(Six, PortalCultures.FromConfiguration(Config()).All);
        Assert.Equal(Six, OfferedLanguages.Standard.All);
    }

    [Fact]
    public void The_shipped_configuration_names_the_six_languages()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ChibaPortal.sln"))) root = root.Parent!;
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(root.FullName, "Portal.Web", "appsettings.json")));
        var configured = settings.RootElement.GetProperty("Portal").GetProperty("Languages").EnumerateArray().Select(e => e.GetString()).ToArray();
        Assert.Equal(Six, configured);
    }

    [Theory]
    [InlineData("Japanese comes first", "en", "ja")]
    [InlineData("configured twice", "ja", "en", "ja")]
    [InlineData("\"xx-Nowhere\" is not a culture", "ja", "xx-Nowhere")]
    [InlineData("\"qq\" is not a culture", "ja", "qq")]
    public void A_configuration_that_cannot_work_stops_the_start_with_a_clear_message(string message, params string[] languages)
    {
        var error = Assert.Throws<ArgumentException>(() => PortalCultures.FromConfiguration(Config(languages)));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("ja", "ja")]
    [InlineData("ja-Easy", "ja-Easy")]
    [InlineData("JA-EASY", "ja-Easy")]
    [InlineData("en-US", "en")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("ko-KR", "ko")]
    [InlineData("vi-VN", "vi")]
    [InlineData("fr", "ja")]
    [InlineData("qq-Bogus", "ja")]
    [InlineData("", "ja")]
    [InlineData(null, "ja")]
    public void A_culture_belongs_to_its_nearest_offered_language_else_Japanese(string? culture, string expected) =>
        Assert.Equal(expected, OfferedLanguages.Standard.Of(culture));

    [Fact]
    public void Easy_Japanese_is_a_culture_of_its_own_whose_parent_is_Japanese()
    {
        var easy = OfferedLanguages.Standard.CultureOf("ja-Easy");
        Assert.Equal(("ja-Easy", "ja", "ja"), (easy.Name, easy.Parent.Name, easy.TwoLetterISOLanguageName));
        Assert.Equal(Six, OfferedLanguages.Standard.Cultures.Select(c => c.Name));
    }

    [Theory]
    [InlineData("ja", "ja")]
    [InlineData("ja-Easy", "ja")]
    [InlineData("en", "en")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("ko", "ko")]
    [InlineData("vi", "vi")]
    public void The_html_lang_is_the_language_easy_Japanese_being_Japanese(string language, string lang) =>
        Assert.Equal(lang, PortalCultures.HtmlLangOf(language));

    public static TheoryData<string> Languages => [.. OfferedLanguages.Standard.All];

    private static PlainTextLocalizer Localizer() =>
        new(new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance));

    [Theory]
    [MemberData(nameof(Languages))]
    public void Each_language_s_resources_load_through_the_localizer(string language)
    {
        var caller = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(language);
            var name = Localizer()["Language_Name"];
            Assert.False(name.ResourceNotFound);
            // Its own text, not its parent's: a satellite that did not load would give the Japanese one.
            Assert.Equal(Browser.PortalText.Get("Language_Name", language), name.Value);
            Assert.True(language == "ja" || name.Value != "日本語", $"{language} read the Japanese resources.");
        }
        finally
        {
            CultureInfo.CurrentUICulture = caller;
        }
    }

    [Fact]
    public void Easy_Japanese_words_are_plain_in_strings_and_carry_ruby_in_content()
    {
        var caller = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-Easy");
            var l = Localizer();
            Assert.Equal("自分《じぶん》の アカウントは とめる ことが できません。", l.WithReadings("Account_CannotDisableSelf").Value);
            Assert.Equal("自分の アカウントは とめる ことが できません。", l["Account_CannotDisableSelf"].Value);
            Assert.Equal("<ruby>自分<rp>(</rp><rt>じぶん</rt><rp>)</rp></ruby>の アカウントは とめる ことが できません。",
                l.Html("Account_CannotDisableSelf").Value);
            Assert.DoesNotContain(l.GetAllStrings(true), s => s.Value.Contains('《'));

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal(l["Account_CannotDisableSelf"].Value, l.Html("Account_CannotDisableSelf").Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = caller;
        }
    }

    [Fact]
    public void A_format_resource_in_content_keeps_its_ruby_and_encodes_its_arguments()
    {
        var caller = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-Easy");
            var l = new PlainTextLocalizer(new OneTextFactory("{0}さんの 番号《ばんごう》は {1:N0} です"));
            Assert.Equal("<b>花子</b>さんの 番号は 1,200 です", l["x", "<b>花子</b>", 1200].Value);
            Assert.Equal("&lt;b&gt;花子&lt;/b&gt;さんの <ruby>番号<rp>(</rp><rt>ばんごう</rt><rp>)</rp></ruby>は 1,200 です",
                l.Html("x", "<b>花子</b>", 1200).Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = caller;
        }
    }

    [Fact]
    public void An_interface_text_given_to_a_format_as_markup_keeps_its_ruby_and_other_arguments_stay_encoded()
    {
        var caller = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-Easy");
            var l = new PlainTextLocalizer(new OneTextFactory("{0}：{1}"));
            var word = Ruby.Html("番号札《ばんごうふだ》");
            Assert.Equal("<ruby>番号札<rp>(</rp><rt>ばんごうふだ</rt><rp>)</rp></ruby>：&lt;i&gt;", l.Html("x", word, "<i>").Value);
        }
        finally
        {
            CultureInfo.CurrentUICulture = caller;
        }
    }

    /// <summary>Resources of one fixed text, to test formatting without the portal's resources.</summary>
    private sealed class OneTextFactory(string text) : IStringLocalizerFactory
    {
        public IStringLocalizer Create(Type resourceSource) => new One(text);
        public IStringLocalizer Create(string baseName, string location) => new One(text);

        private sealed class One(string text) : IStringLocalizer
        {
            public LocalizedString this[string name] => new(name, text);
            public LocalizedString this[string name, params object[] arguments] => new(name, string.Format(CultureInfo.CurrentCulture, text, arguments));
            public IEnumerable<LocalizedString> GetAllStrings(bool includeParentCultures) => [new(text, text)];
        }
    }

    [Fact]
    public void Easy_Japanese_writes_numbers_and_dates_as_Japanese_does()
    {
        // ICU has no data for ja-Easy and would give it the root locale's formats: a balance of 1500, not 1,500.
        var easy = OfferedLanguages.Standard.CultureOf("ja-Easy");
        var japanese = CultureInfo.GetCultureInfo("ja");
        Assert.Equal(1500.ToString("N0", japanese), 1500.ToString("N0", easy));
        Assert.Equal("1,500", 1500.ToString("N0", easy));
        var day = new DateTime(2026, 12, 7);
        Assert.Equal(day.ToString("D", japanese), day.ToString("D", easy));
        Assert.True(easy.IsReadOnly);
    }
}
