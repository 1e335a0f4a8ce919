using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// The assignee of a report's assignment line in its own column (20261213_10) on every provider: lines an older portal
/// wrote with the account id as their internal note read back with the assignee and no note; other notes stay.
/// </summary>
public sealed class ReportAssigneeMigrationContractTests
{
    private const string Migration = "20261213_10_ReportUpdateAssignee.sql";
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Assignment_lines_written_as_notes_move_to_the_assignee_column(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider, migrateBefore: Migration);
        var staff = UserAccount.Create($"staff-{Guid.NewGuid():N}@city.chiba.jp", "担当 太郎", "hash", Role.Staff, "chuo", Now);
        await new UserAccountRepository(test.Database).CreateAsync(staff, Ct);
        var id = staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        long reportId;
        await using (var connection = await test.Database.OpenAsync(Ct))
        {
            reportId = await connection.ExecuteScalarAsync<long>("""
                INSERT INTO Report (IdempotencyKey, Kind, CategoryCode, Description, Latitude, Longitude, WardId, Status, AssignedToId, Source, CreatedUtc, UpdatedUtc)
                VALUES (@key, 'Problem', 'road-pothole', '穴があります', 35.6083, 140.1233, 'chuo', 'Accepted', @staff, 'web', @Now, @Now)
                """ + test.Database.Dialect.SelectInsertedId, new { key = Guid.NewGuid().ToString("N"), staff = staff.Id, Now });
            foreach (var (kind, note) in new[] { ("Assignment", id), ("Assignment", (string?)null), ("Note", id), ("Assignment", "999999999") })
                await connection.ExecuteAsync("""
                    INSERT INTO ReportUpdate (ReportId, OccurredUtc, ActorId, Kind, InternalNote) VALUES (@reportId, @Now, @staff, @kind, @note)
                    """, new { reportId, Now, staff = staff.Id, kind, note });
        }

        test.Database.Migrate();

        var history = await new ReportRepository(test.Database).HistoryAsync(reportId, Ct);
        Assert.Equal([
            (ReportUpdateKind.Assignment, staff.Id, null),
            (ReportUpdateKind.Assignment, null, null),
            (ReportUpdateKind.Note, null, id),
            // Not an account's id: kept as it was written rather than pointing at nobody.
            (ReportUpdateKind.Assignment, null, "999999999"),
        ], history.Select(u => (u.Kind, u.AssigneeId, u.InternalNote)));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_assignment_is_stored_with_its_assignee_and_no_note(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var staff = UserAccount.Create($"staff-{Guid.NewGuid():N}@city.chiba.jp", "担当 花子", "hash", Role.Staff, "chuo", Now);
        await new UserAccountRepository(test.Database).CreateAsync(staff, Ct);
        var reports = new ReportRepository(test.Database);
        var report = await reports.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem, "road-pothole", "穴", new(35.6083, 140.1233),
            "chuo", "web", Now), [], Ct);

        var update = report.AssignTo(staff.Id, staff.Id, Now.AddMinutes(1));
        await reports.SaveAsync(report, update, Ct);

        var line = (await reports.HistoryAsync(report.Id, Ct)).Single(u => u.Kind == ReportUpdateKind.Assignment);
        Assert.Equal((staff.Id, null), (line.AssigneeId, line.InternalNote));
        Assert.Equal(staff.Id, (await reports.GetAsync(report.Id, Ct))!.AssignedToId);
    }
}
