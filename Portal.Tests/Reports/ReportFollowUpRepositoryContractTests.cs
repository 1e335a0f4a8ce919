using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>
/// "Is it fixed?" answers and the reopened state in the database (20261214_20), on every provider: one answer per resident
/// and closing, the reopening saved with its history line and notices in one transaction, and the Report table's rebuild
/// (SQLite) keeping every row, id and link.
/// </summary>
public sealed class ReportFollowUpRepositoryContractTests
{
    private const string Migration = "20261214_20_ReportReopen.sql";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A resident account of its own, for the report contract tests.</summary>
    internal static async Task<long> ResidentAsync(PortalDatabase db)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "住民", "hash", Role.Resident, null, Now);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    private static async Task<int> CountAsync(PortalDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, args, cancellationToken: Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_answer_is_kept_once_per_resident_and_closing_and_not_fixed_reopens_with_its_line_and_notice(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var reports = new ReportRepository(test.Database);
        var reporter = await ResidentAsync(test.Database);
        var follower = await ResidentAsync(test.Database);
        var report = await reports.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), reporter, null, null, ReportKind.Problem, "road-pothole", "穴",
            ReportTests.Chiba, "chuo", "web", Now), [new NewPhoto("first", 800, 600)], Ct);
        Assert.True(await reports.AddMeTooAsync(report.Id, follower, Now, Ct));
        await reports.SaveAsync(report, report.MoveTo(ReportStatus.Fixed, reporter, null, null, Now.AddDays(1)), Ct);
        var closed = report.ClosedUtc!.Value;

        Assert.Equal([follower], await reports.MeTooAccountsAsync(report.Id, Ct));
        Assert.Null(await reports.FollowUpAsync(report.Id, reporter, closed, Ct));
        var yes = new ReportFollowUp(report.Id, reporter, closed, FollowUpAnswer.Fixed, null, Now.AddDays(2));
        Assert.True(await reports.SaveFollowUpAsync(yes, null, null, null, [], Ct));
        Assert.False(await reports.SaveFollowUpAsync(yes with { Answer = FollowUpAnswer.NotFixed }, null, null, null, [], Ct));
        Assert.Equal(yes, await reports.FollowUpAsync(report.Id, reporter, closed, Ct));

        var no = new ReportFollowUp(report.Id, follower, closed, FollowUpAnswer.NotFixed, "まだです", Now.AddDays(3));
        var line = report.RequestReopen(follower, isReporter: false, "まだです", Now.AddDays(3), 28);
        var notice = new Notice(NoticeKind.ReportReopenRequested, new NoticeRecipient.Account(reporter), "test:reopen",
            new Dictionary<string, string> { ["reportId"] = "1", ["category"] = "road-pothole" }, null);
        // With a photo of what is still wrong, uploaded a moment ago (on the upload log until its answer is saved).
        await new PhotoUploadRepository(test.Database).RecordAsync("still-broken", Now.AddDays(3), Ct);
        Assert.True(await reports.SaveFollowUpAsync(no, report, line, _ => [notice], [new NewPhoto("still-broken", 800, 600)], Ct));
        var photos = await reports.PhotosAsync(report.Id, Ct);
        Assert.Equal([("first", 0, false), ("still-broken", 1, false)], photos.Select(p => (p.StorageKey, p.SortOrder, p.IsPublished)));
        Assert.Equal(0, await CountAsync(test.Database, "SELECT COUNT(*) FROM PhotoUpload WHERE StorageKey = 'still-broken'"));

        var stored = (await reports.GetAsync(report.Id, Ct))!;
        Assert.Equal((ReportStatus.ReopenRequested, (DateTimeOffset?)null), (stored.Status, stored.ClosedUtc));
        Assert.Equal((ReportStatus.ReopenRequested, "まだです"), ((await reports.HistoryAsync(report.Id, Ct))[^1].ToStatus!.Value, (await reports.HistoryAsync(report.Id, Ct))[^1].InternalNote));
        Assert.Equal(1, await CountAsync(test.Database, "SELECT COUNT(*) FROM Notice WHERE DedupKey = 'test:reopen'"));

        // A second "not fixed" about the same closing saves nothing: no second line, no second notice.
        var lines = (await reports.HistoryAsync(report.Id, Ct)).Count;
        Assert.False(await reports.SaveFollowUpAsync(no, report, line, _ => [notice with { DedupKey = "test:reopen:again" }], [new NewPhoto("again", 800, 600)], Ct));
        Assert.Equal(2, (await reports.PhotosAsync(report.Id, Ct)).Count);
        Assert.Equal(lines, (await reports.HistoryAsync(report.Id, Ct)).Count);
        Assert.Equal(0, await CountAsync(test.Database, "SELECT COUNT(*) FROM Notice WHERE DedupKey = 'test:reopen:again'"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_new_state_keeps_every_report_its_id_its_links_and_the_next_id(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider, migrateBefore: Migration);
        var resident = await ResidentAsync(test.Database);
        long first, duplicate, gone;
        await using (var connection = await test.Database.OpenAsync(Ct))
        {
            async Task<long> InsertAsync(string status, long? duplicateOf) => await connection.ExecuteScalarAsync<long>("""
                INSERT INTO Report (IdempotencyKey, ReporterId, Kind, CategoryCode, Description, Latitude, Longitude, WardId, Status, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc, ClosedUtc)
                VALUES (@key, @resident, 'Problem', 'road-pothole', '穴があります', 35.6083, 140.1233, 'chuo', @status, @duplicateOf, 0, 'web', @Now, @Now, @Now)
                """ + test.Database.Dialect.SelectInsertedId, new { key = Guid.NewGuid().ToString("N"), resident, status, duplicateOf, Now });
            first = await InsertAsync("Fixed", null);
            duplicate = await InsertAsync("Duplicate", first);
            gone = await InsertAsync("Received", null);
            await connection.ExecuteAsync("INSERT INTO ReportSupport (ReportId, AccountId, CreatedUtc) VALUES (@first, @resident, @Now)", new { first, resident, Now });
            await connection.ExecuteAsync("INSERT INTO ReportUpdate (ReportId, OccurredUtc, ActorId, Kind, ToStatus) VALUES (@first, @Now, @resident, 'Submitted', 'Received')",
                new { first, resident, Now });
            // The newest report taken out before the upgrade: its id is never given again.
            await connection.ExecuteAsync("DELETE FROM Report WHERE Id = @gone", new { gone });
        }

        test.Database.Migrate();

        var reports = new ReportRepository(test.Database);
        Assert.Equal((ReportStatus.Fixed, ReportStatus.Duplicate, (long?)first),
            ((await reports.GetAsync(first, Ct))!.Status, (await reports.GetAsync(duplicate, Ct))!.Status, (await reports.GetAsync(duplicate, Ct))!.DuplicateOfId));
        Assert.True(await reports.HasSaidMeTooAsync(first, resident, Ct));
        Assert.Single(await reports.HistoryAsync(first, Ct));
        await using (var connection = await test.Database.OpenAsync(Ct))
            Assert.Equal(1, await connection.ExecuteAsync("UPDATE Report SET Status = 'ReopenRequested', ClosedUtc = NULL WHERE Id = @first", new { first }));
        Assert.Equal(ReportStatus.ReopenRequested, (await reports.GetAsync(first, Ct))!.Status);
        var next = await reports.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), resident, null, null, ReportKind.Problem, "road-pothole", "穴",
            ReportTests.Chiba, "chuo", "web", Now), [], Ct);
        Assert.True(next.Id > gone, $"new id {next.Id}, removed id {gone}");
        // A state the workflow does not know is still refused.
        await using (var connection = await test.Database.OpenAsync(Ct))
            await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("UPDATE Report SET Status = 'Reopened' WHERE Id = @first", new { first }));
    }
}
