using System.Data.Common;
using Dapper;
using Portal.Core.Geography;
using Portal.Core.Notifications;
using Portal.Data.Notifications;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Core.Text;

namespace Portal.Data.Reports;

/// <param name="time">The clock the inbox's "overdue only" filter measures against; the system clock unless a test gives another.</param>
/// <param name="outbox">Where notices about a saved change are written, in the change's transaction; without one, the outbox of the same database with in-app only.</param>
public sealed class ReportRepository(PortalDatabase db, TimeProvider? time = null, INoticeOutbox? outbox = null) : IReportRepository
{
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly INoticeOutbox _outbox = outbox ?? new NoticeOutbox(db, ActiveChannels.InAppOnly, time);

    private const string Columns = """
        Id, IdempotencyKey, ReporterId, ReporterName, ContactEmail, Kind, CategoryCode, Description, Latitude, Longitude,
        WardId, Status, AssignedToId, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc, FirstResponseUtc, FixedUtc, ClosedUtc, AnswersJson, ThemeCode
        """;

    /// <summary>The same columns named with their table, for a read joined to a tree that has a column of the same name.</summary>
    private static readonly string ReportColumns = string.Join(", ", Columns.Split(',').Select(c => "Report." + c.Trim()));

    private static readonly string[] Published = Enum.GetValues<ReportStatus>().Where(ReportWorkflow.IsPublished).Select(s => s.ToString()).ToArray();
    private static readonly string[] Open = ReportWorkflow.OpenStatuses.Select(s => s.ToString()).ToArray();

    public Task<Report> SubmitAsync(Report report, IReadOnlyList<NewPhoto> photos, CancellationToken ct) => SubmitAsync(report, photos, null, ct);

    public Task<Report> SubmitAssistedAsync(Report report, IReadOnlyList<NewPhoto> photos, ReportIntake intake, CancellationToken ct) =>
        SubmitAsync(report, photos, intake, ct);

