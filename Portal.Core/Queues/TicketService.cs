using Portal.Core.Accounts;
using System.Globalization;
using Portal.Core.Audit;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Rules;

namespace Portal.Core.Queues;

/// <summary>Settings of the queue service as a whole.</summary>
/// <param name="IgnoreHours">Issue tickets outside counter hours too (development, demos and tests).</param>
public sealed record QueueRules(bool IgnoreHours = false);

public sealed record IssuedTicket(Ticket Ticket, string Token, int PeopleAhead, WaitEstimate Estimate);

/// <summary>
/// A resident's own ticket of today as their home shows it: its state now, the office's name (a city text in every
/// language it is written in), and the page's token when it could be kept (null: the home links to the queue page instead).
/// </summary>
public sealed record AccountTicket(TicketStatus Status, Languages.LocalizedText Office, string? Token)
{
    public string? PagePath => Token is null ? null : $"/queue/t/{Token}";
}

/// <summary>Everything the resident's ticket page shows; nothing in it names the resident.</summary>
public sealed record TicketStatus(
    Ticket Ticket,
    OfficeService Service,
    int PeopleAhead,
    WaitEstimate Estimate,
    LocalizedText? CounterName,
    IReadOnlyList<CalledTicket> NowCalling,
    int NoticeThreshold,
    IReadOnlyList<TicketNoticeKind> Subscriptions);

/// <summary>One service's line: how many wait and what a newcomer should expect.</summary>
public sealed record ServiceQueueStatus(OfficeService Service, int Waiting, int OpenCounters, WaitEstimate Estimate);

public sealed record OfficeQueueStatus(string OfficeId, bool OpenNow, IReadOnlyList<ServiceQueueStatus> Services, IReadOnlyList<CalledTicket> Called);

/// <summary>What a counter shows its staff member: the session, the ticket at the counter and the lines it serves.</summary>
public sealed record CounterDesk(CounterSession Session, Counter Counter, Ticket? Current, IReadOnlyList<ServiceQueueStatus> Lines, OfficeQueueSettings Settings);

public static class QueueAuditActions
{
    public const string Entity = "queue-ticket";
    public const string Called = "queue-ticket.called";
    public const string Recalled = "queue-ticket.recalled";
    public const string Serving = "queue-ticket.serving";
    public const string Served = "queue-ticket.served";
    public const string NoShow = "queue-ticket.no-show";
    public const string Transferred = "queue-ticket.transferred";
}

