using Portal.Core.Languages;

namespace Portal.Tests.Languages;

/// <summary>City-written texts: the reader's language, else the best other one, and Japanese always there.</summary>
public sealed class LocalizedTextTests
{
    [Theory]
    [InlineData("ja", new[] { "ja", "ja-Easy" })]
    [InlineData("ja-Easy", new[] { "ja-Easy", "ja" })]
    [InlineData("en", new[] { "en", "ja" })]
    [InlineData("zh-Hans", new[] { "zh-Hans", "en", "ja" })]
    [InlineData("vi", new[] { "vi", "en", "ja" })]
    public void A_Japanese_reader_falls_back_to_easy_Japanese_and_everyone_else_to_English_then_Japanese(string reader, string[] chain) =>
        Assert.Equal(chain, Language.FallbackChain(reader));

    private static readonly LocalizedText Moving = LocalizedText.From(new Dictionary<string, string?>
    {
        ["ja"] = "転入・転出",
        ["ja-Easy"] = "ひっこし の てつづき",
        ["en"] = "Moving in or out",
        ["ko"] = "전입·전출",
    });

    [Theory]
    [InlineData("ja", "転入・転出")]
    [InlineData("ja-Easy", "ひっこし の てつづき")]
    [InlineData("ko", "전입·전출")]
    [InlineData("vi", "Moving in or out")]
    [InlineData("zh-Hans", "Moving in or out")]
    [InlineData("EN", "Moving in or out")]
    public void Each_reader_gets_their_language_or_the_next_in_the_chain(string reader, string expected) =>
        Assert.Equal(expected, Moving.For(reader));

    [Fact]
    public void Without_easy_Japanese_or_English_every_reader_gets_the_Japanese_text()
    {
        var text = LocalizedText.Of("証明書");
        Assert.Equal("証明書", text.For("ja-Easy"));
        Assert.Equal("証明書", text.For("vi"));
    }

    [Fact]
    public void Blank_texts_are_missing_and_Japanese_cannot_be_missing()
    {
        var text = LocalizedText.From(new Dictionary<string, string?> { ["ja"] = " 証明書 ", ["en"] = "  ", ["vi"] = null });
        Assert.Equal("証明書", text.Japanese);
        Assert.Equal(["en", "vi"], text.MissingIn(["ja", "en", "vi"]));
        Assert.Throws<ArgumentException>(() => LocalizedText.Of(" "));
        Assert.Throws<ArgumentException>(() => text.With("ja", ""));
    }

    [Fact]
    public void Setting_and_clearing_one_language_leaves_the_others()
    {
        var text = Moving.With("vi", "Chuyển đến hoặc chuyển đi").With("ko", null);
        Assert.Equal("Chuyển đến hoặc chuyển đi", text.For("vi"));
        Assert.False(text.Has("ko"));
        Assert.Equal("전입·전출", Moving.Exact("ko"));
    }

    [Fact]
    public void Stored_JSON_reads_back_equal_and_an_older_plain_value_is_the_Japanese_text()
    {
        var json = Moving.ToJson();
        Assert.Contains("\"ja\":\"転入・転出\"", json);
        Assert.Equal(Moving, LocalizedText.Parse(json));
        Assert.Equal(Moving.GetHashCode(), LocalizedText.Parse(json).GetHashCode());
        Assert.Equal(LocalizedText.Of("中央区役所"), LocalizedText.Parse("中央区役所"));
        Assert.NotEqual(Moving, Moving.With("en", "Moving"));
    }

    private sealed record Glance(long Id, LocalizedText Category);

    [Fact]
    public void A_record_holding_a_city_text_round_trips_through_System_Text_Json_as_the_stored_object()
    {
        // A glance card hands its prerendered value to its circuit as JSON; the text must come back whole.
        var glance = new Glance(45, Moving.With("vi", "Chuyển nhà"));

        var json = System.Text.Json.JsonSerializer.Serialize(glance);

        Assert.Contains("\"vi\":\"Chuy", json);
        Assert.Equal(glance, System.Text.Json.JsonSerializer.Deserialize<Glance>(json));
        Assert.Equal(LocalizedText.Of("中央区役所"), System.Text.Json.JsonSerializer.Deserialize<LocalizedText>("\"中央区役所\""));
    }
}
