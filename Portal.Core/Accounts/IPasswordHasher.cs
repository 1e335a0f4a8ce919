namespace Portal.Core.Accounts;

public enum PasswordCheck
{
    Failed,
    Succeeded,
    /// <summary>Right password, but stored with older hashing parameters: store a new hash.</summary>
    SucceededRehashNeeded,
}

/// <summary>Hashes and checks passwords; the web project supplies ASP.NET Core's PasswordHasher.</summary>
public interface IPasswordHasher
{
    string Hash(string password);
    PasswordCheck Verify(string hash, string password);
}
