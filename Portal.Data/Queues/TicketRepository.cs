using System.Data.Common;
using System.Globalization;
using Dapper;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Core.Rules;
using Portal.Core.Time;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Data.Queues;

/// <summary>
/// Tickets, their event log and their notices. Every change runs in one write transaction that also logs the
/// event and writes the notices it makes due into the outbox; <see cref="TicketNotices"/> (Core) decides which.
/// </summary>
public sealed class TicketRepository(PortalDatabase db, INoticeOutbox outbox) : ITicketRepository
{
    private const int Attempts = 5;

    private const string Columns = """
        t.Id, t.OfficeId, t.ServiceId, t.IssuedForServiceId, t.BusinessDate, t.Prefix, t.Number, t.Lane, t.State, t.IssuedUtc, t.QueuedUtc,
        t.CounterId, t.CalledUtc, t.RecallCount, t.ServingUtc, t.FinishedUtc, t.EstimatedWaitSeconds, t.TokenHash, t.TokenExpiresUtc
        """;

    // Ticket_Issue
    public async Task<Ticket> IssueAsync(OfficeService service, TicketLane lane, DateTimeOffset now, string tokenHash, int? estimatedWaitSeconds, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.WriteAsync(async (connection, transaction) =>
                {
                    var date = QueueSetupRepository.Date(BusinessCalendar.BusinessDateOf(now));
                    // The day's numbers of this prefix are held until commit (SQLite: BEGIN IMMEDIATE; SQL Server: UPDLOCK,
                    // HOLDLOCK takes the key range), so the next issue reads the number this one writes.
                    var last = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
                        $"SELECT MAX(Number) FROM QueueTicket{db.Dialect.LockForUpdate} WHERE OfficeId = @OfficeId AND BusinessDate = @date AND Prefix = @prefix",
                        new { service.OfficeId, date, prefix = service.Prefix.ToString() }, transaction, cancellationToken: ct));
                    var ticket = Ticket.Issue(service, (last ?? 0) + 1, lane, now, tokenHash, estimatedWaitSeconds);
                    var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                        INSERT INTO QueueTicket (OfficeId, ServiceId, IssuedForServiceId, BusinessDate, Prefix, Number, Lane, LaneRank, State, IssuedUtc,
                            QueuedUtc, CounterId, CalledUtc, RecallCount, ServingUtc, FinishedUtc, EstimatedWaitSeconds, TokenHash, TokenExpiresUtc)
                        VALUES (@OfficeId, @ServiceId, NULL, @BusinessDate, @Prefix, @Number, @Lane, @LaneRank, @State, @IssuedUtc,
                            @QueuedUtc, NULL, NULL, 0, NULL, NULL, @EstimatedWaitSeconds, @TokenHash, @TokenExpiresUtc)
                        """ + db.Dialect.SelectInsertedId, Args(ticket), transaction, cancellationToken: ct));
                    ticket.AssignId(id);
                    await AppendAsync(connection, transaction, ticket, new TicketEvent(id, TicketEventKind.Issued, now, ticket.ServiceId), ct);
                    return ticket;
                }, ct);
            }
            catch (Exception e) when (attempt < Attempts && (db.Dialect.IsUniqueViolation(e) || db.Dialect.IsDeadlock(e)))
            {
                // Another issue slipped in between (SQL Server without the range held): take the next number.
            }
        }
    }

    // Ticket_CallNext
    public async Task<Ticket?> CallNextAsync(string officeId, DateOnly businessDate, long counterId, IReadOnlyList<long> serviceIds, long? actorId,
        DateTimeOffset now, CancellationToken ct)
    {
        if (serviceIds.Count == 0) return null;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await db.WriteAsync(async (connection, transaction) =>
                {
                    // One ticket at a time per counter, decided inside the write: the counter's row is held (SQL Server; SQLite
                    // lets one writer in), so two presses of "call next" at one counter take turns and the second finds it busy.
                    var busy = await connection.ExecuteScalarAsync<int>(new CommandDefinition($"""
                        SELECT COUNT(*) FROM QueueCounter c{db.Dialect.LockForUpdate}
                        WHERE c.Id = @counterId AND EXISTS (
                            SELECT 1 FROM QueueTicket t
                            WHERE t.CounterId = c.Id AND t.BusinessDate = @date AND t.State IN ('Called', 'Serving'))
                        """, new { counterId, date = QueueSetupRepository.Date(businessDate) }, transaction, cancellationToken: ct));
                    if (busy > 0) throw new RuleException(QueueErrors.Busy);
                    // The first waiting ticket, held; SQL Server skips rows another counter holds (READPAST), SQLite lets one writer in.
                    var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition($"""
                        SELECT {Columns} FROM QueueTicket t{db.Dialect.LockNextForUpdate}
                        WHERE t.OfficeId = @officeId AND t.BusinessDate = @date AND t.State = 'Waiting' AND t.ServiceId IN @serviceIds
                        ORDER BY t.LaneRank, t.QueuedUtc, t.Id{db.Dialect.Page}
                        """, new { officeId, date = QueueSetupRepository.Date(businessDate), serviceIds, Skip = 0, Take = 1 }, transaction, cancellationToken: ct));
                    if (row is null) return null;
                    var ticket = row.ToTicket();
                    var waited = ticket.Call(counterId, now);
                    var changed = await SaveAsync(connection, transaction, ticket, "Waiting", ct);
                    if (!changed) throw new RuleException(QueueErrors.Busy);
                    int? error = ticket.EstimatedWaitSeconds is { } estimated ? (int)waited.TotalSeconds - estimated : null;
                    await AppendAsync(connection, transaction, ticket, new TicketEvent(ticket.Id, TicketEventKind.Called, now, ticket.ServiceId, counterId,
                        ActorId: actorId, WaitSeconds: (int)waited.TotalSeconds, EstimateErrorSeconds: error), ct);
                    await NotifyAsync(connection, transaction, ticket, [ticket.ServiceId], ct);
                    return ticket;
                }, ct);
            }
            catch (Exception e) when (attempt < Attempts && db.Dialect.IsDeadlock(e))
            {
            }
        }
    }

    public Task<Ticket> ChangeAsync(long ticketId, Func<Ticket, TicketEvent> change, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
                $"SELECT {Columns} FROM QueueTicket t{db.Dialect.LockForUpdate} WHERE t.Id = @ticketId", new { ticketId }, transaction, cancellationToken: ct))
                ?? throw new RuleException(QueueErrors.NotFound);
            var ticket = row.ToTicket();
            var fromService = ticket.ServiceId;
            var wasState = ticket.State.ToString();
            var e = change(ticket);
            if (e.TicketId != ticket.Id) throw new InvalidOperationException("The event must be about the changed ticket.");
            await SaveAsync(connection, transaction, ticket, wasState, ct);
            await AppendAsync(connection, transaction, ticket, e, ct);
            await NotifyAsync(connection, transaction, ticket, TicketNotices.LinesMoved(fromService, ticket), ct);
            return ticket;
        }, ct);

    public async Task<Ticket?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
            $"SELECT {Columns} FROM QueueTicket t WHERE t.Id = @id", new { id }, cancellationToken: ct));
        return row?.ToTicket();
    }

    public async Task<Ticket?> GetByTokenHashAsync(string tokenHash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
            $"SELECT {Columns} FROM QueueTicket t WHERE t.TokenHash = @tokenHash", new { tokenHash }, cancellationToken: ct));
        return row?.ToTicket();
    }

    public async Task<(Ticket Ticket, IReadOnlyList<TicketNoticeKind> Subscriptions)?> GetPageAsync(string tokenHash, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
            $"SELECT {Columns} FROM QueueTicket t WHERE t.TokenHash = @tokenHash", new { tokenHash }, cancellationToken: ct));
        if (row is null) return null;
        var kinds = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT Kind FROM QueueNoticeSubscription WHERE TicketId = @Id ORDER BY Kind", new { row.Id }, cancellationToken: ct));
        return (row.ToTicket(), kinds.Select(Enum.Parse<TicketNoticeKind>).ToList());
    }

    public async Task<IReadOnlyList<Ticket>> ListActiveAsync(string officeId, DateOnly businessDate, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<TicketRow>(new CommandDefinition($"""
            SELECT {Columns} FROM QueueTicket t
            WHERE t.OfficeId = @officeId AND t.BusinessDate = @date AND t.State IN ('Waiting', 'Called', 'Serving')
            ORDER BY t.LaneRank, t.QueuedUtc, t.Id
            """, new { officeId, date = QueueSetupRepository.Date(businessDate) }, cancellationToken: ct));
        return rows.Select(r => r.ToTicket()).ToList();
    }

    public async Task<int> CountAheadAsync(Ticket ticket, CancellationToken ct)
    {
        if (ticket.State != TicketState.Waiting) return 0;
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition("""
            SELECT COUNT(*) FROM QueueTicket
            WHERE OfficeId = @OfficeId AND BusinessDate = @date AND State = 'Waiting' AND ServiceId = @ServiceId
              AND (LaneRank < @LaneRank OR (LaneRank = @LaneRank AND (QueuedUtc < @QueuedUtc OR (QueuedUtc = @QueuedUtc AND Id < @Id))))
            """, new { ticket.OfficeId, date = QueueSetupRepository.Date(ticket.BusinessDate), ticket.ServiceId, ticket.LaneRank, ticket.QueuedUtc, ticket.Id },
            cancellationToken: ct));
    }

    public async Task<(IReadOnlyList<TimeSpan> Today, IReadOnlyList<TimeSpan> History)> ServiceTimesAsync(long serviceId, DateTimeOffset now, int take, CancellationToken ct)
    {
        var japan = JapanTime.ToJapan(now);
        var today = BusinessCalendar.BusinessDateOf(now);
        await using var connection = await db.OpenAsync(ct);
        var recent = await connection.QueryAsync<int>(new CommandDefinition($"""
            SELECT ServiceSeconds FROM QueueTicketEvent
            WHERE ServiceId = @serviceId AND Kind = 'Served' AND BusinessDate = @date AND ServiceSeconds IS NOT NULL
            ORDER BY OccurredUtc DESC, Id DESC{db.Dialect.Page}
            """, new { serviceId, date = QueueSetupRepository.Date(today), Skip = 0, Take = take }, cancellationToken: ct));
        // The same weekday and hour over the eight weeks before today.
        var history = await connection.QueryAsync<int>(new CommandDefinition($"""
            SELECT ServiceSeconds FROM QueueTicketEvent
            WHERE ServiceId = @serviceId AND Kind = 'Served' AND Weekday = @weekday AND Hour = @hour
              AND BusinessDate >= @from AND BusinessDate < @date AND ServiceSeconds IS NOT NULL
            ORDER BY OccurredUtc DESC, Id DESC{db.Dialect.Page}
            """, new { serviceId, weekday = (int)japan.DayOfWeek, hour = japan.Hour, from = QueueSetupRepository.Date(today.AddDays(-56)),
                date = QueueSetupRepository.Date(today), Skip = 0, Take = 200 }, cancellationToken: ct));
        return (recent.Select(s => TimeSpan.FromSeconds(s)).ToList(), history.Select(s => TimeSpan.FromSeconds(s)).ToList());
    }

    public async Task<IReadOnlyList<TicketEventRow>> ListEventsAsync(string officeId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition("""
            SELECT TicketId, OfficeId, ServiceId, Kind, OccurredUtc, WaitSeconds, ServiceSeconds, EstimateErrorSeconds FROM QueueTicketEvent
            WHERE OfficeId = @officeId AND BusinessDate >= @from AND BusinessDate <= @to ORDER BY Id
            """, new { officeId, from = QueueSetupRepository.Date(from), to = QueueSetupRepository.Date(to) }, cancellationToken: ct));
        return rows.Select(r => new TicketEventRow(r.TicketId, r.OfficeId, r.ServiceId, Enum.Parse<TicketEventKind>(r.Kind), r.OccurredUtc,
            r.WaitSeconds, r.ServiceSeconds, r.EstimateErrorSeconds)).ToList();
    }

    public Task SubscribeAsync(long ticketId, TicketNoticeKind kind, NoticeRecipient recipient, DateTimeOffset now, CancellationToken ct,
        string? sealedToken = null) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<TicketRow>(new CommandDefinition(
                $"SELECT {Columns} FROM QueueTicket t{db.Dialect.LockForUpdate} WHERE t.Id = @ticketId", new { ticketId }, transaction, cancellationToken: ct))
                ?? throw new RuleException(QueueErrors.NotFound);
            var (accountId, channel, destination, culture) = recipient switch
            {
                NoticeRecipient.Account a => ((long?)a.AccountId, (string?)null, (string?)null, "ja"),
                NoticeRecipient.Address a => (null, a.Channel.ToString(), a.Destination.Trim(), a.Culture),
                _ => throw new ArgumentOutOfRangeException(nameof(recipient)),
            };
            var args = new { ticketId, kind = kind.ToString(), accountId, channel, destination, culture, now, sealedToken = accountId is null ? null : sealedToken };
            await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM QueueNoticeSubscription WHERE TicketId = @ticketId AND Kind = @kind", args, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO QueueNoticeSubscription (TicketId, Kind, AccountId, Channel, Destination, Culture, CreatedUtc, SealedToken)
                VALUES (@ticketId, @kind, @accountId, @channel, @destination, @culture, @now, @sealedToken)
                """, args, transaction, cancellationToken: ct));
            // Already as near as asked (or called): the notice is due now.
            var ticket = row.ToTicket();
            await NotifyAsync(connection, transaction, ticket, TicketNotices.LinesOfSubscriber(ticket), ct);
            return 0;
        }, ct);

    // Ticket_ReadActiveOfAccount
    public async Task<LinkedTicket?> ActiveOfAccountAsync(long accountId, DateOnly businessDate, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<LinkedTicketRow>(new CommandDefinition($"""
            SELECT {Columns}, s.SealedToken, o.NameText AS Office
            FROM QueueNoticeSubscription s JOIN QueueTicket t ON t.Id = s.TicketId JOIN WardOffice o ON o.Id = t.OfficeId
            WHERE s.AccountId = @accountId AND t.BusinessDate = @date AND t.State IN ('Waiting', 'Called', 'Serving')
            ORDER BY t.IssuedUtc DESC, t.Id DESC, s.SealedToken DESC{db.Dialect.Page}
            """, new { accountId, date = QueueSetupRepository.Date(businessDate), Skip = 0, Take = 1 }, cancellationToken: ct));
        return row is null ? null : new LinkedTicket(row.ToTicket(), row.SealedToken, row.Office);
    }

    public async Task<IReadOnlyList<TicketNoticeKind>> ListSubscriptionsAsync(long ticketId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var kinds = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT Kind FROM QueueNoticeSubscription WHERE TicketId = @ticketId ORDER BY Kind", new { ticketId }, cancellationToken: ct));
        return kinds.Select(Enum.Parse<TicketNoticeKind>).ToList();
    }

    /// <summary>
    /// Writes the notices the change made due (<see cref="TicketNotices"/> decides which) into the outbox, in the change's
    /// transaction: the facts are read here, in the same write, so no call can slip between what is read and what is sent.
    /// </summary>
    private async Task NotifyAsync(DbConnection connection, DbTransaction transaction, Ticket changed, IReadOnlyList<long> lines, CancellationToken ct)
    {
        var office = await connection.QuerySingleAsync<OfficeRow>(new CommandDefinition("""
            SELECT o.NameText AS Office, s.NoticeThreshold AS Threshold
            FROM WardOffice o LEFT JOIN QueueSettings s ON s.OfficeId = o.Id WHERE o.Id = @OfficeId
            """, new { changed.OfficeId }, transaction, cancellationToken: ct));
        var take = TicketNotices.HeadLength(TicketNotices.ThresholdOf(office.Threshold));

        CalledFacts? called = null;
        if (changed.State == TicketState.Called
            && await SubscriptionAsync(connection, transaction, changed.Id, TicketNoticeKind.Called, ct) is { } calledBy)
        {
            var counter = await connection.QuerySingleOrDefaultAsync<LocalizedText>(new CommandDefinition(
                "SELECT NameText FROM QueueCounter WHERE Id = @CounterId", new { changed.CounterId }, transaction, cancellationToken: ct));
            called = new CalledFacts(calledBy, await ServiceNameAsync(connection, transaction, changed.ServiceId, ct), counter);
        }

        var heads = new List<LineHead>();
        foreach (var serviceId in lines.Distinct())
        {
            var first = (await connection.QueryAsync<TicketRow>(new CommandDefinition($"""
                SELECT {Columns} FROM QueueTicket t
                WHERE t.OfficeId = @OfficeId AND t.BusinessDate = @date AND t.State = 'Waiting' AND t.ServiceId = @serviceId
                ORDER BY t.LaneRank, t.QueuedUtc, t.Id{db.Dialect.Page}
                """, new { changed.OfficeId, date = QueueSetupRepository.Date(changed.BusinessDate), serviceId, Skip = 0, Take = take },
                transaction, cancellationToken: ct))).Select(r => r.ToTicket()).ToList();
            var withNear = new List<(Ticket, NoticeRecipient?)>(first.Count);
            foreach (var ticket in first)
                withNear.Add((ticket, await SubscriptionAsync(connection, transaction, ticket.Id, TicketNoticeKind.Near, ct)));
            // A line where nobody near the front asked to hear makes no notice: its name is not worth the read.
            if (withNear.Exists(t => t.Item2 is not null))
                heads.Add(new LineHead(serviceId, await ServiceNameAsync(connection, transaction, serviceId, ct), withNear));
        }

        foreach (var notice in TicketNotices.Due(new TicketNoticeFacts(changed, office.Office, office.Threshold, called, heads)))
            await outbox.EnqueueAsync(connection, transaction, notice, ct);
    }

    private static Task<LocalizedText> ServiceNameAsync(DbConnection connection, DbTransaction transaction, long serviceId, CancellationToken ct) =>
        connection.QuerySingleAsync<LocalizedText>(new CommandDefinition(
            "SELECT NameText FROM QueueService WHERE Id = @serviceId", new { serviceId }, transaction, cancellationToken: ct));

    private sealed class OfficeRow
    {
        public LocalizedText Office { get; set; } = null!;
        public int? Threshold { get; set; }
    }

    private static async Task<NoticeRecipient?> SubscriptionAsync(DbConnection connection, DbTransaction transaction, long ticketId, TicketNoticeKind kind, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<SubscriptionRow>(new CommandDefinition(
            "SELECT AccountId, Channel, Destination, Culture FROM QueueNoticeSubscription WHERE TicketId = @ticketId AND Kind = @kind",
            new { ticketId, kind = kind.ToString() }, transaction, cancellationToken: ct));
        if (row is null) return null;
        return row.AccountId is { } accountId
            ? new NoticeRecipient.Account(accountId)
            : new NoticeRecipient.Address(Enum.Parse<NoticeChannel>(row.Channel!), row.Destination!, row.Culture);
    }

    /// <summary>Writes the ticket's changeable columns, only if it is still in the state it was read in.</summary>
    private static async Task<bool> SaveAsync(DbConnection connection, DbTransaction transaction, Ticket ticket, string wasState, CancellationToken ct) =>
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE QueueTicket SET ServiceId = @ServiceId, IssuedForServiceId = @IssuedForServiceId, State = @State, CounterId = @CounterId,
                CalledUtc = @CalledUtc, RecallCount = @RecallCount, ServingUtc = @ServingUtc, FinishedUtc = @FinishedUtc
            WHERE Id = @Id AND State = @wasState
            """, new
        {
            ticket.Id, ticket.ServiceId, ticket.IssuedForServiceId, State = ticket.State.ToString(), ticket.CounterId, ticket.CalledUtc,
            ticket.RecallCount, ticket.ServingUtc, ticket.FinishedUtc, wasState,
        }, transaction, cancellationToken: ct)) == 1;

    private static Task AppendAsync(DbConnection connection, DbTransaction transaction, Ticket ticket, TicketEvent e, CancellationToken ct)
    {
        var japan = JapanTime.ToJapan(e.OccurredUtc);
        return connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO QueueTicketEvent (TicketId, OfficeId, ServiceId, Kind, OccurredUtc, BusinessDate, Weekday, Hour, CounterId, FromServiceId, ActorId,
                WaitSeconds, ServiceSeconds, EstimateErrorSeconds)
            VALUES (@TicketId, @OfficeId, @ServiceId, @Kind, @OccurredUtc, @BusinessDate, @Weekday, @Hour, @CounterId, @FromServiceId, @ActorId,
                @WaitSeconds, @ServiceSeconds, @EstimateErrorSeconds)
            """, new
        {
            e.TicketId, ticket.OfficeId, e.ServiceId, Kind = e.Kind.ToString(), e.OccurredUtc,
            BusinessDate = QueueSetupRepository.Date(DateOnly.FromDateTime(japan.DateTime)), Weekday = (int)japan.DayOfWeek, japan.Hour,
            e.CounterId, e.FromServiceId, e.ActorId, e.WaitSeconds, e.ServiceSeconds, e.EstimateErrorSeconds,
        }, transaction, cancellationToken: ct));
    }

    private static object Args(Ticket t) => new
    {
        t.OfficeId, t.ServiceId, BusinessDate = QueueSetupRepository.Date(t.BusinessDate), Prefix = t.Prefix.ToString(), t.Number,
        Lane = t.Lane.ToString(), t.LaneRank, State = t.State.ToString(), t.IssuedUtc, t.QueuedUtc, t.EstimatedWaitSeconds, t.TokenHash, t.TokenExpiresUtc,
    };

    private sealed class LinkedTicketRow : TicketRow
    {
        public string? SealedToken { get; set; }
        public LocalizedText Office { get; set; } = null!;
    }

    private class TicketRow
    {
        public long Id { get; set; }
        public string OfficeId { get; set; } = "";
        public long ServiceId { get; set; }
        public long? IssuedForServiceId { get; set; }
        public string BusinessDate { get; set; } = "";
        public string Prefix { get; set; } = "";
        public int Number { get; set; }
        public string Lane { get; set; } = "";
        public string State { get; set; } = "";
        public DateTimeOffset IssuedUtc { get; set; }
        public DateTimeOffset QueuedUtc { get; set; }
        public long? CounterId { get; set; }
        public DateTimeOffset? CalledUtc { get; set; }
        public int RecallCount { get; set; }
        public DateTimeOffset? ServingUtc { get; set; }
        public DateTimeOffset? FinishedUtc { get; set; }
        public int? EstimatedWaitSeconds { get; set; }
        public string TokenHash { get; set; } = "";
        public DateTimeOffset TokenExpiresUtc { get; set; }

        public Ticket ToTicket() => Ticket.Restore(Id, OfficeId, ServiceId, IssuedForServiceId,
            DateOnly.ParseExact(BusinessDate.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture), Prefix[0], Number, Enum.Parse<TicketLane>(Lane),
            Enum.Parse<TicketState>(State), IssuedUtc, QueuedUtc, CounterId, CalledUtc, RecallCount, ServingUtc, FinishedUtc, EstimatedWaitSeconds,
            TokenHash.Trim(), TokenExpiresUtc);
    }

    private sealed class EventRow
    {
        public long TicketId { get; set; }
        public string OfficeId { get; set; } = "";
        public long ServiceId { get; set; }
        public string Kind { get; set; } = "";
        public DateTimeOffset OccurredUtc { get; set; }
        public int? WaitSeconds { get; set; }
        public int? ServiceSeconds { get; set; }
        public int? EstimateErrorSeconds { get; set; }
    }

    private sealed class SubscriptionRow
    {
        public long? AccountId { get; set; }
        public string? Channel { get; set; }
        public string? Destination { get; set; }
        public string Culture { get; set; } = "ja";
    }
}
