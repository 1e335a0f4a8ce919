using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications;

/// <summary>The staff home's count of For You notices sent in a Japan calendar month.</summary>
public sealed class NoticeStatisticsRepositoryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task EnqueueAsync(PortalDatabase db, long accountId, NoticeKind kind, DateTimeOffset at, string key)
    {
        var outbox = new NoticeOutbox(db, ActiveChannels.Of(), new FakeTimeProvider(at));
        Assert.True(await outbox.EnqueueAsync(new Notice(kind, new NoticeRecipient.Account(accountId), key,
            new Dictionary<string, string> { ["code"] = "x" }, "/for-you"), Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Counts_notices_of_the_kind_created_in_the_Japan_month(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var account = UserAccount.Create("stats@example.jp", "市民", "hash", Role.Resident, null, new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
        await new UserAccountRepository(db).CreateAsync(account, Ct);

        // 1 December 00:30 in Japan is still 30 November in UTC: it belongs to December.
        await EnqueueAsync(db, account.Id, NoticeKind.BenefitNewlyEligible, new DateTimeOffset(2026, 11, 30, 15, 30, 0, TimeSpan.Zero), "benefit:a");
        await EnqueueAsync(db, account.Id, NoticeKind.BenefitNewlyEligible, new DateTimeOffset(2026, 12, 20, 3, 0, 0, TimeSpan.Zero), "benefit:b");
        // 30 November 23:30 in Japan: November.
        await EnqueueAsync(db, account.Id, NoticeKind.BenefitNewlyEligible, new DateTimeOffset(2026, 11, 30, 14, 30, 0, TimeSpan.Zero), "benefit:c");
        // Another kind in December is not counted.
        await EnqueueAsync(db, account.Id, NoticeKind.ReportStatusChanged, new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero), "report:1");

        var statistics = new NoticeStatisticsRepository(db);
        var (from, to) = JapanMonth.Bounds(new DateOnly(2026, 12, 15));
        Assert.Equal(2, await statistics.CountCreatedAsync(NoticeKind.BenefitNewlyEligible, from, to, null, Ct));
        var (novFrom, novTo) = JapanMonth.Bounds(new DateOnly(2026, 11, 1));
        Assert.Equal(1, await statistics.CountCreatedAsync(NoticeKind.BenefitNewlyEligible, novFrom, novTo, null, Ct));
        Assert.Equal(1, await statistics.CountCreatedAsync(NoticeKind.ReportStatusChanged, from, to, null, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_ward_counts_the_notices_to_residents_registered_there(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var db = test.Database;
        var at = new DateTimeOffset(2026, 12, 5, 3, 0, 0, TimeSpan.Zero);
        async Task<long> ResidentAsync(string? ward)
        {
            var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "市民", "hash", Role.Resident, null, at.AddYears(-1));
            await new UserAccountRepository(db).CreateAsync(account, Ct);
            if (ward is not null) await RegisterSeed.PlaceInWardAsync(db, account.Id, ward, Ct);
            return account.Id;
        }
        await EnqueueAsync(db, await ResidentAsync("chuo"), NoticeKind.BenefitNewlyEligible, at, "benefit:chuo");
        await EnqueueAsync(db, await ResidentAsync("mihama"), NoticeKind.BenefitNewlyEligible, at, "benefit:mihama");
        // Someone not on the register belongs to no ward.
        await EnqueueAsync(db, await ResidentAsync(null), NoticeKind.BenefitNewlyEligible, at, "benefit:none");

        var statistics = new NoticeStatisticsRepository(db);
        var (from, to) = JapanMonth.Bounds(new DateOnly(2026, 12, 15));
        Assert.Equal(1, await statistics.CountCreatedAsync(NoticeKind.BenefitNewlyEligible, from, to, "chuo", Ct));
        Assert.Equal(1, await statistics.CountCreatedAsync(NoticeKind.BenefitNewlyEligible, from, to, "mihama", Ct));
        Assert.Equal(0, await statistics.CountCreatedAsync(NoticeKind.BenefitNewlyEligible, from, to, "wakaba", Ct));
        Assert.Equal(3, await statistics.CountCreatedAsync(NoticeKind.BenefitNewlyEligible, from, to, null, Ct));
    }
}
