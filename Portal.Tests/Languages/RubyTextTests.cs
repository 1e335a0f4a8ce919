using Portal.Core.Languages;

namespace Portal.Tests.Languages;

/// <summary>Readings over kanji in easy-Japanese texts (青空文庫's notation) and what plain places show.</summary>
public sealed class RubyTextTests
{
    [Fact]
    public void A_run_of_kanji_before_the_marks_takes_the_reading()
    {
        Assert.Equal(
            [new RubySegment("ここは ", null), new RubySegment("市役所", "しやくしょ"), new RubySegment(" です。", null)],
            RubyText.Parse("ここは 市役所《しやくしょ》 です。"));
    }

    [Fact]
    public void A_bar_says_where_a_base_with_kana_starts()
    {
        Assert.Equal(
            [new RubySegment("お", null), new RubySegment("知らせ", "しらせ"), new RubySegment(" を みる", null)],
            RubyText.Parse("お｜知らせ《しらせ》 を みる"));
    }

    [Fact]
    public void Kana_just_before_the_marks_is_not_taken_into_the_base()
    {
        Assert.Equal([new RubySegment("ひっこしの", null), new RubySegment("日", "ひ")], RubyText.Parse("ひっこしの日《ひ》"));
    }

    [Fact]
    public void Plain_text_drops_the_readings_and_keeps_format_placeholders()
    {
        Assert.Equal("あと {0}人 です。番号は {1} です。", RubyText.Plain("あと {0}人《にん》 です。番号《ばんごう》は {1} です。"));
        Assert.Equal("Text without marks", RubyText.Plain("Text without marks"));
    }

    [Theory]
    [InlineData("市役所《しやくしょ》に 行《い》きます", new string[0])]
    [InlineData("市役所に 行《い》きます", new[] { "市役所" })]
    [InlineData("人々《ひとびと》と 名前", new[] { "名前" })]
    [InlineData("12:00 まで", new string[0])]
    public void Kanji_without_a_reading_are_found(string text, string[] unread) =>
        Assert.Equal(unread, RubyText.KanjiWithoutReading(text));

    [Theory]
    [InlineData("如需根据《个人信息保护法》查阅您的信息，请联系我们。")]
    [InlineData("｜根据《个人信息保护法》")]
    [InlineData("《개인정보 보호법》에 따라")]
    [InlineData("民法《》")]
    public void A_title_in_the_same_brackets_is_text_not_a_reading(string text)
    {
        // Chinese and Korean put a law's or a book's title in 《》: it must stay, on the page and in plain places.
        Assert.Equal([new RubySegment(text, null)], RubyText.Parse(text));
        Assert.Equal(text, RubyText.Plain(text));
        Assert.DoesNotContain("<ruby>", Portal.Web.Languages.Ruby.Html(text).Value);
    }

    [Fact]
    public void The_Chinese_contact_text_keeps_the_law_s_name_where_a_label_shows_it_plainly()
    {
        // It used to lose 个人信息保护法 as if it were a reading over 如需根据.
        Assert.Contains("根据《个人信息保护法》申请", Portal.Tests.Browser.PortalText.Get("Policies_ContactData", "zh-Hans"));
    }

    [Fact]
    public void Marks_that_do_not_close_are_plain_text()
    {
        Assert.Equal([new RubySegment("市役所《しやくしょ", null)], RubyText.Parse("市役所《しやくしょ"));
        Assert.Equal([new RubySegment("《よみ》だけ", null)], RubyText.Parse("《よみ》だけ"));
    }
}
