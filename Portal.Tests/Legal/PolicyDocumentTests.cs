using System.Text.RegularExpressions;
using Portal.Core.Languages;
using Portal.Core.Legal;
using Portal.Core.Retention;
using Portal.Web.Hosting;
using Portal.Web.Legal;

namespace Portal.Tests.Legal;

/// <summary>The published documents built into the portal: never changed once published, complete, and rendering cleanly.</summary>
public sealed partial class PolicyDocumentTests
{
    private static readonly PolicyLibrary Library = PolicyLibrary.Embedded;

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
    /// Japanese first, English complete: English is where every other language falls back to (Core's Language), so a
    /// language the portal adds shows the English text, marked as such, until its translation is published.
    /// </summary>
    [Theory]
    [MemberData(nameof(Kinds))]
    public void Every_version_is_written_in_Japanese_and_English_and_other_languages_fall_back_to_English(PolicyKind kind)
    {
        var versions = Library.Catalog.Versions(kind);
        Assert.NotEmpty(versions);
        Assert.Equal(1, versions[0].Number);
        foreach (var version in versions)
        {
            foreach (var language in new[] { Language.Japanese, Language.English })
                Assert.False(Library.Text(version, language).IsFallback, $"{version} has no {language} text ({PolicyLibrary.FileName(version, language)}).");
            var untranslated = Library.Text(version, "qx");
            Assert.Equal((Language.English, true), (untranslated.Language, untranslated.IsFallback));
        }
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
}
