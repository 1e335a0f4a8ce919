using System.Globalization;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Core.Offices;
using Portal.Core.Rules;

namespace Portal.Core.Reports.Alerts;

/// <summary>
/// Following reports and area alerts (issue 17, item 2). Anyone signed in follows a published report and hears of its
/// public changes as they happen (<see cref="ReportService"/> writes those notices with the move, through
/// <see cref="ReportFollowNotices"/>); residents keep up to <see cref="ReportAlertOptions.MaxSubscriptions"/> area alerts,
/// told in at most one digest a Japan day each (<see cref="RunDigestsAsync"/>). Every message carries a one-click link that
/// stops it (<see cref="UnsubscribeLinks"/>).
/// </summary>
public sealed class ReportAlertService(
    IReportAlertRepository alerts,
    IReportRepository reports,
    IReportCategoryRepository categories,
    IOfficeRepository offices,
    ISecretProtector protector,
    TimeProvider time,
    ReportAlertOptions? options = null,
    IOutboxSignal? outboxSignal = null)
{
    private readonly ReportAlertOptions _options = options ?? new ReportAlertOptions();

    public ReportAlertOptions Options => _options;

    /// <summary>Follows a report the public can see; following it twice is the same as once.</summary>
    public async Task<CommandResult<ReportFollow>> FollowAsync(long reportId, long accountId, CancellationToken ct)
    {
        if (await reports.GetAsync(reportId, ct) is not { IsPublished: true }) return CommandResult<ReportFollow>.Fail("Id", ReportErrors.NotFound);
        var follow = new ReportFollow(reportId, accountId, time.GetUtcNow());
        await alerts.FollowAsync(follow, ct);
        return CommandResult<ReportFollow>.Ok(follow);
    }

    public Task<bool> UnfollowAsync(long reportId, long accountId, CancellationToken ct) => alerts.UnfollowAsync(reportId, accountId, ct);

    public Task<bool> IsFollowingAsync(long reportId, long accountId, CancellationToken ct) => alerts.IsFollowingAsync(reportId, accountId, ct);

    public Task<IReadOnlyList<AlertSubscription>> ListAsync(long accountId, CancellationToken ct) => alerts.ListAsync(accountId, ct);

    /// <summary>Adds an area alert: its shape checked, its ward and category known, within the account's limit.</summary>
    public async Task<CommandResult<AlertSubscription>> CreateAsync(long accountId, AlertInput input, CancellationToken ct)
    {
        var validation = await new AlertInputValidator().ValidateAsync(input, ct);
        if (!validation.IsValid) return CommandResult<AlertSubscription>.Fail(validation);
        var subscription = input.ToSubscription(accountId, time.GetUtcNow());
        if (subscription.WardId is { } ward && await offices.GetAsync(ward, ct) is null)
            return CommandResult<AlertSubscription>.Fail(nameof(AlertInput.WardId), AlertKeys.UnknownWard);
        if (subscription.CategoryCode is { } code && await categories.GetAsync(code, ct) is not { IsActive: true })
            return CommandResult<AlertSubscription>.Fail(nameof(AlertInput.CategoryCode), ReportErrors.UnknownCategory);
        var added = await alerts.AddAsync(subscription, Math.Max(1, _options.MaxSubscriptions), ct);
        return added is null ? CommandResult<AlertSubscription>.Fail(nameof(AlertInput.Area), AlertKeys.TooMany) : CommandResult<AlertSubscription>.Ok(added);
    }

    public Task<bool> DeleteAsync(long accountId, long id, CancellationToken ct) => alerts.DeleteAsync(accountId, id, ct);

    /// <summary>What a one-click link would stop, and whether it is still on (the confirm page); null for a token that is not the portal's.</summary>
    public async Task<UnsubscribePreview?> PreviewAsync(string? token, CancellationToken ct)
    {
        if (UnsubscribeLinks.Read(protector, token) is not { } target) return null;
        var active = target.Kind switch
        {
            UnsubscribeKind.Follow => await alerts.IsFollowingAsync(target.Id, target.AccountId, ct),
            _ => await alerts.GetAsync(target.Id, ct) is { } alert && alert.AccountId == target.AccountId,
        };
        return new UnsubscribePreview(target, active);
    }

    /// <summary>Stops what the link names (its owner's follow or alert only); false for a token that is not the portal's. Idempotent.</summary>
    public async Task<bool> UnsubscribeAsync(string? token, CancellationToken ct)
    {
        if (UnsubscribeLinks.Read(protector, token) is not { } target) return false;
        _ = target.Kind == UnsubscribeKind.Follow
            ? await alerts.UnfollowAsync(target.Id, target.AccountId, ct)
            : await alerts.DeleteAsync(target.AccountId, target.Id, ct);
        return true;
    }

    /// <summary>
    /// The digest run: each alert whose digest is due (<see cref="AlertRules.IsDue"/>) is told what happened since it last
    /// looked (<see cref="AlertRules.Compose"/>), in one notice with its dedup key of the Japan day, written with the alert's
    /// new mark in one transaction. An alert with nothing to say gets no message. Returns how many digests were written.
    /// </summary>
    public async Task<int> RunDigestsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = (await alerts.AllAsync(ct)).Where(s => AlertRules.IsDue(s, now, _options.DigestTime)).ToList();
        if (due.Count == 0) return 0;
        var events = await alerts.EventsAsync(due.Min(s => s.CoveredUntilUtc), now, ct);
        var day = AlertRules.DayOf(now);
        var sent = 0;
        foreach (var subscription in due)
        {
            ct.ThrowIfCancellationRequested();
            var digest = AlertRules.Compose(subscription, events);
            var notice = digest is null ? null : DigestNotice(subscription, digest, day);
            if (await alerts.RecordDigestAsync(subscription.Id, now, digest is null ? null : day, notice, ct) && notice is not null) sent++;
        }
        if (sent > 0) outboxSignal?.Notify();
        return sent;
    }

    private Notice DigestNotice(AlertSubscription subscription, AlertDigest digest, DateOnly day) => new(
        NoticeKind.ReportAlertDigest,
        new NoticeRecipient.Account(subscription.AccountId),
        string.Create(CultureInfo.InvariantCulture, $"alert:{subscription.Id}:digest:{day:yyyy-MM-dd}"),
        new Dictionary<string, string>
        {
            [NoticeValues.NewCount] = digest.NewReports.Count.ToString(CultureInfo.InvariantCulture),
            [NoticeValues.ChangedCount] = digest.ChangedReports.Count.ToString(CultureInfo.InvariantCulture),
            [NoticeValues.NewReports] = AlertRules.Numbers(digest.NewReports),
            [NoticeValues.ChangedReports] = AlertRules.Numbers(digest.ChangedReports),
            [NoticeValues.Unsubscribe] = UnsubscribeLinks.Path(protector, new UnsubscribeTarget(UnsubscribeKind.Alert, subscription.AccountId, subscription.Id)),
        },
        "/reports/alerts");
}

