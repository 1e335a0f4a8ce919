using System.Globalization;
using System.Security.Cryptography;
using FluentValidation;
using FluentValidation.Results;
using Portal.Core.Audit;
using Portal.Core.Notifications;

namespace Portal.Core.Accounts;

/// <summary>The "PasswordReset" configuration section.</summary>
public sealed class PasswordResetOptions
{
    public const string Section = "PasswordReset";

    /// <summary>How long an e-mailed link works: long enough to find the message, short enough that an old mailbox is no key.</summary>
    public int LinkMinutes { get; set; } = 60;

    /// <summary>How long a code from the ward office works: the resident may set the password at home in the evening or the next day.</summary>
    public int CodeHours { get; set; } = 72;

    /// <summary>Reset messages one address may be sent in an hour, whoever asks.</summary>
    public int RequestsPerAddressPerHour { get; set; } = 3;

    /// <summary>Reset requests one client address may post in an hour.</summary>
    public int RequestsPerClientPerHour { get; set; } = 10;

    /// <summary>Tries at a ward-office code for one sign-in address in 15 minutes.</summary>
    public int CodeAttemptsPerQuarterHour { get; set; } = 5;

    /// <summary>Set by the web project from the mail settings: without e-mail no link is ever sent.</summary>
    public bool EmailEnabled { get; set; }

    public TimeSpan LinkLifetime => TimeSpan.FromMinutes(Math.Clamp(LinkMinutes, 5, 24 * 60));
    public TimeSpan CodeLifetime => TimeSpan.FromHours(Math.Clamp(CodeHours, 1, 14 * 24));
}

/// <summary>How a reset was handed to the person: a link by e-mail, or a code by ward-office staff.</summary>
public enum ResetKind { EmailLink, StaffCode }

/// <summary>
/// One reset as stored: only a hash of its secret, the account's security stamp when it was issued (a password
/// changed since makes it void) and its end. An account has at most one: issuing a new one replaces the old.
/// </summary>
public sealed record PasswordResetTicket(
    long Id, long AccountId, ResetKind Kind, string SecretHash, string AccountStamp,
    DateTimeOffset CreatedUtc, DateTimeOffset ExpiresUtc, DateTimeOffset? UsedUtc, long? IssuedBy);

/// <summary>What a reset link or code is worth now.</summary>
public enum ResetState { Valid, Expired, Used, Invalid }

/// <summary>How ward-office staff checked who the resident is before handing over a code; kept in the audit trail.</summary>
public enum IdentityCheck
{
    None,
    MyNumberCard,
    DriversLicence,
    ResidenceCard,
    Passport,
    /// <summary>Two documents without a photo (health insurance card and pension book, say).</summary>
    TwoDocuments,
}

public static class PasswordResetRules
{
    public const int StaffCodeLength = 10;
    public const int StaffCodeGroup = 5;

