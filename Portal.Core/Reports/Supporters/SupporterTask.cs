using Portal.Core.Rules;

namespace Portal.Core.Reports.Supporters;

public enum SupporterTaskStatus
{
    Open,
    Cancelled,
    Done,
}

public static class SupporterErrors
{
    public const string NotFound = "Supporters_Error_NotFound";
    public const string CapacityRange = "Supporters_Error_CapacityRange";
    public const string EndBeforeStart = "Supporters_Error_EndBeforeStart";
    public const string StartInPast = "Supporters_Error_StartInPast";
    public const string NotOpen = "Supporters_Error_NotOpen";
    public const string Full = "Supporters_Error_Full";
    public const string Started = "Supporters_Error_Started";
    public const string AlreadySignedUp = "Supporters_Error_AlreadySignedUp";
    public const string NotSignedUp = "Supporters_Error_NotSignedUp";
    public const string NotStartedYet = "Supporters_Error_NotStartedYet";
    public const string ReportNotPublished = "Supporters_Error_ReportNotPublished";
}

/// <summary>A resident's place on a supporter task.</summary>
public sealed record SupporterSignup(long TaskId, long AccountId, DateTimeOffset CreatedUtc);

/// <summary>
/// サポーター活動: a task the city opens from a report (erasing graffiti on play equipment, say) and the
/// volunteers it recruits to do it together. The rules of opening, closing and signing up live here, so a
/// page or a repository cannot take a place the task does not have.
/// </summary>
public sealed class SupporterTask
{
    public const int MaxCapacity = 500;

    private SupporterTask() { }

    public long Id { get; private set; }
    public long ReportId { get; private set; }
    public string Title { get; private set; } = "";
    /// <summary>What the volunteers will do.</summary>
    public string Description { get; private set; } = "";
    public string MeetingPlace { get; private set; } = "";
    public DateTimeOffset StartUtc { get; private set; }
    public DateTimeOffset EndUtc { get; private set; }
    /// <summary>How many volunteers the task takes.</summary>
    public int Capacity { get; private set; }
    public SupporterTaskStatus Status { get; private set; }
    public long CreatedById { get; private set; }
    public DateTimeOffset CreatedUtc { get; private set; }

    public static SupporterTask Open(long reportId, string title, string description, string meetingPlace,
        DateTimeOffset startUtc, DateTimeOffset endUtc, int capacity, long staffId, DateTimeOffset now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(description);
        ArgumentException.ThrowIfNullOrWhiteSpace(meetingPlace);
        if (capacity is < 1 or > MaxCapacity) throw new RuleException(SupporterErrors.CapacityRange);
        if (endUtc <= startUtc) throw new RuleException(SupporterErrors.EndBeforeStart);
        if (startUtc <= now) throw new RuleException(SupporterErrors.StartInPast);
        return new SupporterTask
        {
            ReportId = reportId,
            Title = title.Trim(),
            Description = description.Trim(),
            MeetingPlace = meetingPlace.Trim(),
            StartUtc = startUtc.ToUniversalTime(),
            EndUtc = endUtc.ToUniversalTime(),
            Capacity = capacity,
            Status = SupporterTaskStatus.Open,
            CreatedById = staffId,
            CreatedUtc = now,
        };
    }

    public static SupporterTask Restore(long id, long reportId, string title, string description, string meetingPlace, DateTimeOffset startUtc,
        DateTimeOffset endUtc, int capacity, SupporterTaskStatus status, long createdById, DateTimeOffset createdUtc) => new()
    {
        Id = id, ReportId = reportId, Title = title, Description = description, MeetingPlace = meetingPlace, StartUtc = startUtc, EndUtc = endUtc,
        Capacity = capacity, Status = status, CreatedById = createdById, CreatedUtc = createdUtc,
    };

    public void AssignId(long id)
    {
        if (Id != 0) throw new InvalidOperationException("The task already has an id.");
        Id = id;
    }

    public bool HasStarted(DateTimeOffset now) => now >= StartUtc;

    /// <summary>Open and not started: residents can still join or leave.</summary>
    public bool IsAcceptingSignups(DateTimeOffset now) => Status == SupporterTaskStatus.Open && !HasStarted(now);

    public int PlacesLeft(int signedUp) => Math.Max(0, Capacity - signedUp);

    /// <summary>Staff call the task off; the residents who signed up see it cancelled in their list.</summary>
    public void Cancel()
    {
        if (Status != SupporterTaskStatus.Open) throw new RuleException(SupporterErrors.NotOpen);
        Status = SupporterTaskStatus.Cancelled;
    }

    /// <summary>Staff mark the task done once it has started.</summary>
    public void Complete(DateTimeOffset now)
    {
        if (Status != SupporterTaskStatus.Open) throw new RuleException(SupporterErrors.NotOpen);
        if (!HasStarted(now)) throw new RuleException(SupporterErrors.NotStartedYet);
        Status = SupporterTaskStatus.Done;
    }

    /// <summary>
    /// A resident takes a place: only on an open task that has not started, has a free place, and that they
    /// have not joined already. The caller passes the counts read inside the same write transaction.
    /// </summary>
    public SupporterSignup SignUp(long accountId, int signedUp, bool alreadySignedUp, DateTimeOffset now)
    {
        if (Status != SupporterTaskStatus.Open) throw new RuleException(SupporterErrors.NotOpen);
        if (HasStarted(now)) throw new RuleException(SupporterErrors.Started);
        if (alreadySignedUp) throw new RuleException(SupporterErrors.AlreadySignedUp);
        if (signedUp >= Capacity) throw new RuleException(SupporterErrors.Full);
        return new SupporterSignup(Id, accountId, now);
    }

    /// <summary>A resident gives their own place back, before the task starts.</summary>
    public void CheckWithdraw(bool signedUp, DateTimeOffset now)
    {
        if (!signedUp) throw new RuleException(SupporterErrors.NotSignedUp);
        if (HasStarted(now)) throw new RuleException(SupporterErrors.Started);
    }
}

/// <summary>A task with how many residents have signed up for it.</summary>
public sealed record SupporterTaskView(SupporterTask Task, int SignedUp)
{
    public int PlacesLeft => Task.PlacesLeft(SignedUp);
}
