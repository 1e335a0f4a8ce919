namespace Portal.Core.Accounts;

/// <summary>The four kinds of account. Stored by name, so the order here carries no meaning.</summary>
public enum Role
{
    Resident,
    Staff,
    Admin,
    Kiosk,
}

public static class Roles
{
    public const string Resident = nameof(Role.Resident);
    public const string Staff = nameof(Role.Staff);
    public const string Admin = nameof(Role.Admin);
    public const string Kiosk = nameof(Role.Kiosk);

    /// <summary>Staff and kiosk accounts work for one ward office; residents and admins belong to none.</summary>
    public static bool NeedsOffice(Role role) => role is Role.Staff or Role.Kiosk;
}
