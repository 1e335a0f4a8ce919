using Portal.Core.Benefits;

namespace Portal.Web.Benefits;

public static class ForYouServices
{
    /// <summary>For You: the register and its import, consents, the benefit rules and their texts, and the nightly evaluation.</summary>
    public static IServiceCollection AddForYou(this IServiceCollection services)
    {
        services.AddSingleton<ForYouService>();
        services.AddSingleton<RegisterImportService>();
        services.AddSingleton<BenefitTranslationService>();
        services.AddSingleton<BenefitAdminService>();
        services.AddSingleton<EligibilityRun>();
        services.AddSingleton<EligibilityRunner>();
        services.AddHostedService<NightlyEligibilityJob>();
        return services;
    }
}
