using Portal.Core.Accounts;

namespace Portal.Tests.Accounts;

public sealed class AccountValidatorTests
{
    private static ResidentRegistration Valid() => new()
    {
        Email = "hanako@example.jp", DisplayName = "千葉 花子", Password = "kaigan-no-sanpo", ConfirmPassword = "kaigan-no-sanpo", AcceptTerms = true,
    };

    private static IEnumerable<string> Errors(ResidentRegistration r) =>
        new ResidentRegistrationValidator().Validate(r).Errors.Select(e => e.ErrorMessage);

    [Fact]
    public void A_complete_registration_is_valid() => Assert.Empty(Errors(Valid()));

    [Theory]
    [InlineData("", ValidationKeys.EmailRequired)]
    [InlineData("not-an-address", ValidationKeys.EmailInvalid)]
    public void The_e_mail_must_be_an_address(string email, string key)
    {
        var r = Valid();
        r.Email = email;
        Assert.Contains(key, Errors(r));
    }

    [Fact]
    public void A_password_needs_ten_characters_and_no_composition_rules()
    {
        var r = Valid();
        r.Password = r.ConfirmPassword = "short-pw1";
        Assert.Contains(ValidationKeys.PasswordTooShort, Errors(r));

        r.Password = r.ConfirmPassword = "aaaaaaaaaa";
        Assert.Empty(Errors(r));
    }

    [Fact]
    public void The_password_cannot_be_the_e_mail_address()
    {
        var r = Valid();
        r.Password = r.ConfirmPassword = "Hanako@Example.jp";
        Assert.Contains(ValidationKeys.PasswordSameAsEmail, Errors(r));
    }

    [Fact]
    public void The_confirmation_must_match_and_the_terms_be_accepted()
    {
        var r = Valid();
        r.ConfirmPassword = "something-else";
        r.AcceptTerms = false;
        var errors = Errors(r).ToList();
        Assert.Contains(ValidationKeys.PasswordsDiffer, errors);
        Assert.Contains(ValidationKeys.TermsRequired, errors);
    }

    [Fact]
    public void A_name_of_only_spaces_is_no_name()
    {
        var r = Valid();
        r.DisplayName = "   ";
        Assert.Contains(ValidationKeys.NameRequired, Errors(r));
    }

    [Theory]
    [InlineData(Role.Staff, null, ValidationKeys.OfficeRequired)]
    [InlineData(Role.Kiosk, "", ValidationKeys.OfficeRequired)]
    [InlineData(Role.Admin, "chuo", ValidationKeys.OfficeNotAllowed)]
    [InlineData(Role.Resident, null, ValidationKeys.RoleNotAllowed)]
    public void Back_office_accounts_follow_the_office_rules(Role role, string? office, string key)
    {
        var account = new NewAccount { Email = "staff@example.jp", DisplayName = "職員", Role = role, OfficeId = office, Password = "long-enough-password" };
        Assert.Contains(key, new NewAccountValidator().Validate(account).Errors.Select(e => e.ErrorMessage));
    }
}
