using Portal.Core.Languages;

namespace Portal.Core.Queues;

/// <summary>
/// Where every ticket of an office stands in one snapshot, worked out once: each waiting ticket's people ahead (its
/// place in its service's line), each service's pace and the numbers its counters are calling. Thousands of open
/// ticket pages of the office then each look their ticket up instead of counting the line again.
/// </summary>
public sealed class OfficeLine
{
    private readonly Dictionary<long, (Ticket Ticket, int Ahead)> _tickets = [];
    private readonly Dictionary<long, OfficeService> _services;
    private readonly Dictionary<long, ServicePace> _paces = [];
    private readonly Dictionary<long, IReadOnlyList<CalledTicket>> _called;

    public OfficeLine(OfficeSnapshot snapshot)
    {
        Snapshot = snapshot;
        _services = snapshot.Services.ToDictionary(s => s.Id);
        foreach (var line in snapshot.Active.Where(t => t.State == TicketState.Waiting).GroupBy(t => t.ServiceId))
        {
            var ahead = 0;
            foreach (var ticket in QueueOrder.Order(line)) _tickets[ticket.Id] = (ticket, ahead++);
        }
        foreach (var ticket in snapshot.Active.Where(t => t.State != TicketState.Waiting)) _tickets[ticket.Id] = (ticket, 0);
        foreach (var service in snapshot.Services) _paces[service.Id] = snapshot.Pace(service);
        _called = snapshot.Called.GroupBy(c => c.ServiceId).ToDictionary(g => g.Key, g => (IReadOnlyList<CalledTicket>)g.ToList());
    }

    public OfficeSnapshot Snapshot { get; }

    public DateOnly BusinessDate => Snapshot.BusinessDate;

    /// <summary>A ticket of the business date that is waiting, called or serving, with the people ahead of it (0 unless waiting).</summary>
    public bool TryFind(long ticketId, out Ticket ticket, out int ahead)
    {
        var found = _tickets.TryGetValue(ticketId, out var entry);
        (ticket, ahead) = found ? entry : (null!, 0);
        return found;
    }

    public OfficeService? Service(long serviceId) => _services.GetValueOrDefault(serviceId);

    /// <summary>The wait of someone with this many people ahead in the service's line; none for a service the snapshot lacks.</summary>
    public WaitEstimate Estimate(long serviceId, int peopleAhead) =>
        _paces.TryGetValue(serviceId, out var pace) ? pace.For(peopleAhead) : WaitEstimate.None;

    /// <summary>The service's numbers at counters now, newest call first.</summary>
    public IReadOnlyList<CalledTicket> Called(long serviceId) => _called.GetValueOrDefault(serviceId) ?? [];

    /// <summary>What the resident's page shows of a ticket this line knows, or of one that left it (served, no-show).</summary>
    public TicketPosition PositionOf(Ticket ticket)
    {
        var current = TryFind(ticket.Id, out var fresh, out var ahead) ? fresh : ticket;
        var estimate = current.State == TicketState.Waiting ? Estimate(current.ServiceId, ahead) : WaitEstimate.None;
        var counter = current.CounterId is { } id ? Snapshot.CounterNames.GetValueOrDefault(id) : null;
        var called = current.BusinessDate == BusinessDate ? Called(current.ServiceId) : [];
        return new TicketPosition(current, Service(current.ServiceId), ahead, estimate, counter, called);
    }
}

/// <summary>
/// A ticket as its resident's page shows it: its state, its service now (null when the office no longer has it), the
/// people ahead, the wait, its counter and the numbers called in its line.
/// </summary>
public readonly record struct TicketPosition(Ticket Ticket, OfficeService? Service, int PeopleAhead, WaitEstimate Estimate, LocalizedText? CounterName, IReadOnlyList<CalledTicket> NowCalling);
