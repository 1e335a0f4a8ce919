using Portal.Core.Languages;
using Portal.Core.Notifications;

namespace Portal.Core.Queues;

/// <summary>What admins set up per office: services, counters, settings, hours and closed days.</summary>
public interface IQueueSetupRepository
{
    Task<IReadOnlyList<OfficeService>> ListServicesAsync(string? officeId, CancellationToken ct);
    Task<OfficeService?> GetServiceAsync(long id, CancellationToken ct);
    /// <summary>Adds (Id 0) or updates a service; returns its id. Prefix and code are unique per office.</summary>
    Task<long> SaveServiceAsync(OfficeService service, CancellationToken ct);

    Task<IReadOnlyList<Counter>> ListCountersAsync(string officeId, CancellationToken ct);
    Task<Counter?> GetCounterAsync(long id, CancellationToken ct);
    Task<long> SaveCounterAsync(Counter counter, CancellationToken ct);

    Task<OfficeQueueSettings> GetSettingsAsync(string officeId, CancellationToken ct);
    Task SaveSettingsAsync(OfficeQueueSettings settings, CancellationToken ct);

    Task<IReadOnlyList<OpeningHours>> ListHoursAsync(string officeId, CancellationToken ct);
    Task SaveHoursAsync(string officeId, IReadOnlyList<OpeningHours> hours, CancellationToken ct);

    /// <summary>Closed days that apply to the office (its own and the city-wide ones) between two dates.</summary>
    Task<IReadOnlyList<ClosedDay>> ListClosedDaysAsync(string? officeId, DateOnly from, DateOnly to, CancellationToken ct);
    Task AddClosedDayAsync(ClosedDay day, CancellationToken ct);
    Task RemoveClosedDayAsync(DateOnly date, string? officeId, CancellationToken ct);
}

/// <summary>An entry of a ticket's event log.</summary>
public sealed record TicketEvent(
    long TicketId,
    TicketEventKind Kind,
    DateTimeOffset OccurredUtc,
    long ServiceId,
    long? CounterId = null,
    long? FromServiceId = null,
    long? ActorId = null,
    int? WaitSeconds = null,
    int? ServiceSeconds = null,
    int? EstimateErrorSeconds = null);

/// <summary>A ticket event read back for statistics, with the office and the Japan-time day and hour it happened in.</summary>
public sealed record TicketEventRow(long TicketId, string OfficeId, long ServiceId, TicketEventKind Kind, DateTimeOffset OccurredUtc,
    int? WaitSeconds, int? ServiceSeconds, int? EstimateErrorSeconds);

/// <summary>What a resident asked to be told about a ticket.</summary>
public enum TicketNoticeKind
{
    Near,
    Called,
}

/// <summary>A ticket linked to an account by a notice it asked for, with the sealed page token and the office's names.</summary>
public sealed record LinkedTicket(Ticket Ticket, string? SealedToken, LocalizedText Office);

/// <summary>A ticket that is called or served at a counter now, for boards.</summary>
public sealed record CalledTicket(long TicketId, string Display, long ServiceId, long CounterId, LocalizedText CounterName, TicketState State, DateTimeOffset CalledUtc, int RecallCount);

public interface ITicketRepository
{
    /// <summary>
    /// Ticket_Issue: gives the ticket the next number of its office, service prefix and business date, in one
    /// write transaction, so that concurrent issues never share a number. Writes the issued event.
    /// </summary>
    Task<Ticket> IssueAsync(OfficeService service, TicketLane lane, DateTimeOffset now, string tokenHash, int? estimatedWaitSeconds, CancellationToken ct);

    /// <summary>
    /// Ticket_CallNext: the first waiting ticket of the services, by lane and place in line, called to the counter.
    /// Two counters calling at the same instant never get the same ticket. Null when nobody waits. Refused with
    /// <see cref="QueueErrors.Busy"/>, in the same write, when the counter already has a ticket called or being served.
    /// </summary>
    Task<Ticket?> CallNextAsync(string officeId, DateOnly businessDate, long counterId, IReadOnlyList<long> serviceIds, long? actorId, DateTimeOffset now, CancellationToken ct);

    /// <summary>
    /// Applies a change to one ticket inside a write transaction with the ticket held, logs the event the change
    /// returns and writes due notices. Returns the ticket as saved and the services whose line the change moved.
    /// </summary>
    Task<Ticket> ChangeAsync(long ticketId, Func<Ticket, TicketEvent> change, CancellationToken ct);

    Task<Ticket?> GetAsync(long id, CancellationToken ct);
    Task<Ticket?> GetByTokenHashAsync(string tokenHash, CancellationToken ct);

    /// <summary>The ticket a page's token opens and the notices asked for it, in one visit to the database.</summary>
    Task<(Ticket Ticket, IReadOnlyList<TicketNoticeKind> Subscriptions)?> GetPageAsync(string tokenHash, CancellationToken ct);

    /// <summary>The office's waiting, called and serving tickets of the business date.</summary>
    Task<IReadOnlyList<Ticket>> ListActiveAsync(string officeId, DateOnly businessDate, CancellationToken ct);

    /// <summary>How many waiting tickets of the same service will be called before this one.</summary>
    Task<int> CountAheadAsync(Ticket ticket, CancellationToken ct);

    /// <summary>Service times of the business date, newest first, and of the same weekday and hour in the weeks before.</summary>
    Task<(IReadOnlyList<TimeSpan> Today, IReadOnlyList<TimeSpan> History)> ServiceTimesAsync(long serviceId, DateTimeOffset now, int take, CancellationToken ct);

    Task<IReadOnlyList<TicketEventRow>> ListEventsAsync(string officeId, DateOnly from, DateOnly to, CancellationToken ct);

    /// <summary>
    /// Registers a notice wish (one per ticket and kind; a second replaces the first). If the ticket is already as
    /// near as asked, the notice is written at once.
    /// </summary>
    /// <param name="sealedToken">For an account: the ticket page's token, sealed (<see cref="ITicketTokenSeal"/>), so the home links back.</param>
    Task SubscribeAsync(long ticketId, TicketNoticeKind kind, NoticeRecipient recipient, DateTimeOffset now, CancellationToken ct, string? sealedToken = null);

    /// <summary>
    /// Ticket_ReadActiveOfAccount: the account's newest waiting, called or serving ticket of the business date among
    /// those it asked to be told about, or null.
    /// </summary>
    Task<LinkedTicket?> ActiveOfAccountAsync(long accountId, DateOnly businessDate, CancellationToken ct);

    Task<IReadOnlyList<TicketNoticeKind>> ListSubscriptionsAsync(long ticketId, CancellationToken ct);
}

/// <summary>Who sits at which counter for which services.</summary>
public interface ICounterSessionRepository
{
    /// <summary>Opens a session at the counter for the account, ending any other open session of the counter or the account.</summary>
    Task<CounterSession> OpenAsync(long counterId, long accountId, IReadOnlyList<long> serviceIds, DateTimeOffset now, CancellationToken ct);
    Task SetPausedAsync(long sessionId, bool paused, CancellationToken ct);
    Task EndAsync(long sessionId, DateTimeOffset now, CancellationToken ct);
    Task<CounterSession?> OpenOfAccountAsync(long accountId, CancellationToken ct);
    /// <summary>Sessions not ended, of the office's counters.</summary>
    Task<IReadOnlyList<CounterSession>> ListOpenAsync(string officeId, CancellationToken ct);
}

/// <summary>Tells open pages that an office's queue or a ticket changed. Implemented by the web layer's live bus.</summary>
public interface IQueueSignals
{
    void Changed(string officeId, IEnumerable<long> ticketIds);
}
