using Portal.Core.Legal;
using Portal.Core.Retention;

namespace Portal.Web.Legal;

public static class PolicyServices
{
    /// <summary>
    /// The published documents (built in, Legal/Documents), the acceptance rule and store, sign-up with the versions
    /// accepted, the gate that asks residents to accept a new version, and the accessibility audit shown on /accessibility.
    /// </summary>
    public static IServiceCollection AddPolicies(this IServiceCollection services)
    {
        services.AddSingleton(PolicyLibrary.Embedded);
        services.AddSingleton(sp => sp.GetRequiredService<PolicyLibrary>().Catalog);
        services.AddSingleton(sp => PolicyFacts.From(sp.GetRequiredService<RetentionPolicy>()));
        services.AddSingleton<PolicyRenderer>();
        services.AddSingleton<PolicyAcceptanceService>();
        services.AddSingleton<ResidentSignUpService>();
        services.AddSingleton<PolicyGate>();
        services.AddSingleton(AccessibilityAudit.Embedded);
        return services;
    }
}
