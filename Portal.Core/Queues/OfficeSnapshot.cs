using System.Collections.Concurrent;
using Portal.Core.Languages;

namespace Portal.Core.Queues;

/// <summary>
/// What every page of an office shows alike, read once per change: services, today's active tickets, open
/// counters, numbers at counters, settings, recent service times, whether counters are open. A thousand ticket
/// pages re-reading after one call then share one read of it and each read only their own ticket.
/// </summary>
public sealed record OfficeSnapshot(
    DateOnly BusinessDate,
    IReadOnlyList<OfficeService> Services,
    IReadOnlyList<Ticket> Active,
    IReadOnlyList<CounterSession> Sessions,
    IReadOnlyDictionary<long, LocalizedText> CounterNames,
    IReadOnlyList<CalledTicket> Called,
    OfficeQueueSettings Settings,
    IReadOnlyDictionary<long, (IReadOnlyList<TimeSpan> Today, IReadOnlyList<TimeSpan> History)> ServiceTimes,
    bool OpenNow)
{
    /// <summary>Tickets at counters (called or serving) among the active ones, newest call first, at most <paramref name="take"/>.</summary>
    public static IReadOnlyList<CalledTicket> CalledOf(IReadOnlyList<Ticket> active, IReadOnlyDictionary<long, LocalizedText> counterNames, int take) =>
        active
            .Where(t => t.State is TicketState.Called or TicketState.Serving && t.CounterId is { } c && counterNames.ContainsKey(c) && t.CalledUtc is not null)
            .OrderByDescending(t => t.CalledUtc).ThenByDescending(t => t.Id)
            .Take(take)
            .Select(t => new CalledTicket(t.Id, t.Display, t.ServiceId, t.CounterId!.Value, counterNames[t.CounterId.Value], t.State, t.CalledUtc!.Value, t.RecallCount))
            .ToList();

    public int OpenCounters(long serviceId) => Sessions.Count(s => s.IsOpen && s.ServiceIds.Contains(serviceId));

    /// <summary>
    /// This snapshot with tickets as a committed change left them: each replaces the one with its id (a new one joins),
    /// and leaves the active ones once it is no longer waiting, called or serving; the numbers at counters follow.
    /// </summary>
    public OfficeSnapshot With(IReadOnlyCollection<Ticket> changed)
    {
        var ids = changed.Select(t => t.Id).ToHashSet();
        var active = Active.Where(t => !ids.Contains(t.Id)).Concat(changed.Where(t => t.IsActive)).ToList();
        active.Sort((a, b) => a.Id == b.Id ? 0 : QueueOrder.IsAhead(a, b) ? -1 : 1);
        return this with { Active = active, Called = CalledOf(active, CounterNames, TicketService.BoardCalledCount) };
    }

    public int Waiting(long serviceId) => Active.Count(t => t.ServiceId == serviceId && t.State == TicketState.Waiting);

    public WaitEstimate Estimate(OfficeService service, int peopleAhead) => Pace(service).For(peopleAhead);

    public ServicePace Pace(OfficeService service) =>
        WaitEstimator.Pace(new ServiceLoad(
            ServiceTimes.TryGetValue(service.Id, out var t) ? t.Today : [],
            ServiceTimes.TryGetValue(service.Id, out var h) ? h.History : [],
            TimeSpan.FromMinutes(service.DefaultServiceMinutes),
            OpenCounters(service.Id)));
}

/// <summary>
/// One snapshot per office, kept until the office changes (a generation counter the ticket service bumps after
/// every committed change, before it signals the pages) or for at most <see cref="MaxAge"/>, so that a change made
/// elsewhere (another web node, an admin) shows within seconds. Concurrent readers share one load. A change of
/// tickets made on this node is taken into the snapshot in place when nothing else changed since it was read
/// (<see cref="Changed(string, IReadOnlyCollection{Ticket})"/>): a counter's call then reaches thousands of open pages
/// without reading the office's line again.
/// </summary>
public sealed class OfficeSnapshots
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<string, long> _generations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    private sealed record Entry(long Generation, DateTimeOffset TakenUtc, DateOnly Date, Lazy<Task<OfficeSnapshot>> Snapshot);

    private readonly Lock _applying = new();

    public void Changed(string officeId) => _generations.AddOrUpdate(officeId, 1, (_, g) => g + 1);

    /// <summary>
    /// This node committed a change of these tickets, and of nothing else the snapshot holds (no counter session,
    /// setting or service time). When the office's snapshot is read whole and no other change came since it was read,
    /// the tickets are put into it in place; otherwise the next reader loads the office anew, as after
    /// <see cref="Changed(string)"/>. Putting a ticket in again is harmless (a snapshot read after the commit already
    /// holds it as committed), and the snapshot still reloads after <see cref="MaxAge"/>.
    /// </summary>
    public void Changed(string officeId, IReadOnlyCollection<Ticket> tickets)
    {
        lock (_applying)
        {
            var before = _generations.GetValueOrDefault(officeId);
            var generation = _generations.AddOrUpdate(officeId, 1, (_, g) => g + 1);
            // Another change counted in between (another node's, outside this lock): the snapshot cannot know it.
            if (generation != before + 1) return;
            if (tickets.Count == 0 || !_entries.TryGetValue(officeId, out var entry) || entry.Generation != before
                || !entry.Snapshot.IsValueCreated || !entry.Snapshot.Value.IsCompletedSuccessfully) return;
            var snapshot = entry.Snapshot.Value.Result;
            // A ticket of a service or at a counter the snapshot does not know (set up since it was read): read anew.
            if (tickets.Any(t => t.OfficeId != officeId || t.BusinessDate != snapshot.BusinessDate
                || snapshot.Services.All(s => s.Id != t.ServiceId) || t.CounterId is { } c && !snapshot.CounterNames.ContainsKey(c))) return;
            var taken = Task.FromResult(snapshot.With(tickets));
            _entries.TryUpdate(officeId, entry with { Generation = generation, Snapshot = new Lazy<Task<OfficeSnapshot>>(taken) }, entry);
        }
    }

    public Task<OfficeSnapshot> GetAsync(string officeId, DateTimeOffset now, DateOnly today, Func<Task<OfficeSnapshot>> load)
    {
        var generation = _generations.GetValueOrDefault(officeId);
        bool Fresh(Entry e) => e.Generation == generation && e.Date == today && now - e.TakenUtc < MaxAge
            && !(e.Snapshot.IsValueCreated && e.Snapshot.Value.IsFaulted);
        var entry = _entries.AddOrUpdate(officeId,
            _ => new Entry(generation, now, today, new Lazy<Task<OfficeSnapshot>>(load)),
            (_, existing) => Fresh(existing) ? existing : new Entry(generation, now, today, new Lazy<Task<OfficeSnapshot>>(load)));
        return entry.Snapshot.Value;
    }
}
