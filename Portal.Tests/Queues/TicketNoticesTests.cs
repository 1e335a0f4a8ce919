using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using static Portal.Tests.Queues.TicketTests;

namespace Portal.Tests.Queues;

/// <summary>Who hears of a change at the counter: the Core policy alone, from the facts the write read.</summary>
public sealed class TicketNoticesTests
{
    private static readonly LocalizedText Office = LocalizedText.Of("中央区役所", "Chuo Ward Office");
    private static readonly LocalizedText Counter = LocalizedText.Of("1番窓口", "Counter 1");
    private static readonly NoticeRecipient Hanako = new NoticeRecipient.Account(41);
    private static readonly NoticeRecipient Taro = new NoticeRecipient.Address(NoticeChannel.Email, "taro@example.jp", "en");

    private static LineHead Head(params (Ticket Ticket, NoticeRecipient? Near)[] first) => new(Moving.Id, Moving.Name, first);

    private static Ticket Waiting(int number) => Issued(number: number, id: 100 + number);

    private static Ticket CalledAt(int number, long counterId = 7)
    {
        var ticket = Waiting(number);
        ticket.Call(counterId, Now.AddMinutes(5));
        return ticket;
    }

    [Fact]
    public void The_holder_of_a_called_ticket_who_asked_hears_once_with_the_counter_in_every_language()
    {
        var called = CalledAt(1);
        var notices = TicketNotices.Due(new TicketNoticeFacts(called, Office, null, new CalledFacts(Hanako, Moving.Name, Counter), []));

        var notice = Assert.Single(notices);
        Assert.Equal((NoticeKind.TicketCalled, Hanako, "ticket:101:called"), (notice.Kind, notice.Recipient, notice.DedupKey));
        Assert.Equal("A001", notice.Values[NoticeValues.TicketNumber]);
        Assert.Equal("1番窓口", notice.Values["counter.ja"]);
        Assert.Equal("Counter 1", notice.Values["counter.en"]);
        Assert.Equal("Chuo Ward Office", notice.Values["office.en"]);
        Assert.Equal("転入・転出", notice.Values[$"{TicketNotices.ServiceValue}.ja"]);
    }

    [Fact]
    public void A_ticket_that_is_no_longer_called_makes_no_called_notice_even_when_someone_asked()
    {
        var served = CalledAt(1);
        served.StartServing(7, Now.AddMinutes(6));
        Assert.Empty(TicketNotices.Due(new TicketNoticeFacts(served, Office, null, new CalledFacts(Hanako, Moving.Name, Counter), [])));
    }

    [Fact]
    public void Near_goes_to_those_with_at_most_the_threshold_ahead_and_says_how_many()
    {
        // Threshold 2: the first three (0, 1 and 2 ahead) are near; the fourth is not, though its holder asked.
        var line = Head((Waiting(2), null), (Waiting(3), Hanako), (Waiting(4), Taro), (Waiting(5), new NoticeRecipient.Account(99)));
        var notices = TicketNotices.Due(new TicketNoticeFacts(CalledAt(1), Office, 2, null, [line]));

        Assert.Equal([("ticket:103:near", Hanako, "1"), ("ticket:104:near", Taro, "2")],
            notices.Select(n => (n.DedupKey, n.Recipient, n.Values[NoticeValues.PeopleAhead])));
        Assert.All(notices, n => Assert.Equal(NoticeKind.TicketNear, n.Kind));
    }

    [Fact]
    public void An_office_that_never_set_a_threshold_uses_the_default()
    {
        var first = Enumerable.Range(2, OfficeQueueSettings.DefaultNoticeThreshold + 3).Select(n => (Waiting(n), (NoticeRecipient?)Hanako)).ToArray();
        var notices = TicketNotices.Due(new TicketNoticeFacts(CalledAt(1), Office, null, null, [Head(first)]));
        Assert.Equal(TicketNotices.HeadLength(OfficeQueueSettings.DefaultNoticeThreshold), notices.Count);
        Assert.Equal(OfficeQueueSettings.DefaultNoticeThreshold.ToString(), notices[^1].Values[NoticeValues.PeopleAhead]);
    }

    [Fact]
    public void A_line_named_twice_is_looked_at_once()
    {
        var line = Head((Waiting(2), Hanako));
        Assert.Single(TicketNotices.Due(new TicketNoticeFacts(CalledAt(1), Office, 3, null, [line, line])));
    }

    [Fact]
    public void A_transfer_moves_both_lines_and_a_change_within_one_line_moves_that_line()
    {
        var ticket = Waiting(1);
        Assert.Equal([Moving.Id], TicketNotices.LinesMoved(Moving.Id, ticket));
        Assert.Equal([Certificates.Id, Moving.Id], TicketNotices.LinesMoved(Certificates.Id, ticket));
    }

    [Fact]
    public void Asking_about_a_waiting_ticket_looks_at_its_line_and_asking_about_a_called_one_at_none()
    {
        Assert.Equal([Moving.Id], TicketNotices.LinesOfSubscriber(Waiting(1)));
        Assert.Empty(TicketNotices.LinesOfSubscriber(CalledAt(1)));
    }
}
