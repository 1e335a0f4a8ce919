using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

public sealed class ReportRepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);

    private static async Task<long> Resident(PortalDatabase db, string email)
    {
        var account = Portal.Core.Accounts.UserAccount.Create(email, "住民", "hash", Portal.Core.Accounts.Role.Resident, null, Now);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    private static Report New(long? reporter, string key, GeoPoint at, string category = "road-pothole", DateTimeOffset? when = null) =>
        Report.Submit(key, reporter, null, null, ReportKind.Problem, category, "説明", at, "chuo", "web", when ?? Now);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Submitting_the_same_key_twice_stores_one_report(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var reporter = await Resident(test.Database, "a@example.jp");

        var first = await repo.SubmitAsync(New(reporter, "key-1", ReportTests.Chiba), [new NewPhoto("photo-a", 800, 600)], Ct);
        var second = await repo.SubmitAsync(New(reporter, "key-1", ReportTests.Chiba), [new NewPhoto("photo-b", 800, 600)], Ct);

        Assert.Equal(first.Id, second.Id);
        Assert.Equal(1, await repo.CountPublishedAsync(new ReportFilter(), Ct));
        var photo = Assert.Single(await repo.PhotosAsync(first.Id, Ct));
        Assert.Equal(("photo-a", false), (photo.StorageKey, photo.IsPublished));
        Assert.Equal(ReportUpdateKind.Submitted, Assert.Single(await repo.HistoryAsync(first.Id, Ct)).Kind);
    }

    [Fact]
    public async Task Parallel_retries_of_one_submission_make_one_report()
    {
        using var test = TestDatabase.CreateSqlite();
        var repo = new ReportRepository(test.Database);
        var reporter = await Resident(test.Database, "a@example.jp");

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => Task.Run(() => repo.SubmitAsync(New(reporter, "double-tap", ReportTests.Chiba), [], Ct), Ct)));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(1, await repo.CountPublishedAsync(new ReportFilter(), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task State_changes_are_saved_with_their_history(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var report = await repo.SubmitAsync(New(null, "k", ReportTests.Chiba), [], Ct);

        await repo.SaveAsync(report, report.MoveTo(ReportStatus.Accepted, 9, "受け付けました", "担当: 道路維持課", Now.AddHours(2)), Ct);
        var read = (await repo.GetAsync(report.Id, Ct))!;

        Assert.Equal((ReportStatus.Accepted, Now.AddHours(2)), (read.Status, read.FirstResponseUtc!.Value));
        var last = (await repo.HistoryAsync(report.Id, Ct))[^1];
        Assert.Equal((ReportStatus.Received, ReportStatus.Accepted, "受け付けました", "担当: 道路維持課"), (last.FromStatus!.Value, last.ToStatus!.Value, last.PublicResponse, last.InternalNote));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_public_list_filters_and_never_shows_hidden_or_withdrawn_reports(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var reporter = await Resident(test.Database, "a@example.jp");
        var park = await repo.SubmitAsync(New(reporter, "1", ReportTests.Chiba, "park-bench", Now.AddDays(-3)), [], Ct);
        var road = await repo.SubmitAsync(New(reporter, "2", new GeoPoint(35.64, 140.06), "road-pothole", Now.AddDays(-2)), [], Ct);
        var hidden = await repo.SubmitAsync(New(reporter, "3", ReportTests.Chiba, "road-pothole", Now.AddDays(-1)), [], Ct);
        await repo.SaveAsync(hidden, hidden.MoveTo(ReportStatus.Hidden, 9, null, null, Now), Ct);
        var withdrawn = await repo.SubmitAsync(New(reporter, "4", ReportTests.Chiba), [], Ct);
        await repo.SaveAsync(withdrawn, withdrawn.Withdraw(reporter, Now), Ct);
        await repo.SaveAsync(road, road.MoveTo(ReportStatus.Fixed, 9, null, null, Now), Ct);

        Assert.Equal([road.Id, park.Id], (await repo.SearchPublishedAsync(new ReportFilter(), Ct)).Select(r => r.Id));
        Assert.Equal([park.Id], (await repo.SearchPublishedAsync(new ReportFilter(Field: ReportField.Park), Ct)).Select(r => r.Id));
        Assert.Equal([road.Id], (await repo.SearchPublishedAsync(new ReportFilter(Status: PublicStatus.Fixed), Ct)).Select(r => r.Id));
        Assert.Equal([park.Id], (await repo.SearchPublishedAsync(new ReportFilter(Area: BoundingBox.Around(ReportTests.Chiba, 500)), Ct)).Select(r => r.Id));
        Assert.Equal([park.Id], (await repo.SearchPublishedAsync(new ReportFilter(ToUtc: Now.AddDays(-2)), Ct)).Select(r => r.Id));
        Assert.Equal(4, (await repo.ListByReporterAsync(reporter, Ct)).Count);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_resident_supports_a_report_once(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var supporter = await Resident(test.Database, "b@example.jp");
        var report = await repo.SubmitAsync(New(null, "k", ReportTests.Chiba), [], Ct);

        Assert.True(await repo.AddMeTooAsync(report.Id, supporter, Now, Ct));
        Assert.False(await repo.AddMeTooAsync(report.Id, supporter, Now, Ct));

        Assert.Equal(1, (await repo.GetAsync(report.Id, Ct))!.MeTooCount);
        Assert.True(await repo.HasSaidMeTooAsync(report.Id, supporter, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Nearby_open_reports_of_a_category_are_found_in_a_box(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var near = await repo.SubmitAsync(New(null, "1", new GeoPoint(35.6090, 140.1233)), [], Ct);
        await repo.SubmitAsync(New(null, "2", new GeoPoint(35.6090, 140.1233), "park-bench"), [], Ct);
        await repo.SubmitAsync(New(null, "3", new GeoPoint(35.6300, 140.1233)), [], Ct);

        var found = await new DuplicateFinder(repo).FindAsync("road-pothole", ReportTests.Chiba, null, Ct);

        Assert.Equal(near.Id, Assert.Single(found).Report.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_duplicate_check_finds_the_nearest_ten_however_many_newer_ones_lie_farther_in_its_box(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var here = ReportTests.Chiba;
        // The nearest twelve were filed first, 5 to 60 m away; then 230 more of the same category 150 - 240 m away.
        var nearest = new List<long>();
        for (var i = 0; i < 12; i++)
            nearest.Add((await repo.SubmitAsync(New(null, $"near-{i}", Toward(here, 5 + 5 * i, i * 30)), [], Ct)).Id);
        for (var i = 0; i < 230; i++)
            await repo.SubmitAsync(New(null, $"far-{i}", Toward(here, 150 + i % 90, i * 7)), [], Ct);

        var found = await new DuplicateFinder(repo).FindAsync("road-pothole", here, excludeReportId: nearest[0], Ct);

        Assert.Equal(nearest.Skip(1).Take(DuplicateFinder.MaxCandidates), found.Select(c => c.Report.Id));
        Assert.All(found, c => Assert.InRange(c.DistanceMeters, 9, 56));
    }

    /// <summary>The point <paramref name="meters"/> away from <paramref name="from"/> in the direction <paramref name="degrees"/> (0 north, 90 east).</summary>
    private static GeoPoint Toward(GeoPoint from, double meters, double degrees)
    {
        var box = BoundingBox.Around(from, meters);
        var angle = degrees * Math.PI / 180;
        return new GeoPoint(from.Latitude + (box.North - from.Latitude) * Math.Cos(angle), from.Longitude + (box.East - from.Longitude) * Math.Sin(angle));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_inbox_lists_open_reports_of_an_office_newest_first(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var older = await repo.SubmitAsync(New(null, "1", ReportTests.Chiba, when: Now.AddDays(-5)), [], Ct);
        var newer = await repo.SubmitAsync(New(null, "2", ReportTests.Chiba, when: Now.AddDays(-1)), [], Ct);
        var done = await repo.SubmitAsync(New(null, "3", ReportTests.Chiba, when: Now.AddDays(-9)), [], Ct);
        await repo.SaveAsync(done, done.MoveTo(ReportStatus.Fixed, 9, null, null, Now), Ct);

        Assert.Equal([newer.Id, older.Id], (await repo.InboxAsync(new InboxFilter(WardId: "chuo"), Ct)).Select(r => r.Id));
        Assert.Equal(0, await repo.CountInboxAsync(new InboxFilter(WardId: "mihama"), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_inbox_sorts_as_staff_choose_and_finds_a_number_or_words_of_the_description(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        Report Described(string key, string text, int daysAgo) =>
            Report.Submit(key, null, null, null, ReportKind.Problem, "road-pothole", text, ReportTests.Chiba, "chuo", "web", Now.AddDays(-daysAgo));
        var light = await repo.SubmitAsync(Described("a", "街灯 No.4711 が消えています", 3), [], Ct);
        var sign = await repo.SubmitAsync(Described("b", "標識が傾いて 100% 見えません", 2), [], Ct);
        var bench = await repo.SubmitAsync(Described("c", "ベンチの板が割れています", 1), [], Ct);
        var supporter = await Resident(test.Database, "sort@example.jp");
        Assert.True(await repo.AddMeTooAsync(light.Id, supporter, Now, Ct));
        // The oldest report changed last.
        await repo.SaveAsync(light, light.MoveTo(ReportStatus.Accepted, 9, "受け付けました", null, Now), Ct);

        async Task<long[]> Ids(InboxFilter filter) => [.. (await repo.InboxAsync(filter, Ct)).Select(r => r.Id)];
        Assert.Equal([bench.Id, sign.Id, light.Id], await Ids(new InboxFilter(WardId: "chuo")));
        Assert.Equal([light.Id, sign.Id, bench.Id], await Ids(new InboxFilter(WardId: "chuo", Sort: InboxSort.Oldest)));
        Assert.Equal([light.Id, bench.Id, sign.Id], await Ids(new InboxFilter(WardId: "chuo", Sort: InboxSort.MostSupported)));
        Assert.Equal([light.Id, bench.Id, sign.Id], await Ids(new InboxFilter(WardId: "chuo", Sort: InboxSort.RecentlyUpdated)));

        Assert.Equal([sign.Id], await Ids(new InboxFilter(WardId: "chuo", Search: $"#{sign.Id}")));
        Assert.Equal([bench.Id], await Ids(new InboxFilter(WardId: "chuo", Search: "ベンチ")));
        // Digits also find a number written in a description; % and _ are characters, not wildcards.
        Assert.Equal([light.Id], await Ids(new InboxFilter(WardId: "chuo", Search: "4711")));
        Assert.Equal([sign.Id], await Ids(new InboxFilter(WardId: "chuo", Search: "100%")));
        Assert.Empty(await Ids(new InboxFilter(WardId: "chuo", Search: "_")));
        Assert.Equal(1, await repo.CountInboxAsync(new InboxFilter(WardId: "chuo", Search: "ベンチ"), Ct));
        Assert.Empty(await Ids(new InboxFilter(WardId: "mihama", Search: "ベンチ")));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_report_s_cover_is_its_first_photo_and_reports_without_one_have_none(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        var two = await repo.SubmitAsync(New(null, "p2", ReportTests.Chiba), [new NewPhoto("first", 800, 600), new NewPhoto("second", 800, 600)], Ct);
        var none = await repo.SubmitAsync(New(null, "p0", ReportTests.Chiba), [], Ct);
        var one = await repo.SubmitAsync(New(null, "p1", ReportTests.Chiba), [new NewPhoto("only", 800, 600)], Ct);

        var covers = await repo.CoverPhotosAsync([two.Id, none.Id, one.Id], Ct);

        var photos = await repo.PhotosAsync(two.Id, Ct);
        Assert.Equal("first", photos.Single(p => p.Id == covers[two.Id]).StorageKey);
        Assert.Equal("only", (await repo.GetPhotoAsync(covers[one.Id], Ct))!.StorageKey);
        Assert.False(covers.ContainsKey(none.Id));
        Assert.Empty(await repo.CoverPhotosAsync([], Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_category_keeps_its_questions_through_a_save_of_its_own_fields_and_a_report_keeps_its_answers(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var categories = new ReportCategoryRepository(test.Database);
        var repo = new ReportRepository(test.Database);
        CategoryQuestion[] questions =
        [
            new("pole-number", QuestionKind.Text, Portal.Core.Languages.LocalizedText.Of("電柱の番号", "Pole number"), false, []),
            new("state", QuestionKind.Choice, Portal.Core.Languages.LocalizedText.Of("状態"), true, [new QuestionOption("off", Portal.Core.Languages.LocalizedText.Of("消えている"))]),
        ];

        Assert.True(await categories.SaveQuestionsAsync("park-bench", questions, Ct));
        var bench = (await categories.GetAsync("park-bench", Ct))!;
        await categories.SaveAsync(bench with { ResponseTargetDays = 5 }, Ct);
        Assert.False(await categories.SaveQuestionsAsync("no-such-category", questions, Ct));
        var answers = new[] { new ReportAnswer("pole-number", "千葉 12-3"), new ReportAnswer("state", "off") };
        var report = await repo.SubmitAsync(Report.Submit("answers", null, null, null, ReportKind.Problem, "park-bench", "説明", ReportTests.Chiba, "chuo", "web", Now, answers), [], Ct);

        var read = (await categories.ListAsync(includeInactive: true, Ct)).Single(c => c.Code == "park-bench");
        Assert.Equal(5, read.ResponseTargetDays);
        Assert.Equal(["pole-number", "state"], read.Questions.Select(q => q.Code));
        Assert.Equal("Pole number", read.Questions[0].Prompt.For("en"));
        Assert.True(read.Questions[1].Required);
        Assert.Equal(answers, (await repo.GetAsync(report.Id, Ct))!.Answers);
        Assert.Empty((await repo.SubmitAsync(New(null, "none", ReportTests.Chiba), [], Ct)).Answers);
        Assert.True(await categories.SaveQuestionsAsync("park-bench", [], Ct));
        Assert.Empty((await categories.GetAsync("park-bench", Ct))!.Questions);
    }
}
