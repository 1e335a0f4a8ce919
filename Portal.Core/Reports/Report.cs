using Portal.Core.Geography;
using Portal.Core.Text;
using Portal.Core.Rules;
using Portal.Core.Time;

namespace Portal.Core.Reports;

public enum ReportUpdateKind
{
    Submitted,
    Status,
    Note,
    Ward,
    Assignment,
    Edited,
    Moderated,
    PersonalDetailsRemoved,
    /// <summary>Staff sent the report to another responsible section (the note says from which to which).</summary>
    Routed,
}

/// <summary>
/// One line of a report's history. Public responses are shown on the report page; internal notes never. An assignment
/// line names the staff member it assigned in <paramref name="AssigneeId"/> (none: the report was unassigned).
/// </summary>
public sealed record ReportUpdate(
    long Id,
    long ReportId,
    DateTimeOffset OccurredUtc,
    long? ActorId,
    ReportUpdateKind Kind,
    ReportStatus? FromStatus,
    ReportStatus? ToStatus,
    string? PublicResponse,
    string? InternalNote,
    long? AssigneeId = null);

public static class ReportErrors
{
    public const string NotAllowedMove = "Reports_Error_NotAllowedMove";
    public const string NotYours = "Reports_Error_NotYours";
    public const string NoLongerEditable = "Reports_Error_NoLongerEditable";
    public const string DuplicateNeedsOriginal = "Reports_Error_DuplicateNeedsOriginal";
    public const string OutsideCity = "Reports_Error_OutsideCity";
    public const string UnknownCategory = "Reports_Error_UnknownCategory";
    public const string NotFound = "Reports_Error_NotFound";
    public const string CannotMeTooOwn = "Reports_Error_CannotSupportOwn";
    public const string NotOpen = "Reports_Error_NotOpen";
    public const string PhotoNotFound = "Reports_Error_PhotoNotFound";
    public const string ReasonRequired = "Reports_Error_ReasonRequired";
    public const string NoteRequired = "Reports_Error_NoteRequired";
    /// <summary>A client's retry key (Open311 client_token) came again with a different request.</summary>
    public const string KeyReused = "Reports_Error_KeyReused";
    /// <summary>"Is it fixed?" is asked only of the reporter and those who said "me too", in the follow-up period.</summary>
    public const string NotAsked = "Reports_Error_FollowUpNotAsked";
    /// <summary>The resident who gave the photo to staff did not agree that it may be published.</summary>
    public const string NoPhotoConsent = "Reports_Error_NoPhotoConsent";
    /// <summary>This resident already answered "is it fixed?" about this closing of the report.</summary>
    public const string AlreadyAnswered = "Reports_Error_FollowUpAnswered";
}

/// <summary>
/// A report of a problem in the city. Every change goes through a method that checks the workflow and
/// returns the history line to store with it; a page cannot put a report into a state the rules forbid.
/// </summary>
public sealed class Report
{
    private Report() { }

    public long Id { get; private set; }
    /// <summary>Chosen by the submitting device; a retried submission with the same key is the same report.</summary>
    public string IdempotencyKey { get; private set; } = "";
    public long? ReporterId { get; private set; }
    /// <summary>The reporter's name as shown publicly, only when they chose to show it.</summary>
    public string? ReporterName { get; private set; }
    public string? ContactEmail { get; private set; }
    public ReportKind Kind { get; private set; }
    public string CategoryCode { get; private set; } = "";
    public string Description { get; private set; } = "";
    public GeoPoint Location { get; private set; }
    public string WardId { get; private set; } = "";
    public ReportStatus Status { get; private set; }
    public long? AssignedToId { get; private set; }
    public long? DuplicateOfId { get; private set; }
    public int MeTooCount { get; private set; }
    public string Source { get; private set; } = "web";
    public DateTimeOffset CreatedUtc { get; private set; }
    public DateTimeOffset UpdatedUtc { get; private set; }
    public DateTimeOffset? FirstResponseUtc { get; private set; }
    public DateTimeOffset? FixedUtc { get; private set; }
    public DateTimeOffset? ClosedUtc { get; private set; }
    /// <summary>The answers to the category's questions, checked when the report came in (<see cref="ReportAnswers"/>).</summary>
    public IReadOnlyList<ReportAnswer> Answers { get; private set; } = [];
    /// <summary>The theme report (テーマレポート) the resident sent it into, if any (<see cref="Themes.ReportTheme"/>).</summary>
    public string? ThemeCode { get; private set; }

    public bool IsOpen => ReportWorkflow.IsOpen(Status);
    public bool IsPublished => ReportWorkflow.IsPublished(Status);

