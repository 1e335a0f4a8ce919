using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Data.Accounts;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Reports.Statistics;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

public sealed class ReportStatisticsRepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<Report> AddAsync(ReportRepository repo, string category, string ward, DateTimeOffset created)
    {
        var at = ward == "mihama" ? new GeoPoint(35.638, 140.060) : ReportTests.Chiba;
        return await repo.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem, category, "説明", at, ward, "web", created), [], Ct);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Counts_by_category_status_ward_and_Japan_month_with_median_times(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new ReportRepository(test.Database);
        // 1 November 01:00 in Japan: November, although it is still 31 October in UTC.
        var r1 = await AddAsync(repo, "road-pothole", "chuo", new DateTimeOffset(2026, 10, 31, 16, 0, 0, TimeSpan.Zero));
        await repo.SaveAsync(r1, r1.MoveTo(ReportStatus.Accepted, 9, null, null, r1.CreatedUtc.AddDays(2)), Ct);
        await repo.SaveAsync(r1, r1.MoveTo(ReportStatus.Fixed, 9, null, null, r1.CreatedUtc.AddDays(3.5)), Ct);
        // 31 October 23:00 in Japan: October.
        var r2 = await AddAsync(repo, "road-pothole", "chuo", new DateTimeOffset(2026, 10, 31, 14, 0, 0, TimeSpan.Zero));
        await repo.SaveAsync(r2, r2.MoveTo(ReportStatus.Accepted, 9, null, null, r2.CreatedUtc.AddDays(4)), Ct);
        await AddAsync(repo, "park-bench", "mihama", new DateTimeOffset(2026, 11, 10, 0, 0, 0, TimeSpan.Zero));
        var r5 = await AddAsync(repo, "other-graffiti", "chuo", new DateTimeOffset(2026, 11, 5, 0, 0, 0, TimeSpan.Zero));
        await repo.SaveAsync(r5, r5.MoveTo(ReportStatus.Hidden, 9, null, null, r5.CreatedUtc.AddDays(6)), Ct);
        var withdrawn = Report.Submit("w", 1, null, null, ReportKind.Problem, "road-pothole", "説明", ReportTests.Chiba, "chuo", "web", new DateTimeOffset(2026, 11, 6, 0, 0, 0, TimeSpan.Zero));
        await InsertWithdrawnAsync(test.Database, withdrawn);
        await AddAsync(repo, "road-pothole", "chuo", new DateTimeOffset(2026, 8, 1, 0, 0, 0, TimeSpan.Zero));
        var service = new ReportStatisticsService(new ReportStatisticsRepository(test.Database), new StaffScopes(new UserAccountRepository(test.Database)));

        var s = await service.ComputeAsync(Actor.System, StatisticsQuery.ForJapanDays(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30)), Ct);

        Assert.Equal(4, s.Total);
        Assert.Equal([("road-pothole", 2), ("other-graffiti", 1), ("park-bench", 1)], s.ByCategory.Select(c => (c.Key, c.Count)));
        Assert.Equal([(PublicStatus.Received, 1), (PublicStatus.InProgress, 1), (PublicStatus.Fixed, 1), (PublicStatus.Closed, 1)], s.ByPublicStatus);
        Assert.Equal([("chuo", 3), ("mihama", 1)], s.ByWard.Select(w => (w.Key, w.Count)));
        Assert.Equal([("2026-10", 1), ("2026-11", 3)], s.ByMonth.Select(m => (m.Key, m.Count)));
        Assert.Equal(4.0, s.MedianDaysToFirstResponse);
        Assert.Equal(3.5, s.MedianDaysToFix);

        var mihama = await service.ComputeAsync(Actor.System, StatisticsQuery.ForJapanDays(new DateOnly(2026, 10, 1), new DateOnly(2026, 11, 30), "mihama"), Ct);
        Assert.Equal((1, "park-bench"), (mihama.Total, Assert.Single(mihama.ByCategory).Key));
        Assert.Null(mihama.MedianDaysToFirstResponse);
    }

    /// <summary>A withdrawn report needs a reporter account; the statistics leave it out.</summary>
    private static async Task InsertWithdrawnAsync(PortalDatabase db, Report report)
    {
        var account = Portal.Core.Accounts.UserAccount.Create($"w-{Guid.NewGuid():N}@example.jp", "住民", "hash", Portal.Core.Accounts.Role.Resident, null, report.CreatedUtc);
        await new Portal.Data.Accounts.UserAccountRepository(db).CreateAsync(account, Ct);
        var repo = new ReportRepository(db);
        var stored = await repo.SubmitAsync(Report.Submit(report.IdempotencyKey, account.Id, null, null, report.Kind, report.CategoryCode, report.Description,
            report.Location, report.WardId, report.Source, report.CreatedUtc), [], Ct);
        await repo.SaveAsync(stored, stored.Withdraw(account.Id, report.CreatedUtc.AddHours(1)), Ct);
    }
}
