using System.Text.RegularExpressions;

namespace Portal.Tests.Home;

/// <summary>The admin settings hub links every configuration page under /admin.</summary>
public sealed partial class AdminHubTests
{
    private static string Root
    {
        get
        {
            var dir = new DirectoryInfo(AppContext.BaseDirectory);
            while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) dir = dir.Parent;
            return dir?.FullName ?? throw new InvalidOperationException("ChibaPortal.sln not found.");
        }
    }

    [GeneratedRegex("""@page\s+"(/admin/[^"{]+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex AdminPage();

    private static IReadOnlyList<string> AdminRoutes() =>
        Directory.EnumerateFiles(Path.Combine(Root, "Portal.Web"), "*.razor", SearchOption.AllDirectories)
            .SelectMany(f => AdminPage().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Distinct().Order().ToList();

    [Fact]
    public void Every_admin_page_without_parameters_is_linked_from_the_hub()
    {
        var routes = AdminRoutes();
        // The scan itself must see the pages it guards, or an empty result would pass.
        Assert.Contains("/admin/queues", routes);
        Assert.Contains("/admin/points/catalogue", routes);
        var hub = File.ReadAllText(Path.Combine(Root, "Portal.Web", "Home", "AdminHome.razor"));
        var missing = routes.Where(r => !hub.Contains($"Href=\"{r}\"", StringComparison.Ordinal)).ToList();
        Assert.True(missing.Count == 0, "The admin hub does not link: " + string.Join(", ", missing));
    }

    [Fact]
    public void Routes_with_parameters_are_left_out_of_the_scan()
    {
        var routes = AdminRoutes();
        Assert.DoesNotContain(routes, r => r.Contains('{'));
        Assert.DoesNotContain("/admin/points/residents/", routes);
    }
}
