using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.StackExchangeRedis;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Core.Accounts;
using Portal.Web.Live;
using StackExchange.Redis;

namespace Portal.Web.ScaleOut;

/// <summary>
/// What web nodes must share to serve one city together: live signals, the data-protection keys (session cookies,
/// antiforgery tokens, check-in codes, e-mail links), the limits that guard residents' data and the lock of the jobs
/// that must run once. Without Redis:Configuration all of it stays in this process and the data folder, as on one node.
/// </summary>
public static class ScaleOutServices
{
    /// <summary>Fixed, so that every node (and every release) reads what the others protected.</summary>
    public const string ApplicationName = "ChibaPortal";

    public static IServiceCollection AddScaleOut(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        var redis = config.GetSection(RedisOptions.Section).Get<RedisOptions>() ?? new RedisOptions();
        var dataProtection = services.AddDataProtection().SetApplicationName(ApplicationName);
        if (!redis.Enabled)
        {
            services.AddSingleton<ILiveBus, InProcessLiveBus>();
            // Keys that sign cookies and antiforgery tokens survive a restart, so people stay signed in.
            dataProtection.PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataFolder, "keys")));
            services.AddSingleton<IAttemptWindow, MemoryAttemptWindow>();
            services.AddSingleton<IClusterLock, SingleNodeLock>();
            return services;
        }

        services.AddSingleton(redis);
        services.AddSingleton(sp => redis.Connect(sp.GetRequiredService<ILoggerFactory>().CreateLogger("Portal.Redis")));
        services.AddSingleton<ILiveBus>(sp => new RedisLiveBus(sp.GetRequiredService<IConnectionMultiplexer>(), redis.KeyPrefix,
            sp.GetServices<IRemoteSignalListener>(), sp.GetRequiredService<ILogger<RedisLiveBus>>(), sp.GetRequiredService<ILogger<InProcessLiveBus>>()));
        // The key ring lives in one Redis list that every node reads; what the extension method does, with the
        // multiplexer from the container instead of one made while the services are still being wired.
        services.AddOptions<KeyManagementOptions>().Configure<IConnectionMultiplexer>((o, multiplexer) =>
            o.XmlRepository = new RedisXmlRepository(() => multiplexer.GetDatabase(), redis.Key("data-protection-keys")));
        services.AddSingleton<IAttemptWindow, RedisAttemptWindow>();
        services.AddSingleton<IClusterLock, RedisClusterLock>();
        services.AddHealthChecks().AddCheck<RedisHealthCheck>("redis", HealthStatus.Degraded);
        return services;
    }
}
