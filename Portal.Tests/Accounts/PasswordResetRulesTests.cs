using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;

namespace Portal.Tests.Accounts;

/// <summary>When a reset link or code works, and the codes people type.</summary>
public sealed class PasswordResetRulesTests
{
    private static readonly DateTimeOffset Issued = new(2026, 12, 7, 1, 0, 0, TimeSpan.Zero);

    private static UserAccount Resident(bool verified = true) => UserAccount.Restore(7, "hanako@example.jp", "千葉 花子", "hash", Role.Resident, null,
        false, 0, null, "stamp-1", Issued.AddYears(-1), null, "ja", emailVerifiedUtc: verified ? Issued.AddMonths(-1) : null);

    private static PasswordResetTicket Ticket(TimeSpan lifetime, DateTimeOffset? used = null, string stamp = "stamp-1") =>
        new(1, 7, ResetKind.EmailLink, "h", stamp, Issued, Issued + lifetime, used, null);

    [Fact]
    public void A_link_works_until_its_expiry_and_not_from_that_moment_on()
    {
        var time = new FakeTimeProvider(Issued);
        var ticket = Ticket(new PasswordResetOptions().LinkLifetime);

        time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(ResetState.Valid, PasswordResetRules.Check(ticket, Resident(), time.GetUtcNow()));
        time.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(ResetState.Expired, PasswordResetRules.Check(ticket, Resident(), time.GetUtcNow()));
    }

    [Fact]
    public void A_used_link_says_so_even_after_it_expired()
    {
        var ticket = Ticket(TimeSpan.FromMinutes(60), used: Issued.AddMinutes(5));
        Assert.Equal(ResetState.Used, PasswordResetRules.Check(ticket, Resident(), Issued.AddMinutes(10)));
        Assert.Equal(ResetState.Used, PasswordResetRules.Check(ticket, Resident(), Issued.AddDays(2)));
    }

    [Fact]
    public void A_password_changed_after_the_link_was_sent_makes_it_void()
    {
        var account = Resident();
        var ticket = Ticket(TimeSpan.FromMinutes(60), stamp: account.SecurityStamp);
        account.ChangePasswordHash("new-hash");
        Assert.Equal(ResetState.Invalid, PasswordResetRules.Check(ticket, account, Issued.AddMinutes(1)));
    }

    [Fact]
    public void A_disabled_or_other_account_gets_nothing_from_the_ticket()
    {
        var disabled = Resident();
        disabled.Disable();
        Assert.Equal(ResetState.Invalid, PasswordResetRules.Check(Ticket(TimeSpan.FromHours(1), stamp: disabled.SecurityStamp), disabled, Issued));
        Assert.Equal(ResetState.Invalid, PasswordResetRules.Check(null, Resident(), Issued));
        var other = UserAccount.Restore(8, "taro@example.jp", "千葉 太郎", "hash", Role.Resident, null, false, 0, null, "stamp-1", Issued, null, null);
        Assert.Equal(ResetState.Invalid, PasswordResetRules.Check(Ticket(TimeSpan.FromHours(1)), other, Issued));
    }

    [Fact]
    public void Links_go_only_to_confirmed_addresses_of_people_and_codes_only_to_residents()
    {
        Assert.True(PasswordResetRules.MayReceiveLink(Resident()));
        Assert.False(PasswordResetRules.MayReceiveLink(Resident(verified: false)));
        Assert.False(PasswordResetRules.MayReceiveLink(null));
        var kiosk = UserAccount.Restore(9, "kiosk@example.jp", "Kiosk", "h", Role.Kiosk, "chuo", false, 0, null, "s", Issued, null, null, emailVerifiedUtc: Issued);
        Assert.False(PasswordResetRules.MayReceiveLink(kiosk));

        Assert.True(PasswordResetRules.MayReceiveStaffCode(Resident(verified: false)));
        var staff = UserAccount.Restore(10, "staff@example.jp", "Staff", "h", Role.Staff, "chuo", false, 0, null, "s", Issued, null, null);
        var admin = UserAccount.Restore(11, "admin@example.jp", "Admin", "h", Role.Admin, null, false, 0, null, "s", Issued, null, null);
        Assert.False(PasswordResetRules.MayReceiveStaffCode(staff));
        Assert.False(PasswordResetRules.MayReceiveStaffCode(admin));
    }

    [Fact]
    public void A_reset_ends_sessions_and_a_lockout()
    {
        var account = Resident();
        for (var i = 0; i < 5; i++) account.RecordFailedSignIn(Issued, LockoutPolicy.Default);
        var stamp = account.SecurityStamp;

        account.ResetPassword("new-hash");

        Assert.NotEqual(stamp, account.SecurityStamp);
        Assert.False(account.IsLockedOut(Issued));
        Assert.Equal(0, account.FailedSignInCount);
    }

    [Fact]
    public void Staff_codes_are_ten_readable_characters_and_typing_them_is_forgiving()
    {
        var code = PasswordResetRules.NewStaffCode();
        Assert.Equal(10, code.Length);
        Assert.All(code, c => Assert.Contains(c, ReadableCode.Alphabet));
        Assert.DoesNotContain(code, c => c is '0' or 'O' or '1' or 'I' or 'L');

        var printed = PasswordResetRules.FormatStaffCode("ABCDE23456");
        Assert.Equal("ABCDE-23456", printed);
        // Lower case, spaces, a hyphen of another kind, and full-width characters from a Japanese input method.
        Assert.Equal("ABCDE23456", ReadableCode.Normalize("abcde 23456"));
        Assert.Equal("ABCDE23456", ReadableCode.Normalize("ＡＢＣＤＥ－２３４５６"));
    }

    [Fact]
    public void Link_tokens_are_long_random_and_stored_only_as_a_hash()
    {
        var a = PasswordResetRules.NewLinkToken();
        var b = PasswordResetRules.NewLinkToken();
        Assert.NotEqual(a, b);
        Assert.True(a.Length >= 43);
        Assert.DoesNotContain('+', a + b);
        Assert.DoesNotContain('/', a + b);
        Assert.Equal(64, PasswordResetRules.HashLinkToken(a).Length);
        Assert.DoesNotContain(a, PasswordResetRules.HashLinkToken(a));
    }

    [Theory]
    [InlineData("hanako@example.jp", "hanako@example.jp", "hanako@example.jp", false)]
    [InlineData("a-long-enough-passphrase", "a-long-enough-passphrase", "hanako@example.jp", true)]
    [InlineData("short", "short", "hanako@example.jp", false)]
    [InlineData("a-long-enough-passphrase", "a-different-passphrase", "hanako@example.jp", false)]
    public void A_new_password_follows_the_sign_up_rules(string password, string confirm, string email, bool valid) =>
        Assert.Equal(valid, new NewPasswordValidator(email).Validate(new NewPassword { Password = password, ConfirmPassword = confirm }).IsValid);
}
