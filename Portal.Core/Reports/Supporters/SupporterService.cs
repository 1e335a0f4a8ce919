using System.Globalization;
using FluentValidation.Results;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Rules;

namespace Portal.Core.Reports.Supporters;

public static class SupporterAuditActions
{
    public const string Opened = "supporter-task.opened";
    public const string Cancelled = "supporter-task.cancelled";
    public const string Completed = "supporter-task.completed";
    public const string Entity = "supporter-task";
}

/// <summary>
/// サポーター活動: staff open volunteer tasks from a report and close them (audited), only for a report of a ward their
/// scope covers (<see cref="StaffScope"/>); residents join and leave.
/// </summary>
public sealed class SupporterService(ISupporterTaskRepository tasks, IReportRepository reports, AuditTrail audit, TimeProvider time,
    StaffScopes scopes, IOutboxSignal? outboxSignal = null)
{
    public const int UpcomingLimit = 100;

    public async Task<CommandResult<SupporterTask>> OpenAsync(Actor staff, long reportId, SupporterTaskInput input, CancellationToken ct)
    {
        var staffId = staff.AccountId ?? throw new InvalidOperationException("Staff actions need a signed-in staff member.");
        var validation = await new SupporterTaskValidator(time).ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<SupporterTask>.Fail(validation.Errors);
        var report = await reports.GetAsync(reportId, ct);
        if (report is null) return CommandResult<SupporterTask>.Fail("ReportId", ReportErrors.NotFound);
        if (!(await scopes.OfAsync(staff, ct)).Covers(report.WardId)) return CommandResult<SupporterTask>.Fail("ReportId", ScopeErrors.OtherOffice);
        if (!report.IsPublished) return CommandResult<SupporterTask>.Fail("ReportId", SupporterErrors.ReportNotPublished);
        SupporterTask task;
        try
        {
            task = SupporterTask.Open(reportId, input.Title, input.Description, input.MeetingPlace, input.StartUtc!.Value, input.EndUtc!.Value,
                input.Capacity, staffId, time.GetUtcNow());
        }
        catch (RuleException e)
        {
            return CommandResult<SupporterTask>.Fail("Id", e.Key);
        }
        await tasks.AddAsync(task, ct);
        await audit.RecordAsync(staff, SupporterAuditActions.Opened, SupporterAuditActions.Entity, Id(task.Id),
            string.Create(CultureInfo.InvariantCulture, $"report={reportId} start={task.StartUtc:O} capacity={task.Capacity}"), ct);
        return CommandResult<SupporterTask>.Ok(task);
    }

    /// <summary>Staff call a task off; every resident who signed up is told, in the same transaction.</summary>
    public Task<CommandResult<SupporterTask>> CancelAsync(Actor staff, long taskId, CancellationToken ct) =>
        ChangeAsync(staff, taskId, t => t.Cancel(), SupporterAuditActions.Cancelled, ct, notifySignups: true);

    /// <summary>
    /// The daily reminder: every resident signed up to an open task that starts tomorrow (Japan calendar) gets a
    /// notice, once ("supporter:{task}:{account}:reminder"), however often this runs. Returns how many were new.
    /// </summary>
    public async Task<int> SendRemindersAsync(CancellationToken ct)
    {
        var (from, to) = SupporterNotices.RemindedOn(Portal.Core.Time.JapanTime.Today(time));
        var added = await tasks.EnqueueForSignupsAsync(from, to, SupporterNotices.Reminder, ct);
        if (added > 0) outboxSignal?.Notify();
        return added;
    }

    public Task<CommandResult<SupporterTask>> CompleteAsync(Actor staff, long taskId, CancellationToken ct) =>
        ChangeAsync(staff, taskId, t => t.Complete(time.GetUtcNow()), SupporterAuditActions.Completed, ct);

    /// <summary>A resident takes a place. A second tap is refused by the rules and, under a race, by the unique key.</summary>
    public async Task<CommandResult<SupporterTask>> SignUpAsync(long taskId, long accountId, CancellationToken ct)
    {
        var task = await tasks.GetAsync(taskId, ct);
        if (task is null) return CommandResult<SupporterTask>.Fail("Id", SupporterErrors.NotFound);
        if (await reports.GetAsync(task.ReportId, ct) is not { IsPublished: true }) return CommandResult<SupporterTask>.Fail("Id", SupporterErrors.NotFound);
        try
        {
            await tasks.SignUpAsync(taskId, accountId, time.GetUtcNow(), ct);
            return CommandResult<SupporterTask>.Ok(task);
        }
        catch (RuleException e)
        {
            return CommandResult<SupporterTask>.Fail("Id", e.Key);
        }
    }

    public async Task<CommandResult<SupporterTask>> WithdrawAsync(long taskId, long accountId, CancellationToken ct)
    {
        var task = await tasks.GetAsync(taskId, ct);
        if (task is null) return CommandResult<SupporterTask>.Fail("Id", SupporterErrors.NotFound);
        try
        {
            await tasks.WithdrawAsync(taskId, accountId, time.GetUtcNow(), ct);
            return CommandResult<SupporterTask>.Ok(task);
        }
        catch (RuleException e)
        {
            return CommandResult<SupporterTask>.Fail("Id", e.Key);
        }
    }

    /// <summary>Open tasks that have not started yet, on reports the public can see, soonest first.</summary>
    public Task<IReadOnlyList<SupporterTaskView>> UpcomingAsync(CancellationToken ct) => tasks.ListUpcomingAsync(time.GetUtcNow(), UpcomingLimit, ct);

    public Task<IReadOnlyList<SupporterTaskView>> SignUpsOfAsync(long accountId, CancellationToken ct) => tasks.ListSignedUpAsync(accountId, ct);

    /// <summary>Every task of a report with its count, for staff.</summary>
    public Task<IReadOnlyList<SupporterTaskView>> ForReportAsync(long reportId, CancellationToken ct) => tasks.ListByReportAsync(reportId, ct);

    /// <summary>The tasks of a report residents can still join, for the public report page.</summary>
    public async Task<IReadOnlyList<SupporterTaskView>> JoinableForReportAsync(long reportId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        return (await tasks.ListByReportAsync(reportId, ct)).Where(v => v.Task.IsAcceptingSignups(now)).ToList();
    }

    public Task<bool> IsSignedUpAsync(long taskId, long accountId, CancellationToken ct) => tasks.IsSignedUpAsync(taskId, accountId, ct);

    private async Task<CommandResult<SupporterTask>> ChangeAsync(Actor staff, long taskId, Action<SupporterTask> change, string action, CancellationToken ct,
        bool notifySignups = false)
    {
        var task = await tasks.GetAsync(taskId, ct);
        if (task is null) return CommandResult<SupporterTask>.Fail("Id", SupporterErrors.NotFound);
        // The task follows its report's ward, as the report does.
        if (await reports.GetAsync(task.ReportId, ct) is not { } report || !(await scopes.OfAsync(staff, ct)).Covers(report.WardId))
            return CommandResult<SupporterTask>.Fail("Id", ScopeErrors.OtherOffice);
        try
        {
            change(task);
        }
        catch (RuleException e)
        {
            return CommandResult<SupporterTask>.Fail("Id", e.Key);
        }
        await tasks.SaveStatusAsync(task, notifySignups ? accountId => SupporterNotices.Cancelled(task, accountId) : null, ct);
        if (notifySignups) outboxSignal?.Notify();
        await audit.RecordAsync(staff, action, SupporterAuditActions.Entity, Id(task.Id),
            string.Create(CultureInfo.InvariantCulture, $"report={task.ReportId}"), ct);
        return CommandResult<SupporterTask>.Ok(task);
    }

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
