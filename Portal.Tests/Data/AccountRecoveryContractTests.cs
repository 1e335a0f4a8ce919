using Dapper;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Data;

/// <summary>Password resets, the two-factor columns, recovery codes and the policy row, on every provider available.</summary>
public sealed class AccountRecoveryContractTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<UserAccount> CreateAsync(PortalDatabase db, Role role = Role.Resident, string? office = null)
    {
        var account = UserAccount.Create($"{role}-{Guid.NewGuid():N}@example.jp".ToLowerInvariant(), "名前", "hash", role, office, Now);
        Assert.True(await new UserAccountRepository(db).CreateAsync(account, Ct));
        return account;
    }

    private static PasswordResetTicket Ticket(UserAccount account, string hash, ResetKind kind = ResetKind.EmailLink, long? by = null) =>
        new(0, account.Id, kind, hash, account.SecurityStamp, Now, Now.AddHours(1), null, by);

    private static PasswordResetRepository Resets(PortalDatabase db) =>
        new(db, new NoticeOutbox(db, ActiveChannels.Of(NoticeChannel.Email)));

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_new_reset_replaces_the_accounts_earlier_one_and_its_e_mail_joins_the_outbox(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var store = Resets(test.Database);
        var account = await CreateAsync(test.Database);
        var staff = await CreateAsync(test.Database, Role.Staff, "chuo");

        await store.IssueAsync(Ticket(account, "code-hash", ResetKind.StaffCode, staff.Id), null, Ct);
        var notice = new Notice(NoticeKind.PasswordReset, new NoticeRecipient.Address(NoticeChannel.Email, account.Email, "ja"), "reset:" + Guid.NewGuid(),
            new Dictionary<string, string> { ["name"] = "名前", ["minutes"] = "60" }, "sealed:xyz");
        var id = await store.IssueAsync(Ticket(account, "link-hash"), notice, Ct);

        var current = await store.FindByAccountAsync(account.Id, Ct);
        Assert.Equal((id, ResetKind.EmailLink, "link-hash", account.SecurityStamp), (current!.Id, current.Kind, current.SecretHash, current.AccountStamp));
        Assert.Equal(Now.AddHours(1), current.ExpiresUtc);
        Assert.Null(await store.FindBySecretHashAsync("code-hash", Ct));
        Assert.Equal(id, (await store.FindBySecretHashAsync("link-hash", Ct))!.Id);
        await using var connection = await test.Database.OpenAsync(Ct);
        Assert.Equal("Email", await connection.ExecuteScalarAsync<string>(
            "SELECT d.Channel FROM NoticeDelivery d JOIN Notice n ON n.Id = d.NoticeId WHERE n.DedupKey = @DedupKey", new { notice.DedupKey }));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reset_completes_once_and_saves_the_new_password_with_a_new_stamp(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var store = Resets(test.Database);
        var repository = new UserAccountRepository(test.Database);
        var account = await CreateAsync(test.Database);
        var ticketId = await store.IssueAsync(Ticket(account, "hash-1"), null, Ct);
        var issuedStamp = account.SecurityStamp;

        account.ResetPassword("new-hash");
        Assert.True(await store.CompleteAsync(ticketId, account, issuedStamp, Now.AddMinutes(5), Ct));
        Assert.False(await store.CompleteAsync(ticketId, account, issuedStamp, Now.AddMinutes(6), Ct));

        var read = await repository.GetByIdAsync(account.Id, Ct);
        Assert.Equal(("new-hash", account.SecurityStamp), (read!.PasswordHash, read.SecurityStamp));
        Assert.Equal(Now.AddMinutes(5), (await store.FindByAccountAsync(account.Id, Ct))!.UsedUtc);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_reset_changes_nothing_after_its_expiry_or_after_another_password_change(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var store = Resets(test.Database);
        var repository = new UserAccountRepository(test.Database);
        var account = await CreateAsync(test.Database);
        var ticketId = await store.IssueAsync(Ticket(account, "hash-2"), null, Ct);
        var issuedStamp = account.SecurityStamp;

        var late = (await repository.GetByIdAsync(account.Id, Ct))!;
        late.ResetPassword("late-hash");
        Assert.False(await store.CompleteAsync(ticketId, late, issuedStamp, Now.AddHours(1), Ct));

        var changed = (await repository.GetByIdAsync(account.Id, Ct))!;
        changed.ChangePasswordHash("changed-hash");
        await repository.UpdateAsync(changed, Ct);
        var reset = (await repository.GetByIdAsync(account.Id, Ct))!;
        reset.ResetPassword("reset-hash");
        Assert.False(await store.CompleteAsync(ticketId, reset, issuedStamp, Now.AddMinutes(1), Ct));

        Assert.Equal("changed-hash", (await repository.GetByIdAsync(account.Id, Ct))!.PasswordHash);
        Assert.Null((await store.FindByAccountAsync(account.Id, Ct))!.UsedUtc);
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Two_factor_state_reads_back_and_an_ordinary_update_never_undoes_it(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var repository = new UserAccountRepository(test.Database);
        var store = new TwoFactorRepository(test.Database);
        var staff = await CreateAsync(test.Database, Role.Staff, "chuo");
        var readBefore = (await repository.GetByIdAsync(staff.Id, Ct))!;

        staff.EnableTwoFactor("protected-key", Now);
        await store.EnableAsync(staff, 100, ["h1", "h2"], Now, Ct);
        // A sign-in that read the row before two-factor was switched on saves its counters afterwards.
        readBefore.RecordSuccessfulSignIn(Now.AddMinutes(1));
        await repository.UpdateAsync(readBefore, Ct);

        var read = (await repository.GetByIdAsync(staff.Id, Ct))!;
        Assert.True(read.HasTwoFactor);
        Assert.Equal(("protected-key", Now), (read.TwoFactorSecret, read.TwoFactorEnabledUtc!.Value));
        Assert.Equal(2, await store.CountRecoveryCodesLeftAsync(staff.Id, Ct));

        read.DisableTwoFactor();
        await store.DisableAsync(read, Ct);
        var off = (await repository.GetByIdAsync(staff.Id, Ct))!;
        Assert.False(off.HasTwoFactor);
        Assert.Equal(read.SecurityStamp, off.SecurityStamp);
        Assert.Equal(0, await store.CountRecoveryCodesLeftAsync(staff.Id, Ct));
        Assert.False(await store.TryUseStepAsync(staff.Id, 500, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_step_is_used_once_and_only_later_steps_follow(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var store = new TwoFactorRepository(test.Database);
        var staff = await CreateAsync(test.Database, Role.Admin);
        staff.EnableTwoFactor("protected-key", Now);
        await store.EnableAsync(staff, 100, [], Now, Ct);

        Assert.False(await store.TryUseStepAsync(staff.Id, 100, Ct));
        Assert.False(await store.TryUseStepAsync(staff.Id, 99, Ct));
        var together = await Task.WhenAll(store.TryUseStepAsync(staff.Id, 101, Ct), store.TryUseStepAsync(staff.Id, 101, Ct));
        Assert.Equal(1, together.Count(passed => passed));
        Assert.True(await store.TryUseStepAsync(staff.Id, 103, Ct));
        Assert.False(await store.TryUseStepAsync(staff.Id, 102, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task A_recovery_code_works_once_for_its_own_account(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var store = new TwoFactorRepository(test.Database);
        var staff = await CreateAsync(test.Database, Role.Staff, "mihama");
        var other = await CreateAsync(test.Database, Role.Staff, "mihama");
        await store.ReplaceRecoveryCodesAsync(staff.Id, ["a", "b", "c"], Now, Ct);

        Assert.False(await store.UseRecoveryCodeAsync(other.Id, "a", Now, Ct));
        Assert.True(await store.UseRecoveryCodeAsync(staff.Id, "a", Now, Ct));
        Assert.False(await store.UseRecoveryCodeAsync(staff.Id, "a", Now, Ct));
        Assert.Equal(2, await store.CountRecoveryCodesLeftAsync(staff.Id, Ct));

        await store.ReplaceRecoveryCodesAsync(staff.Id, ["d"], Now, Ct);
        Assert.False(await store.UseRecoveryCodeAsync(staff.Id, "b", Now, Ct));
        Assert.Equal(1, await store.CountRecoveryCodesLeftAsync(staff.Id, Ct));
    }

    [Theory]
    [MemberData(nameof(Providers.All), MemberType = typeof(Providers))]
    public async Task Requiring_two_factor_ends_the_sessions_of_staff_and_admins_without_it_only(DatabaseProvider provider)
    {
        Providers.SkipUnlessAvailable(provider);
        using var test = TestDatabase.Create(provider);
        var store = new TwoFactorRepository(test.Database);
        var repository = new UserAccountRepository(test.Database);
        var admin = await CreateAsync(test.Database, Role.Admin);
        admin.EnableTwoFactor("k", Now);
        await store.EnableAsync(admin, 1, [], Now, Ct);
        var staffWithout = await CreateAsync(test.Database, Role.Staff, "chuo");
        var resident = await CreateAsync(test.Database);
        Assert.False(await store.IsRequiredAsync(Ct));

        var ended = await store.SetRequiredAsync(true, admin.Id, Now, Ct);

        Assert.True(await store.IsRequiredAsync(Ct));
        Assert.True(ended >= 1);
        Assert.NotEqual(staffWithout.SecurityStamp, (await repository.GetByIdAsync(staffWithout.Id, Ct))!.SecurityStamp);
        Assert.Equal(admin.SecurityStamp, (await repository.GetByIdAsync(admin.Id, Ct))!.SecurityStamp);
        Assert.Equal(resident.SecurityStamp, (await repository.GetByIdAsync(resident.Id, Ct))!.SecurityStamp);
        Assert.Equal(0, await store.SetRequiredAsync(false, admin.Id, Now, Ct));
        Assert.False(await store.IsRequiredAsync(Ct));
    }
}
