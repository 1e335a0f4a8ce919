using Microsoft.AspNetCore.Authorization;
using Portal.Core.Accounts;

namespace Portal.Web.Security;

/// <summary>
/// Every page and endpoint names one of these (or AllowAnonymous); a test fails on any that names none.
/// </summary>
public static class Policies
{
    public const string SignedIn = "SignedIn";
    public const string Resident = "Resident";
    public const string BackOffice = "BackOffice";
    public const string Admin = "Admin";
    public const string Kiosk = "Kiosk";

    public static void Add(AuthorizationOptions options)
    {
        options.AddPolicy(SignedIn, p => p.RequireAuthenticatedUser());
        options.AddPolicy(Resident, p => p.RequireRole(Roles.Resident));
        options.AddPolicy(BackOffice, p => p.RequireRole(Roles.Staff, Roles.Admin));
        options.AddPolicy(Admin, p => p.RequireRole(Roles.Admin));
        options.AddPolicy(Kiosk, p => p.RequireRole(Roles.Kiosk));
    }

    /// <summary>The page each role lands on after signing in.</summary>
    public static string HomeOf(Role role) => role switch
    {
        Role.Resident => "/",
        Role.Staff => "/staff",
        Role.Admin => "/admin",
        Role.Kiosk => "/kiosk",
        _ => "/",
    };
}
