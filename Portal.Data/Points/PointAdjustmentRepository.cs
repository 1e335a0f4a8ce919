using Dapper;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Data.Database;

namespace Portal.Data.Points;

public sealed class PointAdjustmentRepository(PortalDatabase db, PointLedgerRepository ledger) : IPointAdjustmentRepository
{
    private const string Columns = "a.Id, a.OwnerAccountId, a.Points, a.Reason, a.Status, a.RequestedById, a.RequestedUtc, a.DecidedById, a.DecidedUtc, a.TransactionId";

    public async Task<PointAdjustment> AddAsync(PointAdjustment adjustment, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO PointAdjustment (OwnerAccountId, Points, Reason, Status, RequestedById, RequestedUtc)
            VALUES (@OwnerAccountId, @Points, @Reason, 'Pending', @RequestedById, @RequestedUtc){db.Dialect.SelectInsertedId}
            """, new { adjustment.OwnerAccountId, adjustment.Points, adjustment.Reason, adjustment.RequestedById, adjustment.RequestedUtc }, cancellationToken: ct));
        return (await GetAsync(id, ct))!;
    }

    public async Task<PointAdjustment?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"SELECT {Columns} FROM PointAdjustment a WHERE a.Id = @id", new { id }, cancellationToken: ct)))?.ToAdjustment();
    }

    public async Task<IReadOnlyList<AdjustmentView>> ListAsync(AdjustmentStatus? status, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition($"""
            SELECT {Columns}, o.DisplayName AS ResidentName, o.Email AS ResidentEmail, r.DisplayName AS RequestedByName
            FROM PointAdjustment a JOIN UserAccount o ON o.Id = a.OwnerAccountId JOIN UserAccount r ON r.Id = a.RequestedById
            WHERE @status IS NULL OR a.Status = @status
            ORDER BY a.RequestedUtc DESC, a.Id DESC{db.Dialect.Page}
            """, new { status = status?.ToString(), Skip = 0, Take = take }, cancellationToken: ct));
        return rows.Select(r => new AdjustmentView(r.ToAdjustment(), r.ResidentName, r.ResidentEmail, r.RequestedByName)).ToList();
    }

    public Task<PointAdjustment> PostAsync(long id, long byId, long threshold, long walletId, long adjustmentAccountId, ExpiryPolicy policy,
        DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var adjustment = (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM PointAdjustment a{db.Dialect.LockForUpdate} WHERE a.Id = @id", new { id }, transaction, cancellationToken: ct)))?.ToAdjustment()
                ?? throw new RuleException(PointsErrors.AdjustmentNotFound);
            adjustment.CheckPost(byId, threshold);
            var posted = await ledger.PostAsync(connection, transaction, new LedgerRequest(adjustment.Key, PointTransactionKind.Adjust,
                [new PostingLine(adjustmentAccountId, -adjustment.Points), new PostingLine(walletId, adjustment.Points)], adjustment.Reason, byId), policy, now, ct);
            adjustment.Post(byId, threshold, posted.Transaction.Id, now);
            await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE PointAdjustment SET Status = 'Posted', DecidedById = @DecidedById, DecidedUtc = @DecidedUtc, TransactionId = @TransactionId
                WHERE Id = @Id AND Status = 'Pending'
                """, new { adjustment.Id, adjustment.DecidedById, adjustment.DecidedUtc, adjustment.TransactionId }, transaction, cancellationToken: ct));
            return adjustment;
        }, ct);

    public Task<PointAdjustment> RejectAsync(long id, long byId, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var adjustment = (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
                $"SELECT {Columns} FROM PointAdjustment a{db.Dialect.LockForUpdate} WHERE a.Id = @id", new { id }, transaction, cancellationToken: ct)))?.ToAdjustment()
                ?? throw new RuleException(PointsErrors.AdjustmentNotFound);
            adjustment.Reject(byId, now);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE PointAdjustment SET Status = 'Rejected', DecidedById = @byId, DecidedUtc = @now WHERE Id = @id AND Status = 'Pending'",
                new { id, byId, now }, transaction, cancellationToken: ct));
            return adjustment;
        }, ct);

    private sealed class Row
    {
        public long Id { get; set; }
        public long OwnerAccountId { get; set; }
        public long Points { get; set; }
        public string Reason { get; set; } = "";
        public string Status { get; set; } = "";
        public long RequestedById { get; set; }
        public DateTimeOffset RequestedUtc { get; set; }
        public long? DecidedById { get; set; }
        public DateTimeOffset? DecidedUtc { get; set; }
        public long? TransactionId { get; set; }
        public string ResidentName { get; set; } = "";
        public string ResidentEmail { get; set; } = "";
        public string RequestedByName { get; set; } = "";

        public PointAdjustment ToAdjustment() => PointAdjustment.Restore(Id, OwnerAccountId, Points, Reason, Enum.Parse<AdjustmentStatus>(Status),
            RequestedById, RequestedUtc, DecidedById, DecidedUtc, TransactionId);
    }
}
