using Portal.Core.Reports.Alerts;
using Portal.Core.Time;

namespace Portal.Web.Reports.Alerts;

/// <summary>
/// Sends the area alerts' digests every day at ReportAlerts:DigestAt Japan time (default 07:00), like the other daily jobs:
/// wait for the time, run, and on failure log and wait for the next day. A run is safe to repeat and to run on several
/// nodes: each alert gets at most one digest a Japan day, marked in the transaction that writes it.
/// </summary>
public sealed class ReportAlertDigestJob(ReportAlertService alerts, TimeProvider time, ILogger<ReportAlertDigestJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            try
            {
                await Task.Delay(JapanTime.NextDailyUtc(now, alerts.Options.DigestTime) - now, time, stoppingToken);
                var sent = await alerts.RunDigestsAsync(stoppingToken);
                log.LogInformation("Area alert digests: {Count} sent.", sent);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The area alert digests failed; the next day tries again.");
            }
        }
    }
}
