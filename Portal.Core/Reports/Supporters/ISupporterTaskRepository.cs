using Portal.Core.Rules;

namespace Portal.Core.Reports.Supporters;

public interface ISupporterTaskRepository
{
    /// <summary>Stores a new task and gives it its id.</summary>
    Task<SupporterTask> AddAsync(SupporterTask task, CancellationToken ct);

    Task<SupporterTask?> GetAsync(long id, CancellationToken ct);

    Task SaveStatusAsync(SupporterTask task, CancellationToken ct) => SaveStatusAsync(task, null, ct);

    /// <summary>
    /// Saves the task's status; when <paramref name="noticeForSignup"/> is given, writes the notice it makes for each
    /// signed-up resident into the notification outbox in the same transaction.
    /// </summary>
    Task SaveStatusAsync(SupporterTask task, Func<long, Portal.Core.Notifications.Notice>? noticeForSignup, CancellationToken ct);

    /// <summary>
    /// Writes the notice <paramref name="noticeFor"/> makes for every resident signed up to an open task starting in
    /// [<paramref name="fromUtc"/>, <paramref name="toUtc"/>) into the outbox. Notices already written (same key) are
    /// skipped. Returns how many were new.
    /// </summary>
    Task<int> EnqueueForSignupsAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, Func<SupporterTask, long, Portal.Core.Notifications.Notice> noticeFor, CancellationToken ct);

    /// <summary>
    /// Reads the task and its sign-ups, asks <see cref="SupporterTask.SignUp"/> and stores the place, all in one
    /// write transaction with the task locked, so the last free place cannot be taken twice. Throws
    /// <see cref="RuleException"/> when the rules refuse, including a second sign-up of the same resident.
    /// </summary>
    Task<SupporterSignup> SignUpAsync(long taskId, long accountId, DateTimeOffset now, CancellationToken ct);

    /// <summary>Removes the resident's place after <see cref="SupporterTask.CheckWithdraw"/>; throws <see cref="RuleException"/>.</summary>
    Task WithdrawAsync(long taskId, long accountId, DateTimeOffset now, CancellationToken ct);

    /// <summary>All tasks of a report with their counts, soonest first.</summary>
    Task<IReadOnlyList<SupporterTaskView>> ListByReportAsync(long reportId, CancellationToken ct);

    /// <summary>Open tasks starting after <paramref name="now"/> on reports the public can see, soonest first.</summary>
    Task<IReadOnlyList<SupporterTaskView>> ListUpcomingAsync(DateTimeOffset now, int take, CancellationToken ct);

    /// <summary>The tasks a resident has signed up for, latest start first.</summary>
    Task<IReadOnlyList<SupporterTaskView>> ListSignedUpAsync(long accountId, CancellationToken ct);

    Task<bool> IsSignedUpAsync(long taskId, long accountId, CancellationToken ct);
}
