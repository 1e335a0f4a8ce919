using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;
using Portal.Tests.Queues;

namespace Portal.Tests.Data;

/// <summary>
/// The tickets' new state GivenBack (20261216_40; on SQLite a rebuild of QueueTicket and QueueTicketEvent): what was there
/// before stays as it was, ids and wishes included, and a ticket can be given back afterwards.
/// </summary>
public sealed class TicketGivenBackMigrationContractTests
{
    private const string Migration = "20261216_40_TicketGivenBack.sql";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tickets_their_events_and_wishes_are_kept_and_a_ticket_can_be_given_back_afterwards(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var world = await QueueWorld.CreateAsync(provider, migrateBefore: Migration);
        var first = await world.IssueAsync();
        var second = await world.IssueAsync();
        var third = await world.IssueAsync();
        await world.Tickets.SubscribeAsync(second.Id, TicketNoticeKind.Near, new NoticeRecipient.Address(NoticeChannel.Email, "hanako@example.jp", "ja"),
            world.Time.GetUtcNow(), Ct);
        var staff = await world.AtCounterAsync(0);
        await world.Service.CallNextAsync(staff, Ct);
        // The newest ticket deleted (as the nightly retention does): its id is never given again.
        await using (var connection = await world.Db.OpenAsync(Ct))
        {
            await connection.ExecuteAsync("DELETE FROM QueueTicketEvent WHERE TicketId = @id", new { id = third.Id });
            await connection.ExecuteAsync("DELETE FROM QueueTicket WHERE Id = @id", new { id = third.Id });
        }

        world.Db.Migrate();

        Assert.Equal(TicketState.Called, (await world.Tickets.GetAsync(first.Id, Ct))!.State);
        var page = await world.Tickets.GetPageAsync(second.TokenHash, Ct);
        Assert.Equal((second.Id, "A002"), (page!.Value.Ticket.Id, page.Value.Ticket.Display));
        Assert.Equal([TicketNoticeKind.Near], page.Value.Subscriptions);
        var given = await world.Tickets.ChangeAsync(second.Id, t =>
        {
            t.GiveBack(world.Time.GetUtcNow());
            return new TicketEvent(t.Id, TicketEventKind.GivenBack, world.Time.GetUtcNow(), t.ServiceId);
        }, Ct);
        Assert.Equal(TicketState.GivenBack, (await world.Tickets.GetAsync(given.Id, Ct))!.State);
        await using (var connection = await world.Db.OpenAsync(Ct))
            Assert.Equal(["Issued", "Issued", "Called", "GivenBack"],
                await connection.QueryAsync<string>("SELECT Kind FROM QueueTicketEvent WHERE TicketId IN @ids ORDER BY Id", new { ids = new[] { first.Id, second.Id } }));
        Assert.True((await world.IssueAsync()).Id > third.Id);
    }
}
