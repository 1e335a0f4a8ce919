using System.Data.Common;
using Dapper;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Notifications;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Reports;

namespace Portal.Tests.Notifications;

/// <summary>A staff move tells the reporter, through the outbox, in the move's own transaction.</summary>
public sealed class ReportStatusNoticeTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private readonly CountingSignal _signal = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _db.Dispose();

    private ReportService Service(INoticeOutbox outbox) => TestReportServices.Create(_db.Database, _time, outbox, _signal);

    private NoticeOutbox Outbox => new(_db.Database, ActiveChannels.InAppOnly, _time);

    private async Task<UserAccount> AccountAsync(Role role, string? culture = null)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", role, role == Role.Staff ? "chuo" : null, _time.GetUtcNow());
        if (culture is not null) account.SetPreferredCulture(culture);
        await new UserAccountRepository(_db.Database).CreateAsync(account, Ct);
        return account;
    }

    private static ReportDraft Draft() => new()
    {
        CategoryCode = "road-pothole", Description = "歩道に穴があります", Latitude = ReportTests.Chiba.Latitude, Longitude = ReportTests.Chiba.Longitude,
    };

    private async Task<List<(string DedupKey, long? AccountId, string Culture, string ValuesJson, string? Link)>> NoticesAsync()
    {
        await using var connection = await _db.Database.OpenAsync(Ct);
        return (await connection.QueryAsync<(string, long?, string, string, string?)>("SELECT DedupKey, AccountId, Culture, ValuesJson, Link FROM Notice ORDER BY Id")).ToList();
    }

    private async Task<long> LastUpdateIdAsync(long reportId)
    {
        await using var connection = await _db.Database.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<long>("SELECT MAX(Id) FROM ReportUpdate WHERE ReportId = @reportId", new { reportId });
    }

    [Fact]
    public async Task The_reporter_hears_of_a_new_public_status_with_the_history_line_as_the_event_key()
    {
        var service = Service(Outbox);
        var reporter = await AccountAsync(Role.Resident, "en");
        var staff = Actor.For(await AccountAsync(Role.Staff), null);
        var report = (await service.SubmitAsync(Draft(), reporter, "web", Ct)).Value!;

        Assert.True((await service.MoveAsync(staff, report.Id, ReportStatus.Accepted, null, null, null, Ct)).Succeeded);

        var notice = Assert.Single(await NoticesAsync());
        Assert.Equal($"report:{report.Id}:update:{await LastUpdateIdAsync(report.Id)}", notice.DedupKey);
        Assert.Equal((reporter.Id, "en", $"/reports/{report.Id}"), (notice.AccountId!.Value, notice.Culture, notice.Link));
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(notice.ValuesJson)!;
        Assert.Equal("InProgress", values["status"]);
        Assert.Equal(report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), values["reportId"]);
        Assert.False(string.IsNullOrEmpty(values["category.ja"]));
        Assert.Equal(1, _signal.Count);
        var rendered = NoticeRendererTests.ResourceRenderer().Render(NoticeKind.ReportStatusChanged, notice.Culture, values);
        Assert.Equal($"Report No. {report.Id} is now \"In progress\"", rendered.Subject);
    }

    [Fact]
    public async Task A_move_the_reporter_cannot_see_and_a_report_without_an_account_make_no_notice()
    {
        var service = Service(Outbox);
        var reporter = await AccountAsync(Role.Resident);
        var staff = Actor.For(await AccountAsync(Role.Staff), null);
        var report = (await service.SubmitAsync(Draft(), reporter, "web", Ct)).Value!;
        var partner = (await service.SubmitFromPartnerAsync(Draft(), "partner@example.jp", "open311", Ct)).Value!;

        await service.MoveAsync(staff, report.Id, ReportStatus.Accepted, null, null, null, Ct);
        // Accepted and in progress are both "in progress" to the public: nothing new for the reporter.
        await service.MoveAsync(staff, report.Id, ReportStatus.InProgress, null, "内部メモ", null, Ct);
        await service.MoveAsync(staff, partner.Id, ReportStatus.Accepted, null, null, null, Ct);

        Assert.Single(await NoticesAsync());
        Assert.Equal(1, _signal.Count);
    }

    [Fact]
    public async Task A_rolled_back_move_leaves_no_notice_and_a_failed_notice_rolls_the_move_back()
    {
        var reporter = await AccountAsync(Role.Resident);
        var staff = Actor.For(await AccountAsync(Role.Staff), null);
        var report = (await Service(Outbox).SubmitAsync(Draft(), reporter, "web", Ct)).Value!;
        var historyBefore = await LastUpdateIdAsync(report.Id);

        // The notice is written, then the transaction fails before it commits.
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Service(new FailingAfterEnqueue(Outbox)).MoveAsync(staff, report.Id, ReportStatus.Fixed, "直しました", null, null, Ct));

        Assert.Empty(await NoticesAsync());
        Assert.Equal(ReportStatus.Received, (await new ReportRepository(_db.Database).GetAsync(report.Id, Ct))!.Status);
        Assert.Equal(historyBefore, await LastUpdateIdAsync(report.Id));
        Assert.Equal(0, _signal.Count);
    }

    /// <summary>The real outbox, after which something else in the same transaction fails.</summary>
    private sealed class FailingAfterEnqueue(INoticeOutbox inner) : INoticeOutbox
    {
        public async Task<bool> EnqueueAsync(DbConnection connection, DbTransaction transaction, Notice notice, CancellationToken ct)
        {
            Assert.True(await inner.EnqueueAsync(connection, transaction, notice, ct));
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT COUNT(*) FROM Notice";
                Assert.Equal(1L, Convert.ToInt64(await check.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture));
            }
            throw new InvalidOperationException("the disk is full");
        }

        public Task<bool> EnqueueAsync(Notice notice, CancellationToken ct) => throw new NotSupportedException();

        public Task<int> EnqueueManyAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<Notice> notices, CancellationToken ct) =>
            throw new NotSupportedException();
    }

    private sealed class CountingSignal : IOutboxSignal
    {
        public int Count { get; private set; }
        public void Notify() => Count++;
    }
}
