using System.Globalization;
using System.Reflection;
using Microsoft.AspNetCore.Components;

namespace Portal.Web.Legal;

/// <summary>
/// The portal's routable pages (every component with a [Route], that is an @page) and which of them a path opens:
/// "/reports/12/edit" is the page "/reports/{Id:long}/edit". Literal segments win over parameters, as in the router,
/// so "/reports/new" is not "/reports/{Id:long}"; the constraints the pages use (int, long, guid) are checked.
/// </summary>
public sealed class RouteTemplates
{
    private readonly List<(string Template, Segment[] Segments)> _routes;

    public RouteTemplates(IEnumerable<string> templates)
    {
        _routes = [.. templates.Distinct(StringComparer.Ordinal).Select(t => (t, Parse(t)))
            .OrderByDescending(r => r.Item2.Count(s => s.Literal is not null))
            .ThenByDescending(r => r.Item2.Count(s => s.Constraint is not null))];
    }

    /// <summary>Every route of every page in the portal.</summary>
    public static RouteTemplates Portal { get; } = new(PageTypes().SelectMany(t => t.GetCustomAttributes<RouteAttribute>()).Select(r => r.Template));

    public static IEnumerable<Type> PageTypes() =>
        typeof(RouteTemplates).Assembly.GetTypes().Where(t => typeof(IComponent).IsAssignableFrom(t) && t.IsDefined(typeof(RouteAttribute), false));

    public IEnumerable<string> All => _routes.Select(r => r.Template).Order(StringComparer.Ordinal);

    /// <summary>The template of the page <paramref name="path"/> opens (query and fragment ignored), or null.</summary>
    public string? Match(string path)
    {
        var clean = path.Split('?', '#')[0];
        var parts = clean.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray();
        foreach (var (template, segments) in _routes)
            if (Matches(segments, parts)) return template;
        return null;
    }

    private static bool Matches(Segment[] segments, string[] parts)
    {
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.CatchAll) return true;
            if (i >= parts.Length) return segments.Skip(i).All(s => s.Optional);
            if (segment.Literal is { } literal ? !string.Equals(literal, parts[i], StringComparison.OrdinalIgnoreCase) : !Fits(segment.Constraint, parts[i]))
                return false;
        }
        return parts.Length == segments.Length;
    }

    private static bool Fits(string? constraint, string value) => constraint switch
    {
        null => value.Length > 0,
        "int" => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "long" => long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out _),
        "guid" => Guid.TryParse(value, out _),
        "bool" => bool.TryParse(value, out _),
        _ => true,
    };

    private static Segment[] Parse(string template) =>
        [.. template.Trim('/').Split('/', StringSplitOptions.RemoveEmptyEntries).Select(part =>
        {
            if (!part.StartsWith('{')) return new Segment(part, null, false, false);
            var inner = part.Trim('{', '}');
            var catchAll = inner.StartsWith('*');
            var optional = inner.EndsWith('?');
            var pieces = inner.TrimStart('*').TrimEnd('?').Split(':');
            return new Segment(null, pieces.Length > 1 ? pieces[1].ToLowerInvariant() : null, optional, catchAll);
        })];

    private sealed record Segment(string? Literal, string? Constraint, bool Optional, bool CatchAll);
}
