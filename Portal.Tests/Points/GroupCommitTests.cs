using Dapper;
using Portal.Data.Database;
using Portal.Data.Points;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Points;

/// <summary>Requests that share a commit: each one's writes stand or fall alone, and every caller hears its own answer.</summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task A_failing_request_in_a_shared_commit_rolls_back_alone()
    {
        using var test = TestDatabase.CreateSqlite();
        var ct = TestContext.Current.CancellationToken;
        var group = new GroupCommit(test.Database);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            try
            {
                return await group.RunAsync(async (connection, transaction) =>
                {
                    await connection.ExecuteAsync("INSERT INTO PointAccount (Kind, Code, Name, CreatedUtc) VALUES ('Partner', @code, 'p', '2026-11-25T00:00:00.0000000Z')",
                        new { code = $"partner:{i}" }, transaction);
                    if (i % 3 == 0) throw new InvalidOperationException($"refused {i}");
                    return i;
                });
            }
            catch (InvalidOperationException e) when (e.Message == $"refused {i}")
            {
                return -1;
            }
        }, ct)));

        await using var check = await test.Database.OpenAsync(ct);
        var codes = (await check.QueryAsync<string>("SELECT Code FROM PointAccount WHERE Kind = 'Partner'")).ToHashSet();
        Assert.Equal(Enumerable.Range(0, 40).Where(i => i % 3 != 0).Select(i => $"partner:{i}").ToHashSet(), codes);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => i % 3 == 0 ? -1 : i), outcomes);
        Assert.True(test.Database.Dialect.GroupsCommits);
        Assert.False(SqlDialect.For(DatabaseProvider.SqlServer).GroupsCommits);
    }
}
