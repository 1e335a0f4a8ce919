using Portal.Core.Audit;
using Portal.Core.Accounts;
using Portal.Core.Time;
using Portal.Core.Rules;

namespace Portal.Core.Queues;

/// <summary>One service's figures over a period. Times in minutes; null where there was nothing to measure.</summary>
public sealed record ServiceStatistics(
    long ServiceId,
    int Issued,
    int Called,
    int Served,
    int NoShows,
    double? WaitMedian,
    double? WaitP90,
    double? ServiceMedian,
    double? NoShowRate,
    double? EstimateErrorMean,
    double? EstimateErrorAbsMean);

/// <summary>An office's queue statistics over a period, computed from the ticket event log.</summary>
public sealed record QueueStatistics(
    IReadOnlyList<(int Hour, int Issued)> IssuedByHour,
    IReadOnlyList<ServiceStatistics> Services,
    int Issued,
    double? EstimateErrorAbsMean)
{
    /// <summary>
    /// Waiting time is called minus issued (logged on each call); service time is finished minus called; the
    /// no-show rate is no-shows among the tickets that ended at a counter; the estimate error is the actual wait
    /// minus the middle of the estimate given at issue (positive: waited longer than told).
    /// </summary>
    public static QueueStatistics Compute(IReadOnlyList<TicketEventRow> events, IReadOnlyList<OfficeService> services)
    {
        var byHour = events.Where(e => e.Kind == TicketEventKind.Issued)
            .GroupBy(e => JapanTime.ToJapan(e.OccurredUtc).Hour)
            .ToDictionary(g => g.Key, g => g.Count());
        var first = byHour.Count == 0 ? 9 : Math.Min(8, byHour.Keys.Min());
        var last = byHour.Count == 0 ? 16 : Math.Max(17, byHour.Keys.Max());
        var hours = Enumerable.Range(first, last - first + 1).Select(h => (h, byHour.GetValueOrDefault(h))).ToList();

        var perService = services.Select(s => ForService(s.Id, events.Where(e => e.ServiceId == s.Id).ToList())).ToList();
        var errors = events.Where(e => e.Kind == TicketEventKind.Called && e.EstimateErrorSeconds is not null).Select(e => Math.Abs(e.EstimateErrorSeconds!.Value) / 60.0).ToList();
        return new QueueStatistics(hours, perService, events.Count(e => e.Kind == TicketEventKind.Issued), errors.Count == 0 ? null : errors.Average());
    }

    private static ServiceStatistics ForService(long serviceId, IReadOnlyList<TicketEventRow> events)
    {
        List<double> Minutes(TicketEventKind kind, Func<TicketEventRow, int?> value) =>
            events.Where(e => e.Kind == kind && value(e) is not null).Select(e => value(e)!.Value / 60.0).Order().ToList();
        var waits = Minutes(TicketEventKind.Called, e => e.WaitSeconds);
        var services = Minutes(TicketEventKind.Served, e => e.ServiceSeconds);
        var errors = events.Where(e => e.Kind == TicketEventKind.Called && e.EstimateErrorSeconds is not null).Select(e => e.EstimateErrorSeconds!.Value / 60.0).ToList();
        var served = events.Count(e => e.Kind == TicketEventKind.Served);
        var noShows = events.Count(e => e.Kind == TicketEventKind.NoShow);
        return new ServiceStatistics(
            serviceId,
            events.Count(e => e.Kind == TicketEventKind.Issued),
            events.Count(e => e.Kind == TicketEventKind.Called),
            served,
            noShows,
            waits.Count == 0 ? null : WaitEstimator.Percentile(waits, 0.5),
            waits.Count == 0 ? null : WaitEstimator.Percentile(waits, 0.9),
            services.Count == 0 ? null : WaitEstimator.Percentile(services, 0.5),
            served + noShows == 0 ? null : (double)noShows / (served + noShows),
            errors.Count == 0 ? null : errors.Average(),
            errors.Count == 0 ? null : errors.Average(Math.Abs));
    }
}

/// <summary>
/// Statistics of an office's queues between two Japan dates (both included), for a reader whose scope covers the office
/// (<see cref="StaffScope"/>: staff their own office, the city-wide permission and administrators every office).
/// </summary>
public sealed class QueueStatisticsService(ITicketRepository tickets, IQueueSetupRepository setup, StaffScopes scopes)
{
    public const int MaxDays = 366;

    /// <exception cref="RuleException">The office is outside the reader's scope.</exception>
    public async Task<QueueStatistics> ComputeAsync(Actor reader, string officeId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        if (!(await scopes.OfAsync(reader, ct)).Covers(officeId)) throw new RuleException(ScopeErrors.OtherOffice);
        if (to < from || to.DayNumber - from.DayNumber > MaxDays) throw new ArgumentOutOfRangeException(nameof(to));
        var events = await tickets.ListEventsAsync(officeId, from, to, ct);
        var services = await setup.ListServicesAsync(officeId, ct);
        return QueueStatistics.Compute(events, services);
    }
}
