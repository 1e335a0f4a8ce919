using Dapper;
using Portal.Core.Audit;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

public sealed class AuditLogContractTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static AuditEntry Entry(int minutes, string actor, string action, string entityId) =>
        new(0, Start.AddMinutes(minutes), 7, actor, "Staff", action, "account", entityId, "detail", "192.0.2.1");

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Records_are_found_by_actor_action_record_and_time_newest_first(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var log = new AuditLogRepository(test.Database);
        await log.AppendAsync(Entry(0, "sato@city.jp", "account.created", "1"), Ct);
        await log.AppendAsync(Entry(10, "suzuki@city.jp", "account.disabled", "1"), Ct);
        await log.AppendAsync(Entry(20, "sato@city.jp", "account.enabled", "2"), Ct);

        var all = await log.SearchAsync(new AuditQuery(), Ct);
        Assert.Equal(["account.enabled", "account.disabled", "account.created"], all.Select(e => e.Action));
        Assert.Equal(Start.AddMinutes(20), all[0].OccurredUtc);
        Assert.Equal("192.0.2.1", all[0].IpAddress);

        Assert.Equal(2, await log.CountAsync(new AuditQuery(Actor: "sato"), Ct));
        Assert.Equal(2, await log.CountAsync(new AuditQuery(EntityType: "account", EntityId: "1"), Ct));
        Assert.Equal(1, await log.CountAsync(new AuditQuery(Action: "account.dis"), Ct));
        var window = await log.SearchAsync(new AuditQuery(FromUtc: Start.AddMinutes(5), ToUtc: Start.AddMinutes(20)), Ct);
        Assert.Equal("account.disabled", Assert.Single(window).Action);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_record_cannot_be_changed_afterwards(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        await new AuditLogRepository(test.Database).AppendAsync(Entry(0, "sato@city.jp", "account.created", "1"), Ct);
        await using var connection = await test.Database.OpenAsync(Ct);
        await Assert.ThrowsAnyAsync<Exception>(() => connection.ExecuteAsync("UPDATE AuditEntry SET ActorName = 'someone else'"));
    }

    [Fact]
    public async Task Concurrent_writers_wait_for_each_other_instead_of_failing()
    {
        using var test = TestDatabase.CreateSqlite();
        await using (var setup = await test.Database.OpenAsync(Ct))
            await setup.ExecuteAsync("CREATE TABLE Counter (Value INTEGER NOT NULL); INSERT INTO Counter VALUES (0);");

        // Read-modify-write in 40 parallel transactions: each must see the previous one's result.
        await Parallel.ForEachAsync(Enumerable.Range(0, 40), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (_, ct) =>
            await test.Database.WriteAsync(async (connection, transaction) =>
            {
                var value = await connection.ExecuteScalarAsync<int>(new CommandDefinition("SELECT Value FROM Counter", transaction: transaction, cancellationToken: ct));
                await Task.Yield();
                return await connection.ExecuteAsync(new CommandDefinition("UPDATE Counter SET Value = @next", new { next = value + 1 }, transaction, cancellationToken: ct));
            }, ct));

        await using var check = await test.Database.OpenAsync(Ct);
        Assert.Equal(40, await check.ExecuteScalarAsync<int>("SELECT Value FROM Counter"));
    }
}
