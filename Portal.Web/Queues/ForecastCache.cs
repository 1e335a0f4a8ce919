using Microsoft.Extensions.Caching.Memory;
using Portal.Core.Queues;

namespace Portal.Web.Queues;

/// <summary>
/// An office's crowding forecast for the page and the JSON endpoint: worked out from eight weeks of events at most once in
/// ten minutes per office and set of services on each node (it changes with the days, and its best hours with the hour;
/// a service set up meanwhile makes a new set, so it shows at once).
/// </summary>
public sealed class ForecastCache(TicketService queues, IMemoryCache cache)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The forecast of the office's services now open to the public, in their order.</summary>
    public async Task<IReadOnlyList<(OfficeService Service, ServiceForecast Forecast)>> ForOfficeAsync(string officeId, CancellationToken ct)
    {
        var services = (await queues.OfficeStatusAsync(officeId, ct)).Services.Select(s => s.Service).ToList();
        var ids = services.Select(s => s.Id).ToList();
        var forecast = await cache.GetOrCreateAsync(("queue-forecast", officeId, string.Join(',', ids)), entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = Lifetime;
            return queues.ForecastAsync(officeId, ids, ct);
        });
        var byService = forecast!.ToDictionary(f => f.ServiceId);
        return services.Where(s => byService.ContainsKey(s.Id)).Select(s => (s, byService[s.Id])).ToList();
    }
}