    public static Report Submit(string idempotencyKey, long? reporterId, string? publicName, string? contactEmail, ReportKind kind,
        string categoryCode, string description, GeoPoint location, string wardId, string source, DateTimeOffset now,
        IReadOnlyList<ReportAnswer>? answers = null, string? themeCode = null)
    {
        if (!CityArea.Contains(location)) throw new RuleException(ReportErrors.OutsideCity);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);
        return new Report
        {
            IdempotencyKey = idempotencyKey,
            ReporterId = reporterId,
            ReporterName = string.IsNullOrWhiteSpace(publicName) ? null : publicName.Trim(),
            ContactEmail = contactEmail,
            Kind = kind,
            CategoryCode = categoryCode,
            Description = description.Trim(),
            Location = location,
            WardId = wardId,
            Status = ReportStatus.Received,
            Source = source,
            CreatedUtc = now,
            UpdatedUtc = now,
            Answers = answers ?? [],
            ThemeCode = themeCode,
        };
    }

    public static Report Restore(long id, string idempotencyKey, long? reporterId, string? reporterName, string? contactEmail, ReportKind kind,
        string categoryCode, string description, GeoPoint location, string wardId, ReportStatus status, long? assignedToId, long? duplicateOfId,
        int meTooCount, string source, DateTimeOffset createdUtc, DateTimeOffset updatedUtc, DateTimeOffset? firstResponseUtc,
        DateTimeOffset? fixedUtc, DateTimeOffset? closedUtc, IReadOnlyList<ReportAnswer>? answers = null, string? themeCode = null) => new()
    {
        Id = id, IdempotencyKey = idempotencyKey, ReporterId = reporterId, ReporterName = reporterName, ContactEmail = contactEmail, Kind = kind,
        // Cleaned as it is read: a text stored before the input rule still reaches every writer (HTML, feeds, e-mail) valid.
        CategoryCode = categoryCode, Description = SubmittedText.Clean(description), Location = location, WardId = wardId, Status = status, AssignedToId = assignedToId,
        DuplicateOfId = duplicateOfId, MeTooCount = meTooCount, Source = source, CreatedUtc = createdUtc, UpdatedUtc = updatedUtc,
        FirstResponseUtc = firstResponseUtc, FixedUtc = fixedUtc, ClosedUtc = closedUtc, Answers = answers ?? [],
        ThemeCode = themeCode,
    };

    public void AssignId(long id)
    {
        if (Id != 0) throw new InvalidOperationException("The report already has an id.");
        Id = id;
    }

    public ReportUpdate Submitted() => Update(ReporterId, ReportUpdateKind.Submitted, null, ReportStatus.Received, null, null, CreatedUtc);

    /// <summary>A staff member moves the report on; the public response, if any, is shown on the report page.</summary>
    public ReportUpdate MoveTo(ReportStatus to, long staffId, string? publicResponse, string? internalNote, DateTimeOffset now, long? duplicateOfId = null)
    {
        if (!ReportWorkflow.CanStaffMove(Status, to)) throw new RuleException(ReportErrors.NotAllowedMove);
        if (to == ReportStatus.Duplicate)
        {
            if (duplicateOfId is null || duplicateOfId == Id) throw new RuleException(ReportErrors.DuplicateNeedsOriginal);
            DuplicateOfId = duplicateOfId;
        }
        else if (Status == ReportStatus.Duplicate)
        {
            DuplicateOfId = null;
        }
        var from = Status;
        Status = to;
        FirstResponseUtc ??= now;
        if (to == ReportStatus.Fixed) FixedUtc = now;
        ClosedUtc = ReportWorkflow.IsOpen(to) ? null : now;
        if (ReportWorkflow.IsOpen(to) && from == ReportStatus.Fixed) FixedUtc = null;
        return Update(staffId, ReportUpdateKind.Status, from, to, Clean(publicResponse), Clean(internalNote), now);
    }

    /// <summary>
    /// The reporter (<paramref name="isReporter"/>) or a resident who said "me too" answers 「まだ直っていない」 within the
    /// follow-up period after the report was fixed or closed: it opens again as <see cref="ReportStatus.ReopenRequested"/>.
    /// Their comment goes to staff with the history line (it is not published).
    /// </summary>
    public ReportUpdate RequestReopen(long residentId, bool isReporter, string? comment, DateTimeOffset now, int followUpDays)
    {
        if (isReporter) RequireReporter(residentId);
        var allowed = isReporter
            ? ReportWorkflow.CanReporterMove(Status, ReportStatus.ReopenRequested)
            : ReportWorkflow.CanFollowerMove(Status, ReportStatus.ReopenRequested);
        if (!allowed || !AsksIfFixed(now, followUpDays)) throw new RuleException(ReportErrors.NotAsked);
        var from = Status;
        Status = ReportStatus.ReopenRequested;
        FixedUtc = null;
        ClosedUtc = null;
        return Update(residentId, ReportUpdateKind.Status, from, Status, null, Clean(comment), now);
    }

    /// <summary>
    /// Whether the report asks "is it fixed?" now: it is in a state residents may reopen from, and the follow-up period
    /// (<see cref="FollowUpEndsUtc"/>) has not ended.
    /// </summary>
    public bool AsksIfFixed(DateTimeOffset now, int followUpDays) =>
        ReportWorkflow.AsksIfFixed(Status) && ClosedUtc is { } closed && now >= closed && now < FollowUpEndsUtc(followUpDays);

    /// <summary>
    /// The end of the follow-up period: the end of the Japan day <paramref name="followUpDays"/> days after the day the report
    /// was fixed or closed (fixed on 25 November, answered until the end of 23 December for 28 days). Null while it is open.
    /// </summary>
    public DateTimeOffset? FollowUpEndsUtc(int followUpDays) =>
        ClosedUtc is { } closed ? JapanTime.StartOfDayUtc(DateOnly.FromDateTime(JapanTime.ToJapan(closed).DateTime).AddDays(followUpDays + 1)) : null;

    public ReportUpdate Withdraw(long reporterId, DateTimeOffset now)
    {
        RequireReporter(reporterId);
        if (!ReportWorkflow.CanReporterMove(Status, ReportStatus.Withdrawn)) throw new RuleException(ReportErrors.NoLongerEditable);
        var from = Status;
        Status = ReportStatus.Withdrawn;
        ClosedUtc = now;
        return Update(reporterId, ReportUpdateKind.Status, from, Status, null, null, now);
    }

    /// <summary>The reporter corrects their report while the city has not acted on it yet.</summary>
    public ReportUpdate EditByReporter(long reporterId, string categoryCode, string description, GeoPoint location, string wardId, DateTimeOffset now)
    {
        RequireReporter(reporterId);
        if (Status != ReportStatus.Received) throw new RuleException(ReportErrors.NoLongerEditable);
        if (!CityArea.Contains(location)) throw new RuleException(ReportErrors.OutsideCity);
        CategoryCode = categoryCode;
        Description = description.Trim();
        Location = location;
        WardId = wardId;
        return Update(reporterId, ReportUpdateKind.Edited, null, null, null, null, now);
    }

    /// <summary>At any time, the reporter can take their name and contact details off the report.</summary>
    public ReportUpdate RemovePersonalDetails(long reporterId, DateTimeOffset now)
    {
        RequireReporter(reporterId);
        ReporterName = null;
        ContactEmail = null;
        return Update(reporterId, ReportUpdateKind.PersonalDetailsRemoved, null, null, null, null, now);
    }

    public ReportUpdate CorrectWard(long staffId, string wardId, DateTimeOffset now)
    {
        var note = $"{WardId} → {wardId}";
        WardId = wardId;
        return Update(staffId, ReportUpdateKind.Ward, null, null, null, note, now);
    }

    /// <summary>Staff route the report to another section (<see cref="Routing.RoutingTable"/> chose the first): a history line, the note naming both.</summary>
    public ReportUpdate Reroute(long staffId, string note, DateTimeOffset now) => Update(staffId, ReportUpdateKind.Routed, null, null, null, note, now);

    public ReportUpdate AssignTo(long staffId, long? assigneeId, DateTimeOffset now)
    {
        AssignedToId = assigneeId;
        return Update(staffId, ReportUpdateKind.Assignment, null, null, null, null, now) with { AssigneeId = assigneeId };
    }

    public ReportUpdate AddInternalNote(long staffId, string note, DateTimeOffset now) =>
        Update(staffId, ReportUpdateKind.Note, null, null, null, Clean(note) ?? throw new ArgumentException("A note needs text.", nameof(note)), now);

    /// <summary>Moderation: staff replace the public text (for example to remove a name or an insult).</summary>
    public ReportUpdate Moderate(long staffId, string description, string reason, DateTimeOffset now)
    {
        Description = description.Trim();
        return Update(staffId, ReportUpdateKind.Moderated, null, null, null, Clean(reason), now);
    }

    public void CountMeToo() => MeTooCount++;

    /// <summary>Open past the category's response-time target without any response.</summary>
    public bool IsOverdue(DateTimeOffset now, int targetDays) =>
        IsOpen && FirstResponseUtc is null && now - CreatedUtc > TimeSpan.FromDays(targetDays);

    private void RequireReporter(long reporterId)
    {
        if (ReporterId != reporterId) throw new RuleException(ReportErrors.NotYours);
    }

    private ReportUpdate Update(long? actorId, ReportUpdateKind kind, ReportStatus? from, ReportStatus? to, string? publicResponse, string? note, DateTimeOffset now)
    {
        UpdatedUtc = now;
        return new ReportUpdate(0, Id, now, actorId, kind, from, to, publicResponse, note);
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
