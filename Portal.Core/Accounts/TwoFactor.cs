using System.Globalization;
using OtpNet;
using Portal.Core.Audit;

namespace Portal.Core.Accounts;

/// <summary>The "TwoFactor" configuration section.</summary>
public sealed class TwoFactorOptions
{
    public const string Section = "TwoFactor";

    /// <summary>The name an authenticator app shows above the code.</summary>
    public string Issuer { get; set; } = "ちばポータル";

    /// <summary>Codes one account may try in 15 minutes (sign-in, turning off, new recovery codes together).</summary>
    public int AttemptsPerQuarterHour { get; set; } = 5;

    /// <summary>How long the second step waits after a right password, and how long an enrolment's key stays on offer.</summary>
    public int PendingMinutes { get; set; } = 10;

    public TimeSpan PendingLifetime => TimeSpan.FromMinutes(Math.Clamp(PendingMinutes, 1, 60));
}

/// <summary>
/// TOTP as authenticator apps speak it (RFC 6238: SHA-1, six digits, 30-second steps). A code is accepted in the step
/// of now or the one before or after (a phone's clock a little off, a code typed as it changed), and never in a step
/// already used, so a code seen over someone's shoulder cannot be used again. Recovery codes are for a lost phone:
/// ten, each once.
/// </summary>
public static class TwoFactorRules
{
    public const int StepSeconds = 30;
    public const int Digits = 6;
    public const int KeyBytes = 20;
    public const int WindowSteps = 1;
    public const int RecoveryCodeCount = 10;
    public const int RecoveryCodeLength = 12;
    public const int RecoveryCodeGroup = 4;

    /// <summary>Two-factor sign-in is for the accounts that see residents' data and run the services.</summary>
    public static bool Applies(Role role) => role is Role.Staff or Role.Admin;

    public static bool MustEnrol(UserAccount account, bool required) => required && Applies(account.Role) && !account.HasTwoFactor;

    public static byte[] NewKey() => KeyGeneration.GenerateRandomKey(KeyBytes);

    public static string ToBase32(byte[] key) => Base32Encoding.ToString(key).TrimEnd('=');

    public static byte[]? FromBase32(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        try { return Base32Encoding.ToBytes(text.Replace(" ", "", StringComparison.Ordinal)); }
        catch (ArgumentException) { return null; }
    }

    /// <summary>The key in groups of four, easier to type into an app by hand.</summary>
    public static string FormatKey(string base32) => string.Join(' ', base32.Chunk(4).Select(c => new string(c)));

    /// <summary>The otpauth:// address a QR code carries (Google Authenticator's key URI format).</summary>
    public static string OtpAuthUri(string issuer, string accountName, string base32) =>
        string.Create(CultureInfo.InvariantCulture,
            $"otpauth://totp/{Uri.EscapeDataString(issuer)}:{Uri.EscapeDataString(accountName)}?secret={base32}&issuer={Uri.EscapeDataString(issuer)}&algorithm=SHA1&digits={Digits}&period={StepSeconds}");

    public static long StepAt(DateTimeOffset at) => at.ToUnixTimeSeconds() / StepSeconds;

    /// <summary>The code for the step that holds <paramref name="at"/>, as an app would show it.</summary>
    public static string CodeAt(byte[] key, DateTimeOffset at) => new Totp(key, StepSeconds, OtpHashMode.Sha1, Digits).ComputeTotp(at.UtcDateTime);

    /// <summary>Six digits, after the same forgiving clean-up as any code (full-width digits, spaces).</summary>
    public static bool LooksLikeTotp(string normalized) => normalized.Length == Digits && normalized.All(char.IsAsciiDigit);

