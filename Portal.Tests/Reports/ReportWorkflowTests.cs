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
    };

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
    public void A_reporter_may_only_withdraw_and_only_while_received(ReportStatus from, ReportStatus to)
    {
        Assert.Equal(from == ReportStatus.Received && to == ReportStatus.Withdrawn, ReportWorkflow.CanReporterMove(from, to));
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
