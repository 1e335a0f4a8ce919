using Portal.Core.Benefits;
using Portal.Core.Time;
using Portal.Web.ScaleOut;

namespace Portal.Web.Benefits;

/// <summary>
/// Runs the For You evaluation, one run at a time, for the nightly schedule and the administrators' "run now".
/// Pages watch <see cref="Changed"/> for progress.
/// </summary>
public sealed class EligibilityRunner(IServiceScopeFactory scopes, IClusterLock locks, ILogger<EligibilityRunner> log)
{
    /// <summary>The cluster-wide lock of the run: two runs at once would compare against the same previous results.</summary>
    public const string LockName = "for-you-run";

    private readonly SemaphoreSlim _gate = new(1, 1);

    public bool Running { get; private set; }
    public RunProgress? Progress { get; private set; }
    public RunSummary? LastSummary { get; private set; }
    public DateTimeOffset? LastFinishedUtc { get; private set; }
    public string? LastError { get; private set; }

    /// <summary>Raised on start, on progress and at the end; handlers must be quick and thread-safe.</summary>
    public event Action? Changed;

    /// <summary>Starts a run unless one is going, on this node or another; returns false when one was already going.</summary>
    public async Task<bool> RunAsync(string startedBy, CancellationToken ct)
    {
        if (!await _gate.WaitAsync(0, ct)) return false;
        IAsyncDisposable? held = null;
        try
        {
            held = await locks.TryTakeAsync(LockName, ct);
            if (held is null)
            {
                log.LogInformation("For You run by {StartedBy} not started: another node is running it.", startedBy);
                return false;
            }
            Running = true;
            Progress = new(0, 0);
            LastError = null;
            Changed?.Invoke();
            await using var scope = scopes.CreateAsyncScope();
            var run = scope.ServiceProvider.GetRequiredService<EligibilityRun>();
            var progress = new Progress<RunProgress>(p => { Progress = p; Changed?.Invoke(); });
            LastSummary = await run.RunAsync(startedBy, progress, ct);
            LastFinishedUtc = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow();
            log.LogInformation("For You run by {StartedBy}: {Residents} residents, {New} newly eligible.", startedBy, LastSummary.Residents, LastSummary.NewlyEligible);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LastError = e.Message;
            log.LogError(e, "For You run by {StartedBy} failed.", startedBy);
            throw;
        }
        finally
        {
            if (held is not null) await held.DisposeAsync();
            Running = false;
            _gate.Release();
            Changed?.Invoke();
        }
    }
}

/// <summary>Starts the For You run every night at the configured Japan time (ForYou:NightlyAt, default 02:00).</summary>
public sealed class NightlyEligibilityJob(EligibilityRunner runner, TimeProvider time, IConfiguration config, ILogger<NightlyEligibilityJob> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var at = TimeOnly.TryParse(config["ForYou:NightlyAt"], System.Globalization.CultureInfo.InvariantCulture, out var t) ? t : new TimeOnly(2, 0);
        while (!stoppingToken.IsCancellationRequested)
        {
            var next = NextRun(time.GetUtcNow(), at);
            try
            {
                await Task.Delay(next - time.GetUtcNow(), time, stoppingToken);
                await runner.RunAsync("nightly", stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The next night tries again; the failure is in the log and on the admin page.
                log.LogError(e, "The nightly For You run failed.");
            }
        }
    }

    /// <summary>The next instant at <paramref name="at"/> Japan time after <paramref name="now"/>.</summary>
    public static DateTimeOffset NextRun(DateTimeOffset now, TimeOnly at) => JapanTime.NextDailyUtc(now, at);
}