    /// <summary>
    /// The step <paramref name="code"/> belongs to, within one step of <paramref name="now"/>, if it is later than
    /// <paramref name="lastUsedStep"/>; otherwise null.
    /// </summary>
    public static long? MatchingStep(byte[] key, string? code, DateTimeOffset now, long? lastUsedStep)
    {
        var typed = ReadableCode.Normalize(code);
        if (!LooksLikeTotp(typed)) return null;
        var current = StepAt(now);
        for (var step = current - WindowSteps; step <= current + WindowSteps; step++)
        {
            if (lastUsedStep is { } last && step <= last) continue;
            var expected = CodeAt(key, DateTimeOffset.FromUnixTimeSeconds(step * StepSeconds));
            if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
                    System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(typed)))
                return step;
        }
        return null;
    }

    /// <summary>Ten new recovery codes, as shown to the person ("ABCD-EFGH-JKMN").</summary>
    public static IReadOnlyList<string> NewRecoveryCodes() =>
        [.. Enumerable.Range(0, RecoveryCodeCount).Select(_ => ReadableCode.Format(ReadableCode.New(RecoveryCodeLength), RecoveryCodeGroup))];

    /// <summary>Recovery codes are stored as SHA-256 of the normalised code: 12 symbols of 31 are about 59 bits.</summary>
    public static string HashRecoveryCode(string code) => ReadableCode.Hash(code);

    public static bool LooksLikeRecoveryCode(string normalized) => normalized.Length == RecoveryCodeLength;
}

/// <summary>Where two-factor state is kept beside the account row: the last used step, recovery codes, the policy.</summary>
public interface ITwoFactorStore
{
    /// <summary>Records <paramref name="step"/> as used, only if it is later than the last used one. False when it is not (a replay).</summary>
    Task<bool> TryUseStepAsync(long accountId, long step, CancellationToken ct);

    /// <summary>In one transaction: saves the account's key, switch-on time and stamp, its first used step and its recovery codes.</summary>
    Task EnableAsync(UserAccount account, long confirmedStep, IReadOnlyList<string> recoveryCodeHashes, DateTimeOffset at, CancellationToken ct);

    /// <summary>In one transaction: clears the key and the last used step, saves the stamp, deletes the recovery codes.</summary>
    Task DisableAsync(UserAccount account, CancellationToken ct);

    Task ReplaceRecoveryCodesAsync(long accountId, IReadOnlyList<string> hashes, DateTimeOffset at, CancellationToken ct);

    /// <summary>Marks an unused code of the account used. False when there is no such unused code.</summary>
    Task<bool> UseRecoveryCodeAsync(long accountId, string hash, DateTimeOffset at, CancellationToken ct);

    Task<int> CountRecoveryCodesLeftAsync(long accountId, CancellationToken ct);

    Task<bool> IsRequiredAsync(CancellationToken ct);

    /// <summary>
    /// Sets whether staff and admins must use two-factor sign-in. Turning it on also ends the sessions of every staff
    /// and admin account without it (new stamps), so they meet the enrolment step at once. Returns how many.
    /// </summary>
    Task<int> SetRequiredAsync(bool required, long? changedBy, DateTimeOffset at, CancellationToken ct);
}

public static class TwoFactorAuditActions
{
    public const string Enabled = "account.two-factor-enabled";
    public const string Disabled = "account.two-factor-disabled";
    public const string ResetByAdmin = "account.two-factor-reset";
    public const string RecoveryCodesRenewed = "account.recovery-codes-renewed";
    public const string Passed = "account.two-factor-passed";
    public const string Failed = "account.two-factor-failed";
    public const string RecoveryCodeUsed = "account.recovery-code-used";
    public const string Required = "security.two-factor-required";
    public const string NotRequired = "security.two-factor-not-required";
    public const string PolicyEntity = "security-policy";
}

/// <summary>What follows a right password.</summary>
public enum SignInStep { Done, SecondFactor, Enrol }

public enum TwoFactorOutcome
{
    Succeeded,
    WrongCode,
    TooManyTries,
    /// <summary>The enrolment's key ran out or was tampered with: start again.</summary>
    EnrolmentExpired,
    NotForThisAccount,
    AlreadyOn,
    NotOn,
    WrongPassword,
    /// <summary>Turning off is refused while the administrators require two-factor sign-in.</summary>
    Required,
    /// <summary>An administrator turns the requirement on only after turning on their own.</summary>
    EnrolYourselfFirst,
}

/// <summary>A key on offer while someone sets up their app; <see cref="Sealed"/> travels in the form, encrypted and timed.</summary>
public sealed record TotpEnrolment(string Key, string OtpAuthUri, string Sealed);

