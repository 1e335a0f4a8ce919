using Microsoft.AspNetCore.Components;

namespace Portal.Web.Reports.Map;

/// <summary>
/// The map script and Leaflet by their fingerprinted URLs (cached for a year): report-map.js loads Leaflet's script and
/// stylesheet itself with the first map, so only pages that show a map fetch them.
/// </summary>
internal static class MapScript
{
    /// <summary>The path to import report-map.js from (relative to the base href, as Blazor's import expects).</summary>
    public static string Module(ResourceAssetCollection assets) => "./" + assets["js/report-map.js"];

    /// <summary>The URLs report-map.js loads Leaflet from, passed with each map's options.</summary>
    public static object Leaflet(ResourceAssetCollection assets) => new { js = assets["lib/leaflet/leaflet.js"], css = assets["lib/leaflet/leaflet.css"] };
}
