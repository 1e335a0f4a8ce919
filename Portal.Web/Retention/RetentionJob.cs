using Portal.Core.Audit;
using Portal.Core.Retention;

namespace Portal.Web.Retention;

/// <summary>
/// Applies the retention periods every night at Retention:RunAt Japan time (default 03:30), like the other nightly
/// jobs: wait for the next run time, run, and on failure log and wait for the next night. Runs are idempotent, so a
/// second node running the same night removes nothing twice.
/// </summary>
public sealed class RetentionJob(RetentionService retention, TimeProvider time, ILogger<RetentionJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            try
            {
                await Task.Delay(retention.Policy.NextRunUtc(now) - now, time, stoppingToken);
                var run = await retention.RunAsync(Actor.System with { Name = RetentionService.Nightly }, stoppingToken);
                if (run?.Error is { } error)
                    log.LogError("Retention run {Run} stopped: {Error}; the next night tries again.", run.Id, error);
                else if (run is not null)
                    log.LogInformation("Retention run {Run}: {Counts}", run.Id, RetentionService.Describe(run.Counts, null));
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "The retention run failed; the next night tries again.");
            }
        }
    }
}