    /// <summary>A link's secret: 256 random bits, URL-safe.</summary>
    public static string NewLinkToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>A link token is looked up by its SHA-256; 256 random bits need no slow hash.</summary>
    public static string HashLinkToken(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>Ten readable characters (about 50 bits): short enough to type from a slip, stored with the password hasher.</summary>
    public static string NewStaffCode() => ReadableCode.New(StaffCodeLength);

    public static string FormatStaffCode(string code) => ReadableCode.Format(code, StaffCodeGroup);

    /// <summary>
    /// A ticket works once, until it expires, for an account that can still sign in and whose password has not
    /// changed since (nor was another reset issued: that one replaced this row).
    /// </summary>
    public static ResetState Check(PasswordResetTicket? ticket, UserAccount? account, DateTimeOffset now)
    {
        if (ticket is null || account is null || account.Id != ticket.AccountId) return ResetState.Invalid;
        if (ticket.UsedUtc is not null) return ResetState.Used;
        if (now >= ticket.ExpiresUtc) return ResetState.Expired;
        if (account.IsDeleted || account.IsDisabled || account.SecurityStamp != ticket.AccountStamp) return ResetState.Invalid;
        return ResetState.Valid;
    }

    /// <summary>E-mail links go to enabled, verified addresses of people (never to a kiosk's device account).</summary>
    public static bool MayReceiveLink(UserAccount? account) =>
        account is { IsDeleted: false, IsDisabled: false, HasVerifiedEmail: true } && account.Role != Role.Kiosk;

    /// <summary>Ward-office codes are for residents only: a staff or admin account is reset by an administrator.</summary>
    public static bool MayReceiveStaffCode(UserAccount? account) =>
        account is { IsDeleted: false, IsDisabled: false, Role: Role.Resident };

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

/// <summary>Where resets are kept; see <see cref="PasswordResetTicket"/>.</summary>
public interface IPasswordResetStore
{
    /// <summary>
    /// Replaces the account's earlier reset with this one, and writes <paramref name="notice"/> (the e-mail) to the
    /// outbox in the same transaction. Returns the new ticket's id.
    /// </summary>
    Task<long> IssueAsync(PasswordResetTicket ticket, Notice? notice, CancellationToken ct);

    Task<PasswordResetTicket?> FindBySecretHashAsync(string secretHash, CancellationToken ct);

    Task<PasswordResetTicket?> FindByAccountAsync(long accountId, CancellationToken ct);

    /// <summary>
    /// In one transaction: marks the ticket used, if it is unused and not expired at <paramref name="now"/>, and
    /// saves the account's new password hash, stamp and cleared lockout, if its stamp is still <paramref name="expectedStamp"/>.
    /// False, changing nothing, when either check fails (a second tap of the same link, a password changed meanwhile).
    /// </summary>
    Task<bool> CompleteAsync(long ticketId, UserAccount account, string expectedStamp, DateTimeOffset now, CancellationToken ct);
}

/// <summary>The new password and its confirmation, as the reset forms post them.</summary>
public sealed class NewPassword
{
    public string Password { get; set; } = "";
    public string ConfirmPassword { get; set; } = "";
}

/// <summary>The sign-up rules for a password: the same length limits, and not the account's own address.</summary>
public sealed class NewPasswordValidator : AbstractValidator<NewPassword>
{
    public NewPasswordValidator(string email)
    {
        RuleFor(p => p.Password).StrongPassword()
            .Must(p => !string.Equals(p.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage(ValidationKeys.PasswordSameAsEmail);
        RuleFor(p => p.ConfirmPassword).Equal(p => p.Password).WithMessage(ValidationKeys.PasswordsDiffer);
    }
}

public static class RecoveryAuditActions
{
    public const string ResetRequested = "account.password-reset-requested";
    public const string CodeIssued = "account.password-reset-code-issued";
    public const string PasswordReset = "account.password-reset";
    public const string ResetRefused = "account.password-reset-refused";
}

public static class RecoveryErrors
{
    public const string LinkInvalid = "Recovery_LinkInvalid";
    public const string LinkExpired = "Recovery_LinkExpired";
    public const string LinkUsed = "Recovery_LinkUsed";
    public const string CodeWrong = "Recovery_CodeWrong";
    public const string TooManyTries = "Recovery_TooManyTries";
}

public enum ResetRequestOutcome { Accepted, InvalidEmail, TooManyForAddress }

/// <summary>A reset's answer: the state of the link or code, and what was wrong with the new password, by field.</summary>
public sealed record ResetResult(ResetState State, IReadOnlyList<ValidationFailure> Errors, bool TooMany = false, long? AccountId = null)
{
    public bool Succeeded => State == ResetState.Valid && Errors.Count == 0 && !TooMany;
}

public enum StaffCodeRefusal { None, NotAllowed, ReasonRequired, IdentityCheckRequired, NotAResident }

/// <summary>A code just issued, to show once and print: it is not stored anywhere in the clear.</summary>
public sealed record StaffCodeResult(StaffCodeRefusal Refusal, string? Code = null, DateTimeOffset? ExpiresUtc = null, UserAccount? Resident = null)
{
    public bool Succeeded => Refusal == StaffCodeRefusal.None;
}

/// <summary>
/// Account recovery without giving away who has an account. "Forgot password" takes any address and answers the
/// same; a background step (<see cref="IssueLinkAsync"/>) looks the address up and, for an enabled account with a
/// verified address, writes a single-use link to the outbox in the account's language. Ward-office staff who have
/// checked a resident's identity issue a short code instead (audited with the reason). Either one, used once before
/// it expires, sets a new password and ends every session.
/// </summary>
public sealed class PasswordResetService(
    IUserAccountRepository accounts,
    IPasswordResetStore store,
    IPasswordHasher hasher,
    ISecretProtector protector,
    IAttemptWindow attempts,
    AuditTrail audit,
    PasswordResetOptions options,
    TimeProvider time)
{
    public const string LinkPath = "/account/reset";
    public const string CodePath = "/account/reset-code";

    private readonly Lazy<string> _decoyHash = new(() => hasher.Hash(PasswordResetRules.NewStaffCode()));

    public PasswordResetOptions Options => options;

    /// <summary>
    /// The part of a request that runs while the person waits, the same whatever the address: its form, and the
    /// per-address limit (counted for unknown addresses too, so the limit tells nothing either).
    /// </summary>
    public async Task<ResetRequestOutcome> AdmitRequestAsync(string? email, CancellationToken ct)
    {
        var validation = new InlineValidator<string>();
        validation.RuleFor(e => e).AccountEmail();
        if (email is null || !(await validation.ValidateAsync(email.Trim(), ct)).IsValid) return ResetRequestOutcome.InvalidEmail;
        var key = "password-reset:" + UserAccount.NormalizeEmail(email);
        return await attempts.TryAttemptAsync(key, Math.Max(1, options.RequestsPerAddressPerHour), TimeSpan.FromHours(1), ct)
            ? ResetRequestOutcome.Accepted
            : ResetRequestOutcome.TooManyForAddress;
    }

    /// <summary>
    /// Looks the address up and, if a link may go there, issues one and writes the e-mail to the outbox in the
    /// account's language (the page's language when the account has none). Returns whether a link was issued; the
    /// person is never told.
    /// </summary>
    public async Task<bool> IssueLinkAsync(string email, string pageCulture, string? ipAddress, CancellationToken ct)
    {
        var account = await accounts.GetByEmailAsync(UserAccount.NormalizeEmail(email), ct);
        if (!options.EmailEnabled || !PasswordResetRules.MayReceiveLink(account)) return false;
        var now = time.GetUtcNow();
        var token = PasswordResetRules.NewLinkToken();
        var hash = PasswordResetRules.HashLinkToken(token);
        var ticket = new PasswordResetTicket(0, account!.Id, ResetKind.EmailLink, hash, account.SecurityStamp, now, now + options.LinkLifetime, null, null);
        var culture = account.PreferredCulture ?? pageCulture;
        var notice = new Notice(NoticeKind.PasswordReset, new NoticeRecipient.Address(NoticeChannel.Email, account.Email, culture, account.Id),
            $"password-reset:{account.Id}:{hash[..24]}",
            new Dictionary<string, string>
            {
                [NoticeValues.DisplayName] = account.DisplayName,
                [NoticeValues.Minutes] = ((int)options.LinkLifetime.TotalMinutes).ToString(CultureInfo.InvariantCulture),
            },
            SealedLink.Seal(protector, LinkPath + "?token=" + token));
        await store.IssueAsync(ticket, notice, ct);
        await audit.RecordAsync(Actor.Anonymous(ipAddress), RecoveryAuditActions.ResetRequested, AuditEntities.Account,
            account.Id.ToString(CultureInfo.InvariantCulture), "e-mail link", ct);
        return true;
    }

    /// <summary>What an e-mailed link is worth now, before the person types a new password.</summary>
    public async Task<ResetState> CheckLinkAsync(string? token, CancellationToken ct)
    {
        var (ticket, account) = await FindLinkAsync(token, ct);
        return PasswordResetRules.Check(ticket, account, time.GetUtcNow());
    }

    public async Task<ResetResult> ResetWithLinkAsync(string? token, NewPassword input, string? ipAddress, CancellationToken ct)
    {
        var (ticket, account) = await FindLinkAsync(token, ct);
        var state = PasswordResetRules.Check(ticket, account, time.GetUtcNow());
        if (state != ResetState.Valid) return new ResetResult(state, []);
        return await CompleteAsync(ticket!, account!, input, ipAddress, "e-mail link", ct);
    }

    /// <summary>
    /// Issues a code for a resident at the ward office. Staff or admins only, for residents only, with a reason and
    /// the identity document that was checked; refused with nothing issued or recorded otherwise.
    /// </summary>
    public async Task<StaffCodeResult> IssueStaffCodeAsync(Actor staff, long residentId, string? reason, IdentityCheck identity, CancellationToken ct)
    {
        if (!Enum.TryParse<Role>(staff.Role, out var role) || role is not (Role.Staff or Role.Admin) || staff.AccountId is null)
            return new(StaffCodeRefusal.NotAllowed);
        var cleaned = Support.ResidentSupportRules.CleanReason(reason);
        if (cleaned is null) return new(StaffCodeRefusal.ReasonRequired);
        if (identity == IdentityCheck.None || !Enum.IsDefined(identity)) return new(StaffCodeRefusal.IdentityCheckRequired);
        var resident = await accounts.GetByIdAsync(residentId, ct);
        if (!PasswordResetRules.MayReceiveStaffCode(resident)) return new(StaffCodeRefusal.NotAResident);

        var now = time.GetUtcNow();
        var code = PasswordResetRules.NewStaffCode();
        var expires = now + options.CodeLifetime;
        await store.IssueAsync(new PasswordResetTicket(0, resident!.Id, ResetKind.StaffCode, hasher.Hash(code), resident.SecurityStamp,
            now, expires, null, staff.AccountId), null, ct);
        await audit.RecordAsync(staff, RecoveryAuditActions.CodeIssued, AuditEntities.Account, resident.Id.ToString(CultureInfo.InvariantCulture),
            string.Create(CultureInfo.InvariantCulture, $"reason={cleaned}; identity={identity}; expires={expires:O}"), ct);
        return new(StaffCodeRefusal.None, code, expires, resident);
    }

    /// <summary>
    /// Sets a new password with the sign-in address and a code from the ward office. A wrong address and a wrong code
    /// get the same answer and cost the same time; tries are limited per address.
    /// </summary>
    public async Task<ResetResult> ResetWithCodeAsync(string? email, string? code, NewPassword input, string? ipAddress, CancellationToken ct)
    {
        var normalizedEmail = UserAccount.NormalizeEmail(email ?? "");
        var passwordCheck = await new NewPasswordValidator(normalizedEmail).ValidateAsync(input, ct);
        if (!passwordCheck.IsValid) return new ResetResult(ResetState.Valid, passwordCheck.Errors);
        if (!await attempts.TryAttemptAsync("password-reset-code:" + normalizedEmail, Math.Max(1, options.CodeAttemptsPerQuarterHour),
                TimeSpan.FromMinutes(15), ct))
            return new ResetResult(ResetState.Invalid, [], TooMany: true);

        var account = normalizedEmail.Length == 0 ? null : await accounts.GetByEmailAsync(normalizedEmail, ct);
        var ticket = account is null ? null : await store.FindByAccountAsync(account.Id, ct);
        var typed = ReadableCode.Normalize(code);
        bool matches;
        if (ticket is { Kind: ResetKind.StaffCode })
        {
            matches = hasher.Verify(ticket.SecretHash, typed) != PasswordCheck.Failed;
        }
        else
        {
            // No code to check: check one anyway, so that an unknown address takes as long as a wrong code.
            hasher.Verify(_decoyHash.Value, typed);
            matches = false;
        }
        var state = matches ? PasswordResetRules.Check(ticket, account, time.GetUtcNow()) : ResetState.Invalid;
        if (state != ResetState.Valid)
        {
            await audit.RecordAsync(Actor.Anonymous(ipAddress), RecoveryAuditActions.ResetRefused, AuditEntities.Account,
                account?.Id.ToString(CultureInfo.InvariantCulture), $"ward-office code: {state}", ct);
            return new ResetResult(state, []);
        }
        var result = await CompleteAsync(ticket!, account!, input, ipAddress, "ward-office code", ct);
        if (result.Succeeded) await attempts.ResetAsync("password-reset-code:" + normalizedEmail, ct);
        return result;
    }

    private async Task<(PasswordResetTicket?, UserAccount?)> FindLinkAsync(string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return (null, null);
        var ticket = await store.FindBySecretHashAsync(PasswordResetRules.HashLinkToken(token.Trim()), ct);
        if (ticket is not { Kind: ResetKind.EmailLink }) return (null, null);
        return (ticket, await accounts.GetByIdAsync(ticket.AccountId, ct));
    }

    private async Task<ResetResult> CompleteAsync(PasswordResetTicket ticket, UserAccount account, NewPassword input, string? ipAddress,
        string how, CancellationToken ct)
    {
        var validation = await new NewPasswordValidator(account.Email).ValidateAsync(input, ct);
        if (!validation.IsValid) return new ResetResult(ResetState.Valid, validation.Errors);
        var issuedStamp = account.SecurityStamp;
        account.ResetPassword(hasher.Hash(input.Password));
        if (!await store.CompleteAsync(ticket.Id, account, issuedStamp, time.GetUtcNow(), ct))
            return new ResetResult(ResetState.Used, []);
        var detail = ticket.IssuedBy is { } by ? string.Create(CultureInfo.InvariantCulture, $"{how} issued by account {by}") : how;
        await audit.RecordAsync(Actor.For(account, ipAddress), RecoveryAuditActions.PasswordReset, AuditEntities.Account,
            account.Id.ToString(CultureInfo.InvariantCulture), detail, ct);
        return new ResetResult(ResetState.Valid, [], AccountId: account.Id);
    }
}
