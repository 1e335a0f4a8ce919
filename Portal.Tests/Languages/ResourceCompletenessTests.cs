using System.Text.RegularExpressions;
using System.Xml.Linq;
using Portal.Core.Languages;

namespace Portal.Tests.Languages;

/// <summary>
/// Every interface language is complete: each SharedResource.LANG.resx next to the Japanese one (found on disk, so a
/// language added later is checked without touching this file) has every Japanese key and no other, the same
/// placeholders, a text for each key, and no text left equal to the Japanese or English one unless it is listed below
/// as deliberately the same. Easy Japanese also keeps its own rules: a reading over every kanji and short sentences.
/// </summary>
public sealed partial class ResourceCompletenessTests
{
    private const string Japanese = "ja", English = "en", EasyJapanese = "ja-Easy";

    /// <summary>Longest easy-Japanese sentence, counted without its readings (the limit the published rules use).</summary>
    private const int LongestEasySentence = 50;

    /// <summary>
    /// Texts that are rightly the same as the Japanese or English one. "*" stands for every language. Keep it short:
    /// an entry is a word the two languages truly share, never a text nobody translated.
    /// </summary>
    private static readonly (string Language, string[] Keys, string Why)[] DeliberatelySame =
    [
        ("*", ["Nav_Benefits"], "For You is the service's name, kept in Latin letters in every language"),
        ("*", ["NoticeChannel_Line"], "LINE is the messenger's brand name"),
        ("*", ["Benefit_And"], "the separator between listed benefits: Chinese uses 、 as Japanese does, Korean and Vietnamese ', ' as English does"),
        ("zh-Hans", ["Common_Save", "Queue_AdminSave"], "保存 is the Chinese word for Save, as it is the Japanese one"),
        ("zh-Hans", ["Common_Actions"], "操作 is the usual Chinese header over a column of buttons"),
        ("zh-Hans", ["Benefit_Cond_Sex_Female", "Benefit_Cond_Sex_Male", "Benefit_Sex_Female", "Benefit_Sex_Male"], "女性 and 男性 are the Chinese words too"),
        ("zh-Hans", ["ReportField_Road"], "道路 is the Chinese word for roads"),
        ("zh-Hans", ["Ward_chuo"], "the ward's name 中央区 is written the same in Chinese"),
        ("zh-Hans", ["Queue_PeopleCount"], "Chinese counts people as {0}人, like Japanese"),
        ("zh-Hans", ["Policies_DateFormat"], "Chinese writes a date as 2026年12月7日, like Japanese"),
        ("vi", ["Shell_Menu"], "Vietnamese phone apps label their menu Menu"),
        ("*", ["Alerts_RadiusKm", "Alerts_RadiusM"], "a distance in metres or kilometres is written m and km in these languages"),
    ];

    private static readonly string Resources = Path.Combine(FindRoot(), "Portal.Web", "Resources");
    private static readonly Dictionary<string, IReadOnlyDictionary<string, string>> Texts = ReadAll();

    public static TheoryData<string> Languages => [.. Texts.Keys.Where(l => l != Japanese).Order(StringComparer.Ordinal)];

