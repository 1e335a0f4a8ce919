using Portal.Core.Points;

namespace Portal.Web.Points;

/// <summary>
/// Once at start and then daily just after midnight Japan time: moves expired remainders to the expiry account
/// and queues the reminders for points that expire within the reminder window. Both are idempotent, so a
/// restart or a second server running the same day moves and sends nothing twice.
/// </summary>
public sealed class PointsExpiryWorker(PointsLedgerService points, TimeProvider time, ILogger<PointsExpiryWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var expired = await points.ExpireDueAsync(stoppingToken);
                var reminded = await points.RemindExpiringAsync(stoppingToken);
                log.LogInformation("Points expiry run: {Expired} lots expired, {Reminded} reminders queued", expired, reminded);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Points expiry run failed; it runs again at the next scheduled time");
            }
            var now = time.GetUtcNow();
            await Task.Delay(PointsSchedule.NextRunUtc(now) - now, time, stoppingToken);
        }
    }
}
