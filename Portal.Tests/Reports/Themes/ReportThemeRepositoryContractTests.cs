using Portal.Core.Geography;
using Portal.Core.Languages;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Core.Reports.Themes;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Themes;

/// <summary>
/// The data side of theme reports on every provider: a theme as stored and read back, a report's theme in its own column,
/// the public list, map and staff inbox filtered by theme, and the statistics counted per theme.
/// </summary>
public sealed class ReportThemeRepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);

    private static ReportTheme Theme(string code, ThemeArea? area = null) => new(code,
        LocalizedText.From(new Dictionary<string, string?> { ["ja"] = "倒木・落枝（台風後）", ["en"] = "Fallen trees", ["vi"] = "Cây đổ" }),
        LocalizedText.Of("倒れた木を教えてください"), null, new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 14), ["park-trees", "road-other"],
        area ?? ThemeArea.WholeCity);

    private static async Task<Report> AddAsync(ReportRepository repo, string? theme, string category = "park-trees", GeoPoint? at = null) =>
        await repo.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem, category, "木が倒れています",
            at ?? ReportTests.Chiba, "chuo", "web", Now, themeCode: theme), [], Ct);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_theme_is_read_back_as_saved_and_changed_in_place(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var themes = new ReportThemeRepository(test.Database);
        var theme = Theme("typhoon-trees", new ThemeArea(["chuo", "midori"], new ThemeCircle(new GeoPoint(35.6083, 140.1233), 1500)));

        await themes.SaveAsync(theme, Now, Ct);
        var read = await themes.GetAsync("typhoon-trees", Ct);

        Assert.NotNull(read);
        Assert.Equal((theme.Title, theme.Prompt, theme.Cover, theme.StartDate, theme.EndDate, theme.ClosedUtc),
            (read.Title, read.Prompt, read.Cover, read.StartDate, read.EndDate, read.ClosedUtc));
        Assert.Equal(theme.CategoryCodes, read.CategoryCodes);
        Assert.Equal(theme.Area.WardIds, read.Area.WardIds);
        Assert.Equal(theme.Area.Circle, read.Area.Circle);

        var closed = theme with { Cover = LocalizedText.Of("ご協力ありがとうございました"), Area = ThemeArea.WholeCity, ClosedUtc = Now };
        await themes.SaveAsync(closed, Now, Ct);
        var again = Assert.Single(await themes.ListAsync(Ct));
        Assert.Equal((closed.Cover, Now), (again.Cover, again.ClosedUtc));
        Assert.Empty(again.Area.WardIds);
        Assert.Null(again.Area.Circle);
        Assert.Null(await themes.GetAsync("no-such-theme", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_list_map_and_inbox_filter_by_theme_and_statistics_count_per_theme(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var themes = new ReportThemeRepository(test.Database);
        await themes.SaveAsync(Theme("trees"), Now, Ct);
        await themes.SaveAsync(Theme("routes"), Now, Ct);
        var repo = new ReportRepository(test.Database);
        var t1 = await AddAsync(repo, "trees");
        var t2 = await AddAsync(repo, "trees", "road-other");
        await repo.SaveAsync(t2, t2.MoveTo(ReportStatus.Fixed, 9, null, null, Now.AddHours(1)), Ct);
        var other = await AddAsync(repo, "routes");
        var plain = await AddAsync(repo, null);

        Assert.Equal("trees", (await repo.GetAsync(t1.Id, Ct))!.ThemeCode);
        Assert.Null((await repo.GetAsync(plain.Id, Ct))!.ThemeCode);
        Assert.Equal([t2.Id, t1.Id], (await repo.SearchPublishedAsync(new ReportFilter(ThemeCode: "trees"), Ct)).Select(r => r.Id));
        Assert.Equal(2, await repo.CountPublishedAsync(new ReportFilter(ThemeCode: "trees", Take: 0), Ct));
        Assert.Equal(1, await repo.CountPublishedAsync(new ReportFilter(ThemeCode: "trees", Status: PublicStatus.Fixed, Take: 0), Ct));
        // The map: a box, read through the spatial index, keeps the theme's condition.
        var box = BoundingBox.Around(ReportTests.Chiba, 500);
        Assert.Equal([t2.Id, t1.Id], (await repo.SearchPublishedAsync(new ReportFilter(Area: box, ThemeCode: "trees"), Ct)).Select(r => r.Id));
        Assert.Equal([other.Id], (await repo.InboxAsync(new InboxFilter(ThemeCode: "routes"), Ct)).Select(r => r.Id));
        Assert.Equal(1, await repo.CountInboxAsync(new InboxFilter(ThemeCode: "trees"), Ct));

        var counts = await new ReportStatisticsRepository(test.Database).CountAsync(
            StatisticsQuery.ForJapanDays(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), Ct);
        var stats = ReportStatisticsService.Summarize(StatisticsQuery.ForJapanDays(new DateOnly(2026, 12, 1), new DateOnly(2026, 12, 31)), counts);

        Assert.Equal(4, stats.Total);
        Assert.Equal(["routes", "trees"], stats.ByTheme!.Select(t => t.ThemeCode));
        var trees = stats.ByTheme!.Single(t => t.ThemeCode == "trees");
        Assert.Equal(2, trees.Total);
        Assert.Equal([(PublicStatus.Received, 1), (PublicStatus.InProgress, 0), (PublicStatus.Fixed, 1), (PublicStatus.Closed, 0)], trees.ByPublicStatus);
        Assert.Equal([("park-trees", 1), ("road-other", 1)], trees.ByCategory.Select(c => (c.Key, c.Count)));
    }
}