    private async Task<Report> SubmitAsync(Report report, IReadOnlyList<NewPhoto> photos, ReportIntake? intake, CancellationToken ct)
    {
        try
        {
            var stored = await db.WriteAsync(async (connection, transaction) =>
            {
                var existing = await connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                    "SELECT Id FROM Report WHERE IdempotencyKey = @IdempotencyKey", new { report.IdempotencyKey }, transaction, cancellationToken: ct));
                if (existing is { } id) return id;

                const string insert = """
                    INSERT INTO Report (IdempotencyKey, ReporterId, ReporterName, ContactEmail, Kind, CategoryCode, Description, Latitude, Longitude,
                                        WardId, Status, AssignedToId, DuplicateOfId, SupportCount, Source, CreatedUtc, UpdatedUtc, AnswersJson, ThemeCode)
                    VALUES (@IdempotencyKey, @ReporterId, @ReporterName, @ContactEmail, @Kind, @CategoryCode, @Description, @Latitude, @Longitude,
                            @WardId, @Status, NULL, NULL, 0, @Source, @CreatedUtc, @UpdatedUtc, @AnswersJson, @ThemeCode)
                    """;
                var newId = await connection.ExecuteScalarAsync<long>(new CommandDefinition(insert + db.Dialect.SelectInsertedId, Parameters(report), transaction, cancellationToken: ct));
                report.AssignId(newId);
                await AttachPhotosAsync(connection, transaction, newId, photos, 0, ct);
                var submitted = report.Submitted();
                if (intake is not null)
                {
                    // ReportIntake_Insert: how a report staff filed came in; its first line in the filing staff member's name.
                    await connection.ExecuteAsync(new CommandDefinition("""
                        INSERT INTO ReportIntake (ReportId, Source, FiledById, ContactName, ContactPhone, PhotoConsent, FiledUtc)
                        VALUES (@newId, @Source, @FiledById, @ContactName, @ContactPhone, @PhotoConsent, @FiledUtc)
                        """, new { newId, Source = intake.Source.ToString(), intake.FiledById, intake.ContactName, intake.ContactPhone, intake.PhotoConsent,
                        intake.FiledUtc }, transaction, cancellationToken: ct));
                    submitted = submitted with { ActorId = intake.FiledById };
                }
                await InsertUpdateAsync(connection, transaction, submitted, ct);
                return newId;
            }, ct);
            return stored == report.Id ? report : (await GetAsync(stored, ct))!;
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // Another request with the same key won the race: that one is the report.
            return (await GetByKeyAsync(report.IdempotencyKey, ct))!;
        }
    }

    public async Task<Report?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition($"SELECT {Columns} FROM Report WHERE Id = @id", new { id }, cancellationToken: ct));
        return row?.ToReport();
    }

    private async Task<Report?> GetByKeyAsync(string key, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ReportRow>(new CommandDefinition($"SELECT {Columns} FROM Report WHERE IdempotencyKey = @key", new { key }, cancellationToken: ct));
        return row?.ToReport();
    }

    public Task SaveAsync(Report report, ReportUpdate update, CancellationToken ct) => SaveAsync(report, update, null, ct);

    public Task SaveAsync(Report report, ReportUpdate update, Func<long, IReadOnlyList<Notice>>? notices, CancellationToken ct) =>
        db.WriteAsync((connection, transaction) => SaveChangeAsync(connection, transaction, report, update, notices, ct), ct);

    /// <summary>The report's state, its new history line and the notices made from the line's id, in the caller's transaction.</summary>
    private async Task<int> SaveChangeAsync(DbConnection connection, DbTransaction transaction, Report report, ReportUpdate update,
        Func<long, IReadOnlyList<Notice>>? notices, CancellationToken ct)
    {
        const string sql = """
            UPDATE Report SET
                ReporterName = @ReporterName, ContactEmail = @ContactEmail, CategoryCode = @CategoryCode, Description = @Description,
                Latitude = @Latitude, Longitude = @Longitude, WardId = @WardId, Status = @Status, AssignedToId = @AssignedToId,
                DuplicateOfId = @DuplicateOfId, UpdatedUtc = @UpdatedUtc, FirstResponseUtc = @FirstResponseUtc, FixedUtc = @FixedUtc, ClosedUtc = @ClosedUtc
            WHERE Id = @Id
            """;
        var rows = await connection.ExecuteAsync(new CommandDefinition(sql, Parameters(report), transaction, cancellationToken: ct));
        if (rows != 1) throw new InvalidOperationException($"Report {report.Id} does not exist.");
        var updateId = await InsertUpdateAsync(connection, transaction, update, ct);
        foreach (var notice in notices?.Invoke(updateId) ?? [])
            await _outbox.EnqueueAsync(connection, transaction, notice, ct);
        return rows;
    }

    public async Task<ReportIntake?> IntakeAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<IntakeRow>(new CommandDefinition(
            "SELECT ReportId, Source, FiledById, ContactName, ContactPhone, PhotoConsent, FiledUtc FROM ReportIntake WHERE ReportId = @reportId",
            new { reportId }, cancellationToken: ct));
        return row is null ? null
            : new ReportIntake(row.ReportId, Enum.Parse<IntakeSource>(row.Source), row.FiledById, row.ContactName, row.ContactPhone, row.PhotoConsent, row.FiledUtc);
    }

    public async Task<IReadOnlyList<long>> MeTooAccountsAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT AccountId FROM ReportSupport WHERE ReportId = @reportId ORDER BY CreatedUtc, AccountId", new { reportId }, cancellationToken: ct))).ToList();
    }

    public async Task<ReportFollowUp?> FollowUpAsync(long reportId, long accountId, DateTimeOffset closedUtc, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<FollowUpRow>(new CommandDefinition("""
            SELECT ReportId, AccountId, ClosedUtc, Answer, Comment, AnsweredUtc FROM ReportFollowUp
            WHERE ReportId = @reportId AND AccountId = @accountId AND ClosedUtc = @closedUtc
            """, new { reportId, accountId, closedUtc }, cancellationToken: ct));
        return row is null ? null
            : new ReportFollowUp(row.ReportId, row.AccountId, row.ClosedUtc, Enum.Parse<FollowUpAnswer>(row.Answer), row.Comment, row.AnsweredUtc);
    }

    /// <summary>
    /// Adds photos to a report, unpublished, after its others (from <paramref name="firstSortOrder"/>), and takes them off
    /// the upload log: a photo on a report is no longer one the retention run may delete.
    /// </summary>
    private static async Task AttachPhotosAsync(DbConnection connection, DbTransaction transaction, long reportId, IReadOnlyList<NewPhoto> photos,
        int firstSortOrder, CancellationToken ct)
    {
        if (photos.Count == 0) return;
        for (var i = 0; i < photos.Count; i++)
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                INSERT INTO ReportPhoto (ReportId, StorageKey, Width, Height, IsPublished, IsRedacted, SortOrder)
                VALUES (@ReportId, @StorageKey, @Width, @Height, @IsPublished, @IsRedacted, @SortOrder)
                """, new { ReportId = reportId, photos[i].StorageKey, photos[i].Width, photos[i].Height, IsPublished = false, IsRedacted = false,
                SortOrder = firstSortOrder + i }, transaction, cancellationToken: ct));
        }
        await connection.ExecuteAsync(new CommandDefinition("DELETE FROM PhotoUpload WHERE StorageKey IN @keys",
            new { keys = photos.Select(p => p.StorageKey).ToList() }, transaction, cancellationToken: ct));
    }

    public async Task<bool> SaveFollowUpAsync(ReportFollowUp answer, Report? reopened, ReportUpdate? update, Func<long, IReadOnlyList<Notice>>? notices,
        IReadOnlyList<NewPhoto> photos, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(async (connection, transaction) =>
            {
                var args = new { answer.ReportId, answer.AccountId, answer.ClosedUtc, Answer = answer.Answer.ToString(), answer.Comment, answer.AnsweredUtc };
                if (await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                        "SELECT COUNT(*) FROM ReportFollowUp WHERE ReportId = @ReportId AND AccountId = @AccountId AND ClosedUtc = @ClosedUtc",
                        args, transaction, cancellationToken: ct)) > 0)
                    return false;
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO ReportFollowUp (ReportId, AccountId, ClosedUtc, Answer, Comment, AnsweredUtc)
                    VALUES (@ReportId, @AccountId, @ClosedUtc, @Answer, @Comment, @AnsweredUtc)
                    """, args, transaction, cancellationToken: ct));
                if (reopened is not null && update is not null)
                    await SaveChangeAsync(connection, transaction, reopened, update, notices, ct);
                if (photos.Count > 0)
                {
                    var next = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                        "SELECT COALESCE(MAX(SortOrder), -1) + 1 FROM ReportPhoto WHERE ReportId = @ReportId", args, transaction, cancellationToken: ct));
                    await AttachPhotosAsync(connection, transaction, answer.ReportId, photos, next, ct);
                }
                return true;
            }, ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            // The same answer sent twice at once (a double tap on two nodes): the first one counts.
            return false;
        }
    }

    public async Task<IReadOnlyList<ReportUpdate>> HistoryAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<UpdateRow>(new CommandDefinition("""
            SELECT Id, ReportId, OccurredUtc, ActorId, Kind, FromStatus, ToStatus, PublicResponse, InternalNote, AssigneeId
            FROM ReportUpdate WHERE ReportId = @reportId ORDER BY OccurredUtc, Id
            """, new { reportId }, cancellationToken: ct));
        return rows.Select(r => r.ToUpdate()).ToList();
    }

    public async Task<IReadOnlyList<ReportPhoto>> PhotosAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<PhotoRow>(new CommandDefinition("""
            SELECT Id, ReportId, StorageKey, Width, Height, IsPublished, IsRedacted, SortOrder
            FROM ReportPhoto WHERE ReportId = @reportId ORDER BY SortOrder
            """, new { reportId }, cancellationToken: ct));
        return rows.Select(r => new ReportPhoto(r.Id, r.ReportId, r.StorageKey, r.Width, r.Height, r.IsPublished, r.IsRedacted, r.SortOrder)).ToList();
    }

    public async Task<ReportPhoto?> GetPhotoAsync(long photoId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<PhotoRow>(new CommandDefinition(
            "SELECT Id, ReportId, StorageKey, Width, Height, IsPublished, IsRedacted, SortOrder FROM ReportPhoto WHERE Id = @photoId",
            new { photoId }, cancellationToken: ct));
        return row is null ? null : new ReportPhoto(row.Id, row.ReportId, row.StorageKey, row.Width, row.Height, row.IsPublished, row.IsRedacted, row.SortOrder);
    }

    public async Task SavePhotoAsync(ReportPhoto photo, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition("""
            UPDATE ReportPhoto SET StorageKey = @StorageKey, Width = @Width, Height = @Height, IsPublished = @IsPublished, IsRedacted = @IsRedacted
            WHERE Id = @Id
            """, photo, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Report>> NearestOpenAsync(string categoryCode, GeoPoint at, BoundingBox area, int max, CancellationToken ct)
    {
        var plane = new LocalPlane(at);
        var p = new DynamicParameters(new
        {
            categoryCode, Open, Take = max, latitude = at.Latitude, longitude = at.Longitude,
            northScale = LocalPlane.MetersPerDegreeLatitude, eastScale = plane.MetersPerDegreeLongitude,
        });
        ReportSpatialIndex.AddBox(p, area);
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(db.Dialect.NearestOpenReports(ReportColumns), p, cancellationToken: ct));
        return rows.Select(r => r.ToReport()).ToList();
    }

    public async Task<IReadOnlyList<ReportSummary>> SearchPublishedAsync(ReportFilter filter, CancellationToken ct)
    {
        var (conditions, parameters) = PublicFilter(filter);
        await using var connection = await db.OpenAsync(ct);
        if (filter.Area is not null && filter.Take > 0)
            return await NewestInAreaAsync(connection, filter, conditions, parameters, ct);
        var rows = await connection.QueryAsync<ReportSummaryRow>(new CommandDefinition(
            $"SELECT {ReportSummaryRow.Columns} FROM Report WHERE {conditions} ORDER BY CreatedUtc DESC, Id DESC{db.Dialect.Page}", parameters, cancellationToken: ct));
        return rows.Select(r => r.ToSummary()).ToList();
    }

    /// <summary>The first time window the map reads, back from the newest report: an hour.</summary>
    private static readonly TimeSpan FirstWindow = TimeSpan.FromHours(1);

    /// <summary>
    /// Report_ReadNewestInArea: the newest published reports in a box (the map), a time window at a time. A box holds
    /// more reports the larger it is and the longer the table's history, and the newest of them lie in a window that is
    /// short for a city-sized box and long for a street-sized one. The window starts at an hour back from the newest
    /// report and widens, first on the spatial index alone (how many reports it holds there, up to a few more than the
    /// page needs; on SQLite its tree holds the published reports only, so the count is close to what the map shows and
    /// the exact read takes few more reports than it returns), then through the exact read, until the page is full or the window holds the whole
    /// history. The exact read keeps every condition of the public filter, so the answer is the one of the plain query:
    /// a full page of reports created at or after the window's start is the page, since every report left out is older.
    /// </summary>
    private async Task<IReadOnlyList<ReportSummary>> NewestInAreaAsync(DbConnection connection, ReportFilter filter, string conditions, DynamicParameters p,
        CancellationToken ct)
    {
        var span = await connection.QuerySingleAsync<CreatedSpan>(new CommandDefinition(
            "SELECT (SELECT MIN(CreatedUtc) FROM Report) AS Oldest, (SELECT MAX(CreatedUtc) FROM Report) AS Newest", cancellationToken: ct));
        if (span is not { Oldest: { } oldestAny, Newest: { } newestAny }) return [];
        var oldest = filter.FromUtc is { } from && from > oldestAny ? from : oldestAny;
        var newest = filter.ToUtc is { } to && to < newestAny ? to : newestAny;
        var history = newest - oldest;
        var need = filter.Skip + filter.Take;
        var enough = need + need / 16 + 8;
        p.Add("enough", enough);

        var window = FirstWindow;
        while (window < history)
        {
            ReportSpatialIndex.SetWindow(p, newest - window, filter.ToUtc);
            var inIndex = await connection.ExecuteScalarAsync<int>(new CommandDefinition(db.Dialect.CountReportsInBox, p, cancellationToken: ct));
            if (inIndex >= enough) break;
            // The count reads the index alone: aim at just enough, another count costs little.
            window = Widen(window, inIndex, enough, 1.05);
        }
        var sql = $"""
            SELECT {ReportSummaryRow.Columns} FROM {db.Dialect.ReportsInBox} AND {conditions} AND CreatedUtc >= @windowFrom
            ORDER BY CreatedUtc DESC, Id DESC{db.Dialect.Page}
            """;
        while (true)
        {
            var whole = window >= history;
            ReportSpatialIndex.SetWindow(p, whole ? oldest : newest - window, filter.ToUtc);
            var rows = (await connection.QueryAsync<ReportSummaryRow>(new CommandDefinition(sql, p, cancellationToken: ct))).AsList();
            if (rows.Count >= filter.Take || whole) return rows.Select(r => r.ToSummary()).ToList();
            window = Widen(window, rows.Count == 0 ? 0 : filter.Skip + rows.Count, need, 1.5);
        }
    }

    /// <summary>
    /// A window that should hold <paramref name="need"/> reports, with room to spare, where this one held
    /// <paramref name="found"/>: at least a fifth longer, at most 64 times as long.
    /// </summary>
    private static TimeSpan Widen(TimeSpan window, int found, int need, double room) =>
        window * (found == 0 ? 16 : Math.Clamp(room * need / found, 1.2, 64));

    private sealed class CreatedSpan
    {
        public DateTimeOffset? Oldest { get; set; }
        public DateTimeOffset? Newest { get; set; }
    }

    public async Task<int> CountPublishedAsync(ReportFilter filter, CancellationToken ct)
    {
        var (conditions, parameters) = PublicFilter(filter);
        // A box (its parameters set by the filter) is read through the spatial index, without a time window.
        var from = filter.Area is null ? "Report WHERE" : db.Dialect.ReportsInBox + " AND";
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM {from} {conditions}", parameters, cancellationToken: ct));
    }

    public async Task<IReadOnlyList<Report>> ListByReporterAsync(long reporterId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM Report WHERE ReporterId = @reporterId ORDER BY CreatedUtc DESC, Id DESC", new { reporterId }, cancellationToken: ct));
        return rows.Select(r => r.ToReport()).ToList();
    }

    // Report_ReadOpenOfReporter
    public async Task<OpenReportsGlance> OpenOfReporterAsync(long reporterId, IReadOnlyCollection<ReportStatus> open, int take, CancellationToken ct)
    {
        if (open.Count == 0) return new OpenReportsGlance(0, []);
        await using var connection = await db.OpenAsync(ct);
        var rows = (await connection.QueryAsync<GlanceRow>(new CommandDefinition($"""
            SELECT r.Id, r.CategoryCode, c.NameText AS Category, r.Status, r.UpdatedUtc, COUNT(*) OVER () AS OpenCount
            FROM Report r JOIN ReportCategory c ON c.Code = r.CategoryCode
            WHERE r.ReporterId = @reporterId AND r.Status IN @statuses
            ORDER BY r.UpdatedUtc DESC, r.Id DESC{db.Dialect.Page}
            """, new { reporterId, statuses = open.Select(s => s.ToString()).ToArray(), Skip = 0, Take = Math.Max(1, take) }, cancellationToken: ct))).ToList();
        return new OpenReportsGlance(rows.FirstOrDefault()?.OpenCount ?? 0,
            rows.Take(take).Select(r => new ReportGlance(r.Id, r.CategoryCode, r.Category, Enum.Parse<ReportStatus>(r.Status), r.UpdatedUtc)).ToList());
    }

    private sealed class IntakeRow
    {
        public long ReportId { get; set; }
        public string Source { get; set; } = "";
        public long FiledById { get; set; }
        public string? ContactName { get; set; }
        public string? ContactPhone { get; set; }
        public bool? PhotoConsent { get; set; }
        public DateTimeOffset FiledUtc { get; set; }
    }

    private sealed class FollowUpRow
    {
        public long ReportId { get; set; }
        public long AccountId { get; set; }
        public DateTimeOffset ClosedUtc { get; set; }
        public string Answer { get; set; } = "";
        public string? Comment { get; set; }
        public DateTimeOffset AnsweredUtc { get; set; }
    }

    private sealed class GlanceRow
    {
        public long Id { get; set; }
        public string CategoryCode { get; set; } = "";
        public Portal.Core.Languages.LocalizedText Category { get; set; } = null!;
        public string Status { get; set; } = "";
        public DateTimeOffset UpdatedUtc { get; set; }
        public int OpenCount { get; set; }
    }

    public async Task<bool> AddMeTooAsync(long reportId, long accountId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(async (connection, transaction) =>
            {
                var already = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                    "SELECT COUNT(*) FROM ReportSupport WHERE ReportId = @reportId AND AccountId = @accountId", new { reportId, accountId }, transaction, cancellationToken: ct));
                if (already > 0) return false;
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO ReportSupport (ReportId, AccountId, CreatedUtc) VALUES (@reportId, @accountId, @now)", new { reportId, accountId, now }, transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE Report SET SupportCount = SupportCount + 1 WHERE Id = @reportId", new { reportId }, transaction, cancellationToken: ct));
                return true;
            }, ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            return false;
        }
    }

    public async Task<bool> HasSaidMeTooAsync(long reportId, long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM ReportSupport WHERE ReportId = @reportId AND AccountId = @accountId", new { reportId, accountId }, cancellationToken: ct)) > 0;
    }

    public async Task<IReadOnlyList<Report>> InboxAsync(InboxFilter filter, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var (where, parameters) = await InboxAsync(connection, filter, ct);
        var rows = await connection.QueryAsync<ReportRow>(new CommandDefinition(
            $"SELECT {Columns} FROM Report{where} ORDER BY {InboxOrder(filter.Sort)}{db.Dialect.Page}", parameters, cancellationToken: ct));
        return rows.Select(r => r.ToReport()).ToList();
    }

    private static string InboxOrder(InboxSort sort) => sort switch
    {
        InboxSort.Oldest => "CreatedUtc, Id",
        InboxSort.MostSupported => "SupportCount DESC, CreatedUtc DESC, Id DESC",
        InboxSort.RecentlyUpdated => "UpdatedUtc DESC, Id DESC",
        _ => "CreatedUtc DESC, Id DESC",
    };

    public async Task<IReadOnlyDictionary<long, long>> CoverPhotosAsync(IReadOnlyCollection<long> reportIds, CancellationToken ct)
    {
        if (reportIds.Count == 0) return new Dictionary<long, long>();
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<(long ReportId, long Id)>(new CommandDefinition(
            "SELECT ReportId, Id FROM ReportPhoto WHERE ReportId IN @reportIds ORDER BY ReportId, SortOrder, Id",
            new { reportIds = reportIds.Distinct().ToArray() }, cancellationToken: ct));
        var covers = new Dictionary<long, long>();
        foreach (var (reportId, id) in rows) covers.TryAdd(reportId, id);
        return covers;
    }

    public async Task<int> CountInboxAsync(InboxFilter filter, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var (where, parameters) = await InboxAsync(connection, filter, ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition($"SELECT COUNT(*) FROM Report{where}", parameters, cancellationToken: ct));
    }

    /// <summary>
    /// The public list's filter, shared with the open data export so both show the same reports: its conditions, joined
    /// by AND, for a WHERE clause. A box is the exact one here; the map reads it through the spatial index as well.
    /// </summary>
    internal static (string Conditions, DynamicParameters Parameters) PublicFilter(ReportFilter f)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters(new { f.Skip, f.Take });
        var statuses = f.Status is { } status ? ReportWorkflow.WithPublicStatus(status).Select(s => s.ToString()).ToArray() : Published;
        clauses.Add("Status IN @statuses");
        p.Add("statuses", statuses);
        if (f.CategoryCode is { } category) { clauses.Add("CategoryCode = @category"); p.Add("category", category); }
        if (f.Field is { } field) { clauses.Add("CategoryCode IN (SELECT Code FROM ReportCategory WHERE Field = @field)"); p.Add("field", field.ToString()); }
        if (f.WardId is { } ward) { clauses.Add("WardId = @ward"); p.Add("ward", ward); }
        if (f.ThemeCode is { } theme) { clauses.Add("ThemeCode = @theme"); p.Add("theme", theme); }
        if (f.FromUtc is { } from) { clauses.Add("CreatedUtc >= @from"); p.Add("from", from); }
        if (f.ToUtc is { } to) { clauses.Add("CreatedUtc < @to"); p.Add("to", to); }
        if (f.Area is { } area)
        {
            clauses.Add("Latitude BETWEEN @south AND @north AND Longitude BETWEEN @west AND @east");
            ReportSpatialIndex.AddBox(p, area);
        }
        return (string.Join(" AND ", clauses), p);
    }

    private async Task<(string Where, DynamicParameters Parameters)> InboxAsync(DbConnection connection, InboxFilter f, CancellationToken ct)
    {
        var (where, p) = Inbox(f);
        if (!f.OverdueOnly) return (where, p);
        // Overdue: open, no response yet, created before now minus the category's target. The cut-off instants are
        // worked out here, one per target, so the SQL stays plain comparisons that both dialects run alike.
        var targets = await connection.QueryAsync<(string Code, int ResponseTargetDays)>(new CommandDefinition(
            "SELECT Code, ResponseTargetDays FROM ReportCategory", cancellationToken: ct));
        var now = _time.GetUtcNow();
        var byTarget = targets.GroupBy(t => t.ResponseTargetDays).ToList();
        if (byTarget.Count == 0) return (where + " AND 1 = 0", p);
        var alternatives = new List<string>();
        for (var i = 0; i < byTarget.Count; i++)
        {
            alternatives.Add($"(CategoryCode IN @overdueCodes{i} AND CreatedUtc < @overdueBefore{i})");
            p.Add($"overdueCodes{i}", byTarget[i].Select(t => t.Code).ToArray());
            p.Add($"overdueBefore{i}", now.AddDays(-byTarget[i].Key));
        }
        p.Add("overdueOpen", Open);
        return (where + " AND Status IN @overdueOpen AND FirstResponseUtc IS NULL AND (" + string.Join(" OR ", alternatives) + ")", p);
    }

    private static (string Where, DynamicParameters Parameters) Inbox(InboxFilter f)
    {
        var clauses = new List<string>();
        var p = new DynamicParameters(new { f.Skip, f.Take });
        var statuses = (f.Statuses is { Count: > 0 } s ? s : ReportWorkflow.OpenStatuses.ToList()).Select(x => x.ToString()).ToArray();
        clauses.Add("Status IN @statuses");
        p.Add("statuses", statuses);
        if (f.WardId is { } ward) { clauses.Add("WardId = @ward"); p.Add("ward", ward); }
        if (f.CategoryCode is { } category) { clauses.Add("CategoryCode = @category"); p.Add("category", category); }
        if (f.AssignedToId is { } assignee) { clauses.Add("AssignedToId = @assignee"); p.Add("assignee", assignee); }
        if (f.UnassignedOnly) clauses.Add("AssignedToId IS NULL");
        if (f.ThemeCode is { } theme) { clauses.Add("ThemeCode = @theme"); p.Add("theme", theme); }
        if (f.SectionId is { } section) { clauses.Add("SectionId = @section"); p.Add("section", section); }
        if (InboxSearch.Parse(f.Search) is { } search)
        {
            // Words are matched literally: % and _ typed by staff are not wildcards.
            clauses.Add(search.Id is null ? @"Description LIKE @words ESCAPE '\'" : @"(Id = @searchId OR Description LIKE @words ESCAPE '\')");
            p.Add("words", "%" + search.Words.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_") + "%");
            if (search.Id is { } id) p.Add("searchId", id);
        }
        return (" WHERE " + string.Join(" AND ", clauses), p);
    }

    /// <summary>Appends a history line and returns its id.</summary>
    private Task<long> InsertUpdateAsync(DbConnection connection, DbTransaction transaction, ReportUpdate u, CancellationToken ct) =>
        connection.ExecuteScalarAsync<long>(new CommandDefinition("""
            INSERT INTO ReportUpdate (ReportId, OccurredUtc, ActorId, Kind, FromStatus, ToStatus, PublicResponse, InternalNote, AssigneeId)
            VALUES (@ReportId, @OccurredUtc, @ActorId, @Kind, @FromStatus, @ToStatus, @PublicResponse, @InternalNote, @AssigneeId)
            """ + db.Dialect.SelectInsertedId, new
        {
            u.ReportId, u.OccurredUtc, u.ActorId, Kind = u.Kind.ToString(), FromStatus = u.FromStatus?.ToString(), ToStatus = u.ToStatus?.ToString(),
            u.PublicResponse, u.InternalNote, u.AssigneeId,
        }, transaction, cancellationToken: ct));

    private static object Parameters(Report r) => new
    {
        r.Id, r.IdempotencyKey, r.ReporterId, r.ReporterName, r.ContactEmail, Kind = r.Kind.ToString(), r.CategoryCode, r.Description,
        r.Location.Latitude, r.Location.Longitude, r.WardId, Status = r.Status.ToString(), r.AssignedToId, r.DuplicateOfId, r.Source,
        r.CreatedUtc, r.UpdatedUtc, r.FirstResponseUtc, r.FixedUtc, r.ClosedUtc, AnswersJson = ReportAnswers.ToJson(r.Answers), r.ThemeCode,
    };

    private sealed class ReportRow
    {
        public long Id { get; set; }
        public string IdempotencyKey { get; set; } = "";
        public long? ReporterId { get; set; }
        public string? ReporterName { get; set; }
        public string? ContactEmail { get; set; }
        public string Kind { get; set; } = "";
        public string CategoryCode { get; set; } = "";
        public string Description { get; set; } = "";
        public double Latitude { get; set; }
        public double Longitude { get; set; }
        public string WardId { get; set; } = "";
        public string Status { get; set; } = "";
        public long? AssignedToId { get; set; }
        public long? DuplicateOfId { get; set; }
        public int SupportCount { get; set; }
        public string Source { get; set; } = "";
        public DateTimeOffset CreatedUtc { get; set; }
        public DateTimeOffset UpdatedUtc { get; set; }
        public DateTimeOffset? FirstResponseUtc { get; set; }
        public DateTimeOffset? FixedUtc { get; set; }
        public DateTimeOffset? ClosedUtc { get; set; }
        public string? AnswersJson { get; set; }
        public string? ThemeCode { get; set; }

        public Report ToReport() => Report.Restore(Id, IdempotencyKey, ReporterId, ReporterName, ContactEmail, Enum.Parse<ReportKind>(Kind), CategoryCode,
            Description, new GeoPoint(Latitude, Longitude), WardId, Enum.Parse<ReportStatus>(Status), AssignedToId, DuplicateOfId, SupportCount, Source,
            CreatedUtc, UpdatedUtc, FirstResponseUtc, FixedUtc, ClosedUtc, ReportAnswers.FromJson(AnswersJson), ThemeCode);
    }

    private sealed class UpdateRow
    {
        public long Id { get; set; }
        public long ReportId { get; set; }
        public DateTimeOffset OccurredUtc { get; set; }
        public long? ActorId { get; set; }
        public string Kind { get; set; } = "";
        public string? FromStatus { get; set; }
        public string? ToStatus { get; set; }
        public string? PublicResponse { get; set; }
        public string? InternalNote { get; set; }
        public long? AssigneeId { get; set; }

        public ReportUpdate ToUpdate() => new(Id, ReportId, OccurredUtc, ActorId, Enum.Parse<ReportUpdateKind>(Kind),
            FromStatus is null ? null : Enum.Parse<ReportStatus>(FromStatus), ToStatus is null ? null : Enum.Parse<ReportStatus>(ToStatus),
            Clean(PublicResponse), Clean(InternalNote), AssigneeId);

        private static string? Clean(string? text) => text is null ? null : SubmittedText.Clean(text);
    }

    private sealed class PhotoRow
    {
        public long Id { get; set; }
        public long ReportId { get; set; }
        public string StorageKey { get; set; } = "";
        public int Width { get; set; }
        public int Height { get; set; }
        public bool IsPublished { get; set; }
        public bool IsRedacted { get; set; }
        public int SortOrder { get; set; }
    }
}
