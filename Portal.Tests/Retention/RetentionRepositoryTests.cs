using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Core.Retention;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Retention;
using Portal.Tests.Infrastructure;
using Portal.Tests.Queues;
using Portal.Web.Reports.Photos;

namespace Portal.Tests.Retention;

/// <summary>The retention run against the real database: rows before and after each boundary, statistics, batches.</summary>
public sealed class RetentionRepositoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>These runs meet no uploads: a store whose folder nothing is written to.</summary>
    private static readonly FilePhotoStore NoPhotos = new(Path.Combine(Path.GetTempPath(), "chibaportal-tests", "retention-no-photos"));

    private static DateTimeOffset Japan(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.FromHours(9)).ToUniversalTime();

    private static RetentionService Retention(QueueWorld world, int batchSize = 500) =>
        new(new RetentionRepository(world.Db, NoPhotos), new RetentionPolicy(new RetentionOptions { BatchSize = batchSize }),
            new AuditTrail(new AuditLogRepository(world.Db), world.Time), world.Time);

    private static async Task<RetentionRunRecord> RunAsync(QueueWorld world, int batchSize = 500)
    {
        var run = await Retention(world, batchSize).RunAsync(Actor.System with { Name = RetentionService.Nightly }, Ct);
        Assert.NotNull(run);
        Assert.Null(run.Error);
        return run;
    }

    private static int Removed(RetentionRunRecord run, RetentionKind kind) => run.Counts.Single(c => c.Kind == kind).Removed;

    private static async Task<int> CountAsync(PortalDatabase db, string sql, object? args = null)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(sql, args, cancellationToken: Ct));
    }

    private static Task<QueueWorld> WorldAsync(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        return QueueWorld.CreateAsync(provider);
    }

    private static async Task<long> ResidentAsync(PortalDatabase db)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", "hash", Role.Resident, null, QueueWorld.Morning);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Ticket_addresses_go_the_night_after_the_ticket_day_and_its_links_after_the_period_while_statistics_stay(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var staff = await world.AtCounterAsync(0);
        var resident = await ResidentAsync(world.Db);
        // Wednesday 25 November 2026, 10:00 in Japan: one ticket told by e-mail, one through the resident's account.
        var byMail = await world.Service.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct);
        var byAccount = await world.Service.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct);
        Assert.True(await world.Service.SubscribeAsync(byMail.Token, TicketNoticeKind.Called,
            new NoticeRecipient.Address(NoticeChannel.Email, "taro@example.jp", "ja"), Ct));
        Assert.True(await world.Service.SubscribeAsync(byAccount.Token, TicketNoticeKind.Near, new NoticeRecipient.Account(resident), Ct));
        foreach (var _ in new[] { byMail, byAccount })
        {
            var called = await world.Service.CallNextAsync(staff, Ct);
            await world.Service.StartServingAsync(staff, called!.Id, Ct);
            await world.Service.FinishAsync(staff, called.Id, Ct);
        }
        var day = new DateOnly(2026, 11, 25);
        var statistics = new QueueStatisticsService(world.Tickets, world.Setup, new StaffScopes(new UserAccountRepository(world.Db)));
        var before = await statistics.ComputeAsync(Actor.System, world.OfficeId, day, day, Ct);
        const string mailDeliveries = "SELECT COUNT(*) FROM NoticeDelivery WHERE Destination = 'taro@example.jp'";
        Assert.Equal(1, await CountAsync(world.Db, mailDeliveries));
        var accountTicketNotices = await CountAsync(world.Db, "SELECT COUNT(*) FROM Notice WHERE DedupKey LIKE 'ticket:%' AND AccountId IS NOT NULL");
        Assert.True(accountTicketNotices >= 1);

        // The same evening nothing of the day is due yet.
        world.Time.SetUtcNow(Japan(2026, 11, 25, 23, 59, 59));
        var evening = await RunAsync(world);
        Assert.All(evening.Counts, c => Assert.Equal(0, c.Removed));

        // The night after: the address and what was sent to it go; the account's subscription stays for now.
        world.Time.SetUtcNow(Japan(2026, 11, 26, 3, 30));
        var night = await RunAsync(world);
        Assert.Equal((1, 1, 0), (Removed(night, RetentionKind.TicketAddresses), Removed(night, RetentionKind.AddressNotices), Removed(night, RetentionKind.ClosedTickets)));
        Assert.Equal(0, await CountAsync(world.Db, mailDeliveries));
        Assert.Equal(0, await CountAsync(world.Db, "SELECT COUNT(*) FROM QueueNoticeSubscription WHERE Destination IS NOT NULL"));
        Assert.Equal(1, await CountAsync(world.Db, "SELECT COUNT(*) FROM QueueNoticeSubscription WHERE AccountId = @resident", new { resident }));

        // Kept for 30 full days after the ticket day (to 25 December); removed the night after.
        world.Time.SetUtcNow(Japan(2026, 12, 25, 23, 59, 59));
        Assert.Equal(0, Removed(await RunAsync(world), RetentionKind.ClosedTickets));
        world.Time.SetUtcNow(Japan(2026, 12, 26, 3, 30));
        var month = await RunAsync(world);
        Assert.Equal(2, Removed(month, RetentionKind.ClosedTickets));
        Assert.Equal(accountTicketNotices, Removed(month, RetentionKind.TicketNotices));
        Assert.Null(await world.Tickets.GetByTokenHashAsync(TicketToken.Hash(byMail.Token), Ct));
        Assert.Null(await world.Tickets.GetByTokenHashAsync(TicketToken.Hash(byAccount.Token), Ct));
        Assert.Equal(RetentionRepository.RemovedToken(byAccount.Ticket.Id), (await world.Tickets.GetAsync(byAccount.Ticket.Id, Ct))!.TokenHash);
        Assert.Equal(0, await CountAsync(world.Db, "SELECT COUNT(*) FROM QueueNoticeSubscription"));
        Assert.Equal(0, await CountAsync(world.Db, "SELECT COUNT(*) FROM Notice WHERE DedupKey LIKE 'ticket:%'"));

        // The statistics of that day come out the same from the event log that stayed.
        var after = await statistics.ComputeAsync(Actor.System, world.OfficeId, day, day, Ct);
        Assert.Equal((before.Issued, before.EstimateErrorAbsMean), (after.Issued, after.EstimateErrorAbsMean));
        Assert.Equal(before.Services, after.Services);
        Assert.Equal(before.IssuedByHour, after.IssuedByHour);
        Assert.Equal(2, after.Issued);

        // A second run the same night finds nothing more.
        Assert.All((await RunAsync(world)).Counts, c => Assert.Equal(0, c.Removed));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Audit_records_are_deleted_only_by_the_run_and_only_past_five_years(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var log = new AuditLogRepository(world.Db);
        // Now is 25 November 2026 in Japan: records before 25 November 2021 (Japan) are due.
        async Task<string> AppendAsync(DateTimeOffset at)
        {
            var id = Guid.NewGuid().ToString("N");
            await log.AppendAsync(new AuditEntry(0, at, null, "sato@city.jp", "Admin", "account.disabled", "account", id, null, null), Ct);
            return id;
        }
        var old = await AppendAsync(Japan(2021, 11, 24, 23, 59, 59));
        var kept = await AppendAsync(Japan(2021, 11, 25));
        const string byEntity = "SELECT COUNT(*) FROM AuditEntry WHERE EntityId = @id";

        // No one deletes an audit record by hand, however old.
        await using (var connection = await world.Db.OpenAsync(Ct))
            await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("DELETE FROM AuditEntry WHERE EntityId = @old", new { old }));

        var run = await RunAsync(world);

        Assert.Equal(1, Removed(run, RetentionKind.AuditRecords));
        Assert.Equal(0, await CountAsync(world.Db, byEntity, new { id = old }));
        Assert.Equal(1, await CountAsync(world.Db, byEntity, new { id = kept }));
        var record = Assert.Single(await log.SearchAsync(new AuditQuery(Action: RetentionAudit.Applied), Ct));
        Assert.Equal((RetentionService.Nightly, run.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (record.ActorName, record.EntityId));
        Assert.Contains("AuditRecords 1 before 2021-11-25", record.Detail);
        await using (var connection = await world.Db.OpenAsync(Ct))
        {
            // After the run a newer record is still protected, and the boundary cannot be moved to yesterday.
            await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("DELETE FROM AuditEntry WHERE EntityId = @kept", new { kept }));
            await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(
                "UPDATE AuditPurgeBoundary SET BeforeUtc = @now WHERE Id = 1", new { now = world.Time.GetUtcNow().AddDays(-1) }));
        }
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Finished_notices_go_after_a_year_in_batches_and_pending_ones_stay(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var resident = await ResidentAsync(world.Db);
        // Now is 25 November 2026 (Japan): notices from before 25 November 2025 with every delivery finished are due.
        async Task NoticeAsync(string key, DateTimeOffset created, string status)
        {
            await using var connection = await world.Db.OpenAsync(Ct);
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO Notice (DedupKey, Kind, AccountId, Culture, ValuesJson, Link, CreatedUtc) VALUES (@key, 'PointsExpiring', @resident, 'ja', '{}', NULL, @created)"
                + world.Db.Dialect.SelectInsertedId, new { key, resident, created });
            await connection.ExecuteAsync(
                "INSERT INTO NoticeDelivery (NoticeId, Channel, Destination, Status, Attempts, NextAttemptUtc) VALUES (@id, 'InApp', 'inbox', @status, 1, @created)",
                new { id, status, created });
        }
        await NoticeAsync("old:sent:1", Japan(2025, 11, 24, 23, 59), "Sent");
        await NoticeAsync("old:sent:2", Japan(2025, 6, 1), "Sent");
        await NoticeAsync("old:dead", Japan(2024, 1, 1), "Dead");
        await NoticeAsync("old:pending", Japan(2025, 1, 1), "Pending");
        await NoticeAsync("recent:sent", Japan(2025, 11, 25), "Sent");

        var store = new RetentionRepository(world.Db, NoPhotos);
        var boundaries = new RetentionPolicy(new RetentionOptions()).BoundariesAt(world.Time.GetUtcNow());
        // Two at a time: a full batch says more may be due; the last, short one says it is done.
        Assert.Equal(new RetentionBatch(2, true), await store.RemoveBatchAsync(RetentionKind.DeliveredNotices, boundaries, 2, Ct));
        Assert.Equal(new RetentionBatch(1, false), await store.RemoveBatchAsync(RetentionKind.DeliveredNotices, boundaries, 2, Ct));
        Assert.Equal(new RetentionBatch(0, false), await store.RemoveBatchAsync(RetentionKind.DeliveredNotices, boundaries, 2, Ct));

        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(["old:pending", "recent:sent"], (await connection.QueryAsync<string>("SELECT DedupKey FROM Notice ORDER BY DedupKey")).ToList());
        Assert.Equal(2, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM NoticeDelivery"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Push_devices_from_ticket_pages_go_after_the_day_unless_a_ticket_of_today_uses_them(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var resident = await ResidentAsync(world.Db);
        async Task<long> DeviceAsync(string endpoint, long? account, DateTimeOffset created)
        {
            await using var connection = await world.Db.OpenAsync(Ct);
            return await connection.ExecuteScalarAsync<long>(
                "INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, DeviceLabel, CreatedUtc) VALUES (@account, @endpoint, 'k', 'a', NULL, @created)"
                + world.Db.Dialect.SelectInsertedId, new { account, endpoint, created });
        }
        var yesterday = Japan(2026, 11, 24, 15);
        await DeviceAsync("https://push.example/old", null, yesterday);
        var reused = await DeviceAsync("https://push.example/reused", null, yesterday);
        await DeviceAsync("https://push.example/account", resident, yesterday);
        await DeviceAsync("https://push.example/today", null, Japan(2026, 11, 25, 9));
        // The same phone, registered yesterday, carries today's ticket notice.
        var today = await world.Service.IssueAsync(world.OfficeId, world.Moving.Id, TicketLane.WalkIn, Ct);
        Assert.True(await world.Service.SubscribeAsync(today.Token, TicketNoticeKind.Called,
            new NoticeRecipient.Address(NoticeChannel.WebPush, reused.ToString(System.Globalization.CultureInfo.InvariantCulture), "ja"), Ct));

        var run = await RunAsync(world, batchSize: 1);

        Assert.Equal(1, Removed(run, RetentionKind.TicketPushDevices));
        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(["https://push.example/account", "https://push.example/reused", "https://push.example/today"],
            (await connection.QueryAsync<string>("SELECT Endpoint FROM PushSubscription ORDER BY Endpoint")).ToList());
    }

    [Fact]
    public async Task Runs_are_recorded_with_their_counts_and_boundaries_newest_first()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var first = await RunAsync(world);
        world.Time.Advance(TimeSpan.FromDays(1));
        var second = await RunAsync(world);

        var runs = await new RetentionRepository(world.Db, NoPhotos).ListRunsAsync(10, Ct);

        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
        Assert.Equal(second.Counts, runs[0].Counts);
        Assert.Equal(world.Time.GetUtcNow(), runs[0].FinishedUtc);
        Assert.Equal(RetentionService.Nightly, runs[0].StartedBy);
    }
}
