using System.Globalization;
using Portal.Core.Languages;
using Portal.Core.Notifications;

namespace Portal.Core.Queues;

/// <summary>
/// A waiting line as far as the "near" notice looks at it: its first tickets in the order they will be called, each with
/// the person who asked to hear when it is near (null when nobody asked).
/// </summary>
public sealed record LineHead(long ServiceId, LocalizedText Service, IReadOnlyList<(Ticket Ticket, NoticeRecipient? Near)> First);

/// <summary>
/// What a change of tickets makes known, as read inside the change's own write (so the notices go into the outbox in the
/// same transaction as the change): the changed ticket, its office, and the head of every line the change moved.
/// </summary>
/// <param name="Threshold">The office's "near" threshold; null when the office never set one.</param>
/// <param name="Called">Who asked to hear when the changed ticket is called, with its service and counter; null when the
/// ticket is not called or nobody asked.</param>
public sealed record TicketNoticeFacts(
    Ticket Changed,
    LocalizedText Office,
    int? Threshold,
    CalledFacts? Called,
    IReadOnlyList<LineHead> Lines);

/// <summary>The "called" notice's recipient and the names it gives: the ticket's service and the counter that called it.</summary>
public sealed record CalledFacts(NoticeRecipient Recipient, LocalizedText Service, LocalizedText? Counter);

/// <summary>
/// Who hears of a change of tickets: the holder of a called ticket who asked for "called", and in every line the change
/// moved, each ticket with at most the office's threshold of people ahead whose holder asked for "near". Each notice has
/// one dedup key per ticket and kind ("ticket:{id}:near", "ticket:{id}:called"), so a ticket's holder hears of each at
/// most once however often the line moves.
/// Values: the number ("A012"), the office's, service's and (when called) counter's names in every language they are
/// written in ("office.ja", "office.vi", ...: <see cref="NoticeValues.AddText"/>) and the people ahead.
/// </summary>
public static class TicketNotices
{
    /// <summary>The service's name, given with every ticket notice though no template shows it yet.</summary>
    public const string ServiceValue = "service";

    public static string NearKey(long ticketId) => $"ticket:{ticketId}:near";

    public static string CalledKey(long ticketId) => $"ticket:{ticketId}:called";

    /// <summary>The office's threshold, or the default when it never set one.</summary>
    public static int ThresholdOf(int? configured) => configured ?? OfficeQueueSettings.DefaultNoticeThreshold;

    /// <summary>How many tickets from the front of a line the "near" notice looks at: 0 to the threshold ahead.</summary>
    public static int HeadLength(int threshold) => threshold + 1;

    /// <summary>
    /// The lines a change moved: the line the ticket was in, and the one it went to when it was transferred. A ticket
    /// that was waiting and no longer is moved its line up; one that joined a line may stand near its front.
    /// </summary>
    public static IReadOnlyList<long> LinesMoved(long serviceBefore, Ticket after) =>
        serviceBefore == after.ServiceId ? [serviceBefore] : [serviceBefore, after.ServiceId];

    /// <summary>
    /// The lines to look at when someone asks to hear about a ticket: its own line while it waits (it may already stand
    /// near the front), none otherwise (a called ticket's "called" notice is decided from the ticket alone).
    /// </summary>
    public static IReadOnlyList<long> LinesOfSubscriber(Ticket ticket) =>
        ticket.State == TicketState.Waiting ? [ticket.ServiceId] : [];

    /// <summary>The notices the facts make due, in the order they are to be written.</summary>
    public static IReadOnlyList<Notice> Due(TicketNoticeFacts facts)
    {
        var notices = new List<Notice>();
        if (facts.Changed.State == TicketState.Called && facts.Called is { } called)
            notices.Add(new Notice(NoticeKind.TicketCalled, called.Recipient, CalledKey(facts.Changed.Id),
                Values(facts.Changed, facts.Office, called.Service, called.Counter, 0), null));

        var threshold = ThresholdOf(facts.Threshold);
        var seen = new HashSet<long>();
        foreach (var line in facts.Lines)
        {
            if (!seen.Add(line.ServiceId)) continue;
            for (var ahead = 0; ahead < line.First.Count && ahead <= threshold; ahead++)
            {
                var (ticket, near) = line.First[ahead];
                if (near is null || ticket.State != TicketState.Waiting) continue;
                notices.Add(new Notice(NoticeKind.TicketNear, near, NearKey(ticket.Id),
                    Values(ticket, facts.Office, line.Service, null, ahead), null));
            }
        }
        return notices;
    }

    private static Dictionary<string, string> Values(Ticket ticket, LocalizedText office, LocalizedText service, LocalizedText? counter, int ahead)
    {
        var values = new Dictionary<string, string>
        {
            [NoticeValues.TicketNumber] = ticket.Display,
            [NoticeValues.Counter] = "",
            [NoticeValues.PeopleAhead] = ahead.ToString(CultureInfo.InvariantCulture),
        };
        NoticeValues.AddText(values, NoticeValues.Office, office);
        NoticeValues.AddText(values, ServiceValue, service);
        if (counter is not null) NoticeValues.AddText(values, NoticeValues.Counter, counter);
        return values;
    }
}
