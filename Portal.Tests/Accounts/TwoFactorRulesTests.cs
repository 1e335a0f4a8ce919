using Portal.Core.Accounts;

namespace Portal.Tests.Accounts;

/// <summary>TOTP as the rule says: the step of now and one either side, never a step already used.</summary>
public sealed class TwoFactorRulesTests
{
    private static readonly byte[] Key = TwoFactorRules.FromBase32("JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP")!;
    // The middle of a 30-second step, so ±15 s stays inside it.
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeSeconds(59_000_000_015);

    private static string CodeAtSteps(int offset) => TwoFactorRules.CodeAt(Key, Now.AddSeconds(offset * TwoFactorRules.StepSeconds));

    [Fact]
    public void The_code_of_now_matches_the_step_of_now() =>
        Assert.Equal(TwoFactorRules.StepAt(Now), TwoFactorRules.MatchingStep(Key, CodeAtSteps(0), Now, null));

    [Theory]
    [InlineData(-1)]
    [InlineData(1)]
    public void A_code_one_step_early_or_late_is_accepted(int offset) =>
        Assert.Equal(TwoFactorRules.StepAt(Now) + offset, TwoFactorRules.MatchingStep(Key, CodeAtSteps(offset), Now, null));

    [Theory]
    [InlineData(-2)]
    [InlineData(2)]
    [InlineData(-20)]
    public void A_code_two_or_more_steps_away_is_refused(int offset)
    {
        var code = CodeAtSteps(offset);
        // A six-digit code can repeat by chance; the test is about the step, not about that.
        if (Enumerable.Range(-1, 3).Any(o => CodeAtSteps(o) == code)) return;
        Assert.Null(TwoFactorRules.MatchingStep(Key, code, Now, null));
    }

    [Fact]
    public void A_used_step_and_the_steps_before_it_are_never_accepted_again()
    {
        var step = TwoFactorRules.StepAt(Now);
        Assert.Null(TwoFactorRules.MatchingStep(Key, CodeAtSteps(0), Now, lastUsedStep: step));
        Assert.Null(TwoFactorRules.MatchingStep(Key, CodeAtSteps(-1), Now, lastUsedStep: step));
        Assert.Equal(step + 1, TwoFactorRules.MatchingStep(Key, CodeAtSteps(1), Now, lastUsedStep: step));
    }

    [Fact]
    public void Codes_typed_with_spaces_or_full_width_digits_still_match()
    {
        var code = CodeAtSteps(0);
        var spaced = code[..3] + " " + code[3..];
        var fullWidth = new string(code.Select(c => (char)(c - '0' + '０')).ToArray());
        Assert.NotNull(TwoFactorRules.MatchingStep(Key, spaced, Now, null));
        Assert.NotNull(TwoFactorRules.MatchingStep(Key, fullWidth, Now, null));
        Assert.Null(TwoFactorRules.MatchingStep(Key, "12345", Now, null));
        Assert.Null(TwoFactorRules.MatchingStep(Key, null, Now, null));
    }

    [Fact]
    public void The_first_test_vector_of_RFC_6238_comes_out()
    {
        // RFC 6238 appendix B: key "12345678901234567890", T = 59 s, SHA-1, 8 digits 94287082; six digits are the last six.
        var rfcKey = System.Text.Encoding.ASCII.GetBytes("12345678901234567890");
        Assert.Equal("287082", TwoFactorRules.CodeAt(rfcKey, DateTimeOffset.FromUnixTimeSeconds(59)));
    }

    [Fact]
    public void Recovery_codes_are_ten_different_readable_codes_matched_however_typed()
    {
        var codes = TwoFactorRules.NewRecoveryCodes();
        Assert.Equal(10, codes.Count);
        Assert.Equal(10, codes.Distinct().Count());
        Assert.All(codes, c => Assert.Matches("^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$", c));
        Assert.Equal(TwoFactorRules.HashRecoveryCode(codes[0]), TwoFactorRules.HashRecoveryCode(codes[0].ToLowerInvariant().Replace("-", " ")));
        Assert.NotEqual(TwoFactorRules.HashRecoveryCode(codes[0]), TwoFactorRules.HashRecoveryCode(codes[1]));
    }

    [Fact]
    public void The_QR_code_carries_the_key_in_the_authenticator_format()
    {
        var uri = TwoFactorRules.OtpAuthUri("ちばポータル", "staff@city.chiba.example", "JBSWY3DPEHPK3PXP");
        Assert.StartsWith("otpauth://totp/", uri);
        Assert.Contains("secret=JBSWY3DPEHPK3PXP", uri);
        Assert.Contains("issuer=" + Uri.EscapeDataString("ちばポータル"), uri);
        Assert.Contains("digits=6", uri);
        Assert.Contains("period=30", uri);
        Assert.Equal("JBSW Y3DP EHPK 3PXP", TwoFactorRules.FormatKey("JBSWY3DPEHPK3PXP"));
    }

    [Theory]
    [InlineData(Role.Staff, true)]
    [InlineData(Role.Admin, true)]
    [InlineData(Role.Resident, false)]
    [InlineData(Role.Kiosk, false)]
    public void Two_factor_sign_in_is_for_staff_and_administrators(Role role, bool applies) => Assert.Equal(applies, TwoFactorRules.Applies(role));

    [Fact]
    public void Enabling_or_disabling_ends_other_sessions()
    {
        var staff = UserAccount.Create("s@example.jp", "S", "h", Role.Staff, "chuo", Now);
        var stamp = staff.SecurityStamp;
        staff.EnableTwoFactor("protected-key", Now);
        Assert.True(staff.HasTwoFactor);
        Assert.NotEqual(stamp, staff.SecurityStamp);
        stamp = staff.SecurityStamp;
        staff.DisableTwoFactor();
        Assert.False(staff.HasTwoFactor);
        Assert.NotEqual(stamp, staff.SecurityStamp);
        var resident = UserAccount.Create("r@example.jp", "R", "h", Role.Resident, null, Now);
        Assert.Throws<InvalidOperationException>(() => resident.EnableTwoFactor("protected-key", Now));
    }
}
