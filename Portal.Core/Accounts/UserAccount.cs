namespace Portal.Core.Accounts;

/// <summary>
/// A person or device that signs in. State changes go through methods that check the rules,
/// so no page can, for example, clear a lockout without a successful sign-in.
/// </summary>
public sealed class UserAccount
{
    private UserAccount(long id, string email, string displayName, string passwordHash, Role role, string? officeId,
        bool isDisabled, int failedSignInCount, DateTimeOffset? lockoutEndUtc, string securityStamp,
        DateTimeOffset createdUtc, DateTimeOffset? lastSignInUtc, string? preferredCulture, DateTimeOffset? deletedUtc = null,
        DateTimeOffset? emailVerifiedUtc = null, string? twoFactorSecret = null, DateTimeOffset? twoFactorEnabledUtc = null, bool cityWide = false)
    {
        Id = id;
        CityWide = cityWide;
        EmailVerifiedUtc = emailVerifiedUtc;
        TwoFactorSecret = twoFactorSecret;
        TwoFactorEnabledUtc = twoFactorEnabledUtc;
        Email = email;
        DisplayName = displayName;
        PasswordHash = passwordHash;
        Role = role;
        OfficeId = officeId;
        IsDisabled = isDisabled;
        FailedSignInCount = failedSignInCount;
        LockoutEndUtc = lockoutEndUtc;
        SecurityStamp = securityStamp;
        CreatedUtc = createdUtc;
        LastSignInUtc = lastSignInUtc;
        PreferredCulture = preferredCulture;
        DeletedUtc = deletedUtc;
    }

    public long Id { get; private set; }
    public string Email { get; }
    public string DisplayName { get; private set; }
    public string PasswordHash { get; private set; }
    public Role Role { get; }
    public string? OfficeId { get; }
    public bool IsDisabled { get; private set; }
    public int FailedSignInCount { get; private set; }
    public DateTimeOffset? LockoutEndUtc { get; private set; }
    /// <summary>Changes whenever credentials or access change; signed-in sessions carrying an older stamp end.</summary>
    public string SecurityStamp { get; private set; }
    public DateTimeOffset CreatedUtc { get; }
    public DateTimeOffset? LastSignInUtc { get; private set; }
    public string? PreferredCulture { get; private set; }
    /// <summary>Set when the resident deleted the account: the row is a tombstone without personal data.</summary>
    public DateTimeOffset? DeletedUtc { get; }
    public bool IsDeleted => DeletedUtc is not null;
    /// <summary>When the resident proved they read mail at <see cref="Email"/>; set by the e-mail channel, read-only here.</summary>
    public DateTimeOffset? EmailVerifiedUtc { get; }
    public bool HasVerifiedEmail => EmailVerifiedUtc is not null;
    /// <summary>The TOTP shared key, protected (never stored in the clear); null while two-factor sign-in is off.</summary>
    public string? TwoFactorSecret { get; private set; }
    public DateTimeOffset? TwoFactorEnabledUtc { get; private set; }
    public bool HasTwoFactor => TwoFactorEnabledUtc is not null && TwoFactorSecret is not null;
    /// <summary>
    /// A staff account's permission for city-wide work (every ward's reports, tickets and counters; the register import,
    /// registration letters, the whole city's statistics). Granted and removed by an administrator (<see cref="StaffScope"/>).
    /// </summary>
    public bool CityWide { get; private set; }

    public static UserAccount Create(string email, string displayName, string passwordHash, Role role, string? officeId, DateTimeOffset now)
    {
        if (Roles.NeedsOffice(role) && string.IsNullOrWhiteSpace(officeId))
            throw new ArgumentException($"A {role} account must belong to a ward office.", nameof(officeId));
        if (!Roles.NeedsOffice(role) && officeId is not null)
            throw new ArgumentException($"A {role} account does not belong to a ward office.", nameof(officeId));
        return new UserAccount(0, NormalizeEmail(email), displayName.Trim(), passwordHash, role, officeId,
            false, 0, null, NewStamp(), now, null, null);
    }

    /// <summary>Rebuilds an account read from storage.</summary>
    public static UserAccount Restore(long id, string email, string displayName, string passwordHash, Role role, string? officeId,
        bool isDisabled, int failedSignInCount, DateTimeOffset? lockoutEndUtc, string securityStamp,
        DateTimeOffset createdUtc, DateTimeOffset? lastSignInUtc, string? preferredCulture, DateTimeOffset? deletedUtc = null,
        DateTimeOffset? emailVerifiedUtc = null, string? twoFactorSecret = null, DateTimeOffset? twoFactorEnabledUtc = null, bool cityWide = false) =>
        new(id, email, displayName, passwordHash, role, officeId, isDisabled, failedSignInCount, lockoutEndUtc,
            securityStamp, createdUtc, lastSignInUtc, preferredCulture, deletedUtc, emailVerifiedUtc, twoFactorSecret, twoFactorEnabledUtc, cityWide);

