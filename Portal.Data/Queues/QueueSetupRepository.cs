using System.Globalization;
using Dapper;
using Portal.Core.Languages;
using Portal.Core.Queues;
using Portal.Data.Database;

namespace Portal.Data.Queues;

public sealed class QueueSetupRepository(PortalDatabase db) : IQueueSetupRepository
{
    private const string ServiceColumns = "Id, OfficeId, Code, NameText AS Name, Prefix, FastLane, DefaultServiceMinutes, Active, SortOrder";
    internal const string AllOffices = "all";

    public async Task<IReadOnlyList<OfficeService>> ListServicesAsync(string? officeId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ServiceRow>(new CommandDefinition(
            $"SELECT {ServiceColumns} FROM QueueService WHERE (@officeId IS NULL OR OfficeId = @officeId) ORDER BY OfficeId, SortOrder, Id",
            new { officeId }, cancellationToken: ct));
        return rows.Select(r => r.ToService()).ToList();
    }

    public async Task<OfficeService?> GetServiceAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ServiceRow>(new CommandDefinition(
            $"SELECT {ServiceColumns} FROM QueueService WHERE Id = @id", new { id }, cancellationToken: ct));
        return row?.ToService();
    }

    public async Task<long> SaveServiceAsync(OfficeService s, CancellationToken ct)
    {
        if (!OfficeService.IsValidPrefix(s.Prefix)) throw new ArgumentException("The prefix must be one letter A to Z.", nameof(s));
        await using var connection = await db.OpenAsync(ct);
        var args = new { s.Id, s.OfficeId, s.Code, s.Name, Prefix = s.Prefix.ToString(), s.FastLane, s.DefaultServiceMinutes, s.Active, s.SortOrder };
        if (s.Id == 0)
            return await connection.ExecuteScalarAsync<long>(new CommandDefinition("""
                INSERT INTO QueueService (OfficeId, Code, NameText, Prefix, FastLane, DefaultServiceMinutes, Active, SortOrder)
                VALUES (@OfficeId, @Code, @Name, @Prefix, @FastLane, @DefaultServiceMinutes, @Active, @SortOrder)
                """ + db.Dialect.SelectInsertedId, args, cancellationToken: ct));
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE QueueService SET Code = @Code, NameText = @Name, Prefix = @Prefix, FastLane = @FastLane,
                DefaultServiceMinutes = @DefaultServiceMinutes, Active = @Active, SortOrder = @SortOrder
            WHERE Id = @Id AND OfficeId = @OfficeId
            """, args, cancellationToken: ct));
        return s.Id;
    }

    public async Task<IReadOnlyList<Counter>> ListCountersAsync(string officeId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var counters = await connection.QueryAsync<CounterRow>(new CommandDefinition(
            "SELECT Id, OfficeId, NameText AS Name, SortOrder, Active FROM QueueCounter WHERE OfficeId = @officeId ORDER BY SortOrder, Id", new { officeId }, cancellationToken: ct));
        var links = (await connection.QueryAsync<(long CounterId, long ServiceId)>(new CommandDefinition("""
            SELECT cs.CounterId, cs.ServiceId FROM QueueCounterService cs JOIN QueueCounter c ON c.Id = cs.CounterId
            WHERE c.OfficeId = @officeId ORDER BY cs.ServiceId
            """, new { officeId }, cancellationToken: ct))).ToLookup(l => l.CounterId, l => l.ServiceId);
        return counters.Select(c => c.ToCounter(links[c.Id].ToList())).ToList();
    }

    public async Task<Counter?> GetCounterAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<CounterRow>(new CommandDefinition(
            "SELECT Id, OfficeId, NameText AS Name, SortOrder, Active FROM QueueCounter WHERE Id = @id", new { id }, cancellationToken: ct));
        if (row is null) return null;
        var services = await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT ServiceId FROM QueueCounterService WHERE CounterId = @id ORDER BY ServiceId", new { id }, cancellationToken: ct));
        return row.ToCounter(services.ToList());
    }

    public Task<long> SaveCounterAsync(Counter counter, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            // Name is the Japanese name, which the office's unique key guards; NameText the name in every language.
            var args = new { counter.Id, counter.OfficeId, Name = counter.Name.Japanese, NameText = counter.Name, counter.SortOrder, counter.Active };
            var id = counter.Id;
            if (id == 0)
                id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                    "INSERT INTO QueueCounter (OfficeId, Name, NameText, SortOrder, Active) VALUES (@OfficeId, @Name, @NameText, @SortOrder, @Active)" + db.Dialect.SelectInsertedId,
                    args, transaction, cancellationToken: ct));
            else
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE QueueCounter SET Name = @Name, NameText = @NameText, SortOrder = @SortOrder, Active = @Active WHERE Id = @Id AND OfficeId = @OfficeId",
                    args, transaction, cancellationToken: ct));
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM QueueCounterService WHERE CounterId = @id", new { id }, transaction, cancellationToken: ct));
            // Only services of the counter's own office: the select drops any other.
            foreach (var serviceId in counter.ServiceIds.Distinct())
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO QueueCounterService (CounterId, ServiceId)
                    SELECT @id, Id FROM QueueService WHERE Id = @serviceId AND OfficeId = @OfficeId
                    """, new { id, serviceId, counter.OfficeId }, transaction, cancellationToken: ct));
            return id;
        }, ct);

    public async Task<OfficeQueueSettings> GetSettingsAsync(string officeId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<(int NoticeThreshold, int RecallsBeforeNoShow, string? BoardLanguages)>(new CommandDefinition(
            "SELECT NoticeThreshold, RecallsBeforeNoShow, BoardLanguages FROM QueueSettings WHERE OfficeId = @officeId", new { officeId }, cancellationToken: ct))).ToList();
        return rows.Count == 1
            ? new OfficeQueueSettings(officeId, rows[0].NoticeThreshold, rows[0].RecallsBeforeNoShow,
                rows[0].BoardLanguages?.Split(',', StringSplitOptions.RemoveEmptyEntries))
            : OfficeQueueSettings.Default(officeId);
    }

    public async Task SaveSettingsAsync(OfficeQueueSettings settings, CancellationToken ct)
    {
        if (!settings.IsValid) throw new ArgumentException("Settings out of range.", nameof(settings));
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE QueueSettings SET NoticeThreshold = @NoticeThreshold, RecallsBeforeNoShow = @RecallsBeforeNoShow, BoardLanguages = @BoardLanguages WHERE OfficeId = @OfficeId",
            new
            {
                settings.OfficeId, settings.NoticeThreshold, settings.RecallsBeforeNoShow,
                // Comma-separated in order; none means the city's default.
                BoardLanguages = settings.BoardLanguages is { Count: > 0 } languages ? string.Join(',', languages) : null,
            }, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<OpeningHours>> ListHoursAsync(string officeId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(int Weekday, string Opens, string Closes)>(new CommandDefinition(
            "SELECT Weekday, Opens, Closes FROM QueueHours WHERE OfficeId = @officeId ORDER BY Weekday", new { officeId }, cancellationToken: ct));
        return rows.Select(r => new OpeningHours((DayOfWeek)r.Weekday, Time(r.Opens), Time(r.Closes))).ToList();
    }

    public Task SaveHoursAsync(string officeId, IReadOnlyList<OpeningHours> hours, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            await connection.ExecuteAsync(new CommandDefinition("DELETE FROM QueueHours WHERE OfficeId = @officeId", new { officeId }, transaction, cancellationToken: ct));
            foreach (var h in hours.Where(h => h.IsValid).DistinctBy(h => h.Day))
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO QueueHours (OfficeId, Weekday, Opens, Closes) VALUES (@officeId, @weekday, @opens, @closes)",
                    new { officeId, weekday = (int)h.Day, opens = Text(h.Opens), closes = Text(h.Closes) }, transaction, cancellationToken: ct));
            return 0;
        }, ct);

    public async Task<IReadOnlyList<ClosedDay>> ListClosedDaysAsync(string? officeId, DateOnly from, DateOnly to, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(string Day, string Scope, string Reason)>(new CommandDefinition("""
            SELECT Day, Scope, Reason FROM QueueClosedDay
            WHERE Day >= @from AND Day <= @to AND (Scope = 'all' OR @officeId IS NULL OR Scope = @officeId)
            ORDER BY Day, Scope
            """, new { officeId, from = Date(from), to = Date(to) }, cancellationToken: ct));
        return rows.Select(r => new ClosedDay(DateOnly.ParseExact(r.Day, "yyyy-MM-dd", CultureInfo.InvariantCulture), r.Scope == AllOffices ? null : r.Scope, r.Reason)).ToList();
    }

    public async Task AddClosedDayAsync(ClosedDay day, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        try
        {
            await connection.ExecuteAsync(new CommandDefinition(
                "INSERT INTO QueueClosedDay (Day, Scope, Reason) VALUES (@day, @scope, @reason)",
                new { day = Date(day.Date), scope = day.OfficeId ?? AllOffices, reason = day.Reason.Trim() }, cancellationToken: ct));
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // Already closed that day: nothing to add.
        }
    }

    public async Task RemoveClosedDayAsync(DateOnly date, string? officeId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM QueueClosedDay WHERE Day = @day AND Scope = @scope",
            new { day = Date(date), scope = officeId ?? AllOffices }, cancellationToken: ct));
    }

    internal static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private static TimeOnly Time(string text) => TimeOnly.ParseExact(text.Trim(), "HH:mm", CultureInfo.InvariantCulture);
    private static string Text(TimeOnly time) => time.ToString("HH:mm", CultureInfo.InvariantCulture);

    private sealed class ServiceRow
    {
        public long Id { get; set; }
        public string OfficeId { get; set; } = "";
        public string Code { get; set; } = "";
        public LocalizedText Name { get; set; } = null!;
        public string Prefix { get; set; } = "";
        public bool FastLane { get; set; }
        public int DefaultServiceMinutes { get; set; }
        public bool Active { get; set; }
        public int SortOrder { get; set; }

        public OfficeService ToService() => new(Id, OfficeId, Code, Name, Prefix[0], FastLane, DefaultServiceMinutes, Active, SortOrder);
    }

    private sealed class CounterRow
    {
        public long Id { get; set; }
        public string OfficeId { get; set; } = "";
        public LocalizedText Name { get; set; } = null!;
        public int SortOrder { get; set; }
        public bool Active { get; set; }

        public Counter ToCounter(IReadOnlyList<long> services) => new(Id, OfficeId, Name, SortOrder, Active, services);
    }
}