/// <summary>
/// Ward-office counter queues: kiosks issue tickets, counters call, recall, transfer and finish them, residents
/// follow their ticket. Every change is written with its event (and due notices) in one transaction, then
/// signalled to the pages that show it; staff actions on a ticket are audited.
/// </summary>
public sealed class TicketService(
    ITicketRepository tickets,
    IQueueSetupRepository setup,
    ICounterSessionRepository sessions,
    IQueueSignals signals,
    AuditTrail audit,
    TimeProvider time,
    QueueRules rules,
    StaffScopes scopes,
    ITicketTokenSeal? seal = null)
{
    public const int BoardCalledCount = 8;

    private readonly OfficeSnapshots _snapshots = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<OfficeSnapshot, OfficeLine> _lines = new();

    public DateOnly Today => BusinessCalendar.BusinessDateOf(time.GetUtcNow());

    public async Task<BusinessCalendar> CalendarAsync(string officeId, CancellationToken ct)
    {
        var today = Today;
        var hours = await setup.ListHoursAsync(officeId, ct);
        var closed = await setup.ListClosedDaysAsync(officeId, today.AddDays(-1), today.AddDays(400), ct);
        return new BusinessCalendar(hours, closed.Select(c => c.Date));
    }

    public async Task<bool> IsOpenNowAsync(string officeId, CancellationToken ct) =>
        rules.IgnoreHours || (await CalendarAsync(officeId, ct)).IsOpenAt(time.GetUtcNow());

    /// <summary>A kiosk issues a ticket for a service of its own office.</summary>
    public async Task<IssuedTicket> IssueAsync(string officeId, long serviceId, TicketLane lane, CancellationToken ct)
    {
        var service = await setup.GetServiceAsync(serviceId, ct);
        if (service is null || service.OfficeId != officeId || !service.Active) throw new RuleException(QueueErrors.ServiceClosed);
        if (!await IsOpenNowAsync(officeId, ct)) throw new RuleException(QueueErrors.OfficeClosed);
        var token = TicketToken.New();
        var before = await SnapshotAsync(officeId, ct);
        var ticket = await tickets.IssueAsync(service, lane, time.GetUtcNow(), TicketToken.Hash(token),
            (int)before.Estimate(service, before.Waiting(service.Id)).Middle.TotalSeconds, ct);
        Changed(ticket);
        var ahead = await tickets.CountAheadAsync(ticket, ct);
        return new IssuedTicket(ticket, token, ahead, (await SnapshotAsync(officeId, ct)).Estimate(service, ahead));
    }

    /// <summary>The resident's view of a ticket, or null when the token is unknown or expired.</summary>
    public async Task<TicketStatus?> StatusAsync(string token, CancellationToken ct)
    {
        if (!TicketToken.LooksValid(token)) return null;
        if (await tickets.GetPageAsync(TicketToken.Hash(token), ct) is not var (ticket, subscriptions) || !ticket.IsTokenValid(time.GetUtcNow())) return null;
        return await StatusOfAsync(ticket, subscriptions, ct);
    }

    /// <summary>The ticket a page's token opens, or null when the token is unknown or expired.</summary>
    public async Task<Ticket?> TicketOfTokenAsync(string token, CancellationToken ct)
    {
        if (!TicketToken.LooksValid(token)) return null;
        var ticket = await tickets.GetByTokenHashAsync(TicketToken.Hash(token), ct);
        return ticket is not null && ticket.IsTokenValid(time.GetUtcNow()) ? ticket : null;
    }

    /// <summary>A ticket as saved now, for a page whose ticket left the office's line (served, no-show).</summary>
    public Task<Ticket?> TicketAsync(long ticketId, CancellationToken ct) => tickets.GetAsync(ticketId, ct);

    /// <summary>
    /// The view again after a change at the office that did not signal this ticket: the line, the estimate and the
    /// numbers called come from the office's snapshot (read once for all pages); the ticket's own row is read again
    /// only when the snapshot shows it moved on. Null when the token expired meanwhile.
    /// </summary>
    public async Task<TicketStatus?> RefreshAsync(TicketStatus current, CancellationToken ct)
    {
        var known = current.Ticket;
        if (!known.IsTokenValid(time.GetUtcNow())) return null;
        var office = await SnapshotAsync(known.OfficeId, ct);
        var fresh = office.BusinessDate == known.BusinessDate ? office.Active.FirstOrDefault(t => t.Id == known.Id) : null;
        if (fresh is null && known.IsActive)
            return await tickets.GetAsync(known.Id, ct) is { } reread ? await StatusOfAsync(reread, current.Subscriptions, ct) : null;
        return await StatusOfAsync(fresh ?? known, current.Subscriptions, ct);
    }

    public async Task<TicketStatus> StatusOfAsync(Ticket ticket, CancellationToken ct) =>
        await StatusOfAsync(ticket, await tickets.ListSubscriptionsAsync(ticket.Id, ct), ct);

    private async Task<TicketStatus> StatusOfAsync(Ticket ticket, IReadOnlyList<TicketNoticeKind> subscriptions, CancellationToken ct)
    {
        var office = await SnapshotAsync(ticket.OfficeId, ct);
        if (ticket.CounterId is { } atCounter && !office.CounterNames.ContainsKey(atCounter))
        {
            // Called to a counter set up after the snapshot was read (on another node, or straight in the database): the
            // snapshot is older than a change no signal told this node of, so the office is read anew, for every page.
            _snapshots.Changed(ticket.OfficeId);
            office = await SnapshotAsync(ticket.OfficeId, ct);
        }
        var service = office.Services.FirstOrDefault(s => s.Id == ticket.ServiceId)
            ?? await setup.GetServiceAsync(ticket.ServiceId, ct) ?? throw new RuleException(QueueErrors.NotFound);
        var ahead = ticket.State != TicketState.Waiting ? 0
            // The snapshot holds the office's waiting tickets as of the last change: count in memory when it knows this one.
            : office.BusinessDate == ticket.BusinessDate && office.Active.Any(t => t.Id == ticket.Id && t.State == TicketState.Waiting && t.ServiceId == ticket.ServiceId)
                ? QueueOrder.PeopleAhead(ticket, office.Active)
                : await tickets.CountAheadAsync(ticket, ct);
        var estimate = ticket.State == TicketState.Waiting ? office.Estimate(service, ahead) : WaitEstimate.None;
        var counterName = ticket.CounterId is { } counterId ? office.CounterNames.GetValueOrDefault(counterId) : null;
        var called = ticket.BusinessDate == office.BusinessDate ? office.Called.Where(c => c.ServiceId == ticket.ServiceId).ToList() : [];
        return new TicketStatus(ticket, service, ahead, estimate, counterName, called, office.Settings.NoticeThreshold, subscriptions);
    }

    /// <summary>"Tell me when N are ahead" or "tell me when called" for the ticket the token opens.</summary>
    public async Task<bool> SubscribeAsync(string token, TicketNoticeKind kind, NoticeRecipient recipient, CancellationToken ct)
    {
        if (!TicketToken.LooksValid(token)) return false;
        var ticket = await tickets.GetByTokenHashAsync(TicketToken.Hash(token), ct);
        if (ticket is null || !ticket.IsTokenValid(time.GetUtcNow()) || !ticket.IsActive) return false;
        // A signed-in resident's ask links the ticket to their account; the sealed token lets their home open its page.
        var sealedToken = recipient is NoticeRecipient.Account ? seal?.Seal(token) : null;
        await tickets.SubscribeAsync(ticket.Id, kind, recipient, time.GetUtcNow(), ct, sealedToken);
        return true;
    }

    /// <summary>
    /// The holder gives the ticket the token opens back ("I no longer need this"): it leaves its line at once, and no one
    /// is told of it (those behind may hear they are near, as when any ticket ahead leaves). A second tap finds it given
    /// back already and changes nothing. Null when the token opens no ticket; a ticket no longer waiting is refused
    /// (<see cref="QueueErrors.NotWaiting"/>).
    /// </summary>
    public async Task<Ticket?> GiveBackAsync(string token, CancellationToken ct)
    {
        if (await TicketOfTokenAsync(token, ct) is not { } ticket) return null;
        if (ticket.State == TicketState.GivenBack) return ticket;
        try
        {
            var given = await tickets.ChangeAsync(ticket.Id, t =>
            {
                var now = time.GetUtcNow();
                t.GiveBack(now);
                return new TicketEvent(t.Id, TicketEventKind.GivenBack, now, t.ServiceId);
            }, ct);
            Changed(given);
            return given;
        }
        catch (RuleException)
        {
            // Two taps at once: the other one gave it back.
            if (await tickets.GetAsync(ticket.Id, ct) is { State: TicketState.GivenBack } already) return already;
            throw;
        }
    }

    /// <summary>
    /// The account's active ticket of today with its state now (the line from the office's snapshot), or null. A ticket
    /// is the account's once its holder, signed in, asked on its page to be told when it is near or called.
    /// </summary>
    public async Task<AccountTicket?> ActiveOfAccountAsync(long accountId, CancellationToken ct)
    {
        if (await tickets.ActiveOfAccountAsync(accountId, Today, ct) is not { } linked || !linked.Ticket.IsTokenValid(time.GetUtcNow())) return null;
        var status = await StatusOfAsync(linked.Ticket, ct);
        return new AccountTicket(status, linked.Office, linked.SealedToken is { } sealedToken ? seal?.Open(sealedToken) : null);
    }

    /// <summary>Each active service's line at the office, with the numbers now at counters.</summary>
    public async Task<OfficeQueueStatus> OfficeStatusAsync(string officeId, CancellationToken ct)
    {
        var office = await SnapshotAsync(officeId, ct);
        var lines = office.Services.Where(s => s.Active)
            .Select(s => new ServiceQueueStatus(s, office.Waiting(s.Id), office.OpenCounters(s.Id), office.Estimate(s, office.Waiting(s.Id))))
            .ToList();
        return new OfficeQueueStatus(officeId, office.OpenNow, lines, office.Called);
    }

    /// <summary>Admins changed the office's services, counters or settings: pages reload them.</summary>
    public void SetupChanged(string officeId) => Changed(officeId, []);

    /// <summary>
    /// Another web node changed the office (it signals the pages itself): this node's snapshot of it is stale, so the
    /// next read, the pages' reload that follows, loads it afresh instead of waiting out <see cref="OfficeSnapshots.MaxAge"/>.
    /// </summary>
    public void ChangedElsewhere(string officeId) => _snapshots.Changed(officeId);

    /// <summary>What every page of the office shows alike, read once per change (<see cref="OfficeSnapshots"/>).</summary>
    public Task<OfficeSnapshot> SnapshotAsync(string officeId, CancellationToken ct) =>
        _snapshots.GetAsync(officeId, time.GetUtcNow(), Today, () => LoadSnapshotAsync(officeId, CancellationToken.None));

    /// <summary>Where every ticket of the office stands now: worked out once per snapshot, shared by all who ask.</summary>
    public async Task<OfficeLine> LineAsync(string officeId, CancellationToken ct) =>
        _lines.GetValue(await SnapshotAsync(officeId, ct), snapshot => new OfficeLine(snapshot));

    private async Task<OfficeSnapshot> LoadSnapshotAsync(string officeId, CancellationToken ct)
    {
        var today = Today;
        var services = await setup.ListServicesAsync(officeId, ct);
        var times = new Dictionary<long, (IReadOnlyList<TimeSpan>, IReadOnlyList<TimeSpan>)>();
        foreach (var service in services.Where(s => s.Active))
            times[service.Id] = await tickets.ServiceTimesAsync(service.Id, time.GetUtcNow(), WaitEstimator.RecentWindow, ct);
        var active = await tickets.ListActiveAsync(officeId, today, ct);
        var counters = (await setup.ListCountersAsync(officeId, ct)).ToDictionary(c => c.Id, c => c.Name);
        return new OfficeSnapshot(
            today,
            services,
            active,
            await sessions.ListOpenAsync(officeId, ct),
            counters,
            // From the same read as the line: a call committed between two reads would show a number at a counter
            // while the line still had it waiting (a page told "now calling A001" and "1 ahead of you" at once).
            OfficeSnapshot.CalledOf(active, counters, BoardCalledCount),
            await setup.GetSettingsAsync(officeId, ct),
            times,
            await IsOpenNowAsync(officeId, ct));
    }

    /// <summary>After a committed change: the office's snapshot is stale, then the pages hear of it.</summary>
    private void Changed(string officeId, IEnumerable<long> ticketIds)
    {
        _snapshots.Changed(officeId);
        signals.Changed(officeId, ticketIds);
    }

    /// <summary>
    /// After a committed change of one ticket alone: the office's snapshot takes it in place, then the pages hear of
    /// it. A served ticket also changes its service's pace (today's service times), so the office is read anew then.
    /// </summary>
    private void Changed(Ticket ticket)
    {
        _snapshots.Changed(ticket.OfficeId, ticket.State == TicketState.Served ? [] : [ticket]);
        signals.Changed(ticket.OfficeId, [ticket.Id]);
    }

    // ----- Counters -----

    /// <summary>
    /// A staff member takes a counter of their office for some of its services: only an office their scope covers
    /// (<see cref="StaffScope"/>), whatever office the page offered; <paramref name="staffOfficeId"/> may narrow it further.
    /// </summary>
    public async Task<CounterSession> TakeCounterAsync(Actor staff, string? staffOfficeId, long counterId, IReadOnlyList<long> serviceIds, CancellationToken ct)
    {
        var accountId = staff.AccountId ?? throw new InvalidOperationException("Counter work needs a signed-in staff member.");
        var counter = await setup.GetCounterAsync(counterId, ct);
        if (counter is null || !counter.Active || (staffOfficeId is not null && counter.OfficeId != staffOfficeId))
            throw new RuleException(QueueErrors.NoCounter);
        await DemandScopeAsync(staff, counter.OfficeId, ct);
        var chosen = serviceIds.Where(counter.Serves).Distinct().ToList();
        if (chosen.Count == 0) chosen = counter.ServiceIds.ToList();
        var session = await sessions.OpenAsync(counterId, accountId, chosen, time.GetUtcNow(), ct);
        Changed(counter.OfficeId, []);
        return session;
    }

    public async Task<CounterDesk?> DeskAsync(Actor staff, CancellationToken ct)
    {
        if (staff.AccountId is not { } accountId) return null;
        var session = await sessions.OpenOfAccountAsync(accountId, ct);
        if (session is null) return null;
        var counter = await setup.GetCounterAsync(session.CounterId, ct) ?? throw new RuleException(QueueErrors.NoCounter);
        await DemandScopeAsync(staff, counter.OfficeId, ct);
        // From the office's snapshot, which every change on this node updates before it signals: reading the day's
        // whole line from the database for each signal was a fifth of the server's work at 5,000 open ticket pages.
        var active = (await SnapshotAsync(counter.OfficeId, ct)).Active;
        var current = active.Where(t => t.CounterId == counter.Id && t.State is TicketState.Called or TicketState.Serving)
            .OrderByDescending(t => t.CalledUtc).FirstOrDefault();
        var status = await OfficeStatusAsync(counter.OfficeId, ct);
        var lines = status.Services.Where(s => session.ServiceIds.Contains(s.Service.Id)).ToList();
        return new CounterDesk(session, counter, current, lines, await setup.GetSettingsAsync(counter.OfficeId, ct));
    }

    public async Task PauseAsync(Actor staff, bool paused, CancellationToken ct)
    {
        var (session, counter) = await SessionAsync(staff, ct);
        await sessions.SetPausedAsync(session.Id, paused, ct);
        Changed(counter.OfficeId, []);
    }

    public async Task LeaveCounterAsync(Actor staff, CancellationToken ct)
    {
        var (session, counter) = await SessionAsync(staff, ct);
        await sessions.EndAsync(session.Id, time.GetUtcNow(), ct);
        Changed(counter.OfficeId, []);
    }

    /// <summary>The counter calls the next ticket of its services: fast lane first, then by place in line.</summary>
    public async Task<Ticket?> CallNextAsync(Actor staff, CancellationToken ct)
    {
        var (session, counter) = await SessionAsync(staff, ct);
        if (session.Paused) throw new RuleException(QueueErrors.NoCounter);
        // The repository refuses a counter that has a ticket called or being served (QueueErrors.Busy) inside the same
        // write that calls the next one: checked before it, a double key press could give one counter two tickets.
        var ticket = await tickets.CallNextAsync(counter.OfficeId, Today, counter.Id, session.ServiceIds, staff.AccountId, time.GetUtcNow(), ct);
        if (ticket is null) return null;
        Changed(ticket);
        await AuditAsync(staff, QueueAuditActions.Called, ticket, counter, ct);
        return ticket;
    }

    public Task<Ticket> RecallAsync(Actor staff, long ticketId, CancellationToken ct) =>
        ActAsync(staff, ticketId, QueueAuditActions.Recalled, (t, counter, now) =>
        {
            t.Recall(counter.Id, now);
            return new TicketEvent(t.Id, TicketEventKind.Recalled, now, t.ServiceId, counter.Id, ActorId: staff.AccountId);
        }, ct);

    public Task<Ticket> StartServingAsync(Actor staff, long ticketId, CancellationToken ct) =>
        ActAsync(staff, ticketId, QueueAuditActions.Serving, (t, counter, now) =>
        {
            t.StartServing(counter.Id, now);
            return new TicketEvent(t.Id, TicketEventKind.Serving, now, t.ServiceId, counter.Id, ActorId: staff.AccountId);
        }, ct);

    public Task<Ticket> FinishAsync(Actor staff, long ticketId, CancellationToken ct) =>
        ActAsync(staff, ticketId, QueueAuditActions.Served, (t, counter, now) =>
        {
            var serviceTime = t.Finish(counter.Id, now);
            return new TicketEvent(t.Id, TicketEventKind.Served, now, t.ServiceId, counter.Id, ActorId: staff.AccountId,
                ServiceSeconds: (int)serviceTime.TotalSeconds);
        }, ct);

    public async Task<Ticket> NoShowAsync(Actor staff, long ticketId, CancellationToken ct)
    {
        var (_, counter) = await SessionAsync(staff, ct);
        var settings = await setup.GetSettingsAsync(counter.OfficeId, ct);
        return await ActAsync(staff, ticketId, QueueAuditActions.NoShow, (t, c, now) =>
        {
            t.MarkNoShow(c.Id, settings.RecallsBeforeNoShow, now);
            return new TicketEvent(t.Id, TicketEventKind.NoShow, now, t.ServiceId, c.Id, ActorId: staff.AccountId);
        }, ct);
    }

    public async Task<Ticket> TransferAsync(Actor staff, long ticketId, long targetServiceId, CancellationToken ct)
    {
        var target = await setup.GetServiceAsync(targetServiceId, ct) ?? throw new RuleException(QueueErrors.ServiceClosed);
        return await ActAsync(staff, ticketId, QueueAuditActions.Transferred, (t, counter, now) =>
        {
            var from = t.ServiceId;
            t.TransferTo(counter.Id, target, now);
            return new TicketEvent(t.Id, TicketEventKind.Transferred, now, t.ServiceId, counter.Id, FromServiceId: from, ActorId: staff.AccountId);
        }, ct);
    }

    /// <summary>
    /// The office's crowding forecast (<see cref="CrowdingForecast"/>) for these of its services: their typical lines by
    /// weekday and hour from the last weeks' event log, and the quietest hours of the next seven days.
    /// </summary>
    public async Task<IReadOnlyList<ServiceForecast>> ForecastAsync(string officeId, IReadOnlyCollection<long> serviceIds, CancellationToken ct)
    {
        var (from, to) = CrowdingForecast.History(Today);
        var events = await tickets.ListEventsAsync(officeId, from, to, ct);
        return CrowdingForecast.Compute(events, serviceIds, await CalendarAsync(officeId, ct), time.GetUtcNow());
    }

    /// <summary>The estimate for someone with this many people ahead in the service's line now.</summary>
    public async Task<WaitEstimate> EstimateAsync(OfficeService service, int peopleAhead, CancellationToken ct) =>
        (await SnapshotAsync(service.OfficeId, ct)).Estimate(service, peopleAhead);

    private async Task<(CounterSession, Counter)> SessionAsync(Actor staff, CancellationToken ct)
    {
        var accountId = staff.AccountId ?? throw new RuleException(QueueErrors.NoCounter);
        var session = await sessions.OpenOfAccountAsync(accountId, ct) ?? throw new RuleException(QueueErrors.NoCounter);
        var counter = await setup.GetCounterAsync(session.CounterId, ct) ?? throw new RuleException(QueueErrors.NoCounter);
        // Checked at every step, not only when the counter was taken: an office changed or a permission taken away
        // counts at once.
        await DemandScopeAsync(staff, counter.OfficeId, ct);
        return (session, counter);
    }

    /// <summary>Refuses a counter or ticket of an office outside the actor's scope.</summary>
    private async Task DemandScopeAsync(Actor staff, string officeId, CancellationToken ct)
    {
        if (!(await scopes.OfAsync(staff, ct)).Covers(officeId)) throw new RuleException(ScopeErrors.OtherOffice);
    }

    private async Task<Ticket> ActAsync(Actor staff, long ticketId, string action, Func<Ticket, Counter, DateTimeOffset, TicketEvent> change, CancellationToken ct)
    {
        var (_, counter) = await SessionAsync(staff, ct);
        var ticket = await tickets.ChangeAsync(ticketId, t =>
        {
            if (t.OfficeId != counter.OfficeId) throw new RuleException(QueueErrors.NotAtCounter);
            return change(t, counter, time.GetUtcNow());
        }, ct);
        Changed(ticket);
        await AuditAsync(staff, action, ticket, counter, ct);
        return ticket;
    }

    private Task AuditAsync(Actor staff, string action, Ticket ticket, Counter counter, CancellationToken ct) =>
        audit.RecordAsync(staff, action, QueueAuditActions.Entity, ticket.Id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"office={ticket.OfficeId} number={ticket.Display} counter={counter.Name.Japanese} state={ticket.State}"), ct);
}
