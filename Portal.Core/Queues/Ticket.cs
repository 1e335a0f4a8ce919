using System.Globalization;
using Portal.Core.Rules;

namespace Portal.Core.Queues;

public enum TicketState
{
    Waiting,
    Called,
    Serving,
    Served,
    NoShow,
    /// <summary>Given back by its holder from the ticket page while it waited ("I no longer need this").</summary>
    GivenBack,
}

/// <summary>How a ticket joined the line. Appointments and the fast lane go ahead of walk-ins.</summary>
public enum TicketLane
{
    WalkIn,
    FastLane,
    Appointment,
}

/// <summary>What happened to a ticket; the statistics are computed from this log.</summary>
public enum TicketEventKind
{
    Issued,
    Called,
    Recalled,
    Serving,
    Transferred,
    Served,
    NoShow,
    GivenBack,
}

public static class QueueErrors
{
    public const string NotWaiting = "Queue_Error_NotWaiting";
    public const string NotCalled = "Queue_Error_NotCalled";
    public const string NotAtCounter = "Queue_Error_NotAtCounter";
    public const string TooFewRecalls = "Queue_Error_TooFewRecalls";
    public const string SameService = "Queue_Error_SameService";
    public const string OtherOffice = "Queue_Error_OtherOffice";
    public const string ServiceClosed = "Queue_Error_ServiceClosed";
    public const string OfficeClosed = "Queue_Error_OfficeClosed";
    public const string NoCounter = "Queue_Error_NoCounter";
    public const string NotFound = "Queue_Error_NotFound";
    public const string Busy = "Queue_Error_Busy";
}

/// <summary>
/// A numbered ticket (整理券) for one service at one office on one business day. Its place in line is its lane
/// and then <see cref="QueuedUtc"/>, the time it was first issued: a transfer to another service keeps it.
/// Waiting → Called (to a counter; recalled any number of times) → Serving → Served; a called ticket becomes a
/// no-show only after the office's number of recalls; a waiting ticket can be given back by its holder. The methods
/// refuse every other move.
/// </summary>
public sealed class Ticket
{
    private Ticket() { }

    public long Id { get; private set; }
    public string OfficeId { get; private set; } = "";
    public long ServiceId { get; private set; }
    /// <summary>The service the ticket was issued for, when it was transferred since.</summary>
    public long? IssuedForServiceId { get; private set; }
    public DateOnly BusinessDate { get; private set; }
    public char Prefix { get; private set; }
    public int Number { get; private set; }
    public TicketLane Lane { get; private set; }
    public TicketState State { get; private set; }
    public DateTimeOffset IssuedUtc { get; private set; }
    /// <summary>The place in line: when the ticket was issued, kept over transfers.</summary>
    public DateTimeOffset QueuedUtc { get; private set; }
    public long? CounterId { get; private set; }
    public DateTimeOffset? CalledUtc { get; private set; }
    public int RecallCount { get; private set; }
    public DateTimeOffset? ServingUtc { get; private set; }
    public DateTimeOffset? FinishedUtc { get; private set; }
    /// <summary>The middle of the wait estimate given when the ticket was issued, in seconds.</summary>
    public int? EstimatedWaitSeconds { get; private set; }
    /// <summary>SHA-256 of the ticket page's token; the token itself is only in the QR code.</summary>
    public string TokenHash { get; private set; } = "";
    public DateTimeOffset TokenExpiresUtc { get; private set; }

    /// <summary>The number as printed and called: prefix and three digits ("A012").</summary>
    public string Display => _display ??= Format(Prefix, Number);

    // Prefix and number are set once, when the ticket is made: every event of its live page names it.
    private string? _display;

    public static string Format(char prefix, int number) => prefix + number.ToString("000", CultureInfo.InvariantCulture);

    public bool IsActive => State is TicketState.Waiting or TicketState.Called or TicketState.Serving;

    /// <summary>Ahead of walk-ins: appointment and fast-lane tickets.</summary>
    public int LaneRank => Lane == TicketLane.WalkIn ? 1 : 0;

    public static Ticket Issue(OfficeService service, int number, TicketLane lane, DateTimeOffset now, string tokenHash, int? estimatedWaitSeconds)
    {
        if (!service.Active) throw new RuleException(QueueErrors.ServiceClosed);
        if (number < 1) throw new ArgumentOutOfRangeException(nameof(number));
        if (lane == TicketLane.FastLane && !service.FastLane) lane = TicketLane.WalkIn;
        ArgumentException.ThrowIfNullOrWhiteSpace(tokenHash);
        var date = BusinessCalendar.BusinessDateOf(now);
        return new Ticket
        {
            OfficeId = service.OfficeId,
            ServiceId = service.Id,
            BusinessDate = date,
            Prefix = service.Prefix,
            Number = number,
            Lane = lane,
            State = TicketState.Waiting,
            IssuedUtc = now,
            QueuedUtc = now,
            EstimatedWaitSeconds = estimatedWaitSeconds,
            TokenHash = tokenHash,
            TokenExpiresUtc = BusinessCalendar.EndOfBusinessDateUtc(date),
        };
    }

