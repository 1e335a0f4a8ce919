using Dapper;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web.Accounts;

namespace Portal.Tests.Accounts;

/// <summary>Recovery through the real repositories on SQLite, with a clock the test moves.</summary>
public sealed class PasswordResetServiceTests : IDisposable
{
    private const string OldPassword = "umi-no-mieru-machi";
    private const string NewPassword = "hanami-gawa-no-sakura";
    private readonly TestDatabase _db = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 7, 1, 0, 0, TimeSpan.Zero));
    private readonly UserAccountRepository _accounts;
    private readonly AuditLogRepository _audit;
    private readonly DataProtectionSecretProtector _protector = new(new EphemeralDataProtectionProvider());
    private readonly AspNetPasswordHasher _hasher = new();
    private readonly PasswordResetService _resets;
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public PasswordResetServiceTests()
    {
        _accounts = new UserAccountRepository(_db.Database);
        _audit = new AuditLogRepository(_db.Database);
        _resets = new PasswordResetService(_accounts, new PasswordResetRepository(_db.Database, new NoticeOutbox(_db.Database, ActiveChannels.Of(NoticeChannel.Email), _time)),
            _hasher, _protector, new MemoryAttemptWindow(_time), new AuditTrail(_audit, _time),
            new PasswordResetOptions { EmailEnabled = true, RequestsPerAddressPerHour = 3, CodeAttemptsPerQuarterHour = 3 }, _time);
    }

    public void Dispose() => _db.Dispose();

    private async Task<UserAccount> AccountAsync(Role role = Role.Resident, bool verified = true, string? culture = null)
    {
        var account = UserAccount.Create($"{Guid.NewGuid():N}@example.jp", "千葉 花子", _hasher.Hash(OldPassword), role, Roles.NeedsOffice(role) ? "chuo" : null, _time.GetUtcNow());
        Assert.True(await _accounts.CreateAsync(account, Ct));
        await using var connection = await _db.Database.OpenAsync(Ct);
        await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @at, PreferredCulture = @culture WHERE Id = @Id",
            new { at = verified ? _time.GetUtcNow() : (DateTimeOffset?)null, culture, account.Id });
        return (await _accounts.GetByIdAsync(account.Id, Ct))!;
    }

    /// <summary>The link the outbox would send, opened as the delivery worker opens it.</summary>
    private async Task<string> LinkTokenAsync(UserAccount account)
    {
        await using var connection = await _db.Database.OpenAsync(Ct);
        var link = await connection.QuerySingleAsync<string>(
            "SELECT Link FROM Notice WHERE DedupKey LIKE @key ORDER BY Id DESC LIMIT 1", new { key = $"password-reset:{account.Id}:%" });
        Assert.True(SealedLink.IsSealed(link), "The reset link waits in the outbox sealed.");
        var path = SealedLink.Open(_protector, link)!;
        Assert.StartsWith(PasswordResetService.LinkPath + "?token=", path);
        return path[(PasswordResetService.LinkPath.Length + "?token=".Length)..];
    }

    private static NewPassword Choose(string password) => new() { Password = password, ConfirmPassword = password };

    [Fact]
    public async Task A_link_sets_a_new_password_once_and_the_old_one_stops_working()
    {
        var account = await AccountAsync();
        Assert.True(await _resets.IssueLinkAsync(account.Email, "ja", "192.0.2.1", Ct));
        var token = await LinkTokenAsync(account);

        Assert.Equal(ResetState.Valid, await _resets.CheckLinkAsync(token, Ct));
        var result = await _resets.ResetWithLinkAsync(token, Choose(NewPassword), "192.0.2.1", Ct);

        Assert.True(result.Succeeded);
        var after = (await _accounts.GetByIdAsync(account.Id, Ct))!;
        Assert.Equal(PasswordCheck.Failed, _hasher.Verify(after.PasswordHash, OldPassword));
        Assert.NotEqual(PasswordCheck.Failed, _hasher.Verify(after.PasswordHash, NewPassword));
        Assert.NotEqual(account.SecurityStamp, after.SecurityStamp);
        Assert.Equal(ResetState.Used, await _resets.CheckLinkAsync(token, Ct));
        Assert.Equal(ResetState.Used, (await _resets.ResetWithLinkAsync(token, Choose("yet-another-passphrase"), null, Ct)).State);
    }

    [Fact]
    public async Task The_stored_reset_holds_no_token_and_the_outbox_no_readable_link()
    {
        var account = await AccountAsync();
        await _resets.IssueLinkAsync(account.Email, "ja", null, Ct);
        var token = await LinkTokenAsync(account);

        await using var connection = await _db.Database.OpenAsync(Ct);
        var stored = string.Join("|", await connection.QueryAsync<string>("SELECT SecretHash FROM PasswordReset UNION ALL SELECT Link FROM Notice UNION ALL SELECT ValuesJson FROM Notice"));
        Assert.DoesNotContain(token, stored);
    }

    [Fact]
    public async Task A_link_expires_after_the_configured_minutes()
    {
        var account = await AccountAsync();
        await _resets.IssueLinkAsync(account.Email, "ja", null, Ct);
        var token = await LinkTokenAsync(account);

        _time.Advance(TimeSpan.FromMinutes(60));

        Assert.Equal(ResetState.Expired, await _resets.CheckLinkAsync(token, Ct));
        Assert.Equal(ResetState.Expired, (await _resets.ResetWithLinkAsync(token, Choose(NewPassword), null, Ct)).State);
        Assert.NotEqual(PasswordCheck.Failed, _hasher.Verify((await _accounts.GetByIdAsync(account.Id, Ct))!.PasswordHash, OldPassword));
    }

    [Fact]
    public async Task A_newer_link_or_a_changed_password_voids_the_earlier_link()
    {
        var account = await AccountAsync();
        await _resets.IssueLinkAsync(account.Email, "ja", null, Ct);
        var first = await LinkTokenAsync(account);
        _time.Advance(TimeSpan.FromMinutes(1));
        await _resets.IssueLinkAsync(account.Email, "ja", null, Ct);
        var second = await LinkTokenAsync(account);

        Assert.Equal(ResetState.Invalid, await _resets.CheckLinkAsync(first, Ct));
        Assert.Equal(ResetState.Valid, await _resets.CheckLinkAsync(second, Ct));

        var changing = (await _accounts.GetByIdAsync(account.Id, Ct))!;
        changing.ChangePasswordHash(_hasher.Hash("changed-it-myself"));
        await _accounts.UpdateAsync(changing, Ct);
        Assert.Equal(ResetState.Invalid, await _resets.CheckLinkAsync(second, Ct));
    }

    [Fact]
    public async Task No_link_goes_to_unknown_unverified_or_device_addresses_nor_without_e_mail()
    {
        var unverified = await AccountAsync(verified: false);
        var kiosk = await AccountAsync(Role.Kiosk);
        Assert.False(await _resets.IssueLinkAsync("nobody-" + Guid.NewGuid() + "@example.jp", "ja", null, Ct));
        Assert.False(await _resets.IssueLinkAsync(unverified.Email, "ja", null, Ct));
        Assert.False(await _resets.IssueLinkAsync(kiosk.Email, "ja", null, Ct));

        var noMail = new PasswordResetService(_accounts, new PasswordResetRepository(_db.Database, new NoticeOutbox(_db.Database, ActiveChannels.InAppOnly)),
            _hasher, _protector, new MemoryAttemptWindow(_time), new AuditTrail(_audit, _time), new PasswordResetOptions { EmailEnabled = false }, _time);
        Assert.False(await noMail.IssueLinkAsync((await AccountAsync()).Email, "ja", null, Ct));

        await using var connection = await _db.Database.OpenAsync(Ct);
        Assert.Equal(0, await connection.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PasswordReset"));
    }

    [Fact]
    public async Task The_e_mail_is_in_the_accounts_language_else_in_the_pages()
    {
        var english = await AccountAsync(culture: "en");
        var unset = await AccountAsync();
        await _resets.IssueLinkAsync(english.Email, "ja", null, Ct);
        await _resets.IssueLinkAsync(unset.Email, "en", null, Ct);

        await using var connection = await _db.Database.OpenAsync(Ct);
        var cultures = (await connection.QueryAsync<(string Key, string Culture)>("SELECT DedupKey, Culture FROM Notice")).ToList();
        Assert.Equal("en", cultures.Single(c => c.Key.StartsWith($"password-reset:{english.Id}:", StringComparison.Ordinal)).Culture);
        Assert.Equal("en", cultures.Single(c => c.Key.StartsWith($"password-reset:{unset.Id}:", StringComparison.Ordinal)).Culture);
        // E-mail only, but the account's: its deletion clears the address from the log.
        var channels = await connection.QueryAsync<(long? AccountId, string Channel)>(
            "SELECT n.AccountId, d.Channel FROM Notice n JOIN NoticeDelivery d ON d.NoticeId = n.Id WHERE n.DedupKey LIKE @key", new { key = $"password-reset:{english.Id}:%" });
        Assert.Equal((english.Id, "Email"), Assert.Single(channels));
    }

    [Fact]
    public async Task Requests_for_one_address_are_limited_whether_or_not_it_has_an_account()
    {
        var account = await AccountAsync();
        var unknown = "nobody-" + Guid.NewGuid() + "@example.jp";
        foreach (var address in new[] { account.Email, unknown })
        {
            for (var i = 0; i < 3; i++) Assert.Equal(ResetRequestOutcome.Accepted, await _resets.AdmitRequestAsync(address, Ct));
            Assert.Equal(ResetRequestOutcome.TooManyForAddress, await _resets.AdmitRequestAsync(address.ToUpperInvariant(), Ct));
        }
        Assert.Equal(ResetRequestOutcome.InvalidEmail, await _resets.AdmitRequestAsync("not an address", Ct));
        _time.Advance(TimeSpan.FromHours(1).Add(TimeSpan.FromSeconds(1)));
        Assert.Equal(ResetRequestOutcome.Accepted, await _resets.AdmitRequestAsync(account.Email, Ct));
    }

    private static Actor Staff(long id = 42, string role = Roles.Staff) => new(id, "staff@city.example", role, "10.0.0.5");

    /// <summary>A member of staff who exists: an issued code names who issued it.</summary>
    private async Task<Actor> StaffAsync() => Staff((await AccountAsync(Role.Staff)).Id);

    [Fact]
    public async Task Staff_issue_a_code_after_checking_identity_and_the_audit_trail_keeps_why_and_how()
    {
        var resident = await AccountAsync(verified: false);
        var staff = await AccountAsync(Role.Staff);

        var issued = await _resets.IssueStaffCodeAsync(Staff(staff.Id), resident.Id, "  窓口で本人から依頼  ", IdentityCheck.MyNumberCard, Ct);

        Assert.True(issued.Succeeded);
        Assert.Equal(10, issued.Code!.Length);
        Assert.Equal(_time.GetUtcNow().AddHours(72), issued.ExpiresUtc);
        var entry = (await _audit.SearchAsync(new AuditQuery(Action: RecoveryAuditActions.CodeIssued), Ct)).Single();
        Assert.Equal((staff.Id, resident.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), (entry.ActorId, entry.EntityId));
        Assert.Contains("reason=窓口で本人から依頼", entry.Detail);
        Assert.Contains("identity=MyNumberCard", entry.Detail);
        Assert.DoesNotContain(issued.Code, entry.Detail);
    }

    [Fact]
    public async Task Codes_are_refused_without_reason_identity_check_or_for_staff_and_admin_accounts()
    {
        var resident = await AccountAsync();
        var otherStaff = await AccountAsync(Role.Staff);
        var admin = await AccountAsync(Role.Admin);

        Assert.Equal(StaffCodeRefusal.ReasonRequired, (await _resets.IssueStaffCodeAsync(Staff(), resident.Id, "ok", IdentityCheck.Passport, Ct)).Refusal);
        Assert.Equal(StaffCodeRefusal.IdentityCheckRequired, (await _resets.IssueStaffCodeAsync(Staff(), resident.Id, "窓口で本人から依頼", IdentityCheck.None, Ct)).Refusal);
        Assert.Equal(StaffCodeRefusal.NotAResident, (await _resets.IssueStaffCodeAsync(Staff(), otherStaff.Id, "窓口で本人から依頼", IdentityCheck.Passport, Ct)).Refusal);
        Assert.Equal(StaffCodeRefusal.NotAResident, (await _resets.IssueStaffCodeAsync(Staff(role: Roles.Admin), admin.Id, "窓口で本人から依頼", IdentityCheck.Passport, Ct)).Refusal);
        Assert.Equal(StaffCodeRefusal.NotAllowed, (await _resets.IssueStaffCodeAsync(new Actor(resident.Id, resident.Email, Roles.Resident, null), resident.Id, "自分で発行したい", IdentityCheck.Passport, Ct)).Refusal);
        Assert.Equal(StaffCodeRefusal.NotAllowed, (await _resets.IssueStaffCodeAsync(Staff(role: Roles.Kiosk), resident.Id, "窓口で本人から依頼", IdentityCheck.Passport, Ct)).Refusal);
        Assert.Empty(await _audit.SearchAsync(new AuditQuery(Action: RecoveryAuditActions.CodeIssued), Ct));
    }

    [Fact]
    public async Task A_code_typed_loosely_sets_the_password_once_before_it_expires()
    {
        var resident = await AccountAsync(verified: false);
        var code = (await _resets.IssueStaffCodeAsync(await StaffAsync(), resident.Id, "窓口で本人から依頼", IdentityCheck.DriversLicence, Ct)).Code!;
        var typed = PasswordResetRules.FormatStaffCode(code).ToLowerInvariant();

        Assert.True((await _resets.ResetWithCodeAsync(resident.Email.ToUpperInvariant(), typed, Choose(NewPassword), null, Ct)).Succeeded);
        Assert.Equal(ResetState.Used, (await _resets.ResetWithCodeAsync(resident.Email, code, Choose("yet-another-passphrase"), null, Ct)).State);

        var late = await AccountAsync(verified: false);
        var lateCode = (await _resets.IssueStaffCodeAsync(await StaffAsync(), late.Id, "窓口で本人から依頼", IdentityCheck.DriversLicence, Ct)).Code!;
        _time.Advance(TimeSpan.FromHours(72));
        Assert.Equal(ResetState.Expired, (await _resets.ResetWithCodeAsync(late.Email, lateCode, Choose(NewPassword), null, Ct)).State);
    }

    [Fact]
    public async Task A_wrong_code_and_an_unknown_address_get_the_same_answer_and_tries_are_limited()
    {
        var resident = await AccountAsync(verified: false);
        var code = (await _resets.IssueStaffCodeAsync(await StaffAsync(), resident.Id, "窓口で本人から依頼", IdentityCheck.Passport, Ct)).Code!;

        var wrong = await _resets.ResetWithCodeAsync(resident.Email, "AAAAA-AAAAA", Choose(NewPassword), null, Ct);
        var unknown = await _resets.ResetWithCodeAsync("nobody@example.jp", code, Choose(NewPassword), null, Ct);
        Assert.Equal((ResetState.Invalid, false), (wrong.State, wrong.TooMany));
        Assert.Equal((ResetState.Invalid, false), (unknown.State, unknown.TooMany));

        // Three tries in 15 minutes (the test's setting): the right code as a fourth waits too.
        Assert.False((await _resets.ResetWithCodeAsync(resident.Email, "BBBBB-BBBBB", Choose(NewPassword), null, Ct)).Succeeded);
        Assert.False((await _resets.ResetWithCodeAsync(resident.Email, "CCCCC-CCCCC", Choose(NewPassword), null, Ct)).Succeeded);
        Assert.True((await _resets.ResetWithCodeAsync(resident.Email, code, Choose(NewPassword), null, Ct)).TooMany);
        _time.Advance(TimeSpan.FromMinutes(15).Add(TimeSpan.FromSeconds(1)));
        Assert.True((await _resets.ResetWithCodeAsync(resident.Email, code, Choose(NewPassword), null, Ct)).Succeeded);
    }

    [Fact]
    public async Task A_weak_new_password_keeps_the_code_for_another_try()
    {
        var resident = await AccountAsync(verified: false);
        var code = (await _resets.IssueStaffCodeAsync(await StaffAsync(), resident.Id, "窓口で本人から依頼", IdentityCheck.Passport, Ct)).Code!;

        var weak = await _resets.ResetWithCodeAsync(resident.Email, code, Choose("short"), null, Ct);
        Assert.Contains(weak.Errors, e => e.ErrorMessage == ValidationKeys.PasswordTooShort);
        Assert.True((await _resets.ResetWithCodeAsync(resident.Email, code, Choose(NewPassword), null, Ct)).Succeeded);
    }
}
