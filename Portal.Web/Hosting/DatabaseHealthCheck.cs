using Microsoft.Extensions.Diagnostics.HealthChecks;
using Portal.Data.Database;

namespace Portal.Web.Hosting;

public sealed class DatabaseHealthCheck(PortalDatabase db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.CanConnectAsync(ct)
                ? HealthCheckResult.Healthy($"{db.Dialect.Provider} answers")
                : HealthCheckResult.Unhealthy($"{db.Dialect.Provider} gave a wrong answer");
        }
        catch (Exception e)
        {
            return HealthCheckResult.Unhealthy($"{db.Dialect.Provider} unreachable", e);
        }
    }
}
