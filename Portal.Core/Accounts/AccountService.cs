using System.Globalization;
using FluentValidation;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Rules;
using Portal.Core.Time;

namespace Portal.Core.Accounts;

public enum SignInOutcome
{
    Succeeded,
    InvalidCredentials,
    LockedOut,
    Disabled,
}

public sealed record SignInResult(SignInOutcome Outcome, UserAccount? Account = null, DateTimeOffset? LockedUntil = null)
{
    public bool Succeeded => Outcome == SignInOutcome.Succeeded;
}

/// <summary>A command's result: the account on success, otherwise resource keys of what was wrong, by field.</summary>
public static class AccountErrors
{
    public const string EmailTaken = "Account_EmailTaken";
    public const string WrongCurrentPassword = "Account_WrongCurrentPassword";
    public const string NotFound = "Account_NotFound";
    public const string CannotDisableSelf = "Account_CannotDisableSelf";
    public const string Deleted = "Account_Deleted";
    public const string ReasonRequired = "Account_ReasonRequired";
    public const string CityWideStaffOnly = "Account_CityWideStaffOnly";
    public const string AdminOnly = "Account_AdminOnly";
}

/// <summary>Sign-in, registration and the account changes residents and administrators make.</summary>
public sealed class AccountService(
    IUserAccountRepository accounts,
    IPasswordHasher hasher,
    AuditTrail audit,
    TimeProvider time,
    LockoutPolicy lockout,
    INoticeQueue notices)
{
    // Hash checked when the e-mail is unknown, so a wrong address costs as much time as a wrong password.
    private readonly Lazy<string> _decoyHash = new(() => hasher.Hash(Guid.NewGuid().ToString()));

    public async Task<SignInResult> SignInAsync(string email, string password, string? ipAddress, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var account = await accounts.GetByEmailAsync(UserAccount.NormalizeEmail(email), ct);
        if (account is null)
        {
            hasher.Verify(_decoyHash.Value, password);
            await audit.RecordAsync(Actor.Anonymous(ipAddress), AuditActions.SignInFailed, AuditEntities.Account, null, "unknown e-mail", ct);
            return new SignInResult(SignInOutcome.InvalidCredentials);
        }
        var check = hasher.Verify(account.PasswordHash, password);
        // Checked after the hash, so that a locked account answers in the time a wrong password takes.
        if (account.IsLockedOut(now))
            return new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockoutEndUtc);

        if (check == PasswordCheck.Failed)
        {
            account.RecordFailedSignIn(now, lockout);
            await accounts.UpdateAsync(account, ct);
            var locked = account.IsLockedOut(now);
            await audit.RecordAsync(Actor.Anonymous(ipAddress), locked ? AuditActions.LockedOut : AuditActions.SignInFailed,
                AuditEntities.Account, account.Id.ToString(), $"failed attempts: {account.FailedSignInCount}", ct);
            if (locked) await notices.EnqueueAsync(LockedNotice(account), ct);
            return locked
                ? new SignInResult(SignInOutcome.LockedOut, LockedUntil: account.LockoutEndUtc)
                : new SignInResult(SignInOutcome.InvalidCredentials);
        }
        if (account.IsDisabled)
            return new SignInResult(SignInOutcome.Disabled);

        if (check == PasswordCheck.SucceededRehashNeeded)
            account.UpgradePasswordHash(hasher.Hash(password));
        account.RecordSuccessfulSignIn(now);
        await accounts.UpdateAsync(account, ct);
        await audit.RecordAsync(Actor.For(account, ipAddress), AuditActions.SignIn, AuditEntities.Account, account.Id.ToString(), null, ct);
        return new SignInResult(SignInOutcome.Succeeded, account);
    }

    /// <summary>
    /// Tells the owner that sign-in is locked and until when, with the way to a new password: the sign-in page says
    /// no more to whoever typed than it says for a wrong password. One notice per lock.
    /// </summary>
    private static Notice LockedNotice(UserAccount account)
    {
        var until = account.LockoutEndUtc!.Value;
        return new Notice(NoticeKind.AccountLocked, new NoticeRecipient.Account(account.Id),
            string.Create(CultureInfo.InvariantCulture, $"account-locked:{account.Id}:{until.UtcTicks}"),
            new Dictionary<string, string>
            {
                [NoticeValues.DisplayName] = account.DisplayName,
                [NoticeValues.Until] = JapanTime.ToJapan(until).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
            },
            ForgotPasswordPath);
    }

    /// <summary>Where a resident asks for a new password (the lock notice links there).</summary>
    public const string ForgotPasswordPath = "/account/forgot";

    public async Task<CommandResult<UserAccount>> RegisterResidentAsync(ResidentRegistration registration, string? ipAddress, CancellationToken ct)
    {
        var validation = await new ResidentRegistrationValidator().ValidateAsync(registration, ct);
        if (!validation.IsValid) return CommandResult<UserAccount>.Fail(validation);

        var account = UserAccount.Create(registration.Email, registration.DisplayName, hasher.Hash(registration.Password),
            Role.Resident, null, time.GetUtcNow());
        if (!await accounts.CreateAsync(account, ct))
            return CommandResult<UserAccount>.Fail(nameof(ResidentRegistration.Email), AccountErrors.EmailTaken);
        await audit.RecordAsync(Actor.For(account, ipAddress), AuditActions.AccountRegistered, AuditEntities.Account, account.Id.ToString(), null, ct);
        return CommandResult<UserAccount>.Ok(account);
    }

    public async Task<CommandResult<UserAccount>> CreateAccountAsync(Actor admin, NewAccount request, CancellationToken ct)
    {
        var validation = await new NewAccountValidator().ValidateAsync(request, ct);
        if (!validation.IsValid) return CommandResult<UserAccount>.Fail(validation);

        var account = UserAccount.Create(request.Email, request.DisplayName, hasher.Hash(request.Password),
            request.Role, Roles.NeedsOffice(request.Role) ? request.OfficeId : null, time.GetUtcNow());
        if (!await accounts.CreateAsync(account, ct))
            return CommandResult<UserAccount>.Fail(nameof(NewAccount.Email), AccountErrors.EmailTaken);
        await audit.RecordAsync(admin, AuditActions.AccountCreated, AuditEntities.Account, account.Id.ToString(),
            $"role={account.Role}; office={account.OfficeId ?? "-"}; email={account.Email}", ct);
        return CommandResult<UserAccount>.Ok(account);
    }

    /// <summary>
    /// Stops or restores an account, with the reason the admin gives (5 to 200 characters): audited, and the owner is
    /// told by a notice that carries the reason, on the channels they have (a stopped account still gets its e-mail).
    /// </summary>
    public async Task<CommandResult<UserAccount>> SetDisabledAsync(Actor admin, long accountId, bool disabled, string? reason, CancellationToken ct)
    {
        if (disabled && admin.AccountId == accountId)
            return CommandResult<UserAccount>.Fail("Id", AccountErrors.CannotDisableSelf);
        if (Support.ResidentSupportRules.CleanReason(reason) is not { } why)
            return CommandResult<UserAccount>.Fail(nameof(reason), AccountErrors.ReasonRequired);
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null) return CommandResult<UserAccount>.Fail("Id", AccountErrors.NotFound);
        if (account.IsDeleted) return CommandResult<UserAccount>.Fail("Id", AccountErrors.Deleted);
        if (account.IsDisabled == disabled) return CommandResult<UserAccount>.Ok(account);
        if (disabled) account.Disable(); else account.Enable();
        await accounts.UpdateAsync(account, ct);
        await audit.RecordAsync(admin, disabled ? AuditActions.AccountDisabled : AuditActions.AccountEnabled,
            AuditEntities.Account, account.Id.ToString(CultureInfo.InvariantCulture), "reason=" + why, ct);
        await notices.EnqueueAsync(new Notice(disabled ? NoticeKind.AccountDisabled : NoticeKind.AccountEnabled,
            new NoticeRecipient.Account(account.Id),
            string.Create(CultureInfo.InvariantCulture, $"account-{(disabled ? "disabled" : "enabled")}:{account.Id}:{time.GetUtcNow().UtcTicks}"),
            new Dictionary<string, string> { [NoticeValues.DisplayName] = account.DisplayName, [NoticeValues.Reason] = why },
            disabled ? null : SignInPath), ct);
        return CommandResult<UserAccount>.Ok(account);
    }

    /// <summary>
    /// Ends every session of an account (a lost phone, a shared computer) without stopping it: the owner signs in again
    /// with the same password. Audited.
    /// </summary>
    public async Task<CommandResult<UserAccount>> EndSessionsAsync(Actor admin, long accountId, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null) return CommandResult<UserAccount>.Fail("Id", AccountErrors.NotFound);
        if (account.IsDeleted) return CommandResult<UserAccount>.Fail("Id", AccountErrors.Deleted);
        account.EndSessions();
        await accounts.UpdateAsync(account, ct);
        await audit.RecordAsync(admin, AuditActions.SessionsEnded, AuditEntities.Account, account.Id.ToString(CultureInfo.InvariantCulture), null, ct);
        return CommandResult<UserAccount>.Ok(account);
    }

    /// <summary>
    /// Grants or removes a staff account's city-wide permission (<see cref="StaffScope"/>). Only an administrator, as
    /// the stored account says, whatever page asks; audited with the account's office. It counts at the account's next
    /// step: every service reads the scope from the stored account.
    /// </summary>
    public async Task<CommandResult<UserAccount>> SetCityWideAsync(Actor admin, long accountId, bool cityWide, CancellationToken ct)
    {
        if (admin.AccountId is not { } adminId || await accounts.GetByIdAsync(adminId, ct) is not { Role: Role.Admin, IsDisabled: false })
            return CommandResult<UserAccount>.Fail("Id", AccountErrors.AdminOnly);
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null) return CommandResult<UserAccount>.Fail("Id", AccountErrors.NotFound);
        if (account.IsDeleted) return CommandResult<UserAccount>.Fail("Id", AccountErrors.Deleted);
        if (account.Role != Role.Staff) return CommandResult<UserAccount>.Fail("Id", AccountErrors.CityWideStaffOnly);
        if (account.CityWide == cityWide) return CommandResult<UserAccount>.Ok(account);
        account.SetCityWide(cityWide);
        await accounts.SetCityWideAsync(account.Id, cityWide, ct);
        await audit.RecordAsync(admin, cityWide ? AuditActions.CityWideGranted : AuditActions.CityWideRemoved, AuditEntities.Account,
            account.Id.ToString(CultureInfo.InvariantCulture), $"office={account.OfficeId}; email={account.Email}", ct);
        return CommandResult<UserAccount>.Ok(account);
    }

    /// <summary>Where a restored account signs in again (its notice links there).</summary>
    public const string SignInPath = "/account/signin";

    public async Task<CommandResult<UserAccount>> ChangePasswordAsync(Actor actor, long accountId, PasswordChange change, CancellationToken ct)
    {
        var validation = await new PasswordChangeValidator().ValidateAsync(change, ct);
        if (!validation.IsValid) return CommandResult<UserAccount>.Fail(validation);
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null) return CommandResult<UserAccount>.Fail("Id", AccountErrors.NotFound);
        if (hasher.Verify(account.PasswordHash, change.CurrentPassword) == PasswordCheck.Failed)
            return CommandResult<UserAccount>.Fail(nameof(PasswordChange.CurrentPassword), AccountErrors.WrongCurrentPassword);
        account.ChangePasswordHash(hasher.Hash(change.NewPassword));
        await accounts.UpdateAsync(account, ct);
        await audit.RecordAsync(actor, AuditActions.PasswordChanged, AuditEntities.Account, account.Id.ToString(), null, ct);
        return CommandResult<UserAccount>.Ok(account);
    }

    /// <summary>
    /// The account behind a sign-in at an external identity provider: the linked one, else a new resident
    /// account linked to it. Returns null when the provider gave no e-mail and nothing is linked yet,
    /// or when the e-mail belongs to an account that is not linked (linking needs that account's password).
    /// </summary>
    public async Task<UserAccount?> ExternalSignInAsync(ExternalLogin login, string? email, string? name, string? ipAddress, CancellationToken ct)
    {
        var account = await accounts.GetByExternalLoginAsync(login, ct);
        if (account is null)
        {
            if (string.IsNullOrWhiteSpace(email)) return null;
            account = UserAccount.Create(email, string.IsNullOrWhiteSpace(name) ? email : name,
                hasher.Hash(Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))),
                Role.Resident, null, time.GetUtcNow());
            if (!await accounts.CreateAsync(account, ct)) return null;
            await accounts.LinkExternalLoginAsync(account.Id, login, ct);
            await audit.RecordAsync(Actor.For(account, ipAddress), AuditActions.AccountRegistered, AuditEntities.Account,
                account.Id.ToString(), $"external: {login.Provider}", ct);
        }
        if (account.IsDisabled || account.IsLockedOut(time.GetUtcNow())) return null;
        account.RecordSuccessfulSignIn(time.GetUtcNow());
        await accounts.UpdateAsync(account, ct);
        await audit.RecordAsync(Actor.For(account, ipAddress), AuditActions.SignIn, AuditEntities.Account, account.Id.ToString(), $"external: {login.Provider}", ct);
        return account;
    }

    /// <summary>True while the account exists, is enabled and still carries the stamp the session was issued with.</summary>
    public async Task<bool> IsSessionCurrentAsync(long accountId, string securityStamp, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        return account is { IsDisabled: false, IsDeleted: false } && account.SecurityStamp == securityStamp;
    }

    /// <summary>The stamp a session of the account must carry now; null when the account is gone or disabled.</summary>
    public async Task<string?> CurrentStampAsync(long accountId, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        return account is { IsDisabled: false, IsDeleted: false } ? account.SecurityStamp : null;
    }

    public async Task SetPreferredCultureAsync(long accountId, string culture, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null || account.PreferredCulture == culture) return;
        account.SetPreferredCulture(culture);
        await accounts.UpdateAsync(account, ct);
    }
}
