using System.Text.RegularExpressions;
using Portal.Core.Languages;
using Portal.Core.Legal;
using Portal.Core.Retention;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Legal;

namespace Portal.Tests.Legal;

/// <summary>The published documents built into the portal: never changed once published, complete, and rendering cleanly.</summary>
public sealed partial class PolicyDocumentTests
{
    private static readonly PolicyLibrary Library = PolicyLibrary.Embedded;

    /// <summary>Longest easy-Japanese sentence, counted without its readings (the limit the interface's texts keep).</summary>
    private const int LongestEasySentence = 50;

    public static TheoryData<PolicyKind> Kinds => [.. PolicyKinds.All];

    [Fact]
    public void A_published_version_never_changes_its_text_effective_date_or_whether_it_asks_again()
    {
        var changed = new List<string>();
        foreach (var kind in PolicyKinds.All)
            foreach (var entry in Library.Entries(kind))
            {
                var version = Library.Catalog.Find(kind, entry.Version)!;
                foreach (var (language, recorded) in entry.Sha256)
                {
                    var text = PolicyLibrary.ReadEmbedded(PolicyLibrary.FileName(version, language));
                    var actual = text is null ? "(no file)" : PolicyLibrary.Fingerprint(version, text);
                    if (actual != recorded)
                        changed.Add($"{PolicyLibrary.FileName(version, language)}: policies.json says {recorded}, the file is {actual}");
                }
            }
        // A published version is never edited: publish a new version (a new file and a new entry in policies.json). A
        // version not yet published (in this change only) may be edited; then put the fingerprint printed here in policies.json.
        Assert.True(changed.Count == 0, string.Join("\n", changed));
    }

    /// <summary>
    /// Every portal language reads every version in its own language, never a fallback. English stays where a language
    /// the portal adds later falls back to (Core's Language), so it shows the English text, marked as such, until its
    /// translation is published.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_version_is_written_in_every_portal_language_and_another_language_falls_back_to_English(PolicyKind kind)
    {
        var versions = Library.Catalog.Versions(kind);
        Assert.NotEmpty(versions);
        Assert.Equal(1, versions[0].Number);
        foreach (var version in versions)
        {
            var missing = OfferedLanguages.Standard.All
                .Where(language => Library.Text(version, language).IsFallback || !Library.Languages(version).Contains(language))
                .Select(language => $"{PolicyLibrary.FileName(version, language)} (a file, and its fingerprint in policies.json)")
                .ToList();
            Assert.True(missing.Count == 0, $"{version} is not written in every portal language:\n{string.Join("\n", missing)}");
            var untranslated = Library.Text(version, "qx");
            Assert.Equal((Language.English, true), (untranslated.Language, untranslated.IsFallback));
        }
    }

    /// <summary>
    /// The easy-Japanese texts keep the rules the interface's easy Japanese keeps (ResourceCompletenessTests): a reading
    /// over every kanji, and no sentence over 50 characters as the reader sees it (readings aside), and the page shows
    /// the readings as ruby, never the 《》 notation.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Easy_Japanese_texts_have_a_reading_over_every_kanji_short_sentences_and_show_readings_as_ruby(PolicyKind kind)
    {
        var renderer = new PolicyRenderer(Library, PolicyFacts.From(new RetentionPolicy(new RetentionOptions())));
        foreach (var version in Library.Catalog.Versions(kind))
        {
            var (text, html) = renderer.Render(version, Language.EasyJapanese);
            Assert.Equal(Language.EasyJapanese, text.Language);
            Assert.Empty(RubyText.KanjiWithoutReading(text.Markdown).Distinct());
            Assert.Contains("<ruby>", html);
            Assert.DoesNotContain("《", html);
            Assert.DoesNotContain("》", html);
            Assert.DoesNotContain("｜", html);
            var page = ReaderText.Page(html);
            var tooLong = page.QuerySelectorAll("p, li, h2")
                .SelectMany(block => SentenceEnd().Split(block.ShownText()))
                .Select(s => s.Trim())
                .Where(s => s.Length > LongestEasySentence)
                .ToList();
            Assert.True(tooLong.Count == 0, $"{PolicyLibrary.FileName(version, Language.EasyJapanese)}: sentences over {LongestEasySentence} characters:\n{string.Join("\n", tooLong)}");
        }
    }

    /// <summary>《》 in Chinese are a title's brackets, not a reading: 《民法》 stays as written, never ruby over the word before it.</summary>
    [Fact]
    public void Chinese_title_brackets_stay_as_written()
    {
        var renderer = new PolicyRenderer(Library, PolicyFacts.From(new RetentionPolicy(new RetentionOptions())));
        var terms = Library.Catalog.Versions(PolicyKind.Terms)[^1];

        var (text, html) = renderer.Render(terms, "zh-Hans");

        Assert.Equal(("zh-Hans", false), (text.Language, text.IsFallback));
        Assert.Contains("依照《民法》第548条之4", html);
        Assert.DoesNotContain("<ruby>", html);
    }

