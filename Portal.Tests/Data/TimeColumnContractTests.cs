using Dapper;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>Times go into the database in UTC and come back as the same instant, whatever shape the column holds them in.</summary>
public sealed class TimeColumnContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_time_written_by_the_portal_comes_back_to_the_tick_and_in_UTC(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        await using var connection = await test.Database.OpenAsync(Ct);
        var written = new DateTimeOffset(2026, 12, 7, 16, 30, 5, TimeSpan.FromHours(9)).AddTicks(1234567);

        var read = await connection.QuerySingleAsync<DateTimeOffset>("SELECT @written", new { written });

        Assert.Equal((written.UtcDateTime, TimeSpan.Zero), (read.UtcDateTime, read.Offset));
    }

    [Theory]
    [InlineData("2026-12-07T07:30:05.1234567Z", 1234567)]
    [InlineData("2026-12-07 07:30:05", 0)]
    [InlineData("2026-12-07T07:30:05+00:00", 0)]
    [InlineData("2026-12-07T16:30:05+09:00", 0)]
    public async Task Times_in_other_shapes_SQLite_holds_are_read_as_UTC_too(string stored, long ticks)
    {
        using var test = TestDatabase.Create(DatabaseProvider.Sqlite);
        await using var connection = await test.Database.OpenAsync(Ct);

        var read = await connection.QuerySingleAsync<DateTimeOffset>("SELECT @stored", new { stored });

        Assert.Equal(new DateTimeOffset(2026, 12, 7, 7, 30, 5, TimeSpan.Zero).AddTicks(ticks), read);
        Assert.Equal(TimeSpan.Zero, read.Offset);
    }
}
