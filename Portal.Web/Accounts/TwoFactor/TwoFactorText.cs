using Portal.Core.Accounts;

namespace Portal.Web.Accounts;

/// <summary>The resource key of each refusal the two-factor pages show.</summary>
public static class TwoFactorText
{
    public static string ErrorKey(TwoFactorOutcome outcome) => "TwoFactor_Error_" + outcome;
}
