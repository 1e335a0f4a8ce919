using Dapper;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Points;

/// <summary>The ledger's invariants against every available provider: the code's checks and the database's.</summary>
public sealed class PointLedgerContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Earning_credits_a_lot_that_expires_at_the_end_of_the_following_fiscal_year(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();

        var result = await world.EarnAsync(resident, 50);

        Assert.False(result.Replayed);
        Assert.Equal(0, result.Transaction.Postings.Sum(p => p.Amount));
        var lot = Assert.Single(await world.Ledger.LotsAsync((await world.Ledger.WalletOfAsync(resident, Ct)).Id, Ct));
        Assert.Equal((50L, 50L, new DateOnly(2028, 3, 31)), (lot.Amount, lot.Remaining, lot.LastDay));
        Assert.Equal(50, await world.BalanceAsync(resident));
        Assert.Equal(-50, (await world.Ledger.AccountAsync(world.Funding.Id, Ct))!.Balance);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Spending_takes_the_oldest_expiring_lots_first(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 50);                       // fiscal 2026: lasts to 31 March 2028
        world.Clock.Advance(TimeSpan.FromDays(180));                // fiscal 2027: lasts to 31 March 2029
        await world.EarnAsync(resident, 80);

        var spend = await world.SpendAsync(resident, 70);

        var wallet = await world.Ledger.WalletOfAsync(resident, Ct);
        var lots = await world.Ledger.LotsAsync(wallet.Id, Ct);
        Assert.Equal([0L, 60L], lots.Select(l => l.Remaining));
        Assert.Equal([-50L, -20L], spend.Transaction.Postings.Where(p => p.AccountId == wallet.Id).Select(p => p.Amount));
        Assert.Equal(60, wallet.Balance);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_wallet_never_goes_below_zero_and_a_refused_spend_changes_nothing(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 50);
        var before = await world.SnapshotAsync();

        var refused = await Assert.ThrowsAsync<RuleException>(() => world.SpendAsync(resident, 51, "too-much"));

        Assert.Equal(PointsErrors.InsufficientPoints, refused.Key);
        Assert.Equal(before, await world.SnapshotAsync());
        Assert.Null(await world.Ledger.TransactionByKeyAsync("too-much", Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Posting_the_same_key_again_returns_the_first_result_and_moves_nothing(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        var first = await world.EarnAsync(resident, 50, "checkin:1:" + resident);
        var after = await world.SnapshotAsync();

        var again = await world.EarnAsync(resident, 50, "checkin:1:" + resident);

        Assert.True(again.Replayed);
        Assert.Equal(first.Transaction.Id, again.Transaction.Id);
        Assert.Equal(first.Transaction.Postings, again.Transaction.Postings);
        Assert.Equal(after, await world.SnapshotAsync());
        var conflict = await Assert.ThrowsAsync<RuleException>(() => world.EarnAsync(resident, 500, "checkin:1:" + resident));
        Assert.Equal(PointsErrors.KeyReused, conflict.Key);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_key_sent_by_many_at_once_is_posted_once(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.Ledger.WalletOfAsync(resident, Ct);

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => world.EarnAsync(resident, 50, "once"), Ct)));

        Assert.Single(results.Select(r => r.Transaction.Id).Distinct());
        Assert.Equal(1, results.Count(r => !r.Replayed));
        Assert.Equal(50, await world.BalanceAsync(resident));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task One_hundred_concurrent_redemptions_succeed_exactly_as_often_as_the_wallet_affords(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 500);
        world.Clock.Advance(TimeSpan.FromDays(200));
        await world.EarnAsync(resident, 500);                         // two lots, so spends cross from one to the other

        var attempts = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(async () =>
        {
            try
            {
                await world.SpendAsync(resident, 30, $"redeem:{resident}:{i}");
                return true;
            }
            catch (RuleException e) when (e.Key == PointsErrors.InsufficientPoints)
            {
                return false;
            }
        }, Ct)));

        Assert.Equal(1000 / 30, attempts.Count(ok => ok));
        Assert.Equal(1000 % 30, await world.BalanceAsync(resident));
        Assert.Equal(1000 / 30 * 30, (await world.Ledger.AccountAsync(world.Partner.Id, Ct))!.Balance);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reversal_names_its_original_gives_back_to_the_same_lots_and_happens_once(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 100);
        var spend = await world.SpendAsync(resident, 60);

        var reversal = await world.Service.ReverseAsync(spend.Transaction.Id, "cancel:1", "取消", null, Ct);

        Assert.Equal(spend.Transaction.Id, reversal.Transaction.ReversesId);
        Assert.Equal(100, await world.BalanceAsync(resident));
        Assert.Equal(0, (await world.Ledger.AccountAsync(world.Partner.Id, Ct))!.Balance);
        Assert.Equal(PointsErrors.AlreadyReversed,
            (await Assert.ThrowsAsync<RuleException>(() => world.Service.ReverseAsync(spend.Transaction.Id, "cancel:2", "取消", null, Ct))).Key);
        Assert.Equal(PointsErrors.CannotReverseReversal,
            (await Assert.ThrowsAsync<RuleException>(() => world.Service.ReverseAsync(reversal.Transaction.Id, "cancel:3", "取消", null, Ct))).Key);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Reversing_an_earning_that_was_already_spent_is_refused(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        var earn = await world.EarnAsync(resident, 100);
        await world.SpendAsync(resident, 60);

        var refused = await Assert.ThrowsAsync<RuleException>(() => world.Service.ReverseAsync(earn.Transaction.Id, "undo-earn", "誤付与", null, Ct));

        Assert.Equal(PointsErrors.InsufficientPoints, refused.Key);
        Assert.Equal(40, await world.BalanceAsync(resident));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_to_change_or_delete_a_posted_transaction(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        var earn = await world.EarnAsync(resident, 100);
        await using var connection = await world.Db.OpenAsync(Ct);
        var id = earn.Transaction.Id;
        var lot = earn.Transaction.Postings.Single(p => p.LotId is not null).LotId;

        foreach (var sql in new[]
        {
            "UPDATE PointTransaction SET Memo = 'changed' WHERE Id = @id",
            "DELETE FROM PointTransaction WHERE Id = @id",
            "UPDATE PointPosting SET Amount = Amount * 2 WHERE TransactionId = @id",
            "DELETE FROM PointPosting WHERE TransactionId = @id",
            "UPDATE PointLot SET Amount = 1000 WHERE Id = @lot",
            "DELETE FROM PointLot WHERE Id = @lot",
            "DELETE FROM PointAccount WHERE Kind = 'Wallet'",
        })
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => connection.ExecuteAsync(sql, new { id, lot }));
        }
        var read = await world.Ledger.TransactionAsync(id, Ct);
        Assert.Equal(earn.Transaction with { Postings = [] }, read! with { Postings = [] });
        Assert.Equal(earn.Transaction.Postings, read.Postings);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_database_refuses_postings_that_do_not_balance_or_overdraw_a_wallet(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        var earn = await world.EarnAsync(resident, 100);
        var wallet = await world.Ledger.WalletOfAsync(resident, Ct);
        var lot = earn.Transaction.Postings.Single(p => p.LotId is not null).LotId;
        var before = await world.SnapshotAsync();

        // Straight SQL past the code: an unbalanced pair, then a balanced pair that spends more than the lot holds.
        foreach (var (from, to) in new[] { (-40L, 30L), (-150L, 150L) })
        {
            await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => world.Db.WriteAsync(async (c, t) =>
            {
                var tx = await c.ExecuteScalarAsync<long>($"""
                    INSERT INTO PointTransaction (IdempotencyKey, Fingerprint, Kind, Memo, PostingCount, CreatedUtc)
                    VALUES (@key, 'x', 'Redeem', '', 2, @now){world.Db.Dialect.SelectInsertedId}
                    """, new { key = Guid.NewGuid().ToString("N"), now = LedgerWorld.Start }, t);
                await c.ExecuteAsync("INSERT INTO PointPosting (TransactionId, AccountId, LotId, Amount) VALUES (@tx, @wallet, @lot, @from)",
                    new { tx, wallet = wallet.Id, lot, from }, t);
                await c.ExecuteAsync("INSERT INTO PointPosting (TransactionId, AccountId, LotId, Amount) VALUES (@tx, @partner, NULL, @to)",
                    new { tx, partner = world.Partner.Id, to }, t);
                return tx;
            }, Ct));
        }
        // A wallet posting that names no lot.
        await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => world.Db.WriteAsync(async (c, t) =>
        {
            var tx = await c.ExecuteScalarAsync<long>($"""
                INSERT INTO PointTransaction (IdempotencyKey, Fingerprint, Kind, Memo, PostingCount, CreatedUtc)
                VALUES ('no-lot', 'x', 'Earn', '', 2, @now){world.Db.Dialect.SelectInsertedId}
                """, new { now = LedgerWorld.Start }, t);
            return await c.ExecuteAsync("INSERT INTO PointPosting (TransactionId, AccountId, LotId, Amount) VALUES (@tx, @wallet, NULL, 10)",
                new { tx, wallet = wallet.Id }, t);
        }, Ct));

        Assert.Equal(before, await world.SnapshotAsync());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_idempotency_key_is_unique_in_the_database(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 10, "dup");
        await using var connection = await world.Db.OpenAsync(Ct);

        var e = await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync(
            "INSERT INTO PointTransaction (IdempotencyKey, Fingerprint, Kind, Memo, PostingCount, CreatedUtc) VALUES ('dup', 'x', 'Earn', '', 2, @now)",
            new { now = LedgerWorld.Start }));
        Assert.True(world.Db.Dialect.IsUniqueViolation(e));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Expired_remainders_move_to_the_expiry_account_once(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 100);                          // lasts to 31 March 2028
        await world.SpendAsync(resident, 30);
        world.Clock.Advance(TimeSpan.FromDays(180));
        await world.EarnAsync(resident, 40);                           // lasts to 31 March 2029

        world.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 31, 14, 59, 0, TimeSpan.Zero)); // 23:59 on 31 March in Japan
        Assert.Equal(0, await world.Service.ExpireDueAsync(Ct));
        world.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 31, 15, 0, 0, TimeSpan.Zero));  // midnight: 1 April in Japan
        Assert.Equal(1, await world.Service.ExpireDueAsync(Ct));
        var after = await world.SnapshotAsync();
        Assert.Equal(0, await world.Service.ExpireDueAsync(Ct));

        Assert.Equal(after, await world.SnapshotAsync());
        Assert.Equal(40, await world.BalanceAsync(resident));
        Assert.Equal(70, (await world.Ledger.AccountAsync(world.Expiry.Id, Ct))!.Balance);
        Assert.Equal(PointsErrors.InsufficientPoints, (await Assert.ThrowsAsync<RuleException>(() => world.SpendAsync(resident, 41))).Key);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Points_given_back_to_an_expired_lot_are_moved_by_the_next_run(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 100);
        var spend = await world.SpendAsync(resident, 60);
        world.Clock.SetUtcNow(new DateTimeOffset(2028, 4, 1, 3, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await world.Service.ExpireDueAsync(Ct));

        await world.Service.ReverseAsync(spend.Transaction.Id, "cancel:late", "取消", null, Ct);
        Assert.Equal(0, (await world.Service.SummaryAsync(resident, Ct)).Spendable);
        Assert.Equal(1, await world.Service.ExpireDueAsync(Ct));

        Assert.Equal(0, await world.BalanceAsync(resident));
        Assert.Equal(100, (await world.Ledger.AccountAsync(world.Expiry.Id, Ct))!.Balance);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Residents_are_reminded_once_thirty_days_before_their_points_expire(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        await world.EarnAsync(resident, 100);
        await world.EarnAsync(resident, 20);
        await world.SpendAsync(resident, 30);

        world.Clock.SetUtcNow(new DateTimeOffset(2028, 2, 29, 15, 0, 0, TimeSpan.Zero)); // 1 March 2028 in Japan: 31 days left
        Assert.Equal(0, await world.Service.RemindExpiringAsync(Ct));
        world.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 1, 15, 0, 0, TimeSpan.Zero));  // 2 March: 30 days left
        Assert.Equal(1, await world.Service.RemindExpiringAsync(Ct));
        Assert.Equal(0, await world.Service.RemindExpiringAsync(Ct));

        await using var connection = await world.Db.OpenAsync(Ct);
        var notice = await connection.QuerySingleAsync<(string Kind, long AccountId, string ValuesJson, string Link)>(
            "SELECT Kind, AccountId, ValuesJson, Link FROM Notice WHERE DedupKey = @key", new { key = $"points:{resident}:expiring:2028-03-31" });
        Assert.Equal(("PointsExpiring", resident, "/points"), (notice.Kind, notice.AccountId, notice.Link));
        Assert.Contains("\"points\":\"90\"", notice.ValuesJson, StringComparison.Ordinal);
        var summary = await world.Service.SummaryAsync(resident, Ct);
        Assert.Equal(90, Assert.Single(summary.ExpiringSoon).Points);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_integrity_check_finds_a_balance_or_lot_changed_behind_the_ledger(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        var earn = await world.EarnAsync(resident, 100);
        var wallet = await world.Ledger.WalletOfAsync(resident, Ct);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);

        await using (var connection = await world.Db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("UPDATE PointAccount SET Balance = Balance + 7 WHERE Id = @Id", new { wallet.Id });
            await connection.ExecuteAsync("UPDATE PointLot SET Remaining = Remaining - 1 WHERE TransactionId = @Id", new { earn.Transaction.Id });
        }
        var report = await world.Service.CheckIntegrityAsync(Ct);

        Assert.False(report.IsClean);
        Assert.Contains(new IntegrityProblem("account-balance", wallet.Id, 107, 100), report.Problems);
        Assert.Contains(report.Problems, p => p.Kind == "lot-remaining" && p.Stored == 99 && p.Recomputed == 100);
        Assert.Contains(report.Problems, p => p.Kind == "wallet-lots" && p.Id == wallet.Id);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Replaying_every_request_twice_changes_nothing(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await LedgerWorld.CreateAsync(provider);
        var resident = await world.ResidentAsync();
        var nonProfit = await world.Ledger.OpenAccountAsync(PointAccountKind.NonProfit, "npo:test", "NPO法人", Ct);
        var adjustment = (await world.Ledger.AccountByCodeAsync(PointAccount.AdjustmentCode, Ct))!;
        var spendId = 0L;
        var requests = new List<Func<Task>>
        {
            () => world.EarnAsync(resident, 500, "earn:1"),
            () => world.EarnAsync(resident, 50, "earn:2"),
            async () => spendId = (await world.SpendAsync(resident, 120, "redeem:1")).Transaction.Id,
            () => world.Service.DebitAsync(resident, nonProfit.Id, 30, PointTransactionKind.Donate, "donate:1", "寄付", null, Ct),
            () => world.Service.CreditAsync(resident, adjustment.Id, 10, "adjust:1", "調整", null, Ct, PointTransactionKind.Adjust),
            () => world.Service.ReverseAsync(spendId, "cancel:1", "取消", null, Ct),
            async () => { world.Clock.SetUtcNow(new DateTimeOffset(2028, 3, 2, 0, 0, 0, TimeSpan.Zero)); await world.Service.RemindExpiringAsync(Ct); },
            async () => { world.Clock.SetUtcNow(new DateTimeOffset(2028, 4, 1, 0, 0, 0, TimeSpan.Zero)); await world.Service.ExpireDueAsync(Ct); },
        };

        var states = new List<string>();
        foreach (var request in requests)
        {
            await request();
            var once = await world.SnapshotAsync();
            await request();
            states.Add(once);
            Assert.Equal(once, await world.SnapshotAsync());
        }

        Assert.Equal(states.Count, states.Distinct().Count()); // every request did change something the first time
        Assert.Equal(0, await world.BalanceAsync(resident));
        Assert.Equal(530, (await world.Ledger.AccountAsync(world.Expiry.Id, Ct))!.Balance);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);
    }
}
