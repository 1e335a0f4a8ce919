using Dapper;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Data.Database;

namespace Portal.Data.Points;

public sealed class PointCatalogRepository(PortalDatabase db, PointLedgerRepository ledger) : IPointCatalogRepository
{
    private const string ItemColumns = "Id, Name, Description, Kind, Price, Stock, PerPersonLimit, PartnerAccountId, IsActive";
    private const string VoucherColumns = """
        v.Id, v.Code, v.ItemId, i.Name AS ItemName, v.OwnerAccountId, v.TransactionId, v.Price, v.CreatedUtc, v.UsedUtc, v.CancelledUtc, v.CancelTransactionId
        """;

    public async Task<CatalogItem> AddItemAsync(CatalogItemInput input, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO PointCatalogItem (Name, Description, Kind, Price, Stock, PerPersonLimit, PartnerAccountId, IsActive, CreatedUtc)
            VALUES (@Name, @Description, @Kind, @Price, @Stock, @PerPersonLimit, @PartnerAccountId, @IsActive, @now){db.Dialect.SelectInsertedId}
            """, new
        {
            Name = CityTextFields.ToText(input.Name), Description = CityTextFields.ToTextOrNull(input.Description), Kind = input.Kind.ToString(), input.Price, input.Stock, input.PerPersonLimit,
            input.PartnerAccountId, input.IsActive, now,
        }, cancellationToken: ct));
        return (await ItemAsync(id, ct))!;
    }

    public async Task UpdateItemAsync(long id, CatalogItemInput input, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE PointCatalogItem SET Name = @Name, Description = @Description, Kind = @Kind, Price = @Price, Stock = @Stock,
                PerPersonLimit = @PerPersonLimit, PartnerAccountId = @PartnerAccountId, IsActive = @IsActive
            WHERE Id = @id
            """, new
        {
            id, Name = CityTextFields.ToText(input.Name), Description = CityTextFields.ToTextOrNull(input.Description), Kind = input.Kind.ToString(), input.Price, input.Stock,
            input.PerPersonLimit, input.PartnerAccountId, input.IsActive,
        }, cancellationToken: ct));
        if (rows != 1) throw new RuleException(PointsErrors.ItemNotFound);
    }

    public async Task<CatalogItem?> ItemAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition(
            $"SELECT {ItemColumns} FROM PointCatalogItem WHERE Id = @id", new { id }, cancellationToken: ct)))?.ToItem();
    }

    public async Task<IReadOnlyList<CatalogItem>> ItemsAsync(bool includeInactive, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ItemRow>(new CommandDefinition(
            $"SELECT {ItemColumns} FROM PointCatalogItem WHERE IsActive = 1 OR @includeInactive = 1 ORDER BY Price, Id",
            new { includeInactive = includeInactive ? 1 : 0 }, cancellationToken: ct));
        return rows.Select(r => r.ToItem()).ToList();
    }

    public async Task<Voucher> RedeemAsync(long ownerAccountId, long walletId, long itemId, string key, ExpiryPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(async (connection, transaction) =>
            {
                var replay = await connection.QuerySingleOrDefaultAsync<VoucherRow>(new CommandDefinition($"""
                    SELECT {VoucherColumns} FROM PointVoucher v JOIN PointCatalogItem i ON i.Id = v.ItemId
                    JOIN PointTransaction t ON t.Id = v.TransactionId WHERE t.IdempotencyKey = @key
                    """, new { key }, transaction, cancellationToken: ct));
                if (replay is not null)
                    return replay.OwnerAccountId == ownerAccountId && replay.ItemId == itemId ? replay.ToVoucher() : throw new RuleException(PointsErrors.KeyReused);

                var item = (await connection.QuerySingleOrDefaultAsync<ItemRow>(new CommandDefinition(
                    $"SELECT {ItemColumns} FROM PointCatalogItem{db.Dialect.LockForUpdate} WHERE Id = @itemId", new { itemId }, transaction, cancellationToken: ct)))?.ToItem()
                    ?? throw new RuleException(PointsErrors.ItemNotFound);
                var mine = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "SELECT COUNT(*) FROM PointVoucher WHERE OwnerAccountId = @ownerAccountId AND ItemId = @itemId AND CancelledUtc IS NULL",
                    new { ownerAccountId, itemId }, transaction, cancellationToken: ct));
                item.CheckRedeemable(mine);

                var posted = await ledger.PostAsync(connection, transaction, new LedgerRequest(key, PointTransactionKind.Redeem,
                    [new PostingLine(walletId, -item.Price), new PostingLine(item.PartnerAccountId, item.Price)], item.Name.Japanese, ownerAccountId), policy, now, ct);
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE PointCatalogItem SET Stock = Stock - 1 WHERE Id = @itemId AND Stock IS NOT NULL", new { itemId }, transaction, cancellationToken: ct));
                var code = Voucher.NewCode();
                var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                    INSERT INTO PointVoucher (Code, ItemId, OwnerAccountId, TransactionId, Price, CreatedUtc)
                    VALUES (@code, @itemId, @ownerAccountId, @transactionId, @Price, @now){db.Dialect.SelectInsertedId}
                    """, new { code, itemId, ownerAccountId, transactionId = posted.Transaction.Id, item.Price, now }, transaction, cancellationToken: ct));
                return Voucher.Restore(id, code, itemId, item.Name, ownerAccountId, posted.Transaction.Id, item.Price, now, null, null, null);
            }, ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // A concurrent request with the same key committed first.
            await using var connection = await db.OpenAsync(ct);
            var row = await connection.QuerySingleOrDefaultAsync<VoucherRow>(new CommandDefinition($"""
                SELECT {VoucherColumns} FROM PointVoucher v JOIN PointCatalogItem i ON i.Id = v.ItemId
                JOIN PointTransaction t ON t.Id = v.TransactionId WHERE t.IdempotencyKey = @key
                """, new { key }, cancellationToken: ct));
            if (row is null) throw;
            return row.ToVoucher();
        }
    }

    public Task<Voucher> CancelAsync(long ownerAccountId, long voucherId, int cancellationDays, ExpiryPolicy policy, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var voucher = (await connection.QuerySingleOrDefaultAsync<VoucherRow>(new CommandDefinition($"""
                SELECT {VoucherColumns} FROM PointVoucher v{db.Dialect.LockForUpdate} JOIN PointCatalogItem i ON i.Id = v.ItemId
                WHERE v.Id = @voucherId AND v.OwnerAccountId = @ownerAccountId
                """, new { voucherId, ownerAccountId }, transaction, cancellationToken: ct)))?.ToVoucher()
                ?? throw new RuleException(PointsErrors.VoucherNotFound);
            voucher.CheckCancel(now, cancellationDays);
            var original = await PointLedgerRepository.ReadTransactionAsync(connection, transaction, voucher.TransactionId, ct)
                ?? throw new RuleException(PointsErrors.TransactionNotFound);
            var reversal = await ledger.PostAsync(connection, transaction, new LedgerRequest($"cancel:voucher:{voucherId}", PointTransactionKind.Reverse,
                LedgerPosting.ReversalOf(original), voucher.ItemName.Japanese, ownerAccountId, original.Id), policy, now, ct);
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE PointVoucher SET CancelledUtc = @now, CancelTransactionId = @tx WHERE Id = @voucherId",
                new { now, tx = reversal.Transaction.Id, voucherId }, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE PointCatalogItem SET Stock = Stock + 1 WHERE Id = @ItemId AND Stock IS NOT NULL", new { voucher.ItemId }, transaction, cancellationToken: ct));
            return Voucher.Restore(voucher.Id, voucher.Code, voucher.ItemId, voucher.ItemName, ownerAccountId, voucher.TransactionId, voucher.Price,
                voucher.CreatedUtc, null, now, reversal.Transaction.Id);
        }, ct);

    public async Task<Voucher?> VoucherAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QuerySingleOrDefaultAsync<VoucherRow>(new CommandDefinition(
            $"SELECT {VoucherColumns} FROM PointVoucher v JOIN PointCatalogItem i ON i.Id = v.ItemId WHERE v.Id = @id", new { id }, cancellationToken: ct)))?.ToVoucher();
    }

    public async Task<IReadOnlyList<Voucher>> VouchersOfAsync(long ownerAccountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<VoucherRow>(new CommandDefinition(
            $"SELECT {VoucherColumns} FROM PointVoucher v JOIN PointCatalogItem i ON i.Id = v.ItemId WHERE v.OwnerAccountId = @ownerAccountId ORDER BY v.CreatedUtc DESC, v.Id DESC",
            new { ownerAccountId }, cancellationToken: ct));
        return rows.Select(r => r.ToVoucher()).ToList();
    }

    private sealed class ItemRow
    {
        public long Id { get; set; }
        public LocalizedText Name { get; set; } = default!;
        public LocalizedText? Description { get; set; }
        public string Kind { get; set; } = "";
        public long Price { get; set; }
        public long? Stock { get; set; }
        public long PerPersonLimit { get; set; }
        public long PartnerAccountId { get; set; }
        public bool IsActive { get; set; }

        public CatalogItem ToItem() => new(Id, Name, Description, Enum.Parse<CatalogItemKind>(Kind), Price, Stock, PerPersonLimit, PartnerAccountId, IsActive);
    }

    private sealed class VoucherRow
    {
        public long Id { get; set; }
        public string Code { get; set; } = "";
        public long ItemId { get; set; }
        public LocalizedText ItemName { get; set; } = default!;
        public long OwnerAccountId { get; set; }
        public long TransactionId { get; set; }
        public long Price { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset? UsedUtc { get; set; }
        public DateTimeOffset? CancelledUtc { get; set; }
        public long? CancelTransactionId { get; set; }

        public Voucher ToVoucher() => Voucher.Restore(Id, Code, ItemId, ItemName, OwnerAccountId, TransactionId, Price, CreatedUtc, UsedUtc, CancelledUtc, CancelTransactionId);
    }
}
