using Portal.Core.Rules;
using Portal.Core.Accounts;
using Portal.Core.Queues;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Queues;

/// <summary>
/// Ward scope at the data level for counters and tickets: TicketService refuses another office's counter, and its
/// tickets through it, whatever office the page passes (or forgets to pass), and checks again at every step.
/// </summary>
public sealed class WardScopeQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Staff_of_another_office_cannot_take_its_counter_even_when_the_page_names_no_office()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var mihama = await world.StaffAsync(office: "mihama");

        var refused = await Assert.ThrowsAsync<RuleException>(() =>
            world.Service.TakeCounterAsync(mihama, null, world.Counters[0].Id, [world.Moving.Id], Ct));

        Assert.Equal(ScopeErrors.OtherOffice, refused.Key);
        Assert.Null(await world.Service.DeskAsync(mihama, Ct));
        Assert.Empty(await world.Sessions.ListOpenAsync(world.OfficeId, Ct));
    }

    [Fact]
    public async Task A_counter_of_another_office_held_with_the_city_wide_permission_stops_at_the_next_step_once_it_is_removed()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var accounts = new UserAccountRepository(world.Db);
        var helper = await world.StaffAsync(office: "mihama");
        await accounts.SetCityWideAsync(helper.AccountId!.Value, true, Ct);
        await world.Service.TakeCounterAsync(helper, null, world.Counters[0].Id, [world.Moving.Id], Ct);
        var first = await world.IssueAsync();
        await world.IssueAsync();
        var called = await world.Service.CallNextAsync(helper, Ct);
        Assert.Equal(first.Id, called!.Id);

        await accounts.SetCityWideAsync(helper.AccountId.Value, false, Ct);

        Assert.Equal(ScopeErrors.OtherOffice, (await Assert.ThrowsAsync<RuleException>(() => world.Service.StartServingAsync(helper, first.Id, Ct))).Key);
        Assert.Equal(ScopeErrors.OtherOffice, (await Assert.ThrowsAsync<RuleException>(() => world.Service.FinishAsync(helper, first.Id, Ct))).Key);
        Assert.Equal(ScopeErrors.OtherOffice, (await Assert.ThrowsAsync<RuleException>(() => world.Service.CallNextAsync(helper, Ct))).Key);
        await Assert.ThrowsAsync<RuleException>(() => world.Service.DeskAsync(helper, Ct));
        Assert.Equal(TicketState.Called, (await world.Tickets.GetAsync(first.Id, Ct))!.State);
        // The office's own staff carry on.
        var own = await world.AtCounterAsync(1);
        Assert.NotNull(await world.Service.CallNextAsync(own, Ct));
    }

    [Fact]
    public async Task Queue_statistics_of_another_office_are_refused()
    {
        using var world = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        var statistics = new QueueStatisticsService(world.Tickets, world.Setup, new StaffScopes(new UserAccountRepository(world.Db)));
        var day = new DateOnly(2026, 11, 25);
        var mihama = await world.StaffAsync(office: "mihama");

        var refused = await Assert.ThrowsAsync<RuleException>(() => statistics.ComputeAsync(mihama, world.OfficeId, day, day, Ct));

        Assert.Equal(ScopeErrors.OtherOffice, refused.Key);
        Assert.NotNull(await statistics.ComputeAsync(await world.StaffAsync(), world.OfficeId, day, day, Ct));
        Assert.NotNull(await statistics.ComputeAsync(await world.StaffAsync(Role.Admin), world.OfficeId, day, day, Ct));
    }
}
