using Portal.Core.Languages;
using Portal.Core.Queues;
using static Portal.Tests.Queues.TicketTests;

namespace Portal.Tests.Queues;

/// <summary>Where every ticket of an office stands, worked out once per snapshot for all its open pages.</summary>
public sealed class OfficeLineTests
{
    private static readonly DateOnly Today = new(2026, 11, 25);

    private static OfficeSnapshot Snapshot(IReadOnlyList<Ticket> active, IReadOnlyList<CalledTicket>? called = null, int counters = 1,
        IReadOnlyList<TimeSpan>? today = null) =>
        new(Today, [Moving, Certificates], active,
            Enumerable.Range(1, counters).Select(i => new CounterSession(i, i, 100 + i, [Moving.Id, Certificates.Id], false, Now, null)).ToList(),
            new Dictionary<long, LocalizedText> { [1] = LocalizedText.Of("1番窓口"), [2] = LocalizedText.Of("2番窓口") },
            called ?? [], OfficeQueueSettings.Default("chuo"),
            new Dictionary<long, (IReadOnlyList<TimeSpan>, IReadOnlyList<TimeSpan>)> { [Moving.Id] = (today ?? [], []) }, true);

    [Fact]
    public void Each_waiting_ticket_has_the_people_ahead_of_it_in_its_own_service_s_line()
    {
        var first = Issued(number: 1, id: 1);
        var second = Issued(number: 2, at: Now.AddMinutes(1), id: 2);
        var fastLane = Issued(number: 3, lane: TicketLane.FastLane, at: Now.AddMinutes(2), id: 3);
        var certificate = Issued(Certificates, number: 1, at: Now.AddMinutes(3), id: 4);
        var called = Issued(number: 4, at: Now.AddMinutes(4), id: 5);
        called.Call(1, Now.AddMinutes(5));

        var line = new OfficeLine(Snapshot([second, called, certificate, first, fastLane]));

        int Ahead(Ticket t) => line.TryFind(t.Id, out _, out var ahead) ? ahead : -1;
        Assert.Equal((1, 2, 0, 0, 0), (Ahead(first), Ahead(second), Ahead(fastLane), Ahead(certificate), Ahead(called)));
        Assert.False(line.TryFind(99, out _, out _));
        // The same count as the rule for one ticket, for every ticket.
        foreach (var t in new[] { first, second, fastLane, certificate })
            Assert.Equal(QueueOrder.PeopleAhead(t, [first, second, fastLane, certificate, called]), Ahead(t));
    }

    [Fact]
    public void The_wait_for_a_place_in_line_is_the_estimator_s_for_the_service_s_load()
    {
        var times = Enumerable.Range(0, 8).Select(i => TimeSpan.FromMinutes(6 + i)).ToList();
        var snapshot = Snapshot([], counters: 2, today: times);
        var line = new OfficeLine(snapshot);

        foreach (var ahead in new[] { 0, 1, 7, 40 })
            Assert.Equal(snapshot.Estimate(Moving, ahead), line.Estimate(Moving.Id, ahead));
        Assert.Equal(WaitEstimator.Estimate(7, new ServiceLoad(times, [], TimeSpan.FromMinutes(10), 2)), line.Estimate(Moving.Id, 7));
        Assert.Equal(WaitEstimate.None, line.Estimate(999, 3));
    }

    [Fact]
    public void A_ticket_s_position_has_its_counter_and_the_numbers_called_in_its_own_line()
    {
        var mine = Issued(number: 7, id: 7);
        mine.Call(2, Now.AddMinutes(9));
        var calledMoving = new CalledTicket(7, "A007", Moving.Id, 2, LocalizedText.Of("2番窓口"), TicketState.Called, Now.AddMinutes(9), 0);
        var calledCertificate = new CalledTicket(8, "B001", Certificates.Id, 1, LocalizedText.Of("1番窓口"), TicketState.Called, Now.AddMinutes(8), 0);
        var line = new OfficeLine(Snapshot([mine], [calledMoving, calledCertificate]));

        var position = line.PositionOf(mine);

        Assert.Equal((TicketState.Called, "2番窓口", 0, WaitEstimate.None), (position.Ticket.State, position.CounterName?.Japanese, position.PeopleAhead, position.Estimate));
        Assert.Equal([calledMoving], position.NowCalling);
        Assert.Same(Moving, position.Service);
    }

    [Fact]
    public void A_ticket_that_left_the_line_is_shown_as_it_was_given()
    {
        var served = Issued(number: 3, id: 3);
        served.Call(1, Now.AddMinutes(1));
        served.Finish(1, Now.AddMinutes(6));
        var line = new OfficeLine(Snapshot([]));

        var position = line.PositionOf(served);

        Assert.Equal((TicketState.Served, 0), (position.Ticket.State, position.PeopleAhead));
        Assert.Same(served, position.Ticket);
    }
}
