using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>Claiming, recording, recovering and retrying deliveries against every database provider.</summary>
public sealed class NoticeDeliveryRepositoryContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    internal static async Task<long> ResidentAsync(PortalDatabase db, string email, string? culture = null)
    {
        var account = UserAccount.Create(email, "千葉 花子", "hash", Role.Resident, null, Now);
        if (culture is not null) account.SetPreferredCulture(culture);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    internal static Notice PointsNotice(long accountId, string key) =>
        new(NoticeKind.PointsExpiring, new NoticeRecipient.Account(accountId), key,
            new Dictionary<string, string> { ["points"] = "300", ["expiryDate"] = "2027-03-31" }, "/points");

    /// <summary>A fresh database with one resident and <paramref name="notices"/> in-app notices for them in the outbox.</summary>
    private static async Task<(TestDatabase Test, long AccountId, NoticeDeliveryRepository Repository)> WorldAsync(
        DatabaseProvider provider, string email, int notices, string? culture = null)
    {
        Providers.SkipUnlessAvailable(provider);
        var test = TestDatabase.Create(provider);
        var id = await ResidentAsync(test.Database, email, culture);
        var outbox = new NoticeOutbox(test.Database, ActiveChannels.InAppOnly, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now));
        for (var i = 0; i < notices; i++) await outbox.EnqueueAsync(PointsNotice(id, $"points:{email}:{i}"), Ct);
        return (test, id, new NoticeDeliveryRepository(test.Database));
    }

    private static async Task<string> StatusAsync(PortalDatabase db, long deliveryId)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.ExecuteScalarAsync<string>("SELECT Status FROM NoticeDelivery WHERE Id = @deliveryId", new { deliveryId }) ?? "";
    }

    private static async Task<(string Status, int Attempts, string? LastError)> RowAsync(PortalDatabase db, long deliveryId)
    {
        await using var connection = await db.OpenAsync(Ct);
        return await connection.QuerySingleAsync<(string, int, string?)>("SELECT Status, Attempts, LastError FROM NoticeDelivery WHERE Id = @deliveryId", new { deliveryId });
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_claim_takes_due_pending_deliveries_oldest_first_and_leaves_future_ones(DatabaseProvider provider)
    {
        var (test, _, repository) = await WorldAsync(provider, "claim@example.jp", 2, "en");
        using var _ = test;
        var db = test.Database;

        var early = await repository.ClaimDueAsync(Now.AddSeconds(-1), 10, Now.AddMinutes(2), Ct);
        var claimed = await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(2), Ct);
        var again = await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(2), Ct);

        Assert.Empty(early);
        Assert.Equal(2, claimed.Count);
        Assert.True(claimed[0].DeliveryId < claimed[1].DeliveryId);
        Assert.Empty(again);
        var first = claimed[0];
        Assert.Equal(NoticeKind.PointsExpiring, first.Kind);
        Assert.Equal(NoticeChannel.InApp, first.Channel);
        Assert.Equal("en", first.Culture);
        Assert.Equal("300", first.Values["points"]);
        Assert.Equal("/points", first.Link);
        Assert.Equal("Sending", await StatusAsync(db, first.DeliveryId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_workers_claiming_together_never_get_the_same_row(DatabaseProvider provider)
    {
        var (test, _, _) = await WorldAsync(provider, "race@example.jp", 40);
        using var _ = test;
        var db = test.Database;

        var workers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            var repository = new NoticeDeliveryRepository(db);
            var mine = new List<long>();
            while (true)
            {
                var batch = await repository.ClaimDueAsync(Now, 3, Now.AddMinutes(2), Ct);
                if (batch.Count == 0) return mine;
                mine.AddRange(batch.Select(b => b.DeliveryId));
            }
        }, Ct)).ToList();
        var claims = (await Task.WhenAll(workers)).SelectMany(c => c).ToList();

        Assert.Equal(40, claims.Count);
        Assert.Equal(40, claims.Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sent_retry_and_dead_each_move_only_a_claimed_delivery(DatabaseProvider provider)
    {
        var (test, _, repository) = await WorldAsync(provider, "mark@example.jp", 3);
        using var _ = test;
        var db = test.Database;
        var batch = await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(2), Ct);
        foreach (var d in batch) Assert.True(await repository.BeginAttemptAsync(d, Now, Now.AddMinutes(2), Ct));

        Assert.True(await repository.MarkSentAsync(batch[0], Now, Ct));
        Assert.True(await repository.MarkRetryAsync(batch[1], Now.AddMinutes(2), "timeout", Ct));
        Assert.True(await repository.MarkDeadAsync(batch[2], "rejected: gone", Ct));
        Assert.False(await repository.MarkSentAsync(batch[2], Now, Ct));
        Assert.False(await repository.BeginAttemptAsync(batch[0], Now, Now.AddMinutes(2), Ct));

        Assert.Equal(("Sent", 1, (string?)null), await RowAsync(db, batch[0].DeliveryId));
        Assert.Equal(("Pending", 1, "timeout"), await RowAsync(db, batch[1].DeliveryId));
        Assert.Equal(("Dead", 1, "rejected: gone"), await RowAsync(db, batch[2].DeliveryId));
        Assert.Empty(await repository.ClaimDueAsync(Now.AddMinutes(1), 10, Now.AddMinutes(3), Ct));
        Assert.Equal([batch[1].DeliveryId], (await repository.ClaimDueAsync(Now.AddMinutes(2), 10, Now.AddMinutes(4), Ct)).Select(d => d.DeliveryId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_worker_whose_claim_was_taken_over_can_neither_send_nor_record(DatabaseProvider provider)
    {
        var (test, _, repository) = await WorldAsync(provider, "takeover@example.jp", 1);
        using var _ = test;
        var slow = Assert.Single(await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(1), Ct));

        // The slow worker's lease runs out before it reaches this delivery; another worker recovers and takes it.
        await repository.RecoverExpiredAsync(Now.AddMinutes(2), (_, _) => throw new InvalidOperationException("never tried"), Ct);
        var other = Assert.Single(await repository.ClaimDueAsync(Now.AddMinutes(2), 10, Now.AddMinutes(4), Ct));

        Assert.NotEqual(slow.Claim, other.Claim);
        Assert.False(await repository.BeginAttemptAsync(slow, Now.AddMinutes(2), Now.AddMinutes(4), Ct));
        Assert.False(await repository.MarkSentAsync(slow, Now.AddMinutes(2), Ct));
        Assert.False(await repository.MarkDeadAsync(slow, "late", Ct));
        Assert.True(await repository.BeginAttemptAsync(other, Now.AddMinutes(2), Now.AddMinutes(4), Ct));
        Assert.True(await repository.MarkSentAsync(other, Now.AddMinutes(2), Ct));
        Assert.Equal(("Sent", 1, (string?)null), await RowAsync(test.Database, other.DeliveryId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_expired_lease_returns_untried_rows_to_pending_and_asks_the_rule_about_tried_ones(DatabaseProvider provider)
    {
        var (test, _, repository) = await WorldAsync(provider, "lease@example.jp", 2);
        using var _ = test;
        var db = test.Database;
        var batch = await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(2), Ct);
        await repository.BeginAttemptAsync(batch[0], Now, Now.AddMinutes(2), Ct);
        var asked = new List<(NoticeChannel, int)>();

        var early = await repository.RecoverExpiredAsync(Now.AddMinutes(1), (c, a) => throw new InvalidOperationException("lease not over"), Ct);
        var recovered = await repository.RecoverExpiredAsync(Now.AddMinutes(3), (channel, attempts) =>
        {
            asked.Add((channel, attempts));
            return new DeliveryDecision.Dead(DeliveryRules.InterruptedReason);
        }, Ct);

        Assert.Equal(0, early);
        Assert.Equal(2, recovered);
        Assert.Equal([(NoticeChannel.InApp, 1)], asked);
        Assert.Equal(("Dead", 1, DeliveryRules.InterruptedReason), await RowAsync(db, batch[0].DeliveryId));
        Assert.Equal(("Pending", 0, (string?)null), await RowAsync(db, batch[1].DeliveryId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Dead_letters_go_back_with_their_tries_reset_and_the_log_filters_them(DatabaseProvider provider)
    {
        var (test, _, repository) = await WorldAsync(provider, "hanako.log@example.jp", 1);
        using var _ = test;
        var db = test.Database;
        var taro = await ResidentAsync(db, "taro.log@example.jp");
        await new NoticeOutbox(db, ActiveChannels.InAppOnly, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now)).EnqueueAsync(PointsNotice(taro, "points:log:2"), Ct);
        var batch = await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(2), Ct);
        await repository.BeginAttemptAsync(batch[0], Now, Now.AddMinutes(2), Ct);
        await repository.MarkDeadAsync(batch[0], "gave up", Ct);
        await repository.MarkSentAsync(batch[1], Now, Ct);

        var dead = await repository.SearchAsync(new DeliveryFilter(Status: DeliveryStatus.Dead), Ct);
        var byName = await repository.SearchAsync(new DeliveryFilter(Recipient: "taro.log"), Ct);
        var byKindAndDay = await repository.CountAsync(new DeliveryFilter(Kind: NoticeKind.PointsExpiring, Channel: NoticeChannel.InApp,
            FromUtc: Now.AddHours(-1), ToUtc: Now.AddHours(1)), Ct);
        var otherKind = await repository.CountAsync(new DeliveryFilter(Kind: NoticeKind.TicketNear), Ct);

        var entry = Assert.Single(dead);
        Assert.Equal((batch[0].DeliveryId, 1, "gave up", "hanako.log@example.jp"), (entry.DeliveryId, entry.Attempts, entry.LastError, entry.AccountEmail));
        Assert.Equal(DeliveryStatus.Sent, Assert.Single(byName).Status);
        Assert.Equal(2, byKindAndDay);
        Assert.Equal(0, otherKind);

        var moved = await repository.RetryDeadAsync([batch[0].DeliveryId, batch[1].DeliveryId], Now.AddHours(1), Ct);

        Assert.Equal([batch[0].DeliveryId], moved);
        Assert.Equal(("Pending", 0, "gave up"), await RowAsync(db, batch[0].DeliveryId));
        Assert.Equal("Sent", await StatusAsync(db, batch[1].DeliveryId));
        Assert.Equal([batch[0].DeliveryId], (await repository.ClaimDueAsync(Now.AddHours(1), 10, Now.AddHours(2), Ct)).Select(d => d.DeliveryId));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_gone_address_is_forgotten(DatabaseProvider provider)
    {
        var (test, id, repository) = await WorldAsync(provider, "gone@example.jp", 0);
        using var _ = test;
        var db = test.Database;
        long subscription;
        await using (var connection = await db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("INSERT INTO LineLink (AccountId, LineUserId, LinkedUtc) VALUES (@id, 'U-gone', @Now)", new { id, Now });
            subscription = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, CreatedUtc) VALUES (@id, 'https://push.example/gone', 'k', 'a', @Now)"
                + db.Dialect.SelectInsertedId, new { id, Now });
        }

        await repository.ForgetAddressAsync(NoticeChannel.WebPush, subscription.ToString(System.Globalization.CultureInfo.InvariantCulture), Ct);
        await repository.ForgetAddressAsync(NoticeChannel.Line, "U-gone", Ct);

        await using var check = await db.OpenAsync(Ct);
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PushSubscription"));
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM LineLink"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_inbox_shows_only_delivered_notices_of_the_account_and_counts_the_unread(DatabaseProvider provider)
    {
        var (test, hanako, repository) = await WorldAsync(provider, "inbox.hanako@example.jp", 3);
        using var _ = test;
        var db = test.Database;
        var taro = await ResidentAsync(db, "inbox.taro@example.jp");
        await new NoticeOutbox(db, ActiveChannels.InAppOnly, new Microsoft.Extensions.Time.Testing.FakeTimeProvider(Now)).EnqueueAsync(PointsNotice(taro, "points:inbox:4"), Ct);
        var batch = await repository.ClaimDueAsync(Now, 10, Now.AddMinutes(2), Ct);
        // Hanako's first two and Taro's one are delivered; Hanako's third is still on its way.
        foreach (var d in new[] { batch[0], batch[1], batch[3] }) await repository.MarkSentAsync(d, Now, Ct);
        var inbox = new NoticeInboxRepository(db);

        Assert.Equal(2, await inbox.CountUnreadAsync(hanako, Ct));
        Assert.Equal(2, await inbox.CountAsync(hanako, Ct));
        var list = await inbox.ListAsync(hanako, 0, 10, Ct);
        Assert.Equal(2, list.Count);
        Assert.True(list[0].Id > list[1].Id);

        Assert.False(await inbox.MarkReadAsync(taro, list[0].Id, Now, Ct));
        Assert.True(await inbox.MarkReadAsync(hanako, list[0].Id, Now, Ct));
        Assert.False(await inbox.MarkReadAsync(hanako, list[0].Id, Now, Ct));
        Assert.Equal(1, await inbox.CountUnreadAsync(hanako, Ct));
        Assert.Equal(1, await inbox.MarkAllReadAsync(hanako, Now, Ct));
        Assert.Equal(0, await inbox.CountUnreadAsync(hanako, Ct));
        Assert.Equal(1, await inbox.CountUnreadAsync(taro, Ct));
        Assert.Single(await inbox.ListAsync(hanako, 1, 10, Ct));
    }
}
