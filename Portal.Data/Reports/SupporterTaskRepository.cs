using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Supporters;
using Portal.Core.Rules;
using Portal.Data.Database;
using Portal.Data.Notifications;

namespace Portal.Data.Reports;

/// <param name="outbox">Where the notices to signed-up residents go; without one, the outbox of the same database with in-app only.</param>
public sealed class SupporterTaskRepository(PortalDatabase db, INoticeOutbox? outbox = null) : ISupporterTaskRepository
{
    private readonly INoticeOutbox _outbox = outbox ?? new NoticeOutbox(db, ActiveChannels.InAppOnly);

    private const string Columns = """
        t.Id, t.ReportId, t.Title, t.Description, t.MeetingPlace, t.StartUtc, t.EndUtc, t.Capacity, t.Status, t.CreatedById, t.CreatedUtc,
        (SELECT COUNT(*) FROM SupporterSignup s WHERE s.TaskId = t.Id) AS SignedUp
        """;

    private static readonly string[] Published = Enum.GetValues<ReportStatus>().Where(ReportWorkflow.IsPublished).Select(s => s.ToString()).ToArray();

    public async Task<SupporterTask> AddAsync(SupporterTask task, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        const string insert = """
            INSERT INTO SupporterTask (ReportId, Title, Description, MeetingPlace, StartUtc, EndUtc, Capacity, Status, CreatedById, CreatedUtc)
            VALUES (@ReportId, @Title, @Description, @MeetingPlace, @StartUtc, @EndUtc, @Capacity, @Status, @CreatedById, @CreatedUtc)
            """;
        var id = await connection.ExecuteScalarAsync<long>(new CommandDefinition(insert + db.Dialect.SelectInsertedId, new
        {
            task.ReportId, task.Title, task.Description, task.MeetingPlace, task.StartUtc, task.EndUtc, task.Capacity,
            Status = task.Status.ToString(), task.CreatedById, task.CreatedUtc,
        }, cancellationToken: ct));
        task.AssignId(id);
        return task;
    }