    [Fact]
    public void Readings_in_a_document_become_ruby_in_text_and_links_and_never_in_a_link_s_address()
    {
        var version = new PolicyVersion(PolicyKind.Terms, 1, new DateOnly(2026, 12, 7), true);
        var files = new Dictionary<string, string>
        {
            [PolicyLibrary.FileName(version, "ja")] = "規約",
            [PolicyLibrary.FileName(version, Language.EasyJapanese)] =
                "## 規約《きやく》 {#rules}\n\n**市《し》**：｜お知《し》らせを [問《と》い合《あ》わせ](/contact)へ <b>",
        };
        var manifest = new Dictionary<PolicyKind, IReadOnlyList<PolicyManifestEntry>>
        {
            [PolicyKind.Terms] = [new PolicyManifestEntry(1, version.EffectiveDate, true, new Dictionary<string, string> { ["ja"] = "", [Language.EasyJapanese] = "" })],
            [PolicyKind.Privacy] = [], [PolicyKind.Accessibility] = [],
        };
        var renderer = new PolicyRenderer(new PolicyLibrary(manifest, files.GetValueOrDefault), new PolicyFacts(new Dictionary<string, string>()));

        var (_, html) = renderer.Render(version, Language.EasyJapanese);

        Assert.Contains("<h2 id=\"rules\"><ruby>規約<rp>(</rp><rt>きやく</rt><rp>)</rp></ruby></h2>", html);
        Assert.Contains("<strong><ruby>市<rp>(</rp><rt>し</rt><rp>)</rp></ruby></strong>", html);
        Assert.Contains("<ruby>お知<rp>(</rp><rt>し</rt><rp>)</rp></ruby>らせ", html);
        Assert.Contains("<a href=\"/contact\"><ruby>問<rp>(</rp><rt>と</rt><rp>)</rp></ruby>い<ruby>合<rp>(</rp><rt>あ</rt><rp>)</rp></ruby>わせ</a>", html);
        // Raw HTML in a document stays text.
        Assert.Contains("&lt;b&gt;", html);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_version_renders_without_a_placeholder_left_and_links_only_to_pages_that_exist(PolicyKind kind)
    {
        var renderer = new PolicyRenderer(Library, PolicyFacts.From(new RetentionPolicy(new RetentionOptions())));
        foreach (var version in Library.Catalog.Versions(kind))
            foreach (var language in Library.Languages(version))
            {
                var (_, html) = renderer.Render(version, language);
                Assert.DoesNotContain("{{", html);
                // Bold that Markdown did not close (after 》 it needs a space or a punctuation mark) would show its asterisks.
                Assert.DoesNotContain("**", html);
                Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
                foreach (Match link in LocalLink().Matches(html))
                {
                    var path = link.Groups[1].Value;
                    Assert.True(path == "/account/export" || RouteTemplates.Portal.Match(path) is not null,
                        $"{PolicyLibrary.FileName(version, language)} links to {path}, which is not a page of the portal.");
                }
            }
    }

    [Fact]
    public void The_privacy_policy_states_the_retention_periods_this_portal_is_configured_with()
    {
        var options = new RetentionOptions { ClosedTicketDays = 45, DeliveredNoticeDays = 400, AuditYears = 7, RunAt = "04:15" };
        var renderer = new PolicyRenderer(Library, PolicyFacts.From(new RetentionPolicy(options)));
        var privacy = Library.Catalog.Versions(PolicyKind.Privacy)[^1];

        var (_, japanese) = renderer.Render(privacy, "ja");
        var (_, english) = renderer.Render(privacy, "en");

        Assert.Contains("整理券の日から45日後", japanese);
        Assert.Contains("400日間", japanese);
        Assert.Contains("7年間", japanese);
        Assert.Contains("04:15", japanese);
        Assert.Contains("45 days after the ticket", english);
        Assert.Contains("400 days", english);
        Assert.Contains("7 years", english);
    }

    [Fact]
    public void A_placeholder_the_portal_does_not_know_is_an_error_not_text_on_the_page()
    {
        var error = Assert.Throws<InvalidOperationException>(() => PolicyRenderer.Fill("kept {{forever}} days", new Dictionary<string, string>()));
        Assert.Contains("forever", error.Message);
    }

    [Fact]
    public void The_privacy_policy_has_a_section_for_each_service()
    {
        var privacy = Library.Catalog.Versions(PolicyKind.Privacy)[^1];
        foreach (var language in Library.Languages(privacy))
        {
            var text = Library.Text(privacy, language).Markdown;
            foreach (var anchor in new[] { "{#chibarepo}", "{#points}", "{#queues}", "{#for-you}", "{#notifications}", "{#your-data}" })
                Assert.Contains(anchor, text);
        }
    }

    [GeneratedRegex("href=\"(/[^\"#?]*)")]
    private static partial Regex LocalLink();

    [GeneratedRegex("[。！？!?\\r\\n]")]
    private static partial Regex SentenceEnd();
}
