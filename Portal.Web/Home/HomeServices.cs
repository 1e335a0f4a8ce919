using Portal.Core.Home;

namespace Portal.Web.Home;

public static class HomeServices
{
    /// <summary>The resident's home: each card's part read through its capability's own service (Portal.Core/Home).</summary>
    public static IServiceCollection AddHome(this IServiceCollection services) => services.AddSingleton<ResidentHomeService>();
}
