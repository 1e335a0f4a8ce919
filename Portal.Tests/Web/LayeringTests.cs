using System.Reflection;
using System.Text.RegularExpressions;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

/// <summary>
/// The layers of docs/architecture.md, held by the build's output and the sources: Core decides and knows no web or
/// database; Data fulfils Core's contracts and knows no web; Web's pages and services ask for Core's contracts, and only
/// its composition root (Portal.Web/Hosting) names a type of the data layer.
/// </summary>
public sealed partial class LayeringTests
{
    private static IEnumerable<string> References(Type inAssembly) =>
        inAssembly.Assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Fact]
    public void Core_references_neither_the_web_nor_a_database()
    {
        var references = References(typeof(Portal.Core.Queues.TicketService)).ToList();
        Assert.DoesNotContain(references, r => r.StartsWith("Portal.", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        Assert.DoesNotContain(references, r => r is "Dapper" || r.StartsWith("Microsoft.Data", StringComparison.Ordinal));
    }

    [Fact]
    public void Data_references_Core_and_no_web()
    {
        var references = References(typeof(Portal.Data.DataServices)).ToList();
        Assert.Contains("Portal.Core", references);
        Assert.DoesNotContain(references, r => r is "Portal.Web" || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_the_composition_root_of_the_web_names_the_data_layer()
    {
        var web = SourceTree.PathOf("Portal.Web");
        var hosting = Path.Combine(web, "Hosting") + Path.DirectorySeparatorChar;
        var offenders = Directory.EnumerateFiles(web, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))
            .Where(f => !f.StartsWith(hosting, StringComparison.Ordinal) && !IsBuildOutput(web, f))
            .Where(f => DataNamespace().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(SourceTree.Root, f))
            .ToList();
        Assert.True(offenders.Count == 0, "Ask for the Core contract instead of the data layer in: " + string.Join(", ", offenders));
    }

    [Fact]
    public void Every_contract_the_web_asks_for_is_fulfilled_by_the_data_layer_s_own_wiring()
    {
        // The web host registers no repository itself: each Core contract the data layer implements is wired by
        // DataServices, so a new repository cannot be forgotten in one host and present in another.
        var data = typeof(Portal.Data.DataServices).Assembly;
        var implemented = data.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.Assembly == typeof(Portal.Core.Queues.TicketService).Assembly)
            .Distinct()
            .ToList();
        var services = new Microsoft.Extensions.DependencyInjection.ServiceCollection();
        Portal.Data.DataServices.AddPortalData(services, _ => throw new InvalidOperationException("not resolved here"));
        var wired = services.Select(d => d.ServiceType).ToHashSet();
        Assert.Empty(implemented.Where(i => !wired.Contains(i)).Select(i => i.FullName));
    }

    private static bool IsBuildOutput(string project, string file)
    {
        var relative = Path.GetRelativePath(project, file);
        return relative.StartsWith("bin" + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            || relative.StartsWith("obj" + Path.DirectorySeparatorChar, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\bPortal\.Data\b")]
    private static partial Regex DataNamespace();
}