    public static Ticket Restore(long id, string officeId, long serviceId, long? issuedForServiceId, DateOnly businessDate, char prefix, int number,
        TicketLane lane, TicketState state, DateTimeOffset issuedUtc, DateTimeOffset queuedUtc, long? counterId, DateTimeOffset? calledUtc,
        int recallCount, DateTimeOffset? servingUtc, DateTimeOffset? finishedUtc, int? estimatedWaitSeconds, string tokenHash, DateTimeOffset tokenExpiresUtc) => new()
    {
        Id = id, OfficeId = officeId, ServiceId = serviceId, IssuedForServiceId = issuedForServiceId, BusinessDate = businessDate, Prefix = prefix,
        Number = number, Lane = lane, State = state, IssuedUtc = issuedUtc, QueuedUtc = queuedUtc, CounterId = counterId, CalledUtc = calledUtc,
        RecallCount = recallCount, ServingUtc = servingUtc, FinishedUtc = finishedUtc, EstimatedWaitSeconds = estimatedWaitSeconds,
        TokenHash = tokenHash, TokenExpiresUtc = tokenExpiresUtc,
    };

    public void AssignId(long id)
    {
        if (Id != 0) throw new InvalidOperationException("The ticket already has an id.");
        Id = id;
    }

    /// <summary>A counter calls the ticket. Returns how long it waited, for the statistics and the estimate's error.</summary>
    public TimeSpan Call(long counterId, DateTimeOffset now)
    {
        if (State != TicketState.Waiting) throw new RuleException(QueueErrors.NotWaiting);
        State = TicketState.Called;
        CounterId = counterId;
        CalledUtc = now;
        RecallCount = 0;
        return now - QueuedUtc;
    }

    /// <summary>The counter calls the same ticket again because nobody came.</summary>
    public void Recall(long counterId, DateTimeOffset now)
    {
        RequireAtCounter(counterId, TicketState.Called);
        RecallCount++;
        CalledUtc = now;
    }

    /// <summary>The resident came to the counter.</summary>
    public void StartServing(long counterId, DateTimeOffset now)
    {
        RequireAtCounter(counterId, TicketState.Called);
        State = TicketState.Serving;
        ServingUtc = now;
    }

    /// <summary>The counter finished the business. Returns the service time (from the first call).</summary>
    public TimeSpan Finish(long counterId, DateTimeOffset now)
    {
        if (State is not (TicketState.Called or TicketState.Serving)) throw new RuleException(QueueErrors.NotCalled);
        if (CounterId != counterId) throw new RuleException(QueueErrors.NotAtCounter);
        var started = ServingUtc ?? CalledUtc!.Value;
        State = TicketState.Served;
        FinishedUtc = now;
        return now - started;
    }

    /// <summary>Can the counter give up on the ticket? Only after the office's number of recalls.</summary>
    public bool CanMarkNoShow(int recallsRequired) => State == TicketState.Called && RecallCount >= recallsRequired;

    public void MarkNoShow(long counterId, int recallsRequired, DateTimeOffset now)
    {
        RequireAtCounter(counterId, TicketState.Called);
        if (RecallCount < recallsRequired) throw new RuleException(QueueErrors.TooFewRecalls);
        State = TicketState.NoShow;
        FinishedUtc = now;
    }

    /// <summary>
    /// Its holder gives the waiting ticket back: it leaves the line at once. Once called, the counter is waiting for them
    /// and the counter ends it (served or a no-show).
    /// </summary>
    public void GiveBack(DateTimeOffset now)
    {
        if (State != TicketState.Waiting) throw new RuleException(QueueErrors.NotWaiting);
        State = TicketState.GivenBack;
        FinishedUtc = now;
    }

    /// <summary>
    /// The counter sends the resident to another service's line at the same office. The ticket waits there with
    /// its first issue time, so it does not go to the back of the line; its number stays the same.
    /// </summary>
    public void TransferTo(long counterId, OfficeService target, DateTimeOffset now)
    {
        if (State is not (TicketState.Called or TicketState.Serving)) throw new RuleException(QueueErrors.NotCalled);
        if (CounterId != counterId) throw new RuleException(QueueErrors.NotAtCounter);
        if (target.OfficeId != OfficeId) throw new RuleException(QueueErrors.OtherOffice);
        if (target.Id == ServiceId) throw new RuleException(QueueErrors.SameService);
        if (!target.Active) throw new RuleException(QueueErrors.ServiceClosed);
        IssuedForServiceId ??= ServiceId;
        ServiceId = target.Id;
        State = TicketState.Waiting;
        CounterId = null;
        CalledUtc = null;
        ServingUtc = null;
        RecallCount = 0;
        _ = now;
    }

    public bool IsTokenValid(DateTimeOffset now) => now < TokenExpiresUtc;

    private void RequireAtCounter(long counterId, TicketState state)
    {
        if (State != state) throw new RuleException(QueueErrors.NotCalled);
        if (CounterId != counterId) throw new RuleException(QueueErrors.NotAtCounter);
    }
}

/// <summary>The order in which a service's waiting tickets are called.</summary>
public static class QueueOrder
{
    public static IOrderedEnumerable<Ticket> Order(IEnumerable<Ticket> waiting) =>
        waiting.OrderBy(t => t.LaneRank).ThenBy(t => t.QueuedUtc).ThenBy(t => t.Id);

    /// <summary>How many waiting tickets of the same service will be called before this one.</summary>
    public static int PeopleAhead(Ticket ticket, IEnumerable<Ticket> waitingOfService)
    {
        if (ticket.State != TicketState.Waiting) return 0;
        return waitingOfService.Count(o => o.Id != ticket.Id && o.State == TicketState.Waiting && o.ServiceId == ticket.ServiceId && IsAhead(o, ticket));
    }

    public static bool IsAhead(Ticket a, Ticket b) =>
        a.LaneRank != b.LaneRank ? a.LaneRank < b.LaneRank
        : a.QueuedUtc != b.QueuedUtc ? a.QueuedUtc < b.QueuedUtc
        : a.Id < b.Id;
}
