using System.Data.Common;
using Dapper;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Data.Points;

/// <summary>
/// The ledger's SQL. Every posting runs in one write transaction (SQLite: BEGIN IMMEDIATE; SQL Server: the
/// accounts, the key and the lots are read with UPDLOCK, HOLDLOCK), so concurrent spends of one wallet queue and
/// each sees the balance the one before it left. The database keeps balances from postings and refuses any
/// that would take a wallet or lot below zero.
/// </summary>
public sealed class PointLedgerRepository(PortalDatabase db, INoticeOutbox outbox, TimeProvider? time = null) : IPointLedger
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly GroupCommit? _group = db.Dialect.GroupsCommits ? new GroupCommit(db) : null;

    private const string AccountColumns = "Id, Kind, Code, Name, OwnerAccountId, Balance, IsActive, PublicName, Description";
    private const string LotColumns = "Id, WalletId, TransactionId, Amount, Remaining, ExpiresUtc, CreatedUtc";

    public SqlDialect Dialect => db.Dialect;

    public async Task<PointAccount> WalletOfAsync(long ownerAccountId, CancellationToken ct)
    {
        var code = PointAccount.WalletCode(ownerAccountId);
        if (await AccountByCodeAsync(code, ct) is { } wallet) return wallet;
        return await OpenWalletAsync(ownerAccountId, code, ct);
    }

    /// <summary>
    /// The id of a resident's wallet, opened on first use. A wallet's id never changes and a wallet is never
    /// deleted (a trigger refuses), so the id is kept in memory: posting for a resident needs no extra read.
    /// </summary>
    public async Task<long> WalletIdOfAsync(long ownerAccountId, CancellationToken ct)
    {
        if (_walletIds.TryGetValue(ownerAccountId, out var id)) return id;
        id = (await WalletOfAsync(ownerAccountId, ct)).Id;
        _walletIds.TryAdd(ownerAccountId, id);
        return id;
    }

    private readonly System.Collections.Concurrent.ConcurrentDictionary<long, long> _walletIds = new();

    private async Task<PointAccount> OpenWalletAsync(long ownerAccountId, string code, CancellationToken ct)
    {
        try
        {
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO PointAccount (Kind, Code, Name, OwnerAccountId, Balance, IsActive, CreatedUtc)
                VALUES ('Wallet', @code, @code, @ownerAccountId, 0, 1, @now)
                """, new { code, ownerAccountId, now = _time.GetUtcNow() }, cancellationToken: ct));
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // Opened by a concurrent request a moment ago.
        }
        return await AccountByCodeAsync(code, ct) ?? throw new InvalidOperationException($"Wallet of {ownerAccountId} was not opened.");
    }

    public async Task<PointAccount> OpenAccountAsync(PointAccountKind kind, string code, string name, CancellationToken ct)
    {
        if (kind == PointAccountKind.Wallet) throw new ArgumentException("Wallets are opened with WalletOfAsync.", nameof(kind));
        ArgumentException.ThrowIfNullOrWhiteSpace(code);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (await AccountByCodeAsync(code, ct) is { } existing) return existing;
        try
        {
            await using var connection = await db.OpenAsync(ct);
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO PointAccount (Kind, Code, Name, OwnerAccountId, Balance, IsActive, CreatedUtc)
                VALUES (@kind, @code, @name, NULL, 0, 1, @now)
                """, new { kind = kind.ToString(), code, name, now = _time.GetUtcNow() }, cancellationToken: ct));
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
        }
        return await AccountByCodeAsync(code, ct) ?? throw new InvalidOperationException($"Account {code} was not opened.");
    }

    public async Task<PointAccount?> AccountAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM PointAccount WHERE Id = @id", new { id }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task<PointAccount?> AccountByCodeAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM PointAccount WHERE Code = @code", new { code }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<PointAccount>> AccountsAsync(PointAccountKind kind, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM PointAccount WHERE Kind = @kind ORDER BY Name, Id", new { kind = kind.ToString() }, cancellationToken: ct));
        return rows.Select(r => r.ToAccount()).ToList();
    }

    public async Task SetAccountActiveAsync(long id, string name, bool active, CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE PointAccount SET Name = @name, IsActive = @active WHERE Id = @id AND Kind <> 'Wallet'", new { id, name, active }, cancellationToken: ct));
        if (rows != 1) throw new RuleException(PointsErrors.AccountNotFound);
    }

    public async Task SetPublicTextsAsync(long id, LocalizedText publicName, LocalizedText? description, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE PointAccount SET PublicName = @publicName, Description = @description WHERE Id = @id AND Kind IN ('Partner', 'NonProfit')",
            new { id, publicName, description }, cancellationToken: ct));
        if (rows != 1) throw new RuleException(PointsErrors.AccountNotFound);
    }

    public async Task<LedgerResult> PostAsync(LedgerRequest request, ExpiryPolicy policy, DateTimeOffset now, CancellationToken ct)
    {
        LedgerPosting.Check(request);
        try
        {
            // SQLite: requests that arrive together share one commit (see GroupCommit); SQL Server: one transaction each.
            return _group is not null
                ? await _group.RunAsync((connection, transaction) => PostAsync(connection, transaction, request, policy, now, ct))
                : await db.WriteAsync((connection, transaction) => PostAsync(connection, transaction, request, policy, now, ct), ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // The same key was posted by a concurrent request that committed first: answer with its result. With no
            // transaction under the key, the unique key that stopped it was the one reversal per transaction.
            return await ReplayAsync(request, ct) ?? throw new RuleException(PointsErrors.AlreadyReversed);
        }
    }

    /// <summary>
    /// Posts inside a write transaction the caller holds, for features that change their own rows in the same
    /// transaction (a redemption takes stock and issues a voucher with the points).
    /// </summary>
    public async Task<LedgerResult> PostAsync(DbConnection connection, DbTransaction transaction, LedgerRequest request, ExpiryPolicy policy,
        DateTimeOffset now, CancellationToken ct)
    {
        LedgerPosting.Check(request);
        var fingerprint = LedgerPosting.Fingerprint(request);
        var existing = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            $"SELECT Id, Fingerprint FROM PointTransaction{db.Dialect.LockForUpdate} WHERE IdempotencyKey = @IdempotencyKey",
            new { request.IdempotencyKey }, transaction, cancellationToken: ct));
        if (existing is not null)
        {
            if (existing.Fingerprint != fingerprint) throw new RuleException(PointsErrors.KeyReused);
            return new LedgerResult(await ReadTransactionAsync(connection, transaction, existing.Id, ct)
                ?? throw new InvalidOperationException("A transaction vanished."), Replayed: true);
        }

        // Hold every account the transaction touches, in id order so that two transactions never wait on each other.
        var ids = request.Lines.Select(l => l.AccountId).Distinct().Order().ToArray();
        var accounts = (await connection.QueryAsync<AccountRow>(new CommandDefinition(
            $"SELECT {AccountColumns} FROM PointAccount{db.Dialect.LockForUpdate} WHERE Id IN @ids", new { ids }, transaction, cancellationToken: ct)))
            .ToDictionary(a => a.Id, a => a.ToAccount());
        if (accounts.Count != ids.Length) throw new RuleException(PointsErrors.AccountNotFound);
        if (request.Kind != PointTransactionKind.Reverse && accounts.Values.Any(a => !a.IsActive))
            throw new RuleException(PointsErrors.AccountClosed);
        if (request.ReversesId is { } reversesId)
        {
            var taken = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                $"SELECT COUNT(*) FROM PointTransaction{db.Dialect.LockForUpdate} WHERE ReversesId = @reversesId", new { reversesId }, transaction, cancellationToken: ct));
            if (taken > 0) throw new RuleException(PointsErrors.AlreadyReversed);
        }

        var postings = new List<NewPosting>();
        foreach (var line in request.Lines)
        {
            var account = accounts[line.AccountId];
            if (account.Kind != PointAccountKind.Wallet)
            {
                if (line.LotId is not null) throw new RuleException(PointsErrors.AccountNotFound);
                postings.Add(new NewPosting(line.AccountId, line.Amount, null, NewLot: false));
            }
            else if (line.LotId is { } lotId)
            {
                var lot = await connection.QuerySingleOrDefaultAsync<LotRow>(new CommandDefinition(
                    $"SELECT {LotColumns} FROM PointLot{db.Dialect.LockForUpdate} WHERE Id = @lotId AND WalletId = @AccountId",
                    new { lotId, line.AccountId }, transaction, cancellationToken: ct)) ?? throw new RuleException(PointsErrors.AccountNotFound);
                if (lot.Remaining + line.Amount < 0 || lot.Remaining + line.Amount > lot.Amount) throw new RuleException(PointsErrors.InsufficientPoints);
                postings.Add(new NewPosting(line.AccountId, line.Amount, lotId, NewLot: false));
            }
            else if (line.Amount > 0)
            {
                postings.Add(new NewPosting(line.AccountId, line.Amount, null, NewLot: true));
            }
            else
            {
                var lots = await connection.QueryAsync<LotRow>(new CommandDefinition($"""
                    SELECT {LotColumns} FROM PointLot{db.Dialect.LockForUpdate}
                    WHERE WalletId = @AccountId AND Remaining > 0 AND ExpiresUtc > @now
                    ORDER BY ExpiresUtc, Id
                    """, new { line.AccountId, now }, transaction, cancellationToken: ct));
                foreach (var (spentLot, amount) in LotSpending.Allocate(lots.Select(l => l.ToLot()), -line.Amount, now))
                    postings.Add(new NewPosting(line.AccountId, -amount, spentLot, NewLot: false));
            }
        }

        var transactionId = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO PointTransaction (IdempotencyKey, Fingerprint, Kind, Memo, ReversesId, ActorAccountId, PostingCount, CreatedUtc)
            VALUES (@IdempotencyKey, @fingerprint, @kind, @Memo, @ReversesId, @ActorAccountId, @count, @now){db.Dialect.SelectInsertedId}
            """, new
        {
            request.IdempotencyKey, fingerprint, kind = request.Kind.ToString(), request.Memo, request.ReversesId, request.ActorAccountId,
            count = postings.Count, now,
        }, transaction, cancellationToken: ct));

        var expiresUtc = policy.ExpiresUtc(now);
        var stored = new List<Posting>(postings.Count);
        foreach (var posting in postings)
        {
            var lotId = posting.LotId;
            if (posting.NewLot)
            {
                lotId = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                    INSERT INTO PointLot (WalletId, TransactionId, Amount, Remaining, ExpiresUtc, CreatedUtc)
                    VALUES (@AccountId, @transactionId, @Amount, 0, @expiresUtc, @now){db.Dialect.SelectInsertedId}
                    """, new { posting.AccountId, transactionId, posting.Amount, expiresUtc, now }, transaction, cancellationToken: ct));
            }
            var postingId = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
                INSERT INTO PointPosting (TransactionId, AccountId, LotId, Amount)
                VALUES (@transactionId, @AccountId, @lotId, @Amount){db.Dialect.SelectInsertedId}
                """, new { transactionId, posting.AccountId, lotId, posting.Amount }, transaction, cancellationToken: ct));
            stored.Add(new Posting(postingId, transactionId, posting.AccountId, posting.Amount, lotId));
        }
        return new LedgerResult(new PointTransaction(transactionId, request.IdempotencyKey, request.Kind, request.Memo, request.ReversesId,
            request.ActorAccountId, now, stored), Replayed: false);
    }

    /// <summary>The result already posted under the request's key, or null.</summary>
    public async Task<LedgerResult?> ReplayAsync(LedgerRequest request, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var existing = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition(
            "SELECT Id, Fingerprint FROM PointTransaction WHERE IdempotencyKey = @IdempotencyKey", new { request.IdempotencyKey }, cancellationToken: ct));
        if (existing is null) return null;
        if (existing.Fingerprint != LedgerPosting.Fingerprint(request)) throw new RuleException(PointsErrors.KeyReused);
        return new LedgerResult((await ReadTransactionAsync(connection, null, existing.Id, ct))!, Replayed: true);
    }

    public async Task<PointTransaction?> TransactionAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await ReadTransactionAsync(connection, null, id, ct);
    }

    public async Task<PointTransaction?> TransactionByKeyAsync(string key, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
            "SELECT Id FROM PointTransaction WHERE IdempotencyKey = @key", new { key }, cancellationToken: ct));
        return id is { } found ? await ReadTransactionAsync(connection, null, found, ct) : null;
    }

    public static async Task<PointTransaction?> ReadTransactionAsync(DbConnection connection, DbTransaction? transaction, long id, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<TransactionRow>(new CommandDefinition("""
            SELECT Id, IdempotencyKey, Fingerprint, Kind, Memo, ReversesId, ActorAccountId, CreatedUtc FROM PointTransaction WHERE Id = @id
            """, new { id }, transaction, cancellationToken: ct));
        if (row is null) return null;
        var postings = await connection.QueryAsync<PostingRow>(new CommandDefinition(
            "SELECT Id, TransactionId, AccountId, LotId, Amount FROM PointPosting WHERE TransactionId = @id ORDER BY Id", new { id }, transaction, cancellationToken: ct));
        return new PointTransaction(row.Id, row.IdempotencyKey, Enum.Parse<PointTransactionKind>(row.Kind), row.Memo, row.ReversesId, row.ActorAccountId,
            row.CreatedUtc, postings.Select(p => new Posting(p.Id, p.TransactionId, p.AccountId, p.Amount, p.LotId)).ToList());
    }

    public async Task<IReadOnlyList<PointLot>> LotsAsync(long walletId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LotRow>(new CommandDefinition(
            $"SELECT {LotColumns} FROM PointLot WHERE WalletId = @walletId ORDER BY ExpiresUtc, Id", new { walletId }, cancellationToken: ct));
        return rows.Select(r => r.ToLot()).ToList();
    }

    // Points_ReadSpendableByExpiry
    public async Task<IReadOnlyList<SpendablePoints>> SpendableByExpiryAsync(long ownerAccountId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<SpendableRow>(new CommandDefinition("""
            SELECT l.ExpiresUtc, SUM(l.Remaining) AS Points
            FROM PointAccount a JOIN PointLot l ON l.WalletId = a.Id
            WHERE a.OwnerAccountId = @ownerAccountId AND a.Kind = 'Wallet' AND l.Remaining > 0 AND l.ExpiresUtc > @now
            GROUP BY l.ExpiresUtc
            ORDER BY l.ExpiresUtc
            """, new { ownerAccountId, now }, cancellationToken: ct));
        return rows.Select(r => new SpendablePoints(r.ExpiresUtc, r.Points)).ToList();
    }

    public async Task<IReadOnlyList<WalletHistoryEntry>> HistoryAsync(long walletId, WalletHistoryQuery query, CancellationToken ct)
    {
        var clauses = new List<string> { "p.AccountId = @walletId" };
        var parameters = new DynamicParameters(new { walletId, query.Skip, Take = Math.Clamp(query.Take, 1, 200) });
        if (query.Kind is { } kind) { clauses.Add("t.Kind = @kind"); parameters.Add("kind", kind.ToString()); }
        if (query.FromUtc is { } from) { clauses.Add("t.CreatedUtc >= @from"); parameters.Add("from", from); }
        if (query.ToUtc is { } to) { clauses.Add("t.CreatedUtc < @to"); parameters.Add("to", to); }
        await using var connection = await db.OpenAsync(ct);
        // One row per transaction: the wallet's postings summed (a spend over several lots is several postings), and
        // the largest other account as the counterparty.
        var rows = await connection.QueryAsync<HistoryRow>(new CommandDefinition($"""
            SELECT t.Id AS TransactionId, t.Kind, t.Memo, t.ReversesId, t.CreatedUtc, t.IdempotencyKey, w.Amount,
                   (SELECT COUNT(*) FROM PointTransaction r WHERE r.ReversesId = t.Id) AS ReversedCount,
                   (SELECT MIN(o.AccountId) FROM PointPosting o WHERE o.TransactionId = t.Id AND o.AccountId <> @walletId) AS CounterpartyId,
                   (SELECT MIN(a.Name) FROM PointPosting o JOIN PointAccount a ON a.Id = o.AccountId
                     WHERE o.TransactionId = t.Id AND o.AccountId <> @walletId) AS CounterpartyName,
                   (SELECT MIN(a.Kind) FROM PointPosting o JOIN PointAccount a ON a.Id = o.AccountId
                     WHERE o.TransactionId = t.Id AND o.AccountId <> @walletId) AS CounterpartyKind
            FROM (SELECT p.TransactionId, SUM(p.Amount) AS Amount FROM PointPosting p
                  JOIN PointTransaction t ON t.Id = p.TransactionId
                  WHERE {string.Join(" AND ", clauses)} GROUP BY p.TransactionId) w
            JOIN PointTransaction t ON t.Id = w.TransactionId
            ORDER BY t.CreatedUtc DESC, t.Id DESC{db.Dialect.Page}
            """, parameters, cancellationToken: ct));
        var list = rows.ToList();
        var subjects = await HistorySubjectsAsync(connection, list, ct);
        return list.Select(r => new WalletHistoryEntry(r.TransactionId, Enum.Parse<PointTransactionKind>(r.Kind), r.Memo, r.Amount,
            r.CounterpartyName ?? "", Enum.TryParse<PointAccountKind>(r.CounterpartyKind, out var k) ? k : PointAccountKind.Adjustment,
            r.ReversesId, r.ReversedCount > 0, r.CreatedUtc, subjects.GetValueOrDefault(r.TransactionId))).ToList();
    }

    /// <summary>
    /// What each history line was about, as the city's text in every language today: the event checked in at, the
    /// catalogue item exchanged (or given back), else the programme that paid or the partner or non-profit that
    /// received. Read in three small queries for the page, not per line; the ledger's memo stays as posted.
    /// </summary>
    private static async Task<Dictionary<long, LocalizedText>> HistorySubjectsAsync(DbConnection connection, IReadOnlyList<HistoryRow> rows, CancellationToken ct)
    {
        var subjects = new Dictionary<long, LocalizedText>();
        if (rows.Count == 0) return subjects;

        var eventOf = rows.Select(r => (r.TransactionId, Event: CheckInCode.EventOf(r.IdempotencyKey))).Where(e => e.Event is not null).ToList();
        if (eventOf.Count > 0)
        {
            var titles = (await connection.QueryAsync<TextRow>(new CommandDefinition(
                "SELECT Id, Title AS Text FROM PointEvent WHERE Id IN @ids", new { ids = eventOf.Select(e => e.Event!.Value).Distinct().ToList() }, cancellationToken: ct)))
                .ToDictionary(e => e.Id, e => e.Text);
            foreach (var (transaction, eventId) in eventOf)
                if (titles.TryGetValue(eventId!.Value, out var title)) subjects[transaction] = title;
        }

        var exchanges = rows.Where(r => !subjects.ContainsKey(r.TransactionId) && r.Kind is nameof(PointTransactionKind.Redeem) or nameof(PointTransactionKind.Reverse))
            .Select(r => (r.TransactionId, Redemption: r.ReversesId ?? r.TransactionId)).ToList();
        if (exchanges.Count > 0)
        {
            var items = (await connection.QueryAsync<TextRow>(new CommandDefinition("""
                SELECT v.TransactionId AS Id, i.Name AS Text FROM PointVoucher v JOIN PointCatalogItem i ON i.Id = v.ItemId WHERE v.TransactionId IN @ids
                """, new { ids = exchanges.Select(e => e.Redemption).Distinct().ToList() }, cancellationToken: ct)))
                .ToDictionary(i => i.Id, i => i.Text);
            foreach (var (transaction, redemption) in exchanges)
                if (items.TryGetValue(redemption, out var name)) subjects[transaction] = name;
        }

        var others = rows.Where(r => !subjects.ContainsKey(r.TransactionId) && r.CounterpartyId is not null).ToList();
        if (others.Count > 0)
        {
            var names = (await connection.QueryAsync<CounterpartyRow>(new CommandDefinition("""
                SELECT a.Id, a.PublicName, p.Name AS ProgrammeName FROM PointAccount a LEFT JOIN PointProgramme p ON p.FundingAccountId = a.Id
                WHERE a.Id IN @ids
                """, new { ids = others.Select(o => o.CounterpartyId!.Value).Distinct().ToList() }, cancellationToken: ct)))
                .Where(c => (c.ProgrammeName ?? c.PublicName) is not null)
                .ToDictionary(c => c.Id, c => (c.ProgrammeName ?? c.PublicName)!);
            foreach (var row in others)
                if (names.TryGetValue(row.CounterpartyId!.Value, out var name)) subjects[row.TransactionId] = name;
        }
        return subjects;
    }

    public async Task<IReadOnlyList<PointLot>> ExpiredWithRemainderAsync(DateTimeOffset now, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<LotRow>(new CommandDefinition($"""
            SELECT {LotColumns} FROM PointLot WHERE Remaining > 0 AND ExpiresUtc <= @now ORDER BY ExpiresUtc, Id{db.Dialect.Page}
            """, new { now, Skip = 0, Take = take }, cancellationToken: ct));
        return rows.Select(r => r.ToLot()).ToList();
    }

    public Task<int> QueueExpiryRemindersAsync(DateTimeOffset now, DateTimeOffset horizon, Func<ExpiringPoints, Notice> notice, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var rows = await connection.QueryAsync<ExpiringRow>(new CommandDefinition("""
                SELECT a.OwnerAccountId, l.WalletId, l.ExpiresUtc, SUM(l.Remaining) AS Points
                FROM PointLot l JOIN PointAccount a ON a.Id = l.WalletId
                WHERE l.Remaining > 0 AND l.ExpiresUtc > @now AND l.ExpiresUtc <= @horizon
                GROUP BY a.OwnerAccountId, l.WalletId, l.ExpiresUtc
                ORDER BY l.ExpiresUtc, l.WalletId
                """, new { now, horizon }, transaction, cancellationToken: ct));
            // Lots expiring the same Japan day are one reminder.
            var queued = 0;
            foreach (var group in rows.GroupBy(r => (r.OwnerAccountId, r.WalletId, Day: ExpiryPolicy.LastDayOf(r.ExpiresUtc))))
            {
                var points = new ExpiringPoints(group.Key.OwnerAccountId, group.Key.WalletId, group.Key.Day, group.Sum(r => r.Points));
                if (await outbox.EnqueueAsync(connection, transaction, notice(points), ct)) queued++;
            }
            return queued;
        }, ct);

    public async Task<IntegrityReport> CheckIntegrityAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var problems = new List<IntegrityProblem>();
        var balances = await connection.QueryAsync<(long Id, long Stored, long Recomputed)>(new CommandDefinition("""
            SELECT a.Id, a.Balance, COALESCE((SELECT SUM(p.Amount) FROM PointPosting p WHERE p.AccountId = a.Id), 0) FROM PointAccount a
            """, cancellationToken: ct));
        var accountCount = 0;
        foreach (var (id, stored, recomputed) in balances)
        {
            accountCount++;
            if (stored != recomputed) problems.Add(new IntegrityProblem("account-balance", id, stored, recomputed));
        }
        problems.AddRange((await connection.QueryAsync<(long Id, long Stored)>(new CommandDefinition(
            "SELECT Id, Balance FROM PointAccount WHERE Kind = 'Wallet' AND Balance < 0", cancellationToken: ct)))
            .Select(r => new IntegrityProblem("wallet-negative", r.Id, r.Stored, 0)));

        var lots = await connection.QueryAsync<(long Id, long Amount, long Stored, long Recomputed, long Credited)>(new CommandDefinition("""
            SELECT l.Id, l.Amount, l.Remaining,
                   COALESCE((SELECT SUM(p.Amount) FROM PointPosting p WHERE p.LotId = l.Id), 0),
                   COALESCE((SELECT SUM(p.Amount) FROM PointPosting p WHERE p.LotId = l.Id AND p.TransactionId = l.TransactionId), 0)
            FROM PointLot l
            """, cancellationToken: ct));
        var lotCount = 0;
        foreach (var (id, amount, stored, recomputed, credited) in lots)
        {
            lotCount++;
            if (stored != recomputed) problems.Add(new IntegrityProblem("lot-remaining", id, stored, recomputed));
            if (recomputed < 0 || recomputed > amount) problems.Add(new IntegrityProblem("lot-bounds", id, amount, recomputed));
            if (credited != amount) problems.Add(new IntegrityProblem("lot-credit", id, amount, credited));
        }

        var transactions = await connection.QueryAsync<(long Id, long Declared, long Count, long Sum)>(new CommandDefinition("""
            SELECT t.Id, CAST(t.PostingCount AS BIGINT), CAST(COUNT(p.Id) AS BIGINT), COALESCE(SUM(p.Amount), 0)
            FROM PointTransaction t LEFT JOIN PointPosting p ON p.TransactionId = t.Id
            GROUP BY t.Id, t.PostingCount
            """, cancellationToken: ct));
        var transactionCount = 0;
        foreach (var (id, declared, count, sum) in transactions)
        {
            transactionCount++;
            if (count != declared) problems.Add(new IntegrityProblem("transaction-postings", id, declared, count));
            if (sum != 0) problems.Add(new IntegrityProblem("transaction-sum", id, 0, sum));
        }

        problems.AddRange((await connection.QueryAsync<long>(new CommandDefinition("""
            SELECT p.Id FROM PointPosting p JOIN PointAccount a ON a.Id = p.AccountId LEFT JOIN PointLot l ON l.Id = p.LotId
            WHERE (a.Kind = 'Wallet' AND (l.Id IS NULL OR l.WalletId <> p.AccountId)) OR (a.Kind <> 'Wallet' AND p.LotId IS NOT NULL)
            """, cancellationToken: ct))).Select(id => new IntegrityProblem("posting-lot", id, 0, 0)));

        // The sum of a wallet's lots is its balance.
        problems.AddRange((await connection.QueryAsync<(long Id, long Stored, long Recomputed)>(new CommandDefinition("""
            SELECT a.Id, a.Balance, COALESCE((SELECT SUM(l.Remaining) FROM PointLot l WHERE l.WalletId = a.Id), 0) AS LotTotal
            FROM PointAccount a WHERE a.Kind = 'Wallet'
            """, cancellationToken: ct))).Where(r => r.Stored != r.Recomputed).Select(r => new IntegrityProblem("wallet-lots", r.Id, r.Stored, r.Recomputed)));

        return new IntegrityReport(accountCount, lotCount, transactionCount, problems, now);
    }

    public async Task<IReadOnlyList<PointsMonth>> MonthlyTotalsAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var month = db.Dialect.JapanMonth("t.CreatedUtc");
        var rows = await connection.QueryAsync<(string Month, string Kind, long Amount)>(new CommandDefinition($"""
            SELECT {month} AS Month, a.Kind, SUM(p.Amount) AS Amount
            FROM PointPosting p JOIN PointTransaction t ON t.Id = p.TransactionId JOIN PointAccount a ON a.Id = p.AccountId
            GROUP BY {month}, a.Kind
            ORDER BY 1
            """, cancellationToken: ct));
        var outstanding = 0L;
        var months = new List<PointsMonth>();
        foreach (var group in rows.GroupBy(r => r.Month).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            long Sum(PointAccountKind kind) => group.Where(r => r.Kind == kind.ToString()).Sum(r => r.Amount);
            outstanding += Sum(PointAccountKind.Wallet);
            months.Add(new PointsMonth(group.Key, -Sum(PointAccountKind.Funding), Sum(PointAccountKind.Partner), Sum(PointAccountKind.NonProfit),
                Sum(PointAccountKind.Expiry), -Sum(PointAccountKind.Adjustment), outstanding));
        }
        return months;
    }

    public async Task<long> IssuedInMonthAsync(string month, string? wardId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var inWard = wardId is null ? "" : """
             AND EXISTS (SELECT 1 FROM PointPosting wp JOIN PointAccount w ON w.Id = wp.AccountId
                         JOIN RegisterResident r ON r.AccountId = w.OwnerAccountId JOIN RegisterHousehold h ON h.Id = r.HouseholdId
                         WHERE wp.TransactionId = t.Id AND w.Kind = 'Wallet' AND h.WardId = @wardId)
            """;
        return -await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            SELECT COALESCE(SUM(p.Amount), 0)
            FROM PointPosting p JOIN PointTransaction t ON t.Id = p.TransactionId JOIN PointAccount a ON a.Id = p.AccountId
            WHERE a.Kind = 'Funding' AND {db.Dialect.JapanMonth("t.CreatedUtc")} = @month
            """ + inWard, new { month, wardId }, cancellationToken: ct));
    }

    private sealed record NewPosting(long AccountId, long Amount, long? LotId, bool NewLot);

    private sealed class AccountRow
    {
        public long Id { get; set; }
        public string Kind { get; set; } = "";
        public string Code { get; set; } = "";
        public string Name { get; set; } = "";
        public long? OwnerAccountId { get; set; }
        public long Balance { get; set; }
        public bool IsActive { get; set; }
        public LocalizedText? PublicName { get; set; }
        public LocalizedText? Description { get; set; }

        public PointAccount ToAccount() => new(Id, Enum.Parse<PointAccountKind>(Kind), Code, Name, OwnerAccountId, Balance, IsActive, PublicName, Description);
    }

    private sealed class TextRow
    {
        public long Id { get; set; }
        public LocalizedText Text { get; set; } = default!;
    }

    private sealed class CounterpartyRow
    {
        public long Id { get; set; }
        public LocalizedText? PublicName { get; set; }
        public LocalizedText? ProgrammeName { get; set; }
    }

    private sealed class LotRow
    {
        public long Id { get; set; }
        public long WalletId { get; set; }
        public long TransactionId { get; set; }
        public long Amount { get; set; }
        public long Remaining { get; set; }
        public DateTimeOffset ExpiresUtc { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }

        public PointLot ToLot() => new(Id, WalletId, TransactionId, Amount, Remaining, ExpiresUtc, CreatedUtc);
    }

    private sealed class TransactionRow
    {
        public long Id { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public string Fingerprint { get; set; } = "";
        public string Kind { get; set; } = "";
        public string Memo { get; set; } = "";
        public long? ReversesId { get; set; }
        public long? ActorAccountId { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
    }

    private sealed class PostingRow
    {
        public long Id { get; set; }
        public long TransactionId { get; set; }
        public long AccountId { get; set; }
        public long? LotId { get; set; }
        public long Amount { get; set; }
    }

    private sealed class HistoryRow
    {
        public long TransactionId { get; set; }
        public string Kind { get; set; } = "";
        public string Memo { get; set; } = "";
        public long? ReversesId { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public long Amount { get; set; }
        public long ReversedCount { get; set; }
        public long? CounterpartyId { get; set; }
        public string? CounterpartyName { get; set; }
        public string? CounterpartyKind { get; set; }
    }

    private sealed class SpendableRow
    {
        public DateTimeOffset ExpiresUtc { get; set; }
        public long Points { get; set; }
    }

    private sealed class ExpiringRow
    {
        public long OwnerAccountId { get; set; }
        public long WalletId { get; set; }
        public DateTimeOffset ExpiresUtc { get; set; }
        public long Points { get; set; }
    }
}