/// <summary>What a one-click link stops and whether it is still on.</summary>
public sealed record UnsubscribePreview(UnsubscribeTarget Target, bool Active);

/// <summary>
/// The notices a change to a followed report sends its followers, made by <see cref="ReportService"/> with the move's other
/// notices so that they are written in the move's transaction.
/// </summary>
public sealed class ReportFollowNotices(IReportAlertRepository alerts, ISecretProtector protector)
{
    public Task<IReadOnlyList<long>> FollowersAsync(long reportId, CancellationToken ct) => alerts.FollowersAsync(reportId, ct);

    /// <summary>"report:{id}:update:{updateId}:follow:{account}": one notice per follower and history line.</summary>
    public Notice For(long accountId, long reportId, long updateId, IReadOnlyDictionary<string, string> values) => new(
        NoticeKind.ReportFollowedUpdate,
        new NoticeRecipient.Account(accountId),
        string.Create(CultureInfo.InvariantCulture, $"report:{reportId}:update:{updateId}:follow:{accountId}"),
        new Dictionary<string, string>(values)
        {
            [NoticeValues.Unsubscribe] = UnsubscribeLinks.Path(protector, new UnsubscribeTarget(UnsubscribeKind.Follow, accountId, reportId)),
        },
        string.Create(CultureInfo.InvariantCulture, $"/reports/{reportId}"));
}
