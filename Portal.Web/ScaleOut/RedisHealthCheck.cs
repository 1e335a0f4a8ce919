using Microsoft.Extensions.Diagnostics.HealthChecks;
using StackExchange.Redis;

namespace Portal.Web.ScaleOut;

/// <summary>
/// Whether Redis answers. Without it a node still serves its pages (signed in with the keys it has loaded), but
/// other nodes' changes no longer reach them at once: Degraded, not Unhealthy, so that a load balancer does not take
/// every node out together when Redis restarts.
/// </summary>
public sealed class RedisHealthCheck(IConnectionMultiplexer redis) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!redis.IsConnected)
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis unreachable: live signals stay on this node");
        try
        {
            await redis.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return HealthCheckResult.Healthy("Redis answers");
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "Redis does not answer", e);
        }
    }
}
