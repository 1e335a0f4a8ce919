using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Tests.Infrastructure;
using Portal.Web.Accounts;

namespace Portal.Tests.Accounts;

/// <summary>The account rules through the real repositories on SQLite.</summary>
public sealed class AccountServiceTests : IDisposable
{
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 25, 1, 0, 0, TimeSpan.Zero));
    private readonly AccountService _accounts;
    private readonly AuditLogRepository _audit;
    private readonly RecordedNotices _notices = new();
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly UserAccountRepository _repository;
    private readonly StaffScopes _scopes;

    public AccountServiceTests()
    {
        _audit = new AuditLogRepository(_db.Database);
        _repository = new UserAccountRepository(_db.Database);
        _scopes = new StaffScopes(_repository);
        _accounts = new AccountService(_repository, new AspNetPasswordHasher(),
            new AuditTrail(_audit, _time), _time, LockoutPolicy.Default, _notices);
    }

    public void Dispose() => _db.Dispose();

    private async Task<UserAccount> Register(string email = "hanako@example.jp", string password = "umi-no-mieru-machi")
    {
        var result = await _accounts.RegisterResidentAsync(new ResidentRegistration
        {
            Email = email, DisplayName = "千葉 花子", Password = password, ConfirmPassword = password, AcceptTerms = true,
        }, "192.0.2.10", Ct);
        Assert.True(result.Succeeded);
        return result.Value!;
    }

    [Fact]
    public async Task A_registered_resident_signs_in_with_the_password_and_not_without_it()
    {
        var account = await Register();
        Assert.NotEqual("umi-no-mieru-machi", account.PasswordHash);

        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.SignInAsync("Hanako@Example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, (await _accounts.SignInAsync("hanako@example.jp", "wrong-password", null, Ct)).Outcome);
        Assert.Equal(SignInOutcome.InvalidCredentials, (await _accounts.SignInAsync("nobody@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
    }

    [Fact]
    public async Task Registering_an_address_twice_is_refused_with_a_message_for_the_field()
    {
        await Register();
        var again = await _accounts.RegisterResidentAsync(new ResidentRegistration
        {
            Email = "HANAKO@example.jp", DisplayName = "別人", Password = "another-password", ConfirmPassword = "another-password", AcceptTerms = true,
        }, null, Ct);
        var error = Assert.Single(again.Errors);
        Assert.Equal((nameof(ResidentRegistration.Email), AccountErrors.EmailTaken), (error.PropertyName, error.ErrorMessage));
    }

    [Fact]
    public async Task The_fifth_wrong_password_locks_the_account_even_against_the_right_one_until_fifteen_minutes_pass()
    {
        await Register();
        for (var i = 0; i < 4; i++)
            Assert.Equal(SignInOutcome.InvalidCredentials, (await _accounts.SignInAsync("hanako@example.jp", "wrong", null, Ct)).Outcome);
        var fifth = await _accounts.SignInAsync("hanako@example.jp", "wrong", null, Ct);
        Assert.Equal(SignInOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(_time.GetUtcNow().AddMinutes(15), fifth.LockedUntil);

        Assert.Equal(SignInOutcome.LockedOut, (await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
        _time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
        Assert.Equal(1, await _audit.CountAsync(new AuditQuery(Action: AuditActions.LockedOut), Ct));
    }

    [Fact]
    public async Task The_owner_of_a_locked_account_is_told_once_per_lock_with_the_end_of_the_lock_in_Japan_time()
    {
        var account = await Register();
        for (var i = 0; i < 4; i++) await _accounts.SignInAsync("hanako@example.jp", "wrong", null, Ct);
        Assert.Empty(_notices.All);

        await _accounts.SignInAsync("hanako@example.jp", "wrong", null, Ct);
        await _accounts.SignInAsync("hanako@example.jp", "wrong-again", null, Ct);
        await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct);

        var notice = Assert.Single(_notices.All);
        Assert.Equal((NoticeKind.AccountLocked, account.Id, AccountService.ForgotPasswordPath),
            (notice.Kind, Assert.IsType<NoticeRecipient.Account>(notice.Recipient).AccountId, notice.Link));
        Assert.Equal("2026-11-25 10:15", notice.Values[NoticeValues.Until]); // 01:00 UTC + 15 minutes, in Japan time
        Assert.Equal("千葉 花子", notice.Values[NoticeValues.DisplayName]);

        // A second lock later is a second notice.
        _time.Advance(TimeSpan.FromMinutes(15));
        for (var i = 0; i < 5; i++) await _accounts.SignInAsync("hanako@example.jp", "wrong", null, Ct);
        Assert.Equal(2, _notices.All.Select(n => n.DedupKey).Distinct().Count());
    }

    // ----- The city-wide permission (ward scope): only administrators grant or remove it, only staff hold it, every
    // change is in the audit trail with who, when and what, and the scope every service reads follows it at once.

    private async Task<UserAccount> AccountAsync(Role role, string? office = null)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@city.chiba.jp", "千葉 職員", "hash", role, Roles.NeedsOffice(role) ? office ?? "chuo" : null, _time.GetUtcNow());
        Assert.True(await _repository.CreateAsync(account, Ct));
        return account;
    }

    [Fact]
    public async Task An_administrator_grants_and_removes_it_and_each_change_is_audited_with_who_when_and_what()
    {
        var admin = await AccountAsync(Role.Admin);
        var staff = await AccountAsync(Role.Staff, "mihama");
        Assert.Equal(new StaffScope("mihama", false), await _scopes.OfAsync(Actor.For(staff, null), Ct));

        var granted = await _accounts.SetCityWideAsync(Actor.For(admin, "192.0.2.7"), staff.Id, true, Ct);

        Assert.True(granted.Succeeded);
        Assert.True((await _repository.GetByIdAsync(staff.Id, Ct))!.CityWide);
        Assert.Equal(new StaffScope("mihama", true), await _scopes.OfAsync(Actor.For(staff, null), Ct));
        var grant = Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.CityWideGranted), Ct));
        Assert.Equal((admin.Id, "192.0.2.7", AuditEntities.Account, staff.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), _time.GetUtcNow()),
            (grant.ActorId!.Value, grant.IpAddress!, grant.EntityType, grant.EntityId!, grant.OccurredUtc));
        Assert.Contains("office=mihama", grant.Detail);

        _time.Advance(TimeSpan.FromHours(2));
        Assert.True((await _accounts.SetCityWideAsync(Actor.For(admin, "192.0.2.7"), staff.Id, false, Ct)).Succeeded);

        Assert.False((await _repository.GetByIdAsync(staff.Id, Ct))!.CityWide);
        Assert.Equal(new StaffScope("mihama", false), await _scopes.OfAsync(Actor.For(staff, null), Ct));
        var removal = Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.CityWideRemoved), Ct));
        Assert.Equal((admin.Id, _time.GetUtcNow()), (removal.ActorId!.Value, removal.OccurredUtc));
    }

    [Fact]
    public async Task Only_an_administrator_grants_it_whatever_page_asks_and_only_staff_hold_it()
    {
        var admin = await AccountAsync(Role.Admin);
        var staff = await AccountAsync(Role.Staff);
        var colleague = await AccountAsync(Role.Staff);
        var resident = await AccountAsync(Role.Resident);
        var kiosk = await AccountAsync(Role.Kiosk);

        // A staff member cannot give it to a colleague, nor to themselves; a stranger with no account neither.
        Assert.Equal(AccountErrors.AdminOnly, (await _accounts.SetCityWideAsync(Actor.For(staff, null), colleague.Id, true, Ct)).Errors[0].ErrorMessage);
        Assert.Equal(AccountErrors.AdminOnly, (await _accounts.SetCityWideAsync(Actor.For(staff, null), staff.Id, true, Ct)).Errors[0].ErrorMessage);
        Assert.Equal(AccountErrors.AdminOnly, (await _accounts.SetCityWideAsync(Actor.System, staff.Id, true, Ct)).Errors[0].ErrorMessage);
        // Residents, kiosks and administrators do not hold it.
        foreach (var other in new[] { resident, kiosk, admin })
            Assert.Equal(AccountErrors.CityWideStaffOnly, (await _accounts.SetCityWideAsync(Actor.For(admin, null), other.Id, true, Ct)).Errors[0].ErrorMessage);

        Assert.False((await _repository.GetByIdAsync(staff.Id, Ct))!.CityWide);
        Assert.False((await _repository.GetByIdAsync(colleague.Id, Ct))!.CityWide);
        Assert.Empty(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.CityWideGranted), Ct));
    }

    [Fact]
    public async Task A_sign_in_that_read_the_account_before_the_grant_does_not_undo_it()
    {
        var admin = await AccountAsync(Role.Admin);
        var staff = await AccountAsync(Role.Staff);
        var readBefore = (await _repository.GetByIdAsync(staff.Id, Ct))!;

        await _accounts.SetCityWideAsync(Actor.For(admin, null), staff.Id, true, Ct);
        readBefore.RecordSuccessfulSignIn(_time.GetUtcNow());
        await _repository.UpdateAsync(readBefore, Ct);

        Assert.True((await _repository.GetByIdAsync(staff.Id, Ct))!.CityWide);
    }

    [Fact]
    public void The_scope_follows_role_office_permission_and_state()
    {
        var now = DateTimeOffset.UnixEpoch;
        var staff = UserAccount.Create("a@city.jp", "職員", "h", Role.Staff, "inage", now);
        Assert.Equal(new StaffScope("inage", false), StaffScope.Of(staff));
        Assert.True(StaffScope.Of(staff).Covers("inage"));
        Assert.False(StaffScope.Of(staff).Covers("mihama"));
        Assert.Equal("inage", StaffScope.Of(staff).Limit("mihama"));
        Assert.Equal("inage", StaffScope.Of(staff).Limit(null));

        staff.SetCityWide(true);
        Assert.True(StaffScope.Of(staff).Covers("mihama"));
        Assert.Equal("mihama", StaffScope.Of(staff).Limit("mihama"));
        Assert.Null(StaffScope.Of(staff).Limit(null));

        staff.Disable();
        Assert.Equal(StaffScope.None, StaffScope.Of(staff));
        Assert.False(StaffScope.None.Covers("inage"));
        Assert.Equal(StaffScope.City, StaffScope.Of(UserAccount.Create("b@city.jp", "管理者", "h", Role.Admin, null, now)));
        Assert.Equal(StaffScope.None, StaffScope.Of(UserAccount.Create("c@city.jp", "発券機", "h", Role.Kiosk, "inage", now)));
        Assert.Equal(StaffScope.None, StaffScope.Of(UserAccount.Create("d@example.jp", "市民", "h", Role.Resident, null, now)));
        Assert.Throws<InvalidOperationException>(() => UserAccount.Create("e@city.jp", "管理者", "h", Role.Admin, null, now).SetCityWide(true));
    }

    /// <summary>The notices the service hands to the outbox, as it handed them.</summary>
    private sealed class RecordedNotices : INoticeQueue
    {
        public List<Notice> All { get; } = [];

        public Task<bool> EnqueueAsync(Notice notice, CancellationToken ct)
        {
            var added = All.TrueForAll(n => n.DedupKey != notice.DedupKey);
            if (added) All.Add(notice);
            return Task.FromResult(added);
        }
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_and_its_sessions_end()
    {
        var admin = await _accounts.CreateAccountAsync(Actor.System, new NewAccount
        {
            Email = "admin@city.jp", DisplayName = "管理者", Role = Role.Admin, Password = "admin-password-1",
        }, Ct);
        var staff = (await _accounts.CreateAccountAsync(Actor.System, new NewAccount
        {
            Email = "staff@city.jp", DisplayName = "職員", Role = Role.Staff, OfficeId = "inage", Password = "staff-password-1",
        }, Ct)).Value!;
        var adminActor = Actor.For(admin.Value!, "192.0.2.20");

        await _accounts.SetDisabledAsync(adminActor, staff.Id, true, "異動のため停止", Ct);

        Assert.Equal(SignInOutcome.Disabled, (await _accounts.SignInAsync("staff@city.jp", "staff-password-1", null, Ct)).Outcome);
        Assert.False(await _accounts.IsSessionCurrentAsync(staff.Id, staff.SecurityStamp, Ct));
        var record = Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.AccountDisabled), Ct));
        Assert.Equal((admin.Value!.Id, staff.Id.ToString(), "192.0.2.20"), (record.ActorId!.Value, record.EntityId, record.IpAddress));
    }

    [Fact]
    public async Task An_admin_stops_a_resident_only_with_a_reason_which_is_audited_and_told_to_the_resident()
    {
        var admin = (await _accounts.CreateAccountAsync(Actor.System, new NewAccount
        {
            Email = "admin@city.jp", DisplayName = "管理者", Role = Role.Admin, Password = "admin-password-1",
        }, Ct)).Value!;
        var resident = await Register();
        var actor = Actor.For(admin, null);

        foreach (var missing in new[] { null, "", "   ", "短い" })
        {
            var refused = await _accounts.SetDisabledAsync(actor, resident.Id, true, missing, Ct);
            Assert.Equal(AccountErrors.ReasonRequired, Assert.Single(refused.Errors).ErrorMessage);
        }
        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
        Assert.Empty(_notices.All);

        Assert.True((await _accounts.SetDisabledAsync(actor, resident.Id, true, "  不正な投稿が続いたため  ", Ct)).Succeeded);
        Assert.Equal(SignInOutcome.Disabled, (await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
        _time.Advance(TimeSpan.FromDays(3));
        Assert.True((await _accounts.SetDisabledAsync(actor, resident.Id, false, "ご本人と話して解決したため", Ct)).Succeeded);
        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);

        Assert.Collection(_notices.All,
            n => Assert.Equal((NoticeKind.AccountDisabled, "不正な投稿が続いたため", (string?)null), (n.Kind, n.Values[NoticeValues.Reason], n.Link)),
            n => Assert.Equal((NoticeKind.AccountEnabled, "ご本人と話して解決したため", AccountService.SignInPath), (n.Kind, n.Values[NoticeValues.Reason], n.Link)));
        Assert.All(_notices.All, n => Assert.Equal(resident.Id, Assert.IsType<NoticeRecipient.Account>(n.Recipient).AccountId));
        var stopped = Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.AccountDisabled), Ct));
        Assert.Equal((admin.Id, "reason=不正な投稿が続いたため"), (stopped.ActorId!.Value, stopped.Detail));
        Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.AccountEnabled), Ct));
    }

    [Fact]
    public async Task An_admin_ends_every_session_of_an_account_which_stays_open_and_the_step_is_audited()
    {
        var resident = await Register();
        var result = await _accounts.EndSessionsAsync(Actor.System, resident.Id, Ct);

        Assert.True(result.Succeeded);
        Assert.False(await _accounts.IsSessionCurrentAsync(resident.Id, resident.SecurityStamp, Ct));
        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.SignInAsync("hanako@example.jp", "umi-no-mieru-machi", null, Ct)).Outcome);
        Assert.Single(await _audit.SearchAsync(new AuditQuery(Action: AuditActions.SessionsEnded), Ct));
    }

    [Fact]
    public async Task An_admin_cannot_disable_their_own_account()
    {
        var admin = (await _accounts.CreateAccountAsync(Actor.System, new NewAccount
        {
            Email = "admin@city.jp", DisplayName = "管理者", Role = Role.Admin, Password = "admin-password-1",
        }, Ct)).Value!;
        var result = await _accounts.SetDisabledAsync(Actor.For(admin, null), admin.Id, true, "自分を止める試験", Ct);
        Assert.Equal(AccountErrors.CannotDisableSelf, Assert.Single(result.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_ends_other_sessions()
    {
        var account = await Register();
        var actor = Actor.For(account, null);
        var wrong = await _accounts.ChangePasswordAsync(actor, account.Id,
            new PasswordChange { CurrentPassword = "not-it", NewPassword = "a-brand-new-phrase", ConfirmPassword = "a-brand-new-phrase" }, Ct);
        Assert.Equal(AccountErrors.WrongCurrentPassword, Assert.Single(wrong.Errors).ErrorMessage);

        var changed = await _accounts.ChangePasswordAsync(actor, account.Id,
            new PasswordChange { CurrentPassword = "umi-no-mieru-machi", NewPassword = "a-brand-new-phrase", ConfirmPassword = "a-brand-new-phrase" }, Ct);

        Assert.True(changed.Succeeded);
        Assert.False(await _accounts.IsSessionCurrentAsync(account.Id, account.SecurityStamp, Ct));
        Assert.True(await _accounts.IsSessionCurrentAsync(account.Id, changed.Value!.SecurityStamp, Ct));
        Assert.Equal(SignInOutcome.Succeeded, (await _accounts.SignInAsync("hanako@example.jp", "a-brand-new-phrase", null, Ct)).Outcome);
    }

    [Fact]
    public async Task An_external_sign_in_creates_one_linked_resident_and_finds_it_again()
    {
        var login = new ExternalLogin("line", "U4af4980629");
        var first = await _accounts.ExternalSignInAsync(login, "taro@example.jp", "千葉 太郎", null, Ct);
        var second = await _accounts.ExternalSignInAsync(login, null, null, null, Ct);

        Assert.NotNull(first);
        Assert.Equal(Role.Resident, first.Role);
        Assert.Equal(first.Id, second?.Id);
        Assert.Null(await _accounts.ExternalSignInAsync(new ExternalLogin("line", "someone-else"), null, null, null, Ct));
    }

    [Fact]
    public async Task An_external_sign_in_never_takes_over_an_existing_password_account()
    {
        await Register("taken@example.jp");
        Assert.Null(await _accounts.ExternalSignInAsync(new ExternalLogin("oidc", "sub-1"), "taken@example.jp", "x", null, Ct));
    }
}
