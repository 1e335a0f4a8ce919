using Portal.Core.Reports;
using Portal.Core.Rules;

namespace Portal.Tests.Reports;

public sealed class ReportWorkflowTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private const long Staff = 7;

    // The whole table: every move staff may make. Anything not listed here must be refused.
    private static readonly Dictionary<ReportStatus, ReportStatus[]> Allowed = new()
    {
        [ReportStatus.Received] = [ReportStatus.Accepted, ReportStatus.InProgress, ReportStatus.ActionScheduled, ReportStatus.Fixed, ReportStatus.Referred, ReportStatus.Duplicate, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.Accepted] = [ReportStatus.InProgress, ReportStatus.ActionScheduled, ReportStatus.Fixed, ReportStatus.Referred, ReportStatus.Duplicate, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.InProgress] = [ReportStatus.ActionScheduled, ReportStatus.Fixed, ReportStatus.Referred, ReportStatus.Duplicate, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.ActionScheduled] = [ReportStatus.InProgress, ReportStatus.Fixed, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
        [ReportStatus.Fixed] = [ReportStatus.InProgress, ReportStatus.Hidden],
        [ReportStatus.Referred] = [ReportStatus.Accepted, ReportStatus.Hidden],
        [ReportStatus.Duplicate] = [ReportStatus.Accepted, ReportStatus.Hidden],
        [ReportStatus.NoFurtherAction] = [ReportStatus.Accepted, ReportStatus.Hidden],
        [ReportStatus.Hidden] = [ReportStatus.Accepted],
        [ReportStatus.Withdrawn] = [],
        [ReportStatus.ReopenRequested] = [ReportStatus.InProgress, ReportStatus.ActionScheduled, ReportStatus.Fixed, ReportStatus.NoFurtherAction, ReportStatus.Hidden],
    };

    // What residents may do: the reporter withdraws while received; after fixed or closed (not as a duplicate, not hidden)
    // the reporter and those who said "me too" ask to look again. Nothing else.
    private static readonly Dictionary<ReportStatus, ReportStatus[]> Reporter = new()
    {
        [ReportStatus.Received] = [ReportStatus.Withdrawn],
        [ReportStatus.Fixed] = [ReportStatus.ReopenRequested],
        [ReportStatus.Referred] = [ReportStatus.ReopenRequested],
        [ReportStatus.NoFurtherAction] = [ReportStatus.ReopenRequested],
    };

    private static readonly Dictionary<ReportStatus, ReportStatus[]> Follower = new()
    {
        [ReportStatus.Fixed] = [ReportStatus.ReopenRequested],
        [ReportStatus.Referred] = [ReportStatus.ReopenRequested],
        [ReportStatus.NoFurtherAction] = [ReportStatus.ReopenRequested],
    };

    private const int FollowUpDays = 28;

    public static TheoryData<ReportStatus, ReportStatus> EveryPair()
    {
        var data = new TheoryData<ReportStatus, ReportStatus>();
        foreach (var from in Enum.GetValues<ReportStatus>())
            foreach (var to in Enum.GetValues<ReportStatus>())
                data.Add(from, to);
        return data;
    }

    /// <summary>A report that has reached the given state by allowed moves.</summary>
    internal static Report ReportIn(ReportStatus status, long reporterId = 1)
    {
        var report = ReportTests.NewReport(reporterId);
        switch (status)
        {
            case ReportStatus.Received: break;
            case ReportStatus.Withdrawn: report.Withdraw(reporterId, Now); break;
            case ReportStatus.ReopenRequested:
                report.MoveTo(ReportStatus.Fixed, Staff, null, null, Now);
                report.RequestReopen(reporterId, isReporter: true, null, Now.AddDays(1), FollowUpDays);
                break;
            case ReportStatus.Duplicate: report.MoveTo(status, Staff, null, null, Now, duplicateOfId: 99); break;
            case ReportStatus.Hidden or ReportStatus.Fixed or ReportStatus.Referred or ReportStatus.NoFurtherAction or ReportStatus.Accepted
                or ReportStatus.InProgress or ReportStatus.ActionScheduled:
                report.MoveTo(status, Staff, null, null, Now);
                break;
        }
        Assert.Equal(status, report.Status);
        return report;
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Staff_may_make_exactly_the_moves_in_the_table(ReportStatus from, ReportStatus to)
    {
        var report = ReportIn(from);
        var allowed = Allowed[from].Contains(to);
        Assert.Equal(allowed, ReportWorkflow.CanStaffMove(from, to));

        if (allowed)
        {
            var update = report.MoveTo(to, Staff, "回答", "メモ", Now.AddDays(1), to == ReportStatus.Duplicate ? 99 : null);
            Assert.Equal((to, from, to), (report.Status, update.FromStatus!.Value, update.ToStatus!.Value));
        }
        else
        {
            var e = Assert.Throws<RuleException>(() => report.MoveTo(to, Staff, null, null, Now, 99));
            Assert.Equal(ReportErrors.NotAllowedMove, e.Key);
            Assert.Equal(from, report.Status);
        }
    }

    [Theory]
    [MemberData(nameof(EveryPair))]
    public void Residents_may_make_exactly_the_moves_in_their_tables(ReportStatus from, ReportStatus to)
    {
        Assert.Equal(Reporter.TryGetValue(from, out var reporter) && reporter.Contains(to), ReportWorkflow.CanReporterMove(from, to));
        Assert.Equal(Follower.TryGetValue(from, out var follower) && follower.Contains(to), ReportWorkflow.CanFollowerMove(from, to));
        // "Is it fixed?" is asked exactly where the answer 「まだ直っていない」 may move the report.
        Assert.Equal(Follower.ContainsKey(from), ReportWorkflow.AsksIfFixed(from));
    }

    public static TheoryData<ReportStatus> EveryStatus() => [.. Enum.GetValues<ReportStatus>()];

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public void Asking_to_look_again_is_allowed_exactly_from_fixed_or_closed_within_the_period(ReportStatus from)
    {
        var allowed = Follower.ContainsKey(from);
        foreach (var isReporter in new[] { true, false })
        {
            var report = ReportIn(from, reporterId: 1);
            var resident = isReporter ? 1L : 2L;
            if (allowed)
            {
                var update = report.RequestReopen(resident, isReporter, "  まだ穴があります  ", Now.AddDays(FollowUpDays).AddTicks(-1), FollowUpDays);
                Assert.Equal((ReportStatus.ReopenRequested, from, ReportStatus.ReopenRequested, resident), (report.Status, update.FromStatus!.Value, update.ToStatus!.Value, update.ActorId!.Value));
                // The comment is for staff: the history line's internal note, never its public response.
                Assert.Equal(("まだ穴があります", (string?)null), (update.InternalNote, update.PublicResponse));
                Assert.Equal((true, (DateTimeOffset?)null, (DateTimeOffset?)null), (report.IsOpen, report.ClosedUtc, report.FixedUtc));
            }
            else
            {
                var e = Assert.Throws<RuleException>(() => report.RequestReopen(resident, isReporter, null, Now.AddDays(1), FollowUpDays));
                Assert.Equal(ReportErrors.NotAsked, e.Key);
                Assert.Equal(from, report.Status);
            }
        }
    }

    [Fact]
    public void The_question_ends_28_days_after_the_report_was_fixed_and_comes_again_when_it_is_fixed_again()
    {
        var report = ReportIn(ReportStatus.Received);
        report.MoveTo(ReportStatus.Fixed, Staff, "直しました", null, Now);

        // Fixed on 25 November, 09:00 in Japan: asked until the end of 23 December, Japan time.
        var end = new DateTimeOffset(2026, 12, 24, 0, 0, 0, TimeSpan.FromHours(9));
        Assert.Equal(end, report.FollowUpEndsUtc(FollowUpDays));
        Assert.False(report.AsksIfFixed(Now.AddTicks(-1), FollowUpDays));
        Assert.True(report.AsksIfFixed(Now, FollowUpDays));
        Assert.True(report.AsksIfFixed(end.AddTicks(-1), FollowUpDays));
        Assert.False(report.AsksIfFixed(end, FollowUpDays));
        Assert.Equal(ReportErrors.NotAsked,
            Assert.Throws<RuleException>(() => report.RequestReopen(1, isReporter: true, null, end, FollowUpDays)).Key);

        report.RequestReopen(1, isReporter: true, null, Now.AddDays(3), FollowUpDays);
        Assert.False(report.AsksIfFixed(Now.AddDays(3), FollowUpDays));
        report.MoveTo(ReportStatus.Fixed, Staff, "直しました", null, Now.AddDays(10));
        Assert.True(report.AsksIfFixed(end.AddDays(10).AddTicks(-1), FollowUpDays));
        Assert.False(report.AsksIfFixed(end.AddDays(10), FollowUpDays));
    }

    [Fact]
    public void Only_the_reporter_answers_as_the_reporter()
    {
        var report = ReportIn(ReportStatus.Fixed, reporterId: 1);
        Assert.Equal(ReportErrors.NotYours, Assert.Throws<RuleException>(() => report.RequestReopen(2, isReporter: true, null, Now, FollowUpDays)).Key);
    }

    [Theory]
    [InlineData(ReportStatus.Received, PublicStatus.Received)]
    [InlineData(ReportStatus.Accepted, PublicStatus.InProgress)]
    [InlineData(ReportStatus.InProgress, PublicStatus.InProgress)]
    [InlineData(ReportStatus.ActionScheduled, PublicStatus.InProgress)]
    [InlineData(ReportStatus.Fixed, PublicStatus.Fixed)]
    [InlineData(ReportStatus.Referred, PublicStatus.Closed)]
    [InlineData(ReportStatus.Duplicate, PublicStatus.Closed)]
    [InlineData(ReportStatus.NoFurtherAction, PublicStatus.Closed)]
    [InlineData(ReportStatus.ReopenRequested, PublicStatus.InProgress)]
    public void The_public_sees_ChibaRepo_s_three_states_and_closed(ReportStatus status, PublicStatus shown)
    {
        Assert.Equal(shown, ReportWorkflow.ToPublic(status));
        Assert.True(ReportWorkflow.IsPublished(status));
    }

    [Fact]
    public void Hidden_and_withdrawn_reports_are_not_published()
    {
        Assert.False(ReportWorkflow.IsPublished(ReportStatus.Hidden));
        Assert.False(ReportWorkflow.IsPublished(ReportStatus.Withdrawn));
    }

    [Fact]
    public void A_duplicate_must_name_another_report_and_loses_the_link_when_reopened()
    {
        var report = ReportIn(ReportStatus.Received);
        Assert.Equal(ReportErrors.DuplicateNeedsOriginal, Assert.Throws<RuleException>(() => report.MoveTo(ReportStatus.Duplicate, Staff, null, null, Now)).Key);

        report.MoveTo(ReportStatus.Duplicate, Staff, null, null, Now, duplicateOfId: 42);
        Assert.Equal(42, report.DuplicateOfId);
        report.MoveTo(ReportStatus.Accepted, Staff, null, null, Now);
        Assert.Null(report.DuplicateOfId);
    }
}
