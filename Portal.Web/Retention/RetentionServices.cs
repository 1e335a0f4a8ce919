using Microsoft.Extensions.Options;
using Portal.Core.Retention;

namespace Portal.Web.Retention;

public static class RetentionServices
{
    /// <summary>Retention: the city's periods (Retention section, checked at start), the store and the nightly job.</summary>
    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration config)
    {
        services.Configure<RetentionOptions>(config.GetSection(RetentionOptions.Section));
        services.AddSingleton(sp => new RetentionPolicy(sp.GetRequiredService<IOptions<RetentionOptions>>().Value));
        services.AddSingleton<RetentionService>();
        services.AddHostedService<RetentionJob>();
        return services;
    }
}
