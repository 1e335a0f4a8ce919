using StackExchange.Redis;

namespace Portal.Web.ScaleOut;

/// <summary>
/// The "Redis" configuration section. Empty <see cref="Configuration"/>: one web node, with live signals, keys and
/// limits in this process and the data folder. Set: several nodes share them through this Redis.
/// </summary>
public sealed class RedisOptions
{
    public const string Section = "Redis";

    /// <summary>A StackExchange.Redis configuration string, for example "redis1:6379,password=...,ssl=true".</summary>
    public string? Configuration { get; set; }

    /// <summary>Starts every key and channel name, so that two portals (staging and production) can share one Redis.</summary>
    public string KeyPrefix { get; set; } = "chibaportal";

    public bool Enabled => !string.IsNullOrWhiteSpace(Configuration);

    public string Key(string name) => $"{KeyPrefix}:{name}";

    /// <summary>
    /// Connects without failing when Redis is not there yet: the node starts, serves its own pages, and the
    /// multiplexer keeps trying in the background. Losing and regaining the connection is logged.
    /// </summary>
    public IConnectionMultiplexer Connect(ILogger log)
    {
        var options = ConfigurationOptions.Parse(Configuration ?? throw new InvalidOperationException("Redis:Configuration is empty."));
        options.AbortOnConnectFail = false;
        options.ClientName ??= $"chibaportal-{Environment.MachineName}";
        var redis = ConnectionMultiplexer.Connect(options);
        redis.ConnectionFailed += (_, e) => log.LogWarning(e.Exception,
            "Redis at {Endpoint} lost ({Failure}): live signals stay on this node until it is back.", e.EndPoint, e.FailureType);
        redis.ConnectionRestored += (_, e) => log.LogInformation("Redis at {Endpoint} is back.", e.EndPoint);
        if (!redis.IsConnected) log.LogWarning("Redis at {Configuration} does not answer yet; the node keeps trying.", options.ToString(includePassword: false));
        return redis;
    }
}
