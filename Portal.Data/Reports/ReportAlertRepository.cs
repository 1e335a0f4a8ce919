using System.Globalization;
using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Data.Reports;

/// <param name="outbox">Where a digest is written, in the transaction that marks it sent; without one, the outbox of the same database with in-app only.</param>
public sealed class ReportAlertRepository(PortalDatabase db, INoticeOutbox? outbox = null, TimeProvider? time = null) : IReportAlertRepository
{
    private readonly INoticeOutbox _outbox = outbox ?? new NoticeOutbox(db, ActiveChannels.InAppOnly, time);

    private const string AlertColumns = """
        Id, AccountId, Area, WardId, CategoryCode, Latitude, Longitude, RadiusMeters, Events, CreatedUtc, CoveredUntilUtc, LastDigestDay
        """;

    public Task<bool> FollowAsync(ReportFollow follow, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var exists = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM ReportFollow WHERE ReportId = @ReportId AND AccountId = @AccountId", follow, transaction, cancellationToken: ct));
            if (exists > 0) return false;
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO ReportFollow (ReportId, AccountId, CreatedUtc) VALUES (@ReportId, @AccountId, @CreatedUtc)", follow, transaction, cancellationToken: ct));
            return true;
        }, ct);

    public Task<bool> UnfollowAsync(long reportId, long accountId, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ReportFollow WHERE ReportId = @reportId AND AccountId = @accountId", new { reportId, accountId }, transaction, cancellationToken: ct)) > 0, ct);

    public async Task<bool> IsFollowingAsync(long reportId, long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM ReportFollow WHERE ReportId = @reportId AND AccountId = @accountId", new { reportId, accountId }, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<long>> FollowersAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT AccountId FROM ReportFollow WHERE ReportId = @reportId ORDER BY CreatedUtc, AccountId", new { reportId }, cancellationToken: ct))).ToList();
    }

    public async Task<IReadOnlyList<ReportFollow>> FollowsOfAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long ReportId, long AccountId, DateTimeOffset CreatedUtc)>(new CommandDefinition(
            "SELECT ReportId, AccountId, CreatedUtc FROM ReportFollow WHERE AccountId = @accountId ORDER BY CreatedUtc, ReportId", new { accountId }, cancellationToken: ct));
        return rows.Select(r => new ReportFollow(r.ReportId, r.AccountId, r.CreatedUtc)).ToList();
    }

    public async Task<IReadOnlyList<AlertSubscription>> ListAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertColumns} FROM ReportAlert WHERE AccountId = @accountId ORDER BY Id", new { accountId }, cancellationToken: ct)))
            .Select(r => r.ToSubscription()).ToList();
    }

    public async Task<AlertSubscription?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<AlertRow>(new CommandDefinition(
            $"SELECT {AlertColumns} FROM ReportAlert WHERE Id = @id", new { id }, cancellationToken: ct)))?.ToSubscription();
    }

    public Task<AlertSubscription?> AddAsync(AlertSubscription subscription, int max, CancellationToken ct) =>
        db.WriteAsync<AlertSubscription?>(async (connection, transaction) =>
        {
            // The account's row held: two requests of one account count one after the other.
            await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                $"SELECT Id FROM UserAccount{db.Dialect.LockForUpdate} WHERE Id = @AccountId", new { subscription.AccountId }, transaction, cancellationToken: ct));
            var count = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM ReportAlert WHERE AccountId = @AccountId", new { subscription.AccountId }, transaction, cancellationToken: ct));
            if (count >= max) return null;
            var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                INSERT INTO ReportAlert (AccountId, Area, WardId, CategoryCode, Latitude, Longitude, RadiusMeters, Events, CreatedUtc, CoveredUntilUtc, LastDigestDay)
                VALUES (@AccountId, @Area, @WardId, @CategoryCode, @Latitude, @Longitude, @RadiusMeters, @Events, @CreatedUtc, @CoveredUntilUtc, NULL){db.Dialect.SelectInsertedId}
                """, new
            {
                subscription.AccountId, Area = subscription.Area.ToString(), subscription.WardId, subscription.CategoryCode, subscription.Latitude,
                subscription.Longitude, subscription.RadiusMeters, Events = subscription.Events.ToString(), subscription.CreatedUtc, subscription.CoveredUntilUtc,
            }, transaction, cancellationToken: ct));
            return subscription with { Id = id, LastDigestDay = null };
        }, ct);

    public Task<bool> DeleteAsync(long accountId, long id, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM ReportAlert WHERE Id = @id AND AccountId = @accountId", new { id, accountId }, transaction, cancellationToken: ct)) > 0, ct);

    public async Task<IReadOnlyList<AlertSubscription>> AllAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<AlertRow>(new CommandDefinition($"SELECT {AlertColumns} FROM ReportAlert ORDER BY Id", cancellationToken: ct)))
            .Select(r => r.ToSubscription()).ToList();
    }

    public async Task<IReadOnlyList<ReportEvent>> EventsAsync(DateTimeOffset afterUtc, DateTimeOffset untilUtc, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition("""
            SELECT r.Id AS ReportId, r.CreatedUtc AS OccurredUtc, NULL AS FromStatus, 'Received' AS ToStatus, r.Status AS CurrentStatus,
                   r.ReporterId, r.WardId, r.CategoryCode, r.Latitude, r.Longitude
            FROM Report r
            WHERE r.CreatedUtc > @afterUtc AND r.CreatedUtc <= @untilUtc
            UNION ALL
            SELECT r.Id, u.OccurredUtc, u.FromStatus, u.ToStatus, r.Status, r.ReporterId, r.WardId, r.CategoryCode, r.Latitude, r.Longitude
            FROM ReportUpdate u JOIN Report r ON r.Id = u.ReportId
            WHERE u.Kind = 'Status' AND u.OccurredUtc > @afterUtc AND u.OccurredUtc <= @untilUtc AND u.FromStatus IS NOT NULL AND u.ToStatus IS NOT NULL
            """, new { afterUtc, untilUtc }, cancellationToken: ct));
        return rows.Select(r => new ReportEvent(r.ReportId, r.OccurredUtc, r.FromStatus is null ? null : Enum.Parse<ReportStatus>(r.FromStatus),
            Enum.Parse<ReportStatus>(r.ToStatus), Enum.Parse<ReportStatus>(r.CurrentStatus), r.ReporterId, r.WardId, r.CategoryCode, r.Latitude, r.Longitude))
            .ToList();
    }

    public Task<bool> RecordDigestAsync(long id, DateTimeOffset coveredUntilUtc, DateOnly? day, Notice? digest, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var dayText = day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            // With a digest: only if the alert has had none that day (another node's run, a restart), and it is marked at once.
            var rows = await connection.ExecuteAsync(new CommandDefinition(dayText is null
                ? "UPDATE ReportAlert SET CoveredUntilUtc = @coveredUntilUtc WHERE Id = @id"
                : """
                  UPDATE ReportAlert SET CoveredUntilUtc = @coveredUntilUtc, LastDigestDay = @dayText
                  WHERE Id = @id AND (LastDigestDay IS NULL OR LastDigestDay <> @dayText)
                  """, new { id, coveredUntilUtc, dayText }, transaction, cancellationToken: ct));
            if (rows != 1) return false;
            if (digest is not null) await _outbox.EnqueueAsync(connection, transaction, digest, ct);
            return true;
        }, ct);

    private sealed class AlertRow
    {
        public long Id { get; set; }
        public long AccountId { get; set; }
        public string Area { get; set; } = "";
        public string? WardId { get; set; }
        public string? CategoryCode { get; set; }
        public double? Latitude { get; set; }
        public double? Longitude { get; set; }
        public long? RadiusMeters { get; set; }
        public string Events { get; set; } = "";
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset CoveredUntilUtc { get; set; }
        public string? LastDigestDay { get; set; }

        public AlertSubscription ToSubscription() => new(Id, AccountId, Enum.Parse<AlertArea>(Area), WardId, CategoryCode, Latitude, Longitude,
            RadiusMeters is { } r ? (int)r : null, Enum.Parse<AlertEvents>(Events), CreatedUtc, CoveredUntilUtc,
            LastDigestDay is null ? null : DateOnly.ParseExact(LastDigestDay, "yyyy-MM-dd", CultureInfo.InvariantCulture));
    }

    private sealed class EventRow
    {
        public long ReportId { get; set; }
        public DateTimeOffset OccurredUtc { get; set; }
        public string? FromStatus { get; set; }
        public string ToStatus { get; set; } = "";
        public string CurrentStatus { get; set; } = "";
        public long? ReporterId { get; set; }
        public string WardId { get; set; } = "";
        public string CategoryCode { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
    }
}