/// <summary>An answer: the outcome, the account as it is now, and recovery codes when new ones were made (shown once).</summary>
public sealed record TwoFactorResult(TwoFactorOutcome Outcome, UserAccount? Account = null, IReadOnlyList<string>? RecoveryCodes = null,
    bool UsedRecoveryCode = false, int RecoveryCodesLeft = 0)
{
    public bool Succeeded => Outcome == TwoFactorOutcome.Succeeded;
}

public sealed record TwoFactorStatus(bool Applies, bool On, DateTimeOffset? Since, int RecoveryCodesLeft, bool Required);

/// <summary>
/// Two-factor sign-in for staff and administrators: enrolment with an authenticator app, the second step after the
/// password, recovery codes, turning it off, and the administrators' requirement. Every change is audited.
/// </summary>
public sealed class TwoFactorService(
    IUserAccountRepository accounts,
    ITwoFactorStore store,
    ISecretProtector protector,
    IPasswordHasher hasher,
    IAttemptWindow attempts,
    AuditTrail audit,
    TwoFactorOptions options,
    TimeProvider time)
{
    public Task<bool> IsRequiredAsync(CancellationToken ct) => store.IsRequiredAsync(ct);

    /// <summary>After a right password: sign in now, ask for a code, or (when required and missing) set it up first.</summary>
    public async Task<SignInStep> AfterPasswordAsync(UserAccount account, CancellationToken ct)
    {
        if (!TwoFactorRules.Applies(account.Role)) return SignInStep.Done;
        if (account.HasTwoFactor) return SignInStep.SecondFactor;
        return await store.IsRequiredAsync(ct) ? SignInStep.Enrol : SignInStep.Done;
    }

    public async Task<TwoFactorStatus> StatusAsync(long accountId, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct) ?? throw new InvalidOperationException($"Account {accountId} does not exist.");
        var left = account.HasTwoFactor ? await store.CountRecoveryCodesLeftAsync(accountId, ct) : 0;
        return new(TwoFactorRules.Applies(account.Role), account.HasTwoFactor, account.TwoFactorEnabledUtc, left, await store.IsRequiredAsync(ct));
    }

    /// <summary>A new key for <paramref name="account"/>'s app, good for <see cref="TwoFactorOptions.PendingLifetime"/>.</summary>
    public TotpEnrolment BeginEnrolment(UserAccount account)
    {
        var key = TwoFactorRules.ToBase32(TwoFactorRules.NewKey());
        var expires = (time.GetUtcNow() + options.PendingLifetime).ToUnixTimeSeconds();
        var sealedKey = protector.Protect(SecretPurposes.TotpEnrolment, string.Create(CultureInfo.InvariantCulture, $"{account.Id}|{expires}|{key}"));
        return Describe(account, key, sealedKey);
    }

    /// <summary>The same key again (after a wrong code), or null when it ran out or is not this account's.</summary>
    public TotpEnrolment? ReopenEnrolment(UserAccount account, string? sealedKey) =>
        OpenEnrolment(account.Id, sealedKey) is { } key ? Describe(account, key, sealedKey!) : null;

    /// <summary>Switches two-factor sign-in on once the app shows the right code; returns the recovery codes to show once.</summary>
    public async Task<TwoFactorResult> ConfirmEnrolmentAsync(Actor actor, long accountId, string? sealedKey, string? code, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is null || !TwoFactorRules.Applies(account.Role) || account.IsDeleted) return new(TwoFactorOutcome.NotForThisAccount);
        if (account.HasTwoFactor) return new(TwoFactorOutcome.AlreadyOn, account);
        if (OpenEnrolment(accountId, sealedKey) is not { } base32 || TwoFactorRules.FromBase32(base32) is not { } key)
            return new(TwoFactorOutcome.EnrolmentExpired, account);
        if (!await TryAttemptAsync(accountId, ct)) return new(TwoFactorOutcome.TooManyTries, account);
        if (TwoFactorRules.MatchingStep(key, code, time.GetUtcNow(), null) is not { } step) return new(TwoFactorOutcome.WrongCode, account);

        var now = time.GetUtcNow();
        var codes = TwoFactorRules.NewRecoveryCodes();
        account.EnableTwoFactor(protector.Protect(SecretPurposes.TotpKey, base32), now);
        await store.EnableAsync(account, step, [.. codes.Select(TwoFactorRules.HashRecoveryCode)], now, ct);
        await attempts.ResetAsync(AttemptKey(accountId), ct);
        await audit.RecordAsync(actor, TwoFactorAuditActions.Enabled, AuditEntities.Account, Id(account), null, ct);
        return new(TwoFactorOutcome.Succeeded, account, codes, RecoveryCodesLeft: codes.Count);
    }

    /// <summary>The second step of signing in: a code from the app, or one of the recovery codes.</summary>
    public async Task<TwoFactorResult> VerifyAsync(long accountId, string? code, string? ipAddress, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is not { HasTwoFactor: true, IsDisabled: false, IsDeleted: false }) return new(TwoFactorOutcome.NotOn);
        var result = await CheckCodeAsync(account, code, ct);
        var actor = Actor.For(account, ipAddress);
        if (result.Succeeded)
            await audit.RecordAsync(actor, result.UsedRecoveryCode ? TwoFactorAuditActions.RecoveryCodeUsed : TwoFactorAuditActions.Passed,
                AuditEntities.Account, Id(account), result.UsedRecoveryCode ? $"recovery codes left: {result.RecoveryCodesLeft}" : null, ct);
        else
            await audit.RecordAsync(actor, TwoFactorAuditActions.Failed, AuditEntities.Account, Id(account), result.Outcome.ToString(), ct);
        return result;
    }

    /// <summary>Ten new recovery codes in place of the old ones, after a code from the app (or a recovery code).</summary>
    public async Task<TwoFactorResult> RenewRecoveryCodesAsync(Actor actor, long accountId, string? code, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is not { HasTwoFactor: true }) return new(TwoFactorOutcome.NotOn, account);
        var check = await CheckCodeAsync(account, code, ct);
        if (!check.Succeeded) return check;
        var codes = TwoFactorRules.NewRecoveryCodes();
        await store.ReplaceRecoveryCodesAsync(accountId, [.. codes.Select(TwoFactorRules.HashRecoveryCode)], time.GetUtcNow(), ct);
        await audit.RecordAsync(actor, TwoFactorAuditActions.RecoveryCodesRenewed, AuditEntities.Account, Id(account), null, ct);
        return new(TwoFactorOutcome.Succeeded, account, codes, RecoveryCodesLeft: codes.Count);
    }

    /// <summary>Turns two-factor sign-in off with the password and a code; refused while administrators require it.</summary>
    public async Task<TwoFactorResult> DisableAsync(Actor actor, long accountId, string? password, string? code, CancellationToken ct)
    {
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is not { HasTwoFactor: true }) return new(TwoFactorOutcome.NotOn, account);
        if (await store.IsRequiredAsync(ct)) return new(TwoFactorOutcome.Required, account);
        if (string.IsNullOrEmpty(password) || hasher.Verify(account.PasswordHash, password) == PasswordCheck.Failed)
            return new(TwoFactorOutcome.WrongPassword, account);
        var check = await CheckCodeAsync(account, code, ct);
        if (!check.Succeeded) return check;
        account.DisableTwoFactor();
        await store.DisableAsync(account, ct);
        await audit.RecordAsync(actor, TwoFactorAuditActions.Disabled, AuditEntities.Account, Id(account), null, ct);
        return new(TwoFactorOutcome.Succeeded, account);
    }

    /// <summary>
    /// An administrator switches off another account's two-factor sign-in (a lost phone and lost recovery codes); the
    /// person sets it up again at their next sign-in when it is required. Never one's own: that needs the code.
    /// </summary>
    public async Task<TwoFactorResult> ResetByAdminAsync(Actor admin, long accountId, CancellationToken ct)
    {
        if (admin.Role != Roles.Admin || admin.AccountId == accountId) return new(TwoFactorOutcome.NotForThisAccount);
        var account = await accounts.GetByIdAsync(accountId, ct);
        if (account is not { HasTwoFactor: true }) return new(TwoFactorOutcome.NotOn, account);
        account.DisableTwoFactor();
        await store.DisableAsync(account, ct);
        await audit.RecordAsync(admin, TwoFactorAuditActions.ResetByAdmin, AuditEntities.Account, Id(account), null, ct);
        return new(TwoFactorOutcome.Succeeded, account);
    }

    /// <summary>Requires (or stops requiring) two-factor sign-in of every staff and admin account. Audited.</summary>
    public async Task<TwoFactorOutcome> SetRequiredAsync(Actor admin, bool required, CancellationToken ct)
    {
        if (admin.Role != Roles.Admin || admin.AccountId is not { } adminId) return TwoFactorOutcome.NotForThisAccount;
        if (required && await accounts.GetByIdAsync(adminId, ct) is not { HasTwoFactor: true }) return TwoFactorOutcome.EnrolYourselfFirst;
        var ended = await store.SetRequiredAsync(required, adminId, time.GetUtcNow(), ct);
        await audit.RecordAsync(admin, required ? TwoFactorAuditActions.Required : TwoFactorAuditActions.NotRequired,
            TwoFactorAuditActions.PolicyEntity, "two-factor", required ? $"sessions ended: {ended}" : null, ct);
        return TwoFactorOutcome.Succeeded;
    }

    private async Task<TwoFactorResult> CheckCodeAsync(UserAccount account, string? code, CancellationToken ct)
    {
        if (!await TryAttemptAsync(account.Id, ct)) return new(TwoFactorOutcome.TooManyTries, account);
        var typed = ReadableCode.Normalize(code);
        var now = time.GetUtcNow();
        if (TwoFactorRules.LooksLikeTotp(typed))
        {
            var key = protector.Unprotect(SecretPurposes.TotpKey, account.TwoFactorSecret!) is { } base32 ? TwoFactorRules.FromBase32(base32) : null;
            if (key is null) return new(TwoFactorOutcome.WrongCode, account);
            // The store refuses a step already used (or an earlier one), which also settles two posts of one code at once.
            if (TwoFactorRules.MatchingStep(key, typed, now, null) is { } step && await store.TryUseStepAsync(account.Id, step, ct))
            {
                await attempts.ResetAsync(AttemptKey(account.Id), ct);
                return new(TwoFactorOutcome.Succeeded, account);
            }
            return new(TwoFactorOutcome.WrongCode, account);
        }
        if (TwoFactorRules.LooksLikeRecoveryCode(typed)
            && await store.UseRecoveryCodeAsync(account.Id, TwoFactorRules.HashRecoveryCode(typed), now, ct))
        {
            await attempts.ResetAsync(AttemptKey(account.Id), ct);
            return new(TwoFactorOutcome.Succeeded, account, UsedRecoveryCode: true,
                RecoveryCodesLeft: await store.CountRecoveryCodesLeftAsync(account.Id, ct));
        }
        return new(TwoFactorOutcome.WrongCode, account);
    }

    private string? OpenEnrolment(long accountId, string? sealedKey)
    {
        if (string.IsNullOrWhiteSpace(sealedKey) || protector.Unprotect(SecretPurposes.TotpEnrolment, sealedKey) is not { } payload) return null;
        var parts = payload.Split('|');
        if (parts.Length != 3 || parts[0] != accountId.ToString(CultureInfo.InvariantCulture)
            || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || DateTimeOffset.FromUnixTimeSeconds(expires) <= time.GetUtcNow())
            return null;
        return parts[2];
    }

    private TotpEnrolment Describe(UserAccount account, string base32, string sealedKey) =>
        new(TwoFactorRules.FormatKey(base32), TwoFactorRules.OtpAuthUri(options.Issuer, account.Email, base32), sealedKey);

    private Task<bool> TryAttemptAsync(long accountId, CancellationToken ct) =>
        attempts.TryAttemptAsync(AttemptKey(accountId), Math.Max(1, options.AttemptsPerQuarterHour), TimeSpan.FromMinutes(15), ct);

    private static string AttemptKey(long accountId) => "two-factor:" + accountId.ToString(CultureInfo.InvariantCulture);

    private static string Id(UserAccount account) => account.Id.ToString(CultureInfo.InvariantCulture);
}
