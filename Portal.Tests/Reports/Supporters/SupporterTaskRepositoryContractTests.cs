using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Core.Reports.Supporters;
using Portal.Core.Rules;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports.Supporters;

/// <summary>The supporter task repository against every available provider, and its sign-up under a crowd.</summary>
public sealed class SupporterTaskRepositoryContractTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    internal static readonly DateTimeOffset Now = new(2026, 11, 25, 3, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 1, 0, 0, TimeSpan.Zero);

    internal static async Task<long> Account(PortalDatabase db, Role role = Role.Resident)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 太郎", "hash", role, role == Role.Staff ? "chuo" : null, Now);
        await new UserAccountRepository(db).CreateAsync(account, Ct);
        return account.Id;
    }

    internal static async Task<Report> Report(PortalDatabase db) =>
        await new ReportRepository(db).SubmitAsync(Portal.Core.Reports.Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem,
            "other-graffiti", "滑り台に落書き", ReportTests.Chiba, "chuo", "web", Now), [], Ct);

    private static SupporterTask New(long reportId, long staffId, int capacity = 5, DateTimeOffset? start = null) =>
        SupporterTask.Open(reportId, "落書き消し", "滑り台の落書きを消します", "公園入口", start ?? Start, (start ?? Start).AddHours(2), capacity, staffId, Now);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_task_is_stored_and_read_back_as_it_was(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new SupporterTaskRepository(test.Database);
        var staff = await Account(test.Database, Role.Staff);
        var report = await Report(test.Database);

        var added = await repo.AddAsync(New(report.Id, staff), Ct);
        var read = await repo.GetAsync(added.Id, Ct);

        Assert.NotNull(read);
        Assert.Equal((report.Id, "落書き消し", "公園入口", Start, Start.AddHours(2), 5, SupporterTaskStatus.Open, staff, Now),
            (read.ReportId, read.Title, read.MeetingPlace, read.StartUtc, read.EndUtc, read.Capacity, read.Status, read.CreatedById, read.CreatedUtc));
        read.Cancel();
        await repo.SaveStatusAsync(read, Ct);
        Assert.Equal(SupporterTaskStatus.Cancelled, (await repo.GetAsync(added.Id, Ct))!.Status);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Sign_ups_are_counted_listed_and_given_back(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new SupporterTaskRepository(test.Database);
        var staff = await Account(test.Database, Role.Staff);
        var report = await Report(test.Database);
        var later = await repo.AddAsync(New(report.Id, staff, start: Start.AddDays(7)), Ct);
        var sooner = await repo.AddAsync(New(report.Id, staff, capacity: 2), Ct);
        var (hanako, taro) = (await Account(test.Database), await Account(test.Database));

        await repo.SignUpAsync(sooner.Id, hanako, Now, Ct);
        await repo.SignUpAsync(sooner.Id, taro, Now, Ct);
        await repo.SignUpAsync(later.Id, hanako, Now, Ct);

        Assert.Equal([(sooner.Id, 2, 0), (later.Id, 1, 4)], (await repo.ListByReportAsync(report.Id, Ct)).Select(v => (v.Task.Id, v.SignedUp, v.PlacesLeft)));
        Assert.Equal([later.Id, sooner.Id], (await repo.ListSignedUpAsync(hanako, Ct)).Select(v => v.Task.Id));
        Assert.Equal([sooner.Id, later.Id], (await repo.ListUpcomingAsync(Now, 10, Ct)).Select(v => v.Task.Id));
        Assert.Equal([later.Id], (await repo.ListUpcomingAsync(Start, 10, Ct)).Select(v => v.Task.Id));
        Assert.True(await repo.IsSignedUpAsync(sooner.Id, taro, Ct));

        Assert.Equal(SupporterErrors.Full, (await Assert.ThrowsAsync<RuleException>(() => repo.SignUpAsync(sooner.Id, staff, Now, Ct))).Key);
        Assert.Equal(SupporterErrors.AlreadySignedUp, (await Assert.ThrowsAsync<RuleException>(() => repo.SignUpAsync(later.Id, hanako, Now, Ct))).Key);

        await repo.WithdrawAsync(sooner.Id, taro, Now, Ct);
        Assert.False(await repo.IsSignedUpAsync(sooner.Id, taro, Ct));
        Assert.Equal(1, (await repo.ListByReportAsync(report.Id, Ct)).Single(v => v.Task.Id == sooner.Id).SignedUp);
        Assert.Equal(SupporterErrors.NotSignedUp, (await Assert.ThrowsAsync<RuleException>(() => repo.WithdrawAsync(sooner.Id, taro, Now, Ct))).Key);
        Assert.Equal(SupporterErrors.Started, (await Assert.ThrowsAsync<RuleException>(() => repo.WithdrawAsync(sooner.Id, hanako, Start, Ct))).Key);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Tasks_of_hidden_reports_are_not_offered(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new SupporterTaskRepository(test.Database);
        var staff = await Account(test.Database, Role.Staff);
        var report = await Report(test.Database);
        await repo.AddAsync(New(report.Id, staff), Ct);
        await new ReportRepository(test.Database).SaveAsync(report, report.MoveTo(ReportStatus.Hidden, staff, null, "個人情報", Now), Ct);

        Assert.Empty(await repo.ListUpcomingAsync(Now, 10, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Twenty_residents_racing_for_five_places_fill_exactly_five(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repo = new SupporterTaskRepository(test.Database);
        var staff = await Account(test.Database, Role.Staff);
        var report = await Report(test.Database);
        var task = await repo.AddAsync(New(report.Id, staff, capacity: 5), Ct);
        var residents = new List<long>();
        for (var i = 0; i < 20; i++) residents.Add(await Account(test.Database));

        using var go = new ManualResetEventSlim();
        var attempts = residents.Select(id => Task.Run(async () =>
        {
            go.Wait(Ct);
            try
            {
                await repo.SignUpAsync(task.Id, id, Now, Ct);
                return (string?)null;
            }
            catch (RuleException e)
            {
                return e.Key;
            }
        }, Ct)).ToList();
        go.Set();
        var outcomes = await Task.WhenAll(attempts);

        Assert.Equal(5, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(SupporterErrors.Full, o));
        Assert.Equal(5, Assert.Single(await repo.ListByReportAsync(report.Id, Ct)).SignedUp);
    }

    [Fact]
    public async Task A_double_tap_makes_one_sign_up()
    {
        using var test = TestDatabase.CreateSqlite();
        var repo = new SupporterTaskRepository(test.Database);
        var staff = await Account(test.Database, Role.Staff);
        var report = await Report(test.Database);
        var task = await repo.AddAsync(New(report.Id, staff), Ct);
        var resident = await Account(test.Database);

        var taps = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            try { await repo.SignUpAsync(task.Id, resident, Now, Ct); return true; }
            catch (RuleException) { return false; }
        }, Ct)));

        Assert.Single(taps, t => t);
        Assert.Equal(1, Assert.Single(await repo.ListByReportAsync(report.Id, Ct)).SignedUp);
    }
}