    public static string NormalizeEmail(string email) => email.Trim().ToLowerInvariant();

    public void AssignId(long id)
    {
        if (Id != 0) throw new InvalidOperationException("The account already has an id.");
        Id = id;
    }

    public bool IsLockedOut(DateTimeOffset now) => LockoutEndUtc is { } end && end > now;

    /// <summary>Counts a wrong password; the fifth in a row locks the account for the policy's duration.</summary>
    public void RecordFailedSignIn(DateTimeOffset now, LockoutPolicy policy)
    {
        if (IsLockedOut(now)) return;
        if (LockoutEndUtc is not null)
        {
            // An earlier lockout has run out: the count starts again.
            LockoutEndUtc = null;
            FailedSignInCount = 0;
        }
        FailedSignInCount++;
        if (FailedSignInCount >= policy.MaxFailedAttempts)
            LockoutEndUtc = now + policy.Duration;
    }

    public void RecordSuccessfulSignIn(DateTimeOffset now)
    {
        if (IsLockedOut(now)) throw new InvalidOperationException("A locked-out account cannot sign in.");
        if (IsDisabled) throw new InvalidOperationException("A disabled account cannot sign in.");
        FailedSignInCount = 0;
        LockoutEndUtc = null;
        LastSignInUtc = now;
    }

    public void ChangePasswordHash(string newHash)
    {
        PasswordHash = newHash;
        SecurityStamp = NewStamp();
    }

    /// <summary>
    /// Sets a new password after a reset (an e-mailed link or a code from the ward office): like a change, every
    /// session ends; and since the owner has just proved who they are, a lockout from wrong guesses ends too.
    /// </summary>
    public void ResetPassword(string newHash)
    {
        if (IsDeleted) throw new InvalidOperationException("A deleted account has no password to reset.");
        ChangePasswordHash(newHash);
        FailedSignInCount = 0;
        LockoutEndUtc = null;
    }

    /// <summary>Turns two-factor sign-in on with a confirmed key; other sessions end, as with any change of credentials.</summary>
    public void EnableTwoFactor(string protectedSecret, DateTimeOffset now)
    {
        if (!TwoFactorRules.Applies(Role)) throw new InvalidOperationException($"Two-factor sign-in is for staff and administrators, not for a {Role} account.");
        ArgumentException.ThrowIfNullOrWhiteSpace(protectedSecret);
        TwoFactorSecret = protectedSecret;
        TwoFactorEnabledUtc = now;
        SecurityStamp = NewStamp();
    }

    public void DisableTwoFactor()
    {
        if (!HasTwoFactor) return;
        TwoFactorSecret = null;
        TwoFactorEnabledUtc = null;
        SecurityStamp = NewStamp();
    }

    /// <summary>Ends every session of the account without changing anything else (a policy now asks more of it).</summary>
    public void EndSessions() => SecurityStamp = NewStamp();

    /// <summary>Replaces the stored hash with a stronger one for the same password; sessions stay valid.</summary>
    public void UpgradePasswordHash(string newHash) => PasswordHash = newHash;

    public void Disable()
    {
        if (IsDisabled) return;
        IsDisabled = true;
        SecurityStamp = NewStamp();
    }

    /// <summary>A deleted account stays disabled for good: nothing is left to sign in to.</summary>
    public void Enable()
    {
        if (IsDeleted) throw new InvalidOperationException("A deleted account cannot be enabled.");
        if (!IsDisabled) return;
        IsDisabled = false;
        FailedSignInCount = 0;
        LockoutEndUtc = null;
    }

    /// <summary>
    /// Gives or takes away the city-wide permission. Only staff hold it: an administrator works city-wide by role, and
    /// residents and kiosks do no back-office work.
    /// </summary>
    public void SetCityWide(bool cityWide)
    {
        if (cityWide && Role != Role.Staff) throw new InvalidOperationException($"Only staff accounts hold the city-wide permission, not a {Role} account.");
        if (cityWide && IsDeleted) throw new InvalidOperationException("A deleted account holds no permission.");
        CityWide = cityWide;
    }

    public void SetPreferredCulture(string? culture) => PreferredCulture = culture;

    private static string NewStamp() => Guid.NewGuid().ToString("N");
}
