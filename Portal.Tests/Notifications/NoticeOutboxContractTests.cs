using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>Writing notices into the outbox: channels by preference and link, one notice per event.</summary>
public sealed class NoticeOutboxContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 6, 30, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Notice StatusChanged(long accountId, string key) =>
        new(NoticeKind.ReportStatusChanged, new NoticeRecipient.Account(accountId), key,
            new Dictionary<string, string> { ["reportId"] = "45", ["status"] = "Accepted" }, "/reports/45");

    private static async Task<long> ResidentAsync(PortalDatabase db, string email)
    {
        var account = UserAccount.Create(email, "市民", "hash", Role.Resident, null, Now);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    private static async Task<List<(string Channel, string Destination)>> DeliveriesAsync(PortalDatabase db, string key)
    {
        await using var connection = await db.OpenAsync(Ct);
        var rows = await connection.QueryAsync<(string, string)>(
            "SELECT d.Channel, d.Destination FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = @key ORDER BY d.Channel, d.Destination", new { key });
        return rows.ToList();
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_notice_goes_to_every_linked_channel_the_resident_kept_on(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var id = await ResidentAsync(db, "hanako@example.jp");
        await using (var connection = await db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @Now, PreferredCulture = 'en' WHERE Id = @id", new { Now, id });
            await connection.ExecuteAsync("INSERT INTO LineLink (AccountId, LineUserId, LinkedUtc) VALUES (@id, 'U1234', @Now)", new { id, Now });
            await connection.ExecuteAsync("INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, CreatedUtc) VALUES (@id, 'https://push.example/1', 'k', 'a', @Now)", new { id, Now });
            await connection.ExecuteAsync("INSERT INTO NoticePreference (AccountId, Kind, Channel, Enabled) VALUES (@id, 'ReportStatusChanged', 'Line', 0)", new { id });
        }
        var outbox = new NoticeOutbox(db, ActiveChannels.Of(NoticeChannel.Email, NoticeChannel.Line, NoticeChannel.WebPush));

        Assert.True(await outbox.EnqueueAsync(StatusChanged(id, "report:45:update:1"), Ct));

        var deliveries = await DeliveriesAsync(db, "report:45:update:1");
        Assert.Equal([("Email", "hanako@example.jp"), ("InApp", id.ToString()), ("WebPush", deliveries[2].Destination)], deliveries);
        await using var check = await db.OpenAsync(Ct);
        Assert.Equal("en", await check.ExecuteScalarAsync<string>("SELECT Culture FROM Notice WHERE DedupKey = 'report:45:update:1'"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task An_unverified_address_and_a_channel_the_portal_has_off_get_nothing(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var id = await ResidentAsync(test.Database, "taro@example.jp");
        var outbox = new NoticeOutbox(test.Database, ActiveChannels.InAppOnly);

        await outbox.EnqueueAsync(StatusChanged(id, "report:45:update:2"), Ct);
        await outbox.EnqueueAsync(new Notice(NoticeKind.TicketNear, new NoticeRecipient.Address(NoticeChannel.Email, "guest@example.jp", "ja"),
            "ticket:9:near", new Dictionary<string, string>(), null), Ct);

        Assert.Equal([("InApp", id.ToString())], await DeliveriesAsync(test.Database, "report:45:update:2"));
        Assert.Empty(await DeliveriesAsync(test.Database, "ticket:9:near"));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_same_event_makes_one_notice_and_a_rolled_back_event_none(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var id = await ResidentAsync(db, "jiro@example.jp");
        var outbox = new NoticeOutbox(db, ActiveChannels.InAppOnly);

        Assert.True(await outbox.EnqueueAsync(StatusChanged(id, "report:45:update:3"), Ct));
        Assert.False(await outbox.EnqueueAsync(StatusChanged(id, "report:45:update:3"), Ct));

        await using (var connection = await db.OpenAsync(Ct))
        await using (var transaction = db.Dialect.BeginWrite(connection))
        {
            await outbox.EnqueueAsync(connection, transaction, StatusChanged(id, "report:45:update:4"), Ct);
            await transaction.RollbackAsync(Ct);
        }

        await using var check = await db.OpenAsync(Ct);
        Assert.Equal(1, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM Notice"));
        Assert.Single(await DeliveriesAsync(db, "report:45:update:3"));
    }
}
