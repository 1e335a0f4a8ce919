using Portal.Core.Languages;
using Portal.Web.Hosting;
using Portal.Web.Legal;

namespace Portal.Tests.Legal;

/// <summary>
/// The audit shown on /accessibility (docs/accessibility-audit.json, built in) covers every page of the portal in every
/// language and found no serious problem. A new page fails here until a browser test visits it and the audit is made
/// again from a full run (docs/accessibility.md).
/// </summary>
public sealed class AccessibilityAuditTests
{
    private static readonly AccessibilityAudit Audit = AccessibilityAudit.Embedded;

    /// <summary>
    /// The languages a page is checked in: Japanese and English for every page (the browser tests check each page they
    /// visit in both), and every offered language for the pages a resident reads on a phone (Browser/EveryLanguageTests).
    /// </summary>
    private static IEnumerable<string> LanguagesOf(string route) =>
        Portal.Tests.Browser.EveryLanguageTests.Routes.Contains(route) ? OfferedLanguages.Standard.All : [PortalCultures.Japanese, PortalCultures.English];

    [Fact]
    public void Every_routable_page_is_in_the_audit_in_every_language()
    {
        var missing = RouteTemplates.Portal.All
            .SelectMany(route => LanguagesOf(route).Select(language => (route, language)))
            .Where(p => !Audit.Pages.Any(a => a.Route == p.route && a.Languages.Any(l => l.Language == p.language)))
            .Select(p => $"{p.route} ({p.language})")
            .ToList();
        Assert.True(missing.Count == 0,
            "Not in docs/accessibility-audit.json: " + string.Join(", ", missing) +
            ". Visit them in a browser test (PortalBrowser.VisitAndCheckAsync), run the browser tests, then " +
            "`dotnet run --project Portal.Web -- accessibility-audit` (docs/accessibility.md).");
    }

    [Fact]
    public void The_audit_lists_no_page_that_no_longer_exists()
    {
        Assert.Empty(Audit.Pages.Select(p => p.Route).Except(RouteTemplates.Portal.All));
    }

    [Fact]
    public void The_audit_found_no_serious_problem_and_is_dated()
    {
        Assert.Empty(Audit.Failing.Select(p => p.Route));
        Assert.NotNull(Audit.CheckedFrom);
        Assert.NotNull(Audit.CheckedTo);
        Assert.StartsWith("axe-core", Audit.Engine);
    }
}

/// <summary>How the audit is made from the runs the browser tests record.</summary>
public sealed class AccessibilityAuditCommandTests
{
    private static readonly RouteTemplates Routes = new(["/", "/reports", "/reports/new", "/reports/{Id:long}", "/reports/{Id:long}/edit", "/queue/t/{Token}", "/terms", "/terms/{Version:int}"]);

    private static AxeRun Run(string path, string language, DateTimeOffset at, string viewport = "1280x900", params AxeRunViolation[] violations) =>
        new(at, path, language, viewport, "axe-core 4.10.2", ["wcag2a", "wcag2aa"], violations);

    [Theory]
    [InlineData("/", "/")]
    [InlineData("/reports/new", "/reports/new")]
    [InlineData("/reports/12", "/reports/{Id:long}")]
    [InlineData("/reports/12/edit", "/reports/{Id:long}/edit")]
    [InlineData("/reports/12?tab=history", "/reports/{Id:long}")]
    [InlineData("/queue/t/AbC-123", "/queue/t/{Token}")]
    [InlineData("/terms/2", "/terms/{Version:int}")]
    [InlineData("/Terms", "/terms")]
    [InlineData("/reports/abc", null)]
    [InlineData("/reports/12/edit/more", null)]
    [InlineData("/account/export", null)]
    public void A_path_is_matched_to_the_page_the_router_would_open(string path, string? route)
    {
        Assert.Equal(route, Routes.Match(path));
    }

    [Fact]
    public void Each_page_and_language_gets_its_latest_Japan_day_its_window_sizes_and_its_worst_run()
    {
        var morning = new DateTimeOffset(2026, 12, 7, 14, 59, 0, TimeSpan.Zero); // 23:59 on 7 December in Japan
        var runs = new[]
        {
            Run("/reports/1", "ja", morning, "1280x900"),
            Run("/reports/2", "ja", morning.AddMinutes(2), "390x844", new AxeRunViolation("region", "moderate", 3)), // 8 December in Japan
            Run("/reports/2", "en", morning, "1280x900", new AxeRunViolation("color-contrast", "serious", 1)),
            Run("/account/export", "ja", morning),
        };

        var audit = AccessibilityAuditCommand.Build(runs, Routes, null, out var unmatched);

        var page = Assert.Single(audit.Pages);
        Assert.Equal("/reports/{Id:long}", page.Route);
        var en = page.Languages[0];
        var ja = page.Languages[1];
        Assert.Equal(("en", false, 1, new DateOnly(2026, 12, 7)), (en.Language, en.Passed, en.Serious, en.CheckedOn));
        Assert.Equal(("ja", true, 1, 2, new DateOnly(2026, 12, 8)), (ja.Language, ja.Passed, ja.Moderate, ja.Runs, ja.CheckedOn));
        Assert.Equal(["1280x900", "390x844"], ja.Viewports);
        Assert.Equal(["region"], ja.Rules);
        Assert.Equal(["/account/export"], unmatched);
        Assert.Equal((new DateOnly(2026, 12, 7), new DateOnly(2026, 12, 8)), (audit.CheckedFrom, audit.CheckedTo));
        Assert.Equal([page.Route], audit.Failing.Select(p => p.Route));
    }

    [Fact]
    public void Merging_keeps_the_earlier_entries_the_new_runs_did_not_visit_and_drops_pages_that_are_gone()
    {
        var earlierDay = new DateOnly(2026, 12, 1);
        var earlier = new AccessibilityAudit("axe-core 4.10.2", ["wcag2a"], earlierDay, earlierDay,
        [
            new AuditPage("/", [new AuditLanguageResult("ja", earlierDay, 1, ["1280x900"], 0, 0, 0, [])]),
            new AuditPage("/old-page", [new AuditLanguageResult("ja", earlierDay, 1, ["1280x900"], 0, 0, 0, [])]),
            new AuditPage("/terms", [new AuditLanguageResult("ja", earlierDay, 1, ["1280x900"], 2, 0, 0, ["label"])]),
        ]);

        var audit = AccessibilityAuditCommand.Build([Run("/terms", "ja", new DateTimeOffset(2026, 12, 7, 3, 0, 0, TimeSpan.Zero))], Routes, earlier, out _);

        Assert.Equal(["/", "/terms"], audit.Pages.Select(p => p.Route));
        Assert.Equal(earlierDay, audit.Pages[0].Languages[0].CheckedOn);
        Assert.True(audit.Pages[1].Languages[0].Passed);
        Assert.Equal((earlierDay, new DateOnly(2026, 12, 7)), (audit.CheckedFrom, audit.CheckedTo));
    }

    [Fact]
    public void The_audit_file_reads_back_as_written()
    {
        var audit = AccessibilityAuditCommand.Build([Run("/", "ja", DateTimeOffset.UtcNow)], Routes, null, out _);

        var read = AccessibilityAudit.Read(audit.Write());

        Assert.Equal(audit.Write(), read.Write());
    }
}
