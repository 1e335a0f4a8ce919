using Portal.Core.Reports.Supporters;

namespace Portal.Web.Reports.Supporters;

/// <summary>
/// Once a day at <see cref="SupporterNotices.ReminderTime"/> (Japan time), and once when the portal starts, reminds
/// the residents signed up to tomorrow's supporter tasks. A run repeated on the same day (a restart, a second node)
/// adds nothing: each reminder's key names its task and resident.
/// </summary>
public sealed class SupporterReminderJob(SupporterService supporters, TimeProvider time, ILogger<SupporterReminderJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var added = await supporters.SendRemindersAsync(stoppingToken);
                if (added > 0) log.LogInformation("Reminded {Count} residents of tomorrow's supporter tasks.", added);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The supporter reminder run failed; the next run tries again.");
            }
            var now = time.GetUtcNow();
            try
            {
                await Task.Delay(SupporterNotices.NextRunUtc(now) - now, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
