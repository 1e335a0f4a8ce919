using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

/// <summary>Authorization is checked, not assumed: nothing is reachable without a decision about who may reach it.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class AuthorizationCoverageTests(PortalAppFactory app)
{
    // Endpoints the framework itself maps: Blazor's circuit hub and script, which every page needs.
    // The pages behind them are checked by AuthorizeRouteView with the page's own policy.
    // In Development and tests, static web assets add a fallback that serves files changed since the build.
    private static readonly string[] FrameworkPrefixes = ["/_blazor", "/_framework/", "{**path:file}"];

    public static IEnumerable<Type> RoutablePages() =>
        typeof(Program).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any());

    [Fact]
    public void Every_routable_page_names_a_policy_or_allows_anonymous_users()
    {
        var pages = RoutablePages().ToList();
        Assert.NotEmpty(pages);
        var missing = pages.Where(t => !t.IsDefined(typeof(AllowAnonymousAttribute)) &&
                                       t.GetCustomAttributes<AuthorizeAttribute>().All(a => string.IsNullOrEmpty(a.Policy)))
            .Select(t => t.FullName);
        Assert.Empty(missing);
    }

    [Fact]
    public async Task Every_policy_a_page_names_exists()
    {
        var options = app.Services.GetRequiredService<IOptions<AuthorizationOptions>>().Value;
        foreach (var policy in RoutablePages().SelectMany(t => t.GetCustomAttributes<AuthorizeAttribute>()).Select(a => a.Policy!).Distinct())
            Assert.NotNull(options.GetPolicy(policy));
        await Task.CompletedTask;
    }

    [Fact]
    public void Every_HTTP_endpoint_has_an_explicit_policy_or_allows_anonymous_users()
    {
        var endpoints = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>().ToList();
        Assert.Contains(endpoints, e => e.RoutePattern.RawText == "/healthz");
        var missing = endpoints
            .Where(e => !FrameworkPrefixes.Any(p => (e.RoutePattern.RawText ?? "").StartsWith(p, StringComparison.Ordinal)))
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null &&
                        !e.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => !string.IsNullOrEmpty(a.Policy)) &&
                        !e.Metadata.GetOrderedMetadata<AuthorizationPolicy>().Any())
            .Select(e => $"{e.DisplayName} ({e.RoutePattern.RawText})")
            .ToList();
        Assert.Empty(missing);
    }
}
