namespace Portal.Core.Reports;

/// <summary>Where a report stands, as staff see it (FixMyStreet's states, adapted to ChibaRepo).</summary>
public enum ReportStatus
{
    Received,
    Accepted,
    InProgress,
    ActionScheduled,
    Fixed,
    /// <summary>Not the city's responsibility: referred to whoever is (the prefecture, a railway, a utility).</summary>
    Referred,
    Duplicate,
    NoFurtherAction,
    Hidden,
    /// <summary>Taken back by the reporter while it was still only received.</summary>
    Withdrawn,
}

/// <summary>The three states ChibaRepo shows the public (受付完了, 対応中, 対応済み), plus closed without a fix.</summary>
public enum PublicStatus
{
    Received,
    InProgress,
    Fixed,
    Closed,
}

/// <summary>
/// The report workflow as an explicit state machine: which moves staff may make from each state, and the
/// one move a reporter may make. Anything not listed is refused.
/// </summary>
public static class ReportWorkflow
{
    private static readonly IReadOnlyDictionary<ReportStatus, ReportStatus[]> StaffMoves = new Dictionary<ReportStatus, ReportStatus[]>
    {
        [ReportStatus.Received] = [ReportStatus.Accepted, ReportStatus.InProgress, ReportStatus.ActionScheduled, ReportStatus.Fixed,
            ReportStatus.Referred, ReportStatus.Duplicate, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.Accepted] = [ReportStatus.InProgress, ReportStatus.ActionScheduled, ReportStatus.Fixed,
            ReportStatus.Referred, ReportStatus.Duplicate, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.InProgress] = [ReportStatus.ActionScheduled, ReportStatus.Fixed,
            ReportStatus.Referred, ReportStatus.Duplicate, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.ActionScheduled] = [ReportStatus.InProgress, ReportStatus.Fixed, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        // A resident says it is not fixed after all: staff reopen it.
        [ReportStatus.Fixed] = [ReportStatus.InProgress, ReportStatus.Hidden],
        [ReportStatus.Referred] = [ReportStatus.Accepted, ReportStatus.Hidden],
        [ReportStatus.Duplicate] = [ReportStatus.Accepted, ReportStatus.Hidden],
        [ReportStatus.NoFurtherAction] = [ReportStatus.Accepted, ReportStatus.Hidden],
        [ReportStatus.Hidden] = [ReportStatus.Accepted],
        [ReportStatus.Withdrawn] = [],
    };

    public static IReadOnlyList<ReportStatus> StaffMovesFrom(ReportStatus from) => StaffMoves[from];

    public static bool CanStaffMove(ReportStatus from, ReportStatus to) => StaffMoves[from].Contains(to);

    /// <summary>Reporters may only withdraw, and only while nobody has acted on the report.</summary>
    public static bool CanReporterMove(ReportStatus from, ReportStatus to) => from == ReportStatus.Received && to == ReportStatus.Withdrawn;

    /// <summary>Open: the city still has something to do.</summary>
    public static bool IsOpen(ReportStatus status) =>
        status is ReportStatus.Received or ReportStatus.Accepted or ReportStatus.InProgress or ReportStatus.ActionScheduled;

    public static bool IsPublished(ReportStatus status) => status is not (ReportStatus.Hidden or ReportStatus.Withdrawn);

    public static PublicStatus ToPublic(ReportStatus status) => status switch
    {
        ReportStatus.Received => PublicStatus.Received,
        ReportStatus.Accepted or ReportStatus.InProgress or ReportStatus.ActionScheduled => PublicStatus.InProgress,
        ReportStatus.Fixed => PublicStatus.Fixed,
        _ => PublicStatus.Closed,
    };

    public static IEnumerable<ReportStatus> WithPublicStatus(PublicStatus status) =>
        Enum.GetValues<ReportStatus>().Where(s => IsPublished(s) && ToPublic(s) == status);

    public static IEnumerable<ReportStatus> OpenStatuses => Enum.GetValues<ReportStatus>().Where(IsOpen);
}
