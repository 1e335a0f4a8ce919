using System.Globalization;
using Portal.Core.Notifications;
using Portal.Core.Time;

namespace Portal.Core.Reports.Supporters;

/// <summary>
/// The notices of supporter tasks: a reminder the day before (Japan calendar) to each resident who signed up,
/// and word to each of them when staff call a task off. One notice per task and resident and event.
/// </summary>
public static class SupporterNotices
{
    /// <summary>The Japan time of day at which the daily reminder run goes out.</summary>
    public static readonly TimeOnly ReminderTime = new(9, 0);

    public static string ReminderKey(long taskId, long accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"supporter:{taskId}:{accountId}:reminder");

    public static string CancelledKey(long taskId, long accountId) =>
        string.Create(CultureInfo.InvariantCulture, $"supporter:{taskId}:{accountId}:cancelled");

    public static Notice Reminder(SupporterTask task, long accountId) =>
        new(NoticeKind.SupporterReminder, new NoticeRecipient.Account(accountId), ReminderKey(task.Id, accountId), Values(task), Link);

    public static Notice Cancelled(SupporterTask task, long accountId) =>
        new(NoticeKind.SupporterTaskCancelled, new NoticeRecipient.Account(accountId), CancelledKey(task.Id, accountId), Values(task), Link);

    /// <summary>Where a resident sees the tasks they joined.</summary>
    public const string Link = "/reports/supporters";

    /// <summary>The tasks whose reminder goes out on <paramref name="today"/> (Japan calendar): those starting tomorrow.</summary>
    public static (DateTimeOffset FromUtc, DateTimeOffset ToUtc) RemindedOn(DateOnly today) =>
        (JapanTime.StartOfDayUtc(today.AddDays(1)), JapanTime.StartOfDayUtc(today.AddDays(2)));

    /// <summary>The next reminder run after <paramref name="nowUtc"/>: <see cref="ReminderTime"/>, Japan time, today or tomorrow.</summary>
    public static DateTimeOffset NextRunUtc(DateTimeOffset nowUtc) => JapanTime.NextDailyUtc(nowUtc, ReminderTime);

    /// <summary>The values of <see cref="NoticeValues.Required"/> for the supporter kinds: title, Japan start time, meeting place.</summary>
    private static Dictionary<string, string> Values(SupporterTask task) => new()
    {
        [NoticeValues.TaskTitle] = task.Title,
        [NoticeValues.TaskStart] = JapanTime.ToJapan(task.StartUtc).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        [NoticeValues.MeetingPlace] = task.MeetingPlace,
    };
}