    public async Task<SupporterTask?> GetAsync(long id, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            $"SELECT {Columns} FROM SupporterTask t WHERE t.Id = @id", new { id }, cancellationToken: ct));
        return row?.ToTask();
    }

    public Task SaveStatusAsync(SupporterTask task, CancellationToken ct) => SaveStatusAsync(task, null, ct);

    public Task SaveStatusAsync(SupporterTask task, Func<long, Notice>? noticeForSignup, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var rows = await connection.ExecuteAsync(new CommandDefinition(
                "UPDATE SupporterTask SET Status = @Status WHERE Id = @Id", new { task.Id, Status = task.Status.ToString() }, transaction, cancellationToken: ct));
            if (rows != 1) throw new InvalidOperationException($"Supporter task {task.Id} does not exist.");
            if (noticeForSignup is null) return rows;
            foreach (var accountId in await SignedUpAsync(connection, transaction, task.Id, ct))
                await _outbox.EnqueueAsync(connection, transaction, noticeForSignup(accountId), ct);
            return rows;
        }, ct);

    public Task<int> EnqueueForSignupsAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, Func<SupporterTask, long, Notice> noticeFor, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition("""
                SELECT t.Id, t.ReportId, t.Title, t.Description, t.MeetingPlace, t.StartUtc, t.EndUtc, t.Capacity, t.Status, t.CreatedById, t.CreatedUtc
                FROM SupporterTask t
                WHERE t.Status = 'Open' AND t.StartUtc >= @fromUtc AND t.StartUtc < @toUtc
                ORDER BY t.StartUtc, t.Id
                """, new { fromUtc, toUtc }, transaction, cancellationToken: ct));
            var added = 0;
            foreach (var task in rows.Select(r => r.ToTask()).ToList())
                foreach (var accountId in await SignedUpAsync(connection, transaction, task.Id, ct))
                    if (await _outbox.EnqueueAsync(connection, transaction, noticeFor(task, accountId), ct)) added++;
            return added;
        }, ct);

    private static async Task<IReadOnlyList<long>> SignedUpAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction,
        long taskId, CancellationToken ct) =>
        (await connection.QueryAsync<long>(new CommandDefinition(
            "SELECT AccountId FROM SupporterSignup WHERE TaskId = @taskId ORDER BY AccountId", new { taskId }, transaction, cancellationToken: ct))).ToList();

    public async Task<SupporterSignup> SignUpAsync(long taskId, long accountId, DateTimeOffset now, CancellationToken ct)
    {
        try
        {
            return await db.WriteAsync(async (connection, transaction) =>
            {
                // The task row is held until commit (SQLite: BEGIN IMMEDIATE; SQL Server: UPDLOCK, HOLDLOCK), so concurrent
                // sign-ups for one task count and insert one after another.
                var row = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition($"""
                    SELECT t.Id, t.ReportId, t.Title, t.Description, t.MeetingPlace, t.StartUtc, t.EndUtc, t.Capacity, t.Status, t.CreatedById, t.CreatedUtc
                    FROM SupporterTask t{db.Dialect.LockForUpdate} WHERE t.Id = @taskId
                    """, new { taskId }, transaction, cancellationToken: ct))
                    ?? throw new RuleException(SupporterErrors.NotFound);
                var counts = await connection.QuerySingleAsync<(int SignedUp, int Mine)>(new CommandDefinition("""
                    SELECT COUNT(*) AS SignedUp, COALESCE(SUM(CASE WHEN AccountId = @accountId THEN 1 ELSE 0 END), 0) AS Mine
                    FROM SupporterSignup WHERE TaskId = @taskId
                    """, new { taskId, accountId }, transaction, cancellationToken: ct));
                var signup = row.ToTask().SignUp(accountId, counts.SignedUp, counts.Mine > 0, now);
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO SupporterSignup (TaskId, AccountId, CreatedUtc) VALUES (@TaskId, @AccountId, @CreatedUtc)",
                    signup, transaction, cancellationToken: ct));
                return signup;
            }, ct);
        }
        catch (Exception e) when (db.Dialect.IsUniqueViolation(e))
        {
            throw new RuleException(SupporterErrors.AlreadySignedUp);
        }
    }

    public Task WithdrawAsync(long taskId, long accountId, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var row = await connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition($"""
                SELECT t.Id, t.ReportId, t.Title, t.Description, t.MeetingPlace, t.StartUtc, t.EndUtc, t.Capacity, t.Status, t.CreatedById, t.CreatedUtc
                FROM SupporterTask t{db.Dialect.LockForUpdate} WHERE t.Id = @taskId
                """, new { taskId }, transaction, cancellationToken: ct))
                ?? throw new RuleException(SupporterErrors.NotFound);
            var mine = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
                "SELECT COUNT(*) FROM SupporterSignup WHERE TaskId = @taskId AND AccountId = @accountId", new { taskId, accountId }, transaction, cancellationToken: ct));
            row.ToTask().CheckWithdraw(mine > 0, now);
            return await connection.ExecuteAsync(new CommandDefinition(
                "DELETE FROM SupporterSignup WHERE TaskId = @taskId AND AccountId = @accountId", new { taskId, accountId }, transaction, cancellationToken: ct));
        }, ct);

    public async Task<IReadOnlyList<SupporterTaskView>> ListByReportAsync(long reportId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            $"SELECT {Columns} FROM SupporterTask t WHERE t.ReportId = @reportId ORDER BY t.StartUtc, t.Id", new { reportId }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<SupporterTaskView>> ListUpcomingAsync(DateTimeOffset now, int take, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition($"""
            SELECT {Columns} FROM SupporterTask t
            WHERE t.Status = 'Open' AND t.StartUtc > @now
              AND t.ReportId IN (SELECT r.Id FROM Report r WHERE r.Status IN @Published)
            ORDER BY t.StartUtc, t.Id{db.Dialect.Page}
            """, new { now, Published, Skip = 0, Take = take }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<IReadOnlyList<SupporterTaskView>> ListSignedUpAsync(long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition($"""
            SELECT {Columns} FROM SupporterTask t
            WHERE t.Id IN (SELECT m.TaskId FROM SupporterSignup m WHERE m.AccountId = @accountId)
            ORDER BY t.StartUtc DESC, t.Id DESC
            """, new { accountId }, cancellationToken: ct));
        return rows.Select(r => r.ToView()).ToList();
    }

    public async Task<bool> IsSignedUpAsync(long taskId, long accountId, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        return await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT COUNT(*) FROM SupporterSignup WHERE TaskId = @taskId AND AccountId = @accountId", new { taskId, accountId }, cancellationToken: ct)) > 0;
    }

    private sealed class TaskRow
    {
        public long Id { get; set; }
        public long ReportId { get; set; }
        public string Title { get; set; } = "";
        public string Description { get; set; } = "";
        public string MeetingPlace { get; set; } = "";
        public DateTimeOffset StartUtc { get; set; }
        public DateTimeOffset EndUtc { get; set; }
        public int Capacity { get; set; }
        public string Status { get; set; } = "";
        public long CreatedById { get; set; }
        public DateTimeOffset CreatedUtc { get; set; }
        public int SignedUp { get; set; }

        public SupporterTask ToTask() => SupporterTask.Restore(Id, ReportId, Title, Description, MeetingPlace, StartUtc, EndUtc, Capacity,
            Enum.Parse<SupporterTaskStatus>(Status), CreatedById, CreatedUtc);

        public SupporterTaskView ToView() => new(ToTask(), SignedUp);
    }
}
