using Microsoft.AspNetCore.Identity;
using Portal.Core.Accounts;

namespace Portal.Web.Accounts;

/// <summary>ASP.NET Core's PasswordHasher (PBKDF2 with HMAC-SHA512, salted) behind the domain's interface.</summary>
public sealed class AspNetPasswordHasher : Portal.Core.Accounts.IPasswordHasher
{
    private static readonly object Subject = new();
    private readonly PasswordHasher<object> _hasher = new();

    public string Hash(string password) => _hasher.HashPassword(Subject, password);

    public PasswordCheck Verify(string hash, string password) => _hasher.VerifyHashedPassword(Subject, hash, password) switch
    {
        PasswordVerificationResult.Success => PasswordCheck.Succeeded,
        PasswordVerificationResult.SuccessRehashNeeded => PasswordCheck.SucceededRehashNeeded,
        _ => PasswordCheck.Failed,
    };
}
