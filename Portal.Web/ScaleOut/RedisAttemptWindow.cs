using Portal.Core.Accounts;
using StackExchange.Redis;

namespace Portal.Web.ScaleOut;

/// <summary>
/// Attempts counted in Redis, one sorted set per key (scores are the attempts' times), checked and added to in one
/// script so that two nodes cannot both let the last allowed guess through.
/// </summary>
public sealed class RedisAttemptWindow(IConnectionMultiplexer redis, RedisOptions options, TimeProvider time) : IAttemptWindow
{
    private const string CountAndAdd = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1] - ARGV[2])
        if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[3]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[1], ARGV[2])
        return 1
        """;

    public async Task<bool> TryAttemptAsync(string key, int max, TimeSpan window, CancellationToken ct)
    {
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var result = await redis.GetDatabase().ScriptEvaluateAsync(CountAndAdd, [RedisKey(key)],
            [now, (long)window.TotalMilliseconds, max, Guid.NewGuid().ToString("N")]);
        return (int)result == 1;
    }

    public Task ResetAsync(string key, CancellationToken ct) => redis.GetDatabase().KeyDeleteAsync(RedisKey(key));

    private RedisKey RedisKey(string key) => options.Key("attempts:" + key);
}
