using Dapper;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Queues;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>
/// The migration that takes the seeded national holidays out of the closed-days table (20261207_22) on every provider:
/// a database an older portal seeded with 2026 and 2027 keeps only the days its admins closed.
/// </summary>
public sealed class NationalHolidaysMigrationContractTests
{
    private const string Migration = "20261207_22_NationalHolidaysComputed.sql";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Seeded_holidays_go_and_the_days_admins_closed_stay(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider, migrateBefore: Migration);
        await using (var connection = await test.Database.OpenAsync(Ct))
        {
            // As 20261125_20 used to seed them (a few of its rows), every office, the holiday's name as the reason.
            await connection.ExecuteAsync("INSERT INTO QueueClosedDay (Day, Scope, Reason) VALUES (@Day, 'all', @Reason)", new[]
            {
                new { Day = "2026-05-06", Reason = "振替休日" },
                new { Day = "2026-09-22", Reason = "国民の休日" },
                new { Day = "2027-11-23", Reason = "勤労感謝の日" },
            });
            // What admins closed: one office on a seeded holiday, every office on a holiday for a reason of their own,
            // and a day that is no holiday under a holiday's name.
            await connection.ExecuteAsync("INSERT INTO QueueClosedDay (Day, Scope, Reason) VALUES (@Day, @Scope, @Reason)", new[]
            {
                new { Day = "2026-05-06", Scope = "inage", Reason = "庁舎点検" },
                new { Day = "2027-01-11", Scope = "all", Reason = "システム更新" },
                new { Day = "2026-12-07", Scope = "all", Reason = "振替休日" },
            });
        }

        test.Database.Migrate();

        var left = await new QueueSetupRepository(test.Database).ListClosedDaysAsync(null, new DateOnly(2026, 1, 1), new DateOnly(2027, 12, 31), Ct);
        Assert.Equal(
            [
                new ClosedDay(new DateOnly(2026, 5, 6), "inage", "庁舎点検"),
                new ClosedDay(new DateOnly(2026, 12, 7), null, "振替休日"),
                new ClosedDay(new DateOnly(2027, 1, 11), null, "システム更新"),
            ], left);
    }
}
