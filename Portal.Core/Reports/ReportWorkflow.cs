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
    /// <summary>
    /// After it was fixed or closed, the reporter or someone who said "me too" answered 「まだ直っていない」: staff look
    /// again (it is open, in the inbox, and its assigned staff member is told).
    /// </summary>
    ReopenRequested,
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
/// The report workflow as an explicit state machine: which moves staff may make from each state, and the moves
/// residents may make (the reporter's, and those of everyone who said "me too"). Anything not listed is refused.
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
        // A resident says it is not fixed: staff work on it again, or say again that it is fixed or that nothing more will be done.
        [ReportStatus.ReopenRequested] = [ReportStatus.InProgress, ReportStatus.ActionScheduled, ReportStatus.Fixed,
            ReportStatus.NoFurtherAction, ReportStatus.Hidden],
    };

    /// <summary>
    /// The reporter's moves: withdraw while nobody has acted on the report; after it was fixed or closed (not as a
    /// duplicate, whose original is the one followed up, nor hidden), ask the city to look again.
    /// </summary>
    private static readonly IReadOnlyDictionary<ReportStatus, ReportStatus[]> ReporterMoves = new Dictionary<ReportStatus, ReportStatus[]>
    {
        [ReportStatus.Received] = [ReportStatus.Withdrawn],
        [ReportStatus.Fixed] = [ReportStatus.ReopenRequested],
        [ReportStatus.Referred] = [ReportStatus.ReopenRequested],
        [ReportStatus.NoFurtherAction] = [ReportStatus.ReopenRequested],
    };

    /// <summary>The moves of a resident who said "me too" on someone else's report: only asking to look again.</summary>
    private static readonly IReadOnlyDictionary<ReportStatus, ReportStatus[]> FollowerMoves = new Dictionary<ReportStatus, ReportStatus[]>
    {
        [ReportStatus.Fixed] = [ReportStatus.ReopenRequested],
        [ReportStatus.Referred] = [ReportStatus.ReopenRequested],
        [ReportStatus.NoFurtherAction] = [ReportStatus.ReopenRequested],
    };

    public static IReadOnlyList<ReportStatus> StaffMovesFrom(ReportStatus from) => StaffMoves[from];

    public static bool CanStaffMove(ReportStatus from, ReportStatus to) => StaffMoves[from].Contains(to);

    public static bool CanReporterMove(ReportStatus from, ReportStatus to) => ReporterMoves.TryGetValue(from, out var moves) && moves.Contains(to);

    /// <summary>A resident who said "me too" (not the reporter) may make this move.</summary>
    public static bool CanFollowerMove(ReportStatus from, ReportStatus to) => FollowerMoves.TryGetValue(from, out var moves) && moves.Contains(to);

    /// <summary>
    /// A report in this state asks its reporter and its "me too" residents whether it is fixed (for the follow-up
    /// period after it got there): exactly the states from which they may ask to look again.
    /// </summary>
    public static bool AsksIfFixed(ReportStatus status) =>
        CanReporterMove(status, ReportStatus.ReopenRequested) || CanFollowerMove(status, ReportStatus.ReopenRequested);

    /// <summary>Open: the city still has something to do.</summary>
    public static bool IsOpen(ReportStatus status) =>
        status is ReportStatus.Received or ReportStatus.Accepted or ReportStatus.InProgress or ReportStatus.ActionScheduled
            or ReportStatus.ReopenRequested;

    public static bool IsPublished(ReportStatus status) => status is not (ReportStatus.Hidden or ReportStatus.Withdrawn);

    public static PublicStatus ToPublic(ReportStatus status) => status switch
    {
        ReportStatus.Received => PublicStatus.Received,
        ReportStatus.Accepted or ReportStatus.InProgress or ReportStatus.ActionScheduled or ReportStatus.ReopenRequested => PublicStatus.InProgress,
        ReportStatus.Fixed => PublicStatus.Fixed,
        _ => PublicStatus.Closed,
    };

    public static IEnumerable<ReportStatus> WithPublicStatus(PublicStatus status) =>
        Enum.GetValues<ReportStatus>().Where(s => IsPublished(s) && ToPublic(s) == status);

    public static IEnumerable<ReportStatus> OpenStatuses => Enum.GetValues<ReportStatus>().Where(IsOpen);
}
