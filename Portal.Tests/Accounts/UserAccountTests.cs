using Portal.Core.Accounts;

namespace Portal.Tests.Accounts;

public sealed class UserAccountTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 1, 0, 0, TimeSpan.Zero);
    private static readonly LockoutPolicy Policy = LockoutPolicy.Default;

    private static UserAccount Resident() => UserAccount.Create("Hanako@Example.JP ", "千葉 花子", "hash", Role.Resident, null, Now);

    [Fact]
    public void The_e_mail_is_stored_trimmed_and_in_lower_case()
    {
        Assert.Equal("hanako@example.jp", Resident().Email);
    }

    [Fact]
    public void Five_wrong_passwords_in_a_row_lock_the_account_for_fifteen_minutes()
    {
        var account = Resident();
        for (var i = 0; i < 4; i++) account.RecordFailedSignIn(Now, Policy);
        Assert.False(account.IsLockedOut(Now));

        account.RecordFailedSignIn(Now, Policy);

        Assert.True(account.IsLockedOut(Now));
        Assert.True(account.IsLockedOut(Now.AddMinutes(14).AddSeconds(59)));
        Assert.False(account.IsLockedOut(Now.AddMinutes(15)));
    }

    [Fact]
    public void A_successful_sign_in_clears_the_count_of_failures()
    {
        var account = Resident();
        for (var i = 0; i < 4; i++) account.RecordFailedSignIn(Now, Policy);
        account.RecordSuccessfulSignIn(Now);
        for (var i = 0; i < 4; i++) account.RecordFailedSignIn(Now, Policy);

        Assert.False(account.IsLockedOut(Now));
        Assert.Equal(Now, account.LastSignInUtc);
    }

    [Fact]
    public void After_a_lockout_runs_out_the_count_starts_again()
    {
        var account = Resident();
        for (var i = 0; i < 5; i++) account.RecordFailedSignIn(Now, Policy);
        var later = Now.AddMinutes(16);

        account.RecordFailedSignIn(later, Policy);

        Assert.False(account.IsLockedOut(later));
        Assert.Equal(1, account.FailedSignInCount);
    }

    [Fact]
    public void Failures_while_locked_out_do_not_extend_the_lockout()
    {
        var account = Resident();
        for (var i = 0; i < 5; i++) account.RecordFailedSignIn(Now, Policy);
        account.RecordFailedSignIn(Now.AddMinutes(10), Policy);

        Assert.Equal(Now + Policy.Duration, account.LockoutEndUtc);
    }

    [Fact]
    public void A_locked_out_or_disabled_account_cannot_record_a_successful_sign_in()
    {
        var locked = Resident();
        for (var i = 0; i < 5; i++) locked.RecordFailedSignIn(Now, Policy);
        Assert.Throws<InvalidOperationException>(() => locked.RecordSuccessfulSignIn(Now));

        var disabled = Resident();
        disabled.Disable();
        Assert.Throws<InvalidOperationException>(() => disabled.RecordSuccessfulSignIn(Now));
    }

    [Fact]
    public void Changing_the_password_or_disabling_changes_the_security_stamp()
    {
        var account = Resident();
        var first = account.SecurityStamp;
        account.ChangePasswordHash("new-hash");
        var second = account.SecurityStamp;
        account.Disable();

        Assert.NotEqual(first, second);
        Assert.NotEqual(second, account.SecurityStamp);
    }

    [Fact]
    public void A_stronger_hash_of_the_same_password_keeps_sessions()
    {
        var account = Resident();
        var stamp = account.SecurityStamp;
        account.UpgradePasswordHash("stronger-hash");
        Assert.Equal(stamp, account.SecurityStamp);
    }

    [Theory]
    [InlineData(Role.Staff, null)]
    [InlineData(Role.Kiosk, null)]
    [InlineData(Role.Resident, "chuo")]
    [InlineData(Role.Admin, "chuo")]
    public void Staff_and_kiosks_belong_to_an_office_residents_and_admins_to_none(Role role, string? office)
    {
        Assert.Throws<ArgumentException>(() => UserAccount.Create("a@example.jp", "A", "hash", role, office, Now));
    }
}
