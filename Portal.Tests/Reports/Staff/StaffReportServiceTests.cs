using Portal.Core.Audit;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Staff;

/// <summary>What the staff pages added to ReportService and the inbox query, against the real database.</summary>
public sealed class StaffReportServiceTests : IDisposable
{
    private static CancellationToken Ct => StaffTestWorld.Ct;
    private readonly StaffTestWorld _world = new();

    public void Dispose() => _world.Dispose();

    [Fact]
    public async Task Staff_publish_a_photo_and_take_it_down_again_each_step_audited()
    {
        var staff = StaffTestWorld.ActorOf(await _world.StaffAsync("千葉 花子"));
        var report = await _world.Reports.SubmitAsync(Report.Submit("photo-key", null, null, null, ReportKind.Problem, "road-pothole", "穴",
            StaffTestWorld.Chiba, "chuo", "web", StaffTestWorld.Now), [new NewPhoto("a", 800, 600), new NewPhoto("b", 800, 600)], Ct);
        var photos = await _world.Reports.PhotosAsync(report.Id, Ct);

        Assert.True((await _world.Service.SetPhotoPublishedAsync(staff, report.Id, photos[1].Id, true, Ct)).Succeeded);
        Assert.Equal([false, true], (await _world.Reports.PhotosAsync(report.Id, Ct)).Select(p => p.IsPublished));
        Assert.True((await _world.Service.SetPhotoPublishedAsync(staff, report.Id, photos[1].Id, false, Ct)).Succeeded);
        Assert.Equal([false, false], (await _world.Reports.PhotosAsync(report.Id, Ct)).Select(p => p.IsPublished));

        var audit = await _world.Audit.SearchAsync(new AuditQuery(Action: ReportAuditActions.PhotoPublished), Ct);
        Assert.Equal(2, audit.Count);
        Assert.All(audit, a => Assert.Equal(report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), a.EntityId));
        Assert.Contains(audit, a => a.Detail == $"photo={photos[1].Id} published=False");
    }

    [Fact]
    public async Task A_photo_of_another_report_or_of_no_report_is_refused_with_a_message_key()
    {
        var staff = StaffTestWorld.ActorOf(await _world.StaffAsync("千葉 花子"));
        var other = await _world.Reports.SubmitAsync(Report.Submit("other", null, null, null, ReportKind.Problem, "road-pothole", "穴",
            StaffTestWorld.Chiba, "chuo", "web", StaffTestWorld.Now), [new NewPhoto("a", 800, 600)], Ct);
        var report = await _world.ReportAsync();
        var photo = Assert.Single(await _world.Reports.PhotosAsync(other.Id, Ct));

        var wrongReport = await _world.Service.SetPhotoPublishedAsync(staff, report.Id, photo.Id, true, Ct);
        var noReport = await _world.Service.SetPhotoPublishedAsync(staff, 999_999, photo.Id, true, Ct);

        Assert.Equal(ReportErrors.PhotoNotFound, Assert.Single(wrongReport.Errors).ErrorMessage);
        Assert.Equal(ReportErrors.NotFound, Assert.Single(noReport.Errors).ErrorMessage);
        Assert.False(Assert.Single(await _world.Reports.PhotosAsync(other.Id, Ct)).IsPublished);
    }

    [Fact]
    public async Task An_empty_note_and_a_moderation_without_a_reason_are_refused_and_change_nothing()
    {
        var staff = StaffTestWorld.ActorOf(await _world.StaffAsync("千葉 花子"));
        var report = await _world.ReportAsync(description: "元の文");

        Assert.Equal(ReportErrors.NoteRequired, Assert.Single((await _world.Service.AddNoteAsync(staff, report.Id, "  ", Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportErrors.ReasonRequired, Assert.Single((await _world.Service.ModerateAsync(staff, report.Id, "新しい文", " ", Ct)).Errors).ErrorMessage);
        Assert.Equal(ReportValidationKeys.DescriptionRequired, Assert.Single((await _world.Service.ModerateAsync(staff, report.Id, "", "理由", Ct)).Errors).ErrorMessage);

        Assert.Equal("元の文", (await _world.Reports.GetAsync(report.Id, Ct))!.Description);
        Assert.Single(await _world.Reports.HistoryAsync(report.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Overdue_only_lists_open_unanswered_reports_past_their_category_target(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(StaffTestWorld.Now);
        var repo = new ReportRepository(test.Database, clock);
        Report New(string key, string category, int daysAgo) => Report.Submit(key, null, null, null, ReportKind.Problem, category, "説明",
            StaffTestWorld.Chiba, "chuo", "web", StaffTestWorld.Now.AddDays(-daysAgo).AddMinutes(-1));
        // road-pothole: 7 days; park-trees: 21 days.
        var latePothole = await repo.SubmitAsync(New("1", "road-pothole", 7), [], Ct);
        await repo.SubmitAsync(New("2", "road-pothole", 6), [], Ct);
        await repo.SubmitAsync(New("3", "park-trees", 20), [], Ct);
        var lateTrees = await repo.SubmitAsync(New("4", "park-trees", 21), [], Ct);
        var answered = await repo.SubmitAsync(New("5", "road-pothole", 30), [], Ct);
        await repo.SaveAsync(answered, answered.MoveTo(ReportStatus.Accepted, 9, null, null, StaffTestWorld.Now.AddDays(-29)), Ct);
        var closed = await repo.SubmitAsync(New("6", "road-pothole", 30), [], Ct);
        await repo.SaveAsync(closed, closed.MoveTo(ReportStatus.Hidden, 9, null, null, StaffTestWorld.Now.AddDays(-1)), Ct);

        var overdue = await repo.InboxAsync(new InboxFilter(OverdueOnly: true), Ct);

        Assert.Equal([latePothole.Id, lateTrees.Id], overdue.Select(r => r.Id).Order());
        Assert.All(overdue, r => Assert.True(r.IsOverdue(clock.GetUtcNow(), r.CategoryCode == "road-pothole" ? 7 : 21)));
        Assert.Equal(2, await repo.CountInboxAsync(new InboxFilter(OverdueOnly: true), Ct));
        Assert.Equal(1, await repo.CountInboxAsync(new InboxFilter(CategoryCode: "park-trees", OverdueOnly: true), Ct));
        // A closed status asked for explicitly is still never overdue.
        Assert.Equal(0, await repo.CountInboxAsync(new InboxFilter(Statuses: [ReportStatus.Hidden], OverdueOnly: true), Ct));

        clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(4, await repo.CountInboxAsync(new InboxFilter(OverdueOnly: true), Ct));
    }
}