    [Fact]
    public void The_languages_are_found_on_disk()
    {
        // Guards the discovery itself: without it every theory below could pass on an empty list.
        Assert.Contains(English, Texts.Keys);
        Assert.Contains(EasyJapanese, Texts.Keys);
        Assert.True(Texts[Japanese].Count > 1000, $"only {Texts[Japanese].Count} Japanese keys read");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_Japanese_key_has_a_text_in_the_language(string language)
    {
        var missing = Texts[Japanese].Keys.Where(k => !Texts[language].ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} keys missing in {language}: {string.Join(", ", missing.Take(40))}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void The_language_has_no_key_the_Japanese_lacks(string language)
    {
        var orphans = Texts[language].Keys.Where(k => !Texts[Japanese].ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(orphans.Count == 0, $"keys only in {language}: {string.Join(", ", orphans)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void Every_text_fills_in_the_Japanese_placeholders(string language)
    {
        var differ = Shared(language)
            .Where(k => !Placeholders(Texts[Japanese][k]).SequenceEqual(Placeholders(Texts[language][k])))
            .Select(k => $"{k}: [{string.Join(" ", Placeholders(Texts[Japanese][k]))}] vs [{string.Join(" ", Placeholders(Texts[language][k]))}]")
            .ToList();
        Assert.True(differ.Count == 0, $"placeholders differ in {language}:\n{string.Join("\n", differ)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void No_text_is_empty(string language)
    {
        var empty = Texts[language].Where(p => string.IsNullOrWhiteSpace(p.Value)).Select(p => p.Key).ToList();
        Assert.True(empty.Count == 0, $"empty in {language}: {string.Join(", ", empty)}");
    }

    [Theory]
    [MemberData(nameof(Languages))]
    public void No_text_is_left_as_the_Japanese_or_English_one(string language)
    {
        var same = Shared(language)
            .Where(k => !IsDeliberatelySame(language, k))
            .SelectMany(k => Others(language)
                .Where(other => Texts[other].TryGetValue(k, out var text) && text == Texts[language][k])
                .Where(other => !(language == EasyJapanese && other == Japanese && !Texts[Japanese][k].Any(RubyText.IsKanji)))
                .Select(other => $"{k} = {other}: {Texts[language][k]}"))
            .ToList();
        Assert.True(same.Count == 0, $"{same.Count} texts in {language} equal to another language's:\n{string.Join("\n", same)}");
    }

    [Fact]
    public void Every_deliberately_same_entry_is_still_needed()
    {
        var stale = DeliberatelySame
            .SelectMany(e => e.Keys.Select(k => (e.Language, Key: k)))
            .Where(e => !(e.Language == "*" ? Texts.Keys.Where(l => l != Japanese) : [e.Language])
                .Any(l => Texts.TryGetValue(l, out var texts) && texts.TryGetValue(e.Key, out var text)
                          && Others(l).Any(o => Texts[o].TryGetValue(e.Key, out var other) && other == text)))
            .Select(e => $"{e.Language}/{e.Key}")
            .ToList();
        Assert.True(stale.Count == 0, $"listed as deliberately the same but no longer equal (remove them): {string.Join(", ", stale)}");
    }

    [Fact]
    public void Every_kanji_in_easy_Japanese_has_its_reading()
    {
        var bare = Texts[EasyJapanese]
            .Select(p => (p.Key, Kanji: RubyText.KanjiWithoutReading(p.Value).ToList()))
            .Where(p => p.Kanji.Count > 0)
            .Select(p => $"{p.Key}: {string.Join(" ", p.Kanji)}")
            .ToList();
        Assert.True(bare.Count == 0, $"kanji without a reading:\n{string.Join("\n", bare)}");
    }

    [Fact]
    public void Easy_Japanese_sentences_are_short()
    {
        var tooLong = Texts[EasyJapanese]
            .SelectMany(p => Sentences(p.Value).Where(s => s.Length > LongestEasySentence).Select(s => $"{p.Key} ({s.Length}): {s}"))
            .ToList();
        Assert.True(tooLong.Count == 0, $"sentences over {LongestEasySentence} characters:\n{string.Join("\n", tooLong)}");
    }

    [Theory]
    [InlineData("長《なが》い 文《ぶん》です。つぎの 文《ぶん》です", new[] { "長い 文です", "つぎの 文です" })]
    [InlineData("あと {0}人《にん》！\nおわり？", new[] { "あと 00人", "おわり" })]
    public void A_sentence_is_counted_without_readings_and_with_a_placeholder_as_two_characters(string text, string[] expected)
    {
        Assert.Equal(expected, Sentences(text));
    }

    /// <summary>
    /// The sentences of an easy-Japanese text as a reader sees them: readings dropped, each placeholder counted as two
    /// characters (a typical number or short name), split at 。！？ and line breaks.
    /// </summary>
    private static IEnumerable<string> Sentences(string text) =>
        SentenceEnd().Split(Placeholder().Replace(RubyText.Plain(text), "00"))
            .Select(s => s.Trim())
            .Where(s => s.Length > 0);

    private static bool IsDeliberatelySame(string language, string key) =>
        DeliberatelySame.Any(e => (e.Language == "*" || e.Language == language) && e.Keys.Contains(key));

    /// <summary>
    /// One word for one thing, in every language: the number on the letter a resident receives for For You is called
    /// as the letter itself calls it (登録番号, never 登録コード; "registration number", never "registration code"), on
    /// the home card and the notification settings as on the For You page and the register's back office.
    /// </summary>
    [Theory]
    [InlineData(Japanese, "登録番号", "登録コード")]
    [InlineData(EasyJapanese, "登録番号", "登録コード")]
    [InlineData(English, "registration number", "registration code")]
    [InlineData("zh-Hans", "登记编号", "登记码")]
    [InlineData("ko", "등록 번호", "등록 코드")]
    [InlineData("vi", "mã số đăng ký", "mã đăng ký")]
    public void Each_language_names_the_For_You_letter_s_number_one_way(string language, string term, string other)
    {
        var plain = Texts[language].ToDictionary(t => t.Key, t => RubyText.Plain(t.Value));
        foreach (var key in new[] { "Letter_Title", "ForYou_LinkTitle", "HomeGlance_ForYouEnterCode", "HomeGlance_ForYouLinkRecord", "NoticePrefs_Hidden_NeedsForYou", "Register_Title" })
            Assert.True(plain[key].Contains(term, StringComparison.OrdinalIgnoreCase), $"{language} {key} does not say {term}: {plain[key]}");
        Assert.Empty(plain.Where(t => t.Value.Contains(other, StringComparison.OrdinalIgnoreCase)).Select(t => t.Key));
    }

    /// <summary>
    /// The portal is called one way in each language, in its name as in its home page's title: Chinese says 门户 as
    /// 千叶门户 does, not 门户网站 (a "portal website") in one place.
    /// </summary>
    [Theory]
    [InlineData(Japanese, "ポータル", "ポータルサイト")]
    [InlineData(English, "Portal", "portal site")]
    [InlineData("zh-Hans", "门户", "门户网站")]
    [InlineData("ko", "포털", "포털 사이트")]
    public void Each_language_names_the_portal_one_way(string language, string word, string other)
    {
        foreach (var key in new[] { "App_Name", "Home_Title" })
            Assert.True(Texts[language][key].Contains(word, StringComparison.OrdinalIgnoreCase), $"{language} {key} does not call the portal {word}: {Texts[language][key]}");
        Assert.Empty(Texts[language].Where(t => t.Value.Contains(other, StringComparison.OrdinalIgnoreCase)).Select(t => t.Key));
    }

    /// <summary>The languages a text must differ from: Japanese and English, never itself.</summary>
    private static IEnumerable<string> Others(string language) => new[] { Japanese, English }.Where(o => o != language);

    private static IEnumerable<string> Shared(string language) => Texts[language].Keys.Where(Texts[Japanese].ContainsKey);

    private static IEnumerable<string> Placeholders(string text) =>
        Placeholder().Matches(text).Select(m => m.Value).Order(StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadAll()
    {
        var texts = new Dictionary<string, IReadOnlyDictionary<string, string>> { [Japanese] = Read("SharedResource.resx") };
        foreach (var file in Directory.EnumerateFiles(Resources, "SharedResource.*.resx"))
        {
            var language = Path.GetFileName(file)["SharedResource.".Length..^".resx".Length];
            texts[language] = Read(Path.GetFileName(file));
        }
        return texts;
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")?.Value ?? "");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("ChibaPortal.sln not found above the test binaries.");
    }

    [GeneratedRegex(@"\{[^{}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"[。！？!?\r\n]")]
    private static partial Regex SentenceEnd();
}
