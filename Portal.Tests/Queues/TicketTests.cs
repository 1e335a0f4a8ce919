using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Core.Rules;

namespace Portal.Tests.Queues;

/// <summary>A ticket's life: the moves the counter may make and the ones it may not.</summary>
public sealed class TicketTests
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero); // 10:00 in Japan
    internal static readonly OfficeService Moving = new(1, "chuo", "moving", LocalizedText.Of("転入・転出", "Moving in or out"), 'A', true, 10, true, 1);
    internal static readonly OfficeService Certificates = new(2, "chuo", "certificates", LocalizedText.Of("証明書", "Certificates"), 'B', false, 5, true, 2);

    internal static Ticket Issued(OfficeService? service = null, int number = 1, TicketLane lane = TicketLane.WalkIn, DateTimeOffset? at = null, long id = 1)
    {
        var ticket = Ticket.Issue(service ?? Moving, number, lane, at ?? Now, "hash" + id, 600);
        ticket.AssignId(id);
        return ticket;
    }

    [Fact]
    public void A_new_ticket_waits_with_its_prefixed_number_for_the_Japan_business_date()
    {
        var ticket = Issued(number: 12);
        Assert.Equal(("A012", TicketState.Waiting, new DateOnly(2026, 11, 25)), (ticket.Display, ticket.State, ticket.BusinessDate));
        Assert.Equal(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero), ticket.TokenExpiresUtc);
    }

    [Fact]
    public void A_waiting_ticket_can_be_given_back_and_one_called_cannot()
    {
        var waiting = Issued();
        waiting.GiveBack(Now.AddMinutes(3));
        Assert.Equal((TicketState.GivenBack, Now.AddMinutes(3), false), (waiting.State, waiting.FinishedUtc, waiting.IsActive));
        Assert.Equal(QueueErrors.NotWaiting, Assert.Throws<RuleException>(() => waiting.Call(7, Now)).Key);

        var called = Issued(id: 2);
        called.Call(7, Now);
        Assert.Equal(QueueErrors.NotWaiting, Assert.Throws<RuleException>(() => called.GiveBack(Now)).Key);
        Assert.Equal(TicketState.Called, called.State);
    }

    [Fact]
    public void Called_then_served_records_the_wait_and_the_service_time()
    {
        var ticket = Issued();
        var waited = ticket.Call(7, Now.AddMinutes(25));
        ticket.StartServing(7, Now.AddMinutes(27));
        var served = ticket.Finish(7, Now.AddMinutes(37));
        Assert.Equal((TimeSpan.FromMinutes(25), TimeSpan.FromMinutes(10), TicketState.Served), (waited, served, ticket.State));
    }

    [Fact]
    public void A_ticket_cannot_be_called_twice_or_finished_before_it_is_called()
    {
        var ticket = Issued();
        Assert.Equal(QueueErrors.NotCalled, Assert.Throws<RuleException>(() => ticket.Finish(7, Now)).Key);
        ticket.Call(7, Now);
        Assert.Equal(QueueErrors.NotWaiting, Assert.Throws<RuleException>(() => ticket.Call(8, Now)).Key);
    }

    [Fact]
    public void Only_the_counter_that_called_the_ticket_acts_on_it()
    {
        var ticket = Issued();
        ticket.Call(7, Now);
        Assert.Equal(QueueErrors.NotAtCounter, Assert.Throws<RuleException>(() => ticket.Recall(8, Now)).Key);
        Assert.Equal(QueueErrors.NotAtCounter, Assert.Throws<RuleException>(() => ticket.Finish(8, Now)).Key);
    }

    [Fact]
    public void A_no_show_needs_the_offices_number_of_recalls_first()
    {
        var ticket = Issued();
        ticket.Call(7, Now);
        ticket.Recall(7, Now.AddMinutes(1));
        Assert.False(ticket.CanMarkNoShow(2));
        Assert.Equal(QueueErrors.TooFewRecalls, Assert.Throws<RuleException>(() => ticket.MarkNoShow(7, 2, Now)).Key);
        ticket.Recall(7, Now.AddMinutes(2));
        Assert.True(ticket.CanMarkNoShow(2));
        ticket.MarkNoShow(7, 2, Now.AddMinutes(3));
        Assert.Equal((TicketState.NoShow, 2), (ticket.State, ticket.RecallCount));
    }

    [Fact]
    public void A_served_ticket_cannot_be_recalled_or_marked_no_show()
    {
        var ticket = Issued();
        ticket.Call(7, Now);
        ticket.Finish(7, Now.AddMinutes(5));
        Assert.Throws<RuleException>(() => ticket.Recall(7, Now));
        Assert.Throws<RuleException>(() => ticket.MarkNoShow(7, 0, Now));
    }

    [Fact]
    public void A_transfer_waits_in_the_other_line_with_the_original_issue_time_and_number()
    {
        var ticket = Issued(number: 4);
        ticket.Call(7, Now.AddMinutes(30));
        ticket.TransferTo(7, Certificates, Now.AddMinutes(40));
        Assert.Equal((TicketState.Waiting, Certificates.Id, (long?)Moving.Id, Now, "A004", (long?)null),
            (ticket.State, ticket.ServiceId, ticket.IssuedForServiceId, ticket.QueuedUtc, ticket.Display, ticket.CounterId));

        // Someone who took a certificates ticket after our resident arrived waits behind them.
        var later = Issued(Certificates, 1, at: Now.AddMinutes(5), id: 2);
        Assert.True(QueueOrder.IsAhead(ticket, later));
    }

    [Fact]
    public void A_transfer_to_the_same_service_or_another_office_is_refused()
    {
        var ticket = Issued();
        ticket.Call(7, Now);
        Assert.Equal(QueueErrors.SameService, Assert.Throws<RuleException>(() => ticket.TransferTo(7, Moving, Now)).Key);
        Assert.Equal(QueueErrors.OtherOffice, Assert.Throws<RuleException>(() => ticket.TransferTo(7, Certificates with { Id = 9, OfficeId = "inage" }, Now)).Key);
        Assert.Throws<RuleException>(() => Issued(id: 3).TransferTo(7, Certificates, Now));
    }

    [Fact]
    public void Fast_lane_tickets_go_ahead_of_walk_ins_who_came_earlier()
    {
        var walkIn = Issued(number: 1, at: Now, id: 1);
        var fast = Issued(number: 2, lane: TicketLane.FastLane, at: Now.AddMinutes(10), id: 2);
        var walkIn2 = Issued(number: 3, at: Now.AddMinutes(1), id: 3);
        Assert.Equal([2L, 1L, 3L], QueueOrder.Order([walkIn, fast, walkIn2]).Select(t => t.Id));
        Assert.Equal(2, QueueOrder.PeopleAhead(walkIn2, [walkIn, fast, walkIn2]));
        Assert.Equal(0, QueueOrder.PeopleAhead(fast, [walkIn, fast, walkIn2]));
    }

    [Fact]
    public void A_service_without_a_fast_lane_issues_walk_in_tickets()
    {
        var ticket = Issued(Certificates, lane: TicketLane.FastLane);
        Assert.Equal(TicketLane.WalkIn, ticket.Lane);
    }

    [Fact]
    public void A_closed_service_issues_no_tickets() =>
        Assert.Equal(QueueErrors.ServiceClosed, Assert.Throws<RuleException>(() => Issued(Moving with { Active = false })).Key);

    [Fact]
    public void The_ticket_page_token_is_128_random_bits_in_base64url_and_stored_only_as_a_hash()
    {
        var tokens = Enumerable.Range(0, 100).Select(_ => TicketToken.New()).ToList();
        Assert.All(tokens, t => Assert.True(TicketToken.LooksValid(t), t));
        Assert.Equal(100, tokens.Distinct().Count());
        Assert.Equal(TicketToken.Bytes * 8, 128);
        Assert.NotEqual(tokens[0], TicketToken.Hash(tokens[0]));
        Assert.Equal(TicketToken.Hash(tokens[0]), TicketToken.Hash(tokens[0]));
        Assert.False(TicketToken.LooksValid("short"));
        Assert.False(TicketToken.LooksValid("aaaaaaaaaaaaaaaaaaaaa/"));
    }

    [Fact]
    public void The_token_expires_at_midnight_Japan_time_of_the_business_day()
    {
        var ticket = Issued();
        Assert.True(ticket.IsTokenValid(new DateTimeOffset(2026, 11, 25, 14, 59, 0, TimeSpan.Zero)));
        Assert.False(ticket.IsTokenValid(new DateTimeOffset(2026, 11, 25, 15, 0, 0, TimeSpan.Zero)));
    }
}
