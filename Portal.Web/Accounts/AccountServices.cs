using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Support;
using Portal.Web.Accounts.DataCare;

namespace Portal.Web.Accounts;

public static class AccountServices
{
    /// <summary>
    /// Accounts: sign-up and sign-in rules, the audit trail every capability writes through, account recovery and
    /// two-factor sign-in, data care (a resident's export and account deletion, docs/privacy.md), and resident support
    /// (staff open one resident's record with a stated reason, audited).
    /// </summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(LockoutPolicy.Default);
        services.AddSingleton<IPasswordHasher, AspNetPasswordHasher>();
        services.AddSingleton<AuditTrail>();
        // Ward scope: what each back-office account may read and act on, from the stored account (docs/architecture.md).
        services.AddSingleton<StaffScopes>();
        services.AddSingleton<AccountService>();
        services.AddAccountSecurity(config);
        services.AddSingleton<AccountDeletionService>();
        services.AddSingleton<AccountDataExport>();
        services.AddSingleton<ResidentSupportService>();
        return services;
    }
}
