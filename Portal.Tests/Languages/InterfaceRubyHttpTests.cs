using System.Net;
using AngleSharp.Dom;
using Portal.Core.Accounts;
using Portal.Core.Languages;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Languages;

/// <summary>
/// Pages as the server sends them in easy Japanese (static pages, and the first render of interactive ones): the
/// interface's words carry their readings as &lt;ruby&gt;, the notation they are written in (《》) never reaches the
/// page, and attributes a screen reader or a browser reads as text (title, aria-label, placeholder, alt) stay plain.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class InterfaceRubyHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] TextAttributes = ["title", "aria-label", "aria-description", "placeholder", "alt", "value"];

    /// <summary>Pages whose interface texts have been moved to <c>L.Html</c> (those of /reports, /points and /for-you follow later).</summary>
    public static TheoryData<string> ResidentPages =>
        ["/", "/queue", "/account", "/account/password", "/settings/notifications", "/notifications", "/benefits",
         "/for-you/check", "/for-you/my-data", "/reports/mine", "/points/history", "/contact", "/terms",
         "/reports", "/reports/new", "/points", "/for-you"];

    /// <summary>The back office's pages (an admin may read them in easy Japanese too).</summary>
    public static TheoryData<string> AdminPages =>
        ["/admin", "/admin/queues", "/admin/accounts", "/admin/report-categories", "/admin/notifications", "/admin/retention",
         "/admin/audit", "/staff/reports", "/staff/queue"];

    [Theory]
    [MemberData(nameof(ResidentPages))]
    public async Task A_resident_page_in_easy_Japanese_shows_readings_as_ruby_and_keeps_attributes_plain(string path)
    {
        // A name without kanji: the resident's own words are shown as written, readings or not.
        var resident = await app.CreateAccountAsync(Role.Resident, name: "テスト さん");
        // A report of theirs, so that the home, the list and their reports name its ward and state (words a page names in code).
        await Reports.ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow, "ベンチ", resident.Id, ward: "hanamigawa");
        await CheckAsync(resident, path);
    }

    [Fact]
    public async Task A_report_s_page_in_easy_Japanese_names_its_kind_ward_and_state_with_readings()
    {
        var resident = await app.CreateAccountAsync(Role.Resident, name: "テスト さん");
        var report = await Reports.ReportSeeds.SubmitAsync(app, "park-bench", DateTimeOffset.UtcNow, "ベンチ", resident.Id, ward: "hanamigawa");
        await CheckAsync(resident, $"/reports/{report.Id}");
    }

    [Theory]
    [MemberData(nameof(AdminPages))]
    public async Task A_back_office_page_in_easy_Japanese_shows_readings_as_ruby_and_keeps_attributes_plain(string path) =>
        await CheckAsync(await app.CreateAccountAsync(Role.Admin, name: "テスト かんりしゃ"), path);

    private async Task CheckAsync(UserAccount account, string path)
    {
        using var client = await app.SignedInClientAsync(account);

        using var response = await client.GetAsync($"{path}?culture=ja-Easy", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var decoded = WebUtility.HtmlDecode(html);
        Assert.False(decoded.Contains('《') || decoded.Contains('》'), $"{path} carries the reading notation 《》.");
        var page = ReaderText.Page(html);
        foreach (var element in page.All)
            foreach (var name in TextAttributes)
                if (element.GetAttribute(name) is { } value)
                    Assert.False(value.Contains('<') || value.Contains('《'), $"{path}: {element.LocalName}[{name}] is not plain text: {value}");
        // Every kanji of the page's headings (interface and city texts) has its reading over it.
        Assert.NotNull(page.QuerySelector("h1"));
        // Left aside: a policy document shown in its Japanese original (marked so), and the crowding page's live fields,
        // which its event stream refreshes as plain text (Queues/Streams).
        foreach (var heading in page.QuerySelectorAll("h1, h2, h3").Where(h => h.Closest(".policy-text") is null))
            Assert.True(KanjiOutsideRuby(heading) == "", $"{path}: the heading \"{heading.TextContent.Trim()}\" has kanji without a reading: {KanjiOutsideRuby(heading)}");
        // And the footer, on every page, shows the readings of its links.
        Assert.NotEmpty(page.QuerySelectorAll("footer a ruby rt"));
        // No interface text anywhere in the page's content lost its readings on the way: a text a page builds in code
        // (a heading chosen in a property, x ?? L["Key"], a joined list, a status a helper names) shows as the plain
        // string, its kanji bare, where L.Html would have put them in <ruby>.
        var bare = page.BareInterfaceTexts();
        Assert.True(bare.Count == 0, $"{path} shows interface texts without their readings: {string.Join("; ", bare.Take(10))}");
    }

    private static string KanjiOutsideRuby(IElement element)
    {
        var copy = (IElement)element.Clone();
        foreach (var ruby in copy.QuerySelectorAll("ruby, [data-field]").ToList()) ruby.Remove();
        return string.Concat(copy.TextContent.Where(RubyText.IsKanji));
    }
}
