using Portal.Core.Languages;

namespace Portal.Core.Notifications;

/// <summary>
/// The values each kind's template fills in, by name. Whoever enqueues a notice gives every value its kind
/// lists here (<see cref="Notice.Values"/>); the renderer fails clearly on a missing one.
/// <list type="bullet">
/// <item>A value may be given per language as "name.ja", "name.en", "name.vi"... (a city text: an office's, a category's
/// name; <see cref="AddText"/>); the renderer takes the notice's language's, else the next in its fallback chain
/// (<see cref="Language.FallbackChain"/>), then the plain "name".</item>
/// <item>A value listed in <see cref="Terms"/> is a code ("Fixed"); the renderer shows the word the templates give
/// for it in the notice's language (for "status", the public status names the report pages show).</item>
/// </list>
/// </summary>
public static class NoticeValues
{
    public const string TicketNumber = "ticketNumber";
    public const string Office = "office";
    public const string PeopleAhead = "peopleAhead";
    public const string Counter = "counter";
    public const string ReportId = "reportId";
    public const string Category = "category";
    public const string Status = "status";
    public const string TaskTitle = "taskTitle";
    public const string TaskStart = "taskStart";
    public const string MeetingPlace = "meetingPlace";
    public const string BenefitName = "benefitName";
    public const string Points = "points";
    public const string ExpiryDate = "expiryDate";
    public const string DisplayName = "name";
    public const string Minutes = "minutes";
    public const string Until = "until";
    public const string Reason = "reason";
    /// <summary>The one-click link that stops these messages: a portal path, made absolute when the notice is sent.</summary>
    public const string Unsubscribe = "unsubscribe";
    public const string NewCount = "newCount";
    public const string ChangedCount = "changedCount";
    public const string NewReports = "newReports";
    public const string ChangedReports = "changedReports";
    public const string Body = "body";
    public const string Description = "description";
    public const string Place = "place";
    public const string Photos = "photos";
    public const string Message = "message";

    /// <summary>The values a kind's template needs.</summary>
    public static IReadOnlyList<string> Required(NoticeKind kind) => kind switch
    {
        // 「番号 A-012、中央区役所、あと 3 人」: the ticket number, the office's name, people still ahead.
        NoticeKind.TicketNear => [TicketNumber, Office, PeopleAhead],
        // The ticket number, the office's name and the counter to go to ("3番窓口").
        NoticeKind.TicketCalled => [TicketNumber, Office, Counter],
        // The report's number, its category's name (per language: "category.ja", "category.vi"...) and the public status code
        // (PublicStatus: Received, InProgress, Fixed, Closed), shown as a word.
        NoticeKind.ReportStatusChanged => [ReportId, Category, Status],
        // The task's title, its start in Japan time as written for people ("2026-12-05 09:00") and where to meet.
        NoticeKind.SupporterReminder => [TaskTitle, TaskStart, MeetingPlace],
        // The same values, for a task staff called off.
        NoticeKind.SupporterTaskCancelled => [TaskTitle, TaskStart, MeetingPlace],
        // The benefit's name ("benefitName.ja"/"benefitName.en" when it has both).
        NoticeKind.BenefitNewlyEligible => [BenefitName],
        // Points that will lapse and the date they lapse ("2027-03-31", Japan time).
        NoticeKind.PointsExpiring => [Points, ExpiryDate],
        // The account's name, so the message is recognisably the portal's, and how many minutes the link works.
        NoticeKind.PasswordReset => [DisplayName, Minutes],
        // The account's name and when sign-in opens again, in Japan time as written for people ("2026-12-05 09:15").
        NoticeKind.AccountLocked => [DisplayName, Until],
        // The account's name and the reason the admin gave for stopping or restoring it.
        NoticeKind.AccountDisabled or NoticeKind.AccountEnabled => [DisplayName, Reason],
        // The report's number, its category's name, the public status it reached, and the last Japan day the question is
        // open ("2026-12-31").
        NoticeKind.ReportFixedCheck => [ReportId, Category, Status, Until],
        // The report's number and its category's name.
        NoticeKind.ReportReopenRequested => [ReportId, Category],
        // A followed report: its number, category, the public status it is in now, and the link to stop following.
        NoticeKind.ReportFollowedUpdate => [ReportId, Category, Status, Unsubscribe],
        // An area alert's day: how many new reports and status changes, their numbers ("#12, #15 +3"), the link to stop the alert.
        NoticeKind.ReportAlertDigest => [NewCount, ChangedCount, NewReports, ChangedReports, Unsubscribe],
        // The report's number, its category's name and the outside body that handles it now (per language: "body.ja"...).
        NoticeKind.ReportReferred => [ReportId, Category, Body],
        // To the outside body: the report's number, category, description, place in words, the links of its published photos
        // (one a line, or empty), the city's message (or empty) and the body's own name.
        NoticeKind.ReportReferral => [ReportId, Category, Description, Place, Photos, Message, Body],
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>The name of a value given in one language: "office.vi".</summary>
    public static string InLanguage(string name, string language) => $"{name}.{language}";

    /// <summary>
    /// A city text as a notice value: its text in each language it is written in, under "name.{language}", and the
    /// Japanese under the plain "name" (the last resort of the lookup). Notices are plain text, so easy Japanese's
    /// readings (漢字《かんじ》) are dropped.
    /// </summary>
    public static void AddText(IDictionary<string, string> values, string name, LocalizedText text)
    {
        foreach (var language in text.Languages)
            values[InLanguage(name, language)] = RubyText.Plain(text.Exact(language)!);
        values[name] = RubyText.Plain(text.Japanese);
    }

    /// <summary>Values that are codes, shown as the word the templates give for them.</summary>
    public static readonly IReadOnlySet<string> Terms = new HashSet<string>(StringComparer.Ordinal) { Status };
}
