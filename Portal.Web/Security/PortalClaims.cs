using System.Security.Claims;
using Portal.Core.Accounts;
using Portal.Core.Audit;

namespace Portal.Web.Security;

/// <summary>The claims a session carries, and the way back from a principal to an account and an actor.</summary>
public static class PortalClaims
{
    public const string Office = "portal:office";
    public const string Stamp = "portal:stamp";

    public static ClaimsPrincipal For(UserAccount account, string authenticationType)
    {
        var claims = new List<Claim>
        {
            new(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new(ClaimTypes.Name, account.DisplayName),
            new(ClaimTypes.Email, account.Email),
            new(ClaimTypes.Role, account.Role.ToString()),
            new(Stamp, account.SecurityStamp),
        };
        if (account.OfficeId is not null) claims.Add(new Claim(Office, account.OfficeId));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType, ClaimTypes.Name, ClaimTypes.Role));
    }

    public static long? AccountId(this ClaimsPrincipal user) =>
        long.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;

    public static string? OfficeId(this ClaimsPrincipal user) => user.FindFirstValue(Office);

    public static Role? PortalRole(this ClaimsPrincipal user) =>
        Enum.TryParse<Role>(user.FindFirstValue(ClaimTypes.Role), out var role) ? role : null;

    public static Actor ToActor(this ClaimsPrincipal user, string? ipAddress) =>
        user.AccountId() is { } id
            ? new Actor(id, user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name ?? id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                user.FindFirstValue(ClaimTypes.Role) ?? "", ipAddress)
            : Actor.Anonymous(ipAddress);
}
