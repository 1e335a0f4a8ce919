namespace Portal.Core.Reports;

/// <summary>The "Reports" settings of the follow-up question ("is it fixed?").</summary>
public sealed class ReportFollowUpOptions
{
    public const string Section = "Reports";

    /// <summary>
    /// Days after a report was fixed or closed during which its reporter and its "me too" residents may answer
    /// "is it fixed?" (FixMyStreet asks after four weeks; here the question comes at once and stays open this long).
    /// </summary>
    public int FollowUpDays { get; set; } = 28;
}

/// <summary>A resident's answer to "is it fixed?".</summary>
public enum FollowUpAnswer
{
    /// <summary>「直りました」: counted in the statistics, the report stays as it is.</summary>
    Fixed,
    /// <summary>「まだ直っていない」: the report opens again as <see cref="ReportStatus.ReopenRequested"/>.</summary>
    NotFixed,
}

/// <summary>
/// One resident's answer about one closing of a report (<paramref name="ClosedUtc"/>: when it was fixed or closed,
/// so a report fixed again after a reopening is asked again). At most one per resident and closing.
/// </summary>
public sealed record ReportFollowUp(long ReportId, long AccountId, DateTimeOffset ClosedUtc, FollowUpAnswer Answer, string? Comment, DateTimeOffset AnsweredUtc);

/// <summary>What the report page offers a signed-in resident about "is it fixed?".</summary>
/// <param name="Asked">The question is open to them now (they are the reporter or said "me too", within the period, not answered).</param>
/// <param name="Answered">Their answer about this closing, if they gave one.</param>
/// <param name="UntilUtc">The end of the period, when there is one.</param>
public sealed record FollowUpState(bool Asked, FollowUpAnswer? Answered, DateTimeOffset? UntilUtc)
{
    public static readonly FollowUpState None = new(false, null, null);
}
