using Dapper;
using Portal.Core.Notifications;
using Portal.Core.Accounts;
using Portal.Core.Benefits;
using Portal.Core.Points;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Points;
using Portal.Web.Accounts;

namespace Portal.Tests.Data;

/// <summary>Account deletion against every available provider: one transaction, postings not deletes, safe to repeat.</summary>
public sealed class AccountDeletionContractTests
{
    private const string Password = "Test-Password-2026";
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private sealed record Resident(long Id, Report Report);

    private static readonly AspNetPasswordHasher Hasher = new();

    private static async Task<Resident> SeedAsync(LedgerWorld world)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", Hasher.Hash(Password), Role.Resident, null, LedgerWorld.Start);
        await new UserAccountRepository(world.Db).CreateAsync(account, Ct);
        var reports = new ReportRepository(world.Db, world.Clock);
        var report = await reports.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), account.Id, "花子", "hanako@example.jp", ReportKind.Problem,
            "road-pothole", "歩道に穴があります", Portal.Tests.Reports.ReportTests.Chiba, "chuo", "web", LedgerWorld.Start), [], Ct);
        await world.EarnAsync(account.Id, 50);
        world.Clock.Advance(TimeSpan.FromDays(200));
        await world.EarnAsync(account.Id, 30);
        await world.SpendAsync(account.Id, 10);
        var consents = new ConsentRepository(world.Db, world.Clock);
        await consents.GiveAsync(account.Id, ConsentPurpose.Register, ConsentTexts.CurrentVersion, Ct);
        await consents.GiveAsync(account.Id, ConsentPurpose.Income, ConsentTexts.CurrentVersion, Ct);
        var channels = new ChannelAddressRepository(world.Db);
        await channels.LinkLineAsync(account.Id, "U" + Guid.NewGuid().ToString("N"), world.Clock.GetUtcNow(), Ct);
        await channels.SavePushSubscriptionAsync(account.Id, "https://push.example/" + Guid.NewGuid().ToString("N"), "key", "auth", "phone",
            world.Clock.GetUtcNow(), Ct);
        var alerts = new ReportAlertRepository(world.Db);
        await alerts.FollowAsync(new Portal.Core.Reports.Alerts.ReportFollow(report.Id, account.Id, world.Clock.GetUtcNow()), Ct);
        Assert.NotNull(await alerts.AddAsync(new Portal.Core.Reports.Alerts.AlertInput { Area = Portal.Core.Reports.Alerts.AlertArea.Ward, WardId = "chuo" }
            .ToSubscription(account.Id, world.Clock.GetUtcNow()), 10, Ct));
        await using var connection = await world.Db.OpenAsync(Ct);
        await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @now WHERE Id = @id", new { now = world.Clock.GetUtcNow(), id = account.Id });
        await connection.ExecuteAsync("INSERT INTO NoticePreference (AccountId, Kind, Channel, Enabled) VALUES (@id, 'PointsExpiring', 'Email', 0)", new { id = account.Id });
        await new PasswordResetRepository(world.Db, new NoticeOutbox(world.Db, ActiveChannels.InAppOnly)).IssueAsync(
            new PasswordResetTicket(0, account.Id, ResetKind.EmailLink, Guid.NewGuid().ToString("N"), account.SecurityStamp, world.Clock.GetUtcNow(),
                world.Clock.GetUtcNow().AddHours(1), null, null), null, Ct);
        return new Resident(account.Id, report);
    }

    private static Task<LedgerWorld> WorldAsync(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        return LedgerWorld.CreateAsync(provider);
    }

    private static AccountDeletionService Service(LedgerWorld world) =>
        new(new UserAccountRepository(world.Db), Hasher, new AccountDeletionRepository(world.Db, world.Ledger), world.Options, world.Clock);

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Deletion_anonymises_closes_the_wallet_by_a_posting_revokes_and_leaves_a_tombstone(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var resident = await SeedAsync(world);
        // The first lot is past its expiry but not yet swept: it lapses with the rest.
        world.Clock.Advance(TimeSpan.FromDays(600));

        var outcome = await Service(world).DeleteAsync(resident.Id, Password, "削除", Ct);

        Assert.Equal(DeletionOutcome.Deleted, outcome);
        var report = (await new ReportRepository(world.Db, world.Clock).GetAsync(resident.Report.Id, Ct))!;
        Assert.Equal((null, null, null), (report.ReporterId, report.ReporterName, report.ContactEmail));
        Assert.Equal("歩道に穴があります", report.Description);
        Assert.All(await new ReportRepository(world.Db, world.Clock).HistoryAsync(report.Id, Ct), u => Assert.NotEqual(resident.Id, u.ActorId));

        var wallet = (await world.Ledger.AccountByCodeAsync(PointAccount.WalletCode(resident.Id), Ct))!;
        Assert.Equal(0, wallet.Balance);
        Assert.False(wallet.IsActive);
        var closing = (await world.Ledger.HistoryAsync(wallet.Id, new WalletHistoryQuery(Kind: PointTransactionKind.Expire), Ct)).Single();
        Assert.Equal(-70, closing.Amount);
        Assert.Equal(AccountDeletionRules.ClosingMemo, closing.Memo);
        Assert.Equal(70, (await world.Ledger.AccountByCodeAsync(AccountDeletionRules.ClosureAccountCode, Ct))!.Balance);
        Assert.True((await world.Service.CheckIntegrityAsync(Ct)).IsClean);

        Assert.Empty(await new ConsentRepository(world.Db, world.Clock).CurrentAsync(resident.Id, Ct));
        var channels = new ChannelAddressRepository(world.Db);
        Assert.Null(await channels.GetLineUserAsync(resident.Id, Ct));
        Assert.Empty(await channels.ListPushSubscriptionsAsync(resident.Id, Ct));
        Assert.Null(await channels.GetEmailVerifiedAsync(resident.Id, Ct));

        var tombstone = (await new UserAccountRepository(world.Db).GetByIdAsync(resident.Id, Ct))!;
        Assert.True(tombstone.IsDeleted);
        Assert.True(tombstone.IsDisabled);
        Assert.Equal(AccountDeletionRules.TombstoneEmail(resident.Id), tombstone.Email);
        Assert.Equal(AccountDeletionRules.TombstoneName, tombstone.DisplayName);
        Assert.Equal(PasswordCheck.Failed, Hasher.Verify(tombstone.PasswordHash, Password));

        await using var connection = await world.Db.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM NoticePreference WHERE AccountId = @id", new { id = resident.Id }));
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PasswordReset WHERE AccountId = @id", new { id = resident.Id }));
        // Nothing is told to a deleted account: its follows and area alerts are gone.
        Assert.Empty(await new ReportAlertRepository(world.Db).FollowersAsync(resident.Report.Id, Ct));
        Assert.Empty(await new ReportAlertRepository(world.Db).ListAsync(resident.Id, Ct));
        var audit = await connection.QuerySingleAsync<(string ActorName, string? Detail, string? IpAddress)>(
            "SELECT ActorName, Detail, IpAddress FROM AuditEntry WHERE Action = 'account.deleted' AND EntityId = @id", new { id = resident.Id.ToString() });
        Assert.Equal($"account:{resident.Id}", audit.ActorName);
        Assert.Null(audit.IpAddress);
        Assert.DoesNotContain("@", audit.Detail);
        Assert.Contains("points=70", audit.Detail);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_second_request_changes_nothing(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var resident = await SeedAsync(world);
        var service = Service(world);
        Assert.Equal(DeletionOutcome.Deleted, await service.DeleteAsync(resident.Id, Password, "DELETE", Ct));
        var after = await world.SnapshotAsync();

        Assert.Equal(DeletionOutcome.AlreadyDeleted, await service.DeleteAsync(resident.Id, Password, "DELETE", Ct));
        // The store itself refuses a second deletion too, even when asked directly (a request that raced past the service's check).
        Assert.Null(await new AccountDeletionRepository(world.Db, world.Ledger).DeleteAsync(
            new Tombstone(resident.Id, "x@deleted.invalid", "x", "x", "x", world.Clock.GetUtcNow()), world.Options.Expiry,
            _ => throw new InvalidOperationException("no audit for nothing"), Ct));

        Assert.Equal(after, await world.SnapshotAsync());
        Assert.Equal(1, await world.AuditCountAsync(AccountDeletionService.AuditAction));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_wrong_password_an_unconfirmed_request_or_a_staff_account_deletes_nothing(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var resident = await SeedAsync(world);
        var staff = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "職員", Hasher.Hash(Password), Role.Staff, "chuo", LedgerWorld.Start);
        await new UserAccountRepository(world.Db).CreateAsync(staff, Ct);
        var service = Service(world);
        var before = await world.SnapshotAsync();

        Assert.Equal(DeletionOutcome.WrongPassword, await service.DeleteAsync(resident.Id, "wrong-password", "削除", Ct));
        Assert.Equal(DeletionOutcome.ConfirmationMismatch, await service.DeleteAsync(resident.Id, Password, "はい", Ct));
        Assert.Equal(DeletionOutcome.NotAResident, await service.DeleteAsync(staff.Id, Password, "削除", Ct));

        Assert.Equal(before, await world.SnapshotAsync());
        Assert.False((await new UserAccountRepository(world.Db).GetByIdAsync(resident.Id, Ct))!.IsDeleted);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task The_exports_own_reads_show_consents_and_links_before_and_nothing_after_deletion(DatabaseProvider provider)
    {
        using var world = await WorldAsync(provider);
        var resident = await SeedAsync(world);
        var data = new AccountDataRepository(world.Db);

        var links = await data.LinksAsync(resident.Id, Ct);
        Assert.NotNull(links.EmailVerifiedUtc);
        Assert.NotNull(links.LineLinkedUtc);
        Assert.False(links.RegisterLinked);
        Assert.Equal(["Income", "Register"], (await data.ConsentHistoryAsync(resident.Id, Ct)).Select(c => c.Purpose).Order());
        Assert.Empty(await data.LinkedTicketsAsync(resident.Id, Ct));

        await Service(world).DeleteAsync(resident.Id, Password, "削除", Ct);

        Assert.Equal((null, null, false, 0), await data.LinksAsync(resident.Id, Ct) is var after
            ? (after.EmailVerifiedUtc, after.LineLinkedUtc, after.RegisterLinked, after.ExternalProviders.Count) : default);
        Assert.All(await data.ConsentHistoryAsync(resident.Id, Ct), c => Assert.NotNull(c.RevokedUtc));
    }
}
