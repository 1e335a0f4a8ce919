using System.Globalization;
using Dapper;
using Portal.Core.Languages;
using Portal.Core.Points;
using Portal.Core.Rules;
using Portal.Core.Time;
using Portal.Data.Database;

namespace Portal.Data.Points;

public sealed class PointProgrammeRepository(PortalDatabase db, PointLedgerRepository ledger) : IPointProgrammeRepository
{
    private const string ProgrammeColumns =
        "Id, Name, Kind, PointsPerParticipation, DailyCap, YearlyCap, StartsOn, EndsOn, ReportPoints, FundingAccountId";

    public async Task<PointProgramme> AddProgrammeAsync(ProgrammeInput input, long fundingAccountId, DateTimeOffset now, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO PointProgramme (Name, Kind, PointsPerParticipation, DailyCap, YearlyCap, StartsOn, EndsOn, ReportPoints, FundingAccountId, CreatedUtc)
            VALUES (@Name, @Kind, @PointsPerParticipation, @DailyCap, @YearlyCap, @StartsOn, @EndsOn, @ReportPoints, @fundingAccountId, @now){db.Dialect.SelectInsertedId}
            """, Parameters(input, new { fundingAccountId, now }), cancellationToken: ct));
        return (await ProgrammeAsync(id, ct))!;
    }

    public async Task UpdateProgrammeAsync(long id, ProgrammeInput input, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE PointProgramme SET Name = @Name, Kind = @Kind, PointsPerParticipation = @PointsPerParticipation, DailyCap = @DailyCap,
                YearlyCap = @YearlyCap, StartsOn = @StartsOn, EndsOn = @EndsOn, ReportPoints = @ReportPoints
            WHERE Id = @id
            """, Parameters(input, new { id }), cancellationToken: ct));
        if (rows != 1) throw new RuleException(PointsErrors.EventNotFound);
    }

    private static DynamicParameters Parameters(ProgrammeInput input, object extra)
    {
        var p = new DynamicParameters(extra);
        p.Add("Name", CityTextFields.ToText(input.Name));
        p.Add("Kind", input.Kind.ToString());
        p.Add("PointsPerParticipation", input.PointsPerParticipation);
        p.Add("DailyCap", input.DailyCap);
        p.Add("YearlyCap", input.YearlyCap);
        p.Add("StartsOn", Day(input.StartsOn!.Value));
        p.Add("EndsOn", Day(input.EndsOn!.Value));
        p.Add("ReportPoints", input.ReportPoints);
        return p;
    }

    private static string Day(DateTime day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public async Task<PointProgramme?> ProgrammeAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ProgrammeRow>(new CommandDefinition(
            $"SELECT {ProgrammeColumns} FROM PointProgramme WHERE Id = @id", new { id }, cancellationToken: ct));
        return row?.ToProgramme();
    }

    public async Task<IReadOnlyList<PointProgramme>> ProgrammesAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ProgrammeRow>(new CommandDefinition(
            $"SELECT {ProgrammeColumns} FROM PointProgramme ORDER BY StartsOn DESC, Id DESC", cancellationToken: ct));
        return rows.Select(r => r.ToProgramme()).ToList();
    }

    public async Task<PointEvent> AddEventAsync(EventInput input, DateTimeOffset now, CancellationToken ct)
    {
        var (start, end) = input.Times();
        var (title, place) = (CityTextFields.ToText(input.Title), CityTextFields.ToText(input.Place));
        await using var connection = await db.OpenAsync(ct);
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition($"""
            INSERT INTO PointEvent (ProgrammeId, Title, Place, StartUtc, EndUtc, CreatedUtc)
            VALUES (@ProgrammeId, @title, @place, @start, @end, @now){db.Dialect.SelectInsertedId}
            """, new { input.ProgrammeId, title, place, start, end, now }, cancellationToken: ct));
        return new PointEvent(id, input.ProgrammeId, title, place, start, end);
    }

    public async Task UpdateEventAsync(long id, EventInput input, CancellationToken ct)
    {
        var (start, end) = input.Times();
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE PointEvent SET ProgrammeId = @ProgrammeId, Title = @title, Place = @place, StartUtc = @start, EndUtc = @end WHERE Id = @id
            """, new { id, input.ProgrammeId, title = CityTextFields.ToText(input.Title), place = CityTextFields.ToText(input.Place), start, end }, cancellationToken: ct));
        if (rows != 1) throw new RuleException(PointsErrors.EventNotFound);
    }

    public async Task<PointEventView?> EventAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<EventRow>(new CommandDefinition($"""
            SELECT e.Id AS EventId, e.Title, e.Place, e.StartUtc, e.EndUtc, {Prefixed} FROM PointEvent e JOIN PointProgramme p ON p.Id = e.ProgrammeId
            WHERE e.Id = @id
            """, new { id }, cancellationToken: ct));
        return row?.ToView();
    }

    public async Task<IReadOnlyList<PointEventView>> EventsAsync(DateTimeOffset fromUtc, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<EventRow>(new CommandDefinition($"""
            SELECT e.Id AS EventId, e.Title, e.Place, e.StartUtc, e.EndUtc, {Prefixed} FROM PointEvent e JOIN PointProgramme p ON p.Id = e.ProgrammeId
            WHERE e.EndUtc >= @fromUtc
            ORDER BY e.StartUtc, e.Id{db.Dialect.Page}
            """, new { fromUtc, Skip = 0, Take = take }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    private const string Prefixed = """
        p.Id, p.Name, p.Kind, p.PointsPerParticipation, p.DailyCap, p.YearlyCap, p.StartsOn, p.EndsOn, p.ReportPoints, p.FundingAccountId
        """;

    public async Task<LedgerResult> CreditWithinCapsAsync(PointProgramme programme, long walletId, long points, LedgerRequest request, ExpiryPolicy policy,
        DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(async (connection, transaction) =>
            {
                var posted = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM PointTransaction WHERE IdempotencyKey = @IdempotencyKey", new { request.IdempotencyKey }, transaction, cancellationToken: ct));
                if (posted == 0)
                {
                    // Hold the wallet so that two credits at once count one after the other.
                    await connection.ExecuteScalarAsync<long>(new CommandDefinition(
                        $"SELECT Id FROM PointAccount{db.Dialect.LockForUpdate} WHERE Id = @walletId", new { walletId }, transaction, cancellationToken: ct));
                    var today = DateOnly.FromDateTime(JapanTime.ToJapan(now).DateTime);
                    var fiscalStart = new DateOnly(ExpiryPolicy.FiscalYear(today), 4, 1);
                    var earned = await connection.QuerySingleAsync<(long Today, long Year)>(new CommandDefinition("""
                        SELECT COALESCE(SUM(CASE WHEN t.CreatedUtc >= @dayStart THEN w.Amount ELSE 0 END), 0),
                               COALESCE(SUM(w.Amount), 0)
                        FROM PointPosting w
                        JOIN PointTransaction t ON t.Id = w.TransactionId
                        WHERE w.AccountId = @walletId AND t.CreatedUtc >= @yearStart
                          AND EXISTS (SELECT 1 FROM PointPosting f WHERE f.TransactionId = t.Id AND f.AccountId = @funding)
                        """, new
                    {
                        walletId, funding = programme.FundingAccountId, dayStart = JapanTime.StartOfDayUtc(today), yearStart = JapanTime.StartOfDayUtc(fiscalStart),
                    }, transaction, cancellationToken: ct));
                    EarningCaps.Check(programme, earned.Today, earned.Year, points);
                }
                return await ledger.PostAsync(connection, transaction, request, policy, now, ct);
            }, ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            var replay = await ledger.ReplayAsync(request, ct);
            if (replay is null) throw;
            return replay;
        }
    }

    private class ProgrammeRow
    {
        public long Id { get; set; }
        public LocalizedText Name { get; set; } = default!;
        public string Kind { get; set; } = "";
        public long PointsPerParticipation { get; set; }
        public long DailyCap { get; set; }
        public long YearlyCap { get; set; }
        public string StartsOn { get; set; } = "";
        public string EndsOn { get; set; } = "";
        public long? ReportPoints { get; set; }
        public long FundingAccountId { get; set; }

        public PointProgramme ToProgramme() => new(Id, Name, Enum.Parse<ProgrammeKind>(Kind), PointsPerParticipation, DailyCap, YearlyCap,
            DateOnly.ParseExact(StartsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(EndsOn, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            ReportPoints, FundingAccountId);
    }

    private sealed class EventRow : ProgrammeRow
    {
        public long EventId { get; set; }
        public LocalizedText Title { get; set; } = default!;
        public LocalizedText Place { get; set; } = default!;
        public DateTimeOffset StartUtc { get; set; }
        public DateTimeOffset EndUtc { get; set; }

        public PointEventView ToView() => new(new PointEvent(EventId, Id, Title, Place, StartUtc, EndUtc), ToProgramme());
    }
}
