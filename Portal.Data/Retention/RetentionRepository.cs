using System.Data.Common;
using System.Globalization;
using Dapper;
using Portal.Core.Reports.Photos;
using Portal.Core.Retention;
using Portal.Data.Database;

namespace Portal.Data.Retention;

/// <summary>
/// Removes what <see cref="RetentionPolicy"/> says is due, one batch per write transaction (SQLite: BEGIN IMMEDIATE,
/// held only for one batch), and records the runs. The queue's event log is never touched: the statistics live on it.
/// Abandoned uploads go with their files, deleted through <paramref name="photos"/> inside the batch's transaction.
/// </summary>
public sealed class RetentionRepository(PortalDatabase db, IPhotoStore photos) : IRetentionStore
{
    /// <summary>The token hash a ticket keeps once unlinked: unique, and never the hex hash of a real token.</summary>
    public static string RemovedToken(long ticketId) => "removed:" + ticketId.ToString(CultureInfo.InvariantCulture);

    public Task<RetentionBatch> RemoveBatchAsync(RetentionKind kind, RetentionBoundaries boundaries, int batchSize, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var before = boundaries.BeforeUtc[kind];
        return kind switch
        {
            RetentionKind.TicketAddresses => TicketAddressesAsync(boundaries.TodayJapan, batchSize, ct),
            RetentionKind.AddressNotices => NoticesAsync("n.AccountId IS NULL AND n.CreatedUtc < @before", before, batchSize, ct),
            RetentionKind.TicketPushDevices => PushDevicesAsync(before, batchSize, ct),
            RetentionKind.ClosedTickets => ClosedTicketsAsync(boundaries.TicketDaysBefore, boundaries.NowUtc, batchSize, ct),
            RetentionKind.TicketNotices => NoticesAsync("n.DedupKey LIKE 'ticket:%' AND n.CreatedUtc < @before", before, batchSize, ct),
            RetentionKind.DeliveredNotices => NoticesAsync("""
                n.CreatedUtc < @before
                AND NOT EXISTS (SELECT 1 FROM NoticeDelivery d WHERE d.NoticeId = n.Id AND d.Status IN ('Pending', 'Sending'))
                """, before, batchSize, ct),
            RetentionKind.AuditRecords => AuditAsync(before, boundaries.NowUtc, batchSize, ct),
            RetentionKind.AbandonedUploads => AbandonedUploadsAsync(before, batchSize, ct),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    // Retention_TicketAddresses: addresses given on a ticket page, once the ticket's business day is over.
    private Task<RetentionBatch> TicketAddressesAsync(DateOnly today, int take, CancellationToken ct) =>
        BatchAsync($"""
            SELECT DISTINCT s.TicketId FROM QueueNoticeSubscription s JOIN QueueTicket t ON t.Id = s.TicketId
            WHERE s.Destination IS NOT NULL AND t.BusinessDate < @day
            ORDER BY s.TicketId{db.Dialect.Page}
            """, new { day = Day(today), Skip = 0, Take = take }, take,
            (connection, transaction, ids) => connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM QueueNoticeSubscription WHERE TicketId IN @ids AND Destination IS NOT NULL", new { ids }, transaction, cancellationToken: ct)),
            ct);

    // Retention_Notices: notices matching the condition, with their deliveries (the addresses they were sent to).
    private Task<RetentionBatch> NoticesAsync(string condition, DateTimeOffset before, int take, CancellationToken ct) =>
        BatchAsync($"SELECT n.Id FROM Notice n WHERE {condition} ORDER BY n.CreatedUtc, n.Id{db.Dialect.Page}",
            new { before, Skip = 0, Take = take }, take,
            async (connection, transaction, ids) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM NoticeDelivery WHERE NoticeId IN @ids", new { ids }, transaction, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM Notice WHERE Id IN @ids", new { ids }, transaction, cancellationToken: ct));
            }, ct);

    // Retention_TicketPushDevices: a phone's push subscription made on a ticket page without an account, unless a
    // ticket of today still uses it (a subscription's Destination names the device by id).
    private async Task<RetentionBatch> PushDevicesAsync(DateTimeOffset before, int take, CancellationToken ct)
    {
        List<long> inUse;
        await using (var connection = await db.OpenAsync(ct))
        {
            var destinations = await connection.QueryAsync<string>(new CommandDefinition(
                "SELECT Destination FROM QueueNoticeSubscription WHERE Channel = 'WebPush' AND Destination IS NOT NULL", cancellationToken: ct));
            inUse = destinations.Select(d => long.TryParse(d, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : 0).Where(id => id > 0).Distinct().ToList();
        }
        return await BatchAsync($"""
            SELECT Id FROM PushSubscription
            WHERE AccountId IS NULL AND CreatedUtc < @before AND Id NOT IN @inUse
            ORDER BY Id{db.Dialect.Page}
            """, new { before, inUse, Skip = 0, Take = take }, take,
            (connection, transaction, ids) => connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM PushSubscription WHERE Id IN @ids AND AccountId IS NULL", new { ids }, transaction, cancellationToken: ct)),
            ct);
    }

    // Retention_ClosedTickets: tickets of business days past the period, in whatever state the day left them (served,
    // no-show, or still waiting at closing). The page token goes (the link stops working for good), and any subscription left.
    private Task<RetentionBatch> ClosedTicketsAsync(DateOnly before, DateTimeOffset now, int take, CancellationToken ct) =>
        BatchAsync($"""
            SELECT Id FROM QueueTicket
            WHERE UnlinkedUtc IS NULL AND BusinessDate < @day
            ORDER BY BusinessDate, Id{db.Dialect.Page}
            """, new { day = Day(before), Skip = 0, Take = take }, take,
            async (connection, transaction, ids) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM QueueNoticeSubscription WHERE TicketId IN @ids", new { ids }, transaction, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE QueueTicket SET TokenHash = @token, UnlinkedUtc = @now WHERE Id = @id AND UnlinkedUtc IS NULL",
                    ids.Select(id => new { id, token = RemovedToken(id), now }), transaction, cancellationToken: ct));
            }, ct);

    // Retention_AuditRecords: the boundary is set first, in the same transaction; the database refuses to delete an
    // audit record newer than it, and refuses a boundary less than a year old.
    private Task<RetentionBatch> AuditAsync(DateTimeOffset before, DateTimeOffset now, int take, CancellationToken ct) =>
        BatchAsync($"SELECT Id FROM AuditEntry WHERE OccurredUtc < @before ORDER BY OccurredUtc, Id{db.Dialect.Page}",
            new { before, Skip = 0, Take = take }, take,
            async (connection, transaction, ids) =>
            {
                var args = new { before, now };
                if (await connection.ExecuteAsync(new CommandDefinition(
                        "UPDATE AuditPurgeBoundary SET BeforeUtc = @before, SetUtc = @now WHERE Id = 1", args, transaction, cancellationToken: ct)) == 0)
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO AuditPurgeBoundary (Id, BeforeUtc, SetUtc) VALUES (1, @before, @now)", args, transaction, cancellationToken: ct));
                return await connection.ExecuteAsync(new CommandDefinition(
                    "DELETE FROM AuditEntry WHERE Id IN @ids AND OccurredUtc < @before", new { ids, before }, transaction, cancellationToken: ct));
            }, ct);

    // Retention_AbandonedUploads: a report form's photos whose report was never submitted. The rows go and then the files,
    // before the commit: a file that cannot be deleted keeps its row for the next run. A submission waits for this write
    // (it takes the same rows off the log), so a photo is never deleted under a report that has just taken it.
    private Task<RetentionBatch> AbandonedUploadsAsync(DateTimeOffset before, int take, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var keys = (await connection.QueryAsync<string>(new CommandDefinition($"""
                SELECT u.StorageKey FROM PhotoUpload u
                WHERE u.UploadedUtc < @before AND NOT EXISTS (SELECT 1 FROM ReportPhoto p WHERE p.StorageKey = u.StorageKey)
                ORDER BY u.UploadedUtc, u.StorageKey{db.Dialect.Page}
                """, new { before, Skip = 0, Take = take }, transaction, cancellationToken: ct))).ToList();
            if (keys.Count == 0) return new RetentionBatch(0, false);
            var removed = await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM PhotoUpload WHERE StorageKey IN @keys", new { keys }, transaction, cancellationToken: ct));
            foreach (var key in keys) await photos.DeleteAsync(key, ct);
            return new RetentionBatch(removed, keys.Count == take);
        }, ct);

    /// <summary>Selects up to <paramref name="take"/> due ids and removes them, all in one write transaction.</summary>
    private Task<RetentionBatch> BatchAsync(string selectIds, object args, int take,
        Func<DbConnection, DbTransaction, List<long>, Task<int>> remove, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var ids = (await connection.QueryAsync<long>(new CommandDefinition(selectIds, args, transaction, cancellationToken: ct))).ToList();
            if (ids.Count == 0) return new RetentionBatch(0, false);
            return new RetentionBatch(await remove(connection, transaction, ids), ids.Count == take);
        }, ct);

    // RetentionRun_Start
    public async Task<long> StartRunAsync(string startedBy, DateTimeOffset startedUtc, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "INSERT INTO RetentionRun (StartedUtc, StartedBy) VALUES (@startedUtc, @startedBy)" + db.Dialect.SelectInsertedId,
            new { startedUtc, startedBy }, cancellationToken: ct));
    }

    // RetentionRun_Finish
    public Task FinishRunAsync(long runId, IReadOnlyList<RetentionCount> counts, DateTimeOffset finishedUtc, string? error, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE RetentionRun SET FinishedUtc = @finishedUtc, Error = @error WHERE Id = @runId",
                new { runId, finishedUtc, error }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO RetentionRunItem (RunId, Kind, BeforeUtc, Removed) VALUES (@runId, @Kind, @BeforeUtc, @Removed)",
                counts.Select(c => new { runId, Kind = c.Kind.ToString(), c.BeforeUtc, c.Removed }), transaction, cancellationToken: ct));
            return 0;
        }, ct);

    // RetentionRun_ListRecent
    public async Task<IReadOnlyList<RetentionRunRecord>> ListRunsAsync(int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var runs = (await connection.QueryAsync<RunRow>(new CommandDefinition(
            $"SELECT Id, StartedUtc, FinishedUtc, StartedBy, Error FROM RetentionRun ORDER BY StartedUtc DESC, Id DESC{db.Dialect.Page}",
            new { Skip = 0, Take = take }, cancellationToken: ct))).ToList();
        if (runs.Count == 0) return [];
        var items = (await connection.QueryAsync<ItemRow>(new CommandDefinition(
            "SELECT RunId, Kind, BeforeUtc, Removed FROM RetentionRunItem WHERE RunId IN @ids",
            new { ids = runs.Select(r => r.Id).ToList() }, cancellationToken: ct))).ToLookup(i => i.RunId);
        return runs.Select(r => new RetentionRunRecord(r.Id, r.StartedUtc, r.FinishedUtc, r.StartedBy, r.Error,
            items[r.Id].Where(i => Enum.TryParse<RetentionKind>(i.Kind, out _))
                .Select(i => new RetentionCount(Enum.Parse<RetentionKind>(i.Kind), i.BeforeUtc, i.Removed))
                .OrderBy(c => c.Kind).ToList())).ToList();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class RunRow
    {
        public long Id { get; set; }
        public DateTimeOffset StartedUtc { get; set; }
        public DateTimeOffset? FinishedUtc { get; set; }
        public string StartedBy { get; set; } = "";
        public string? Error { get; set; }
    }

    private sealed class ItemRow
    {
        public long RunId { get; set; }
        public string Kind { get; set; } = "";
        public DateTimeOffset BeforeUtc { get; set; }
        public int Removed { get; set; }
    }
}
