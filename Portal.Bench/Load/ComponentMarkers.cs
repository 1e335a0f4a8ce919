using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Portal.Bench.Load;

/// <summary>
/// What a prerendered interactive page hands its circuit, read from the HTML the way blazor.web.js reads the DOM:
/// the server component markers (<c>&lt;!--Blazor:{"type":"server",...}--&gt;</c>, each closed by a marker with only
/// its prerenderId) and the persisted component state (<c>&lt;!--Blazor-Server-Component-State:...--&gt;</c>).
/// </summary>
public sealed partial record ComponentMarkers(IReadOnlyList<JsonObject> ServerComponents, string ApplicationState)
{
    [GeneratedRegex(@"<!--Blazor:(?<json>\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerPattern();

    [GeneratedRegex(@"<!--\s*Blazor-Server-Component-State:(?<state>[A-Za-z0-9+/=]+)\s*-->")]
    private static partial Regex StatePattern();

    public static ComponentMarkers Parse(string html)
    {
        var components = new List<JsonObject>();
        foreach (Match match in MarkerPattern().Matches(html))
        {
            // End markers carry only the prerenderId; start markers say which renderer they are for.
            if (JsonNode.Parse(match.Groups["json"].Value) is JsonObject marker && marker["type"]?.GetValue<string>() == "server")
                components.Add(marker);
        }
        var state = StatePattern().Match(html);
        return new ComponentMarkers(components, state.Success ? state.Groups["state"].Value : "");
    }

    /// <summary>
    /// The first UpdateRootComponents message: one "add" per server component in document order, numbered from 1
    /// (ssrComponentId) with the marker as the page found it plus its uniqueId, numbered from 0.
    /// </summary>
    public string AddOperations(int batchId = 1)
    {
        var operations = new JsonArray();
        for (var i = 0; i < ServerComponents.Count; i++)
        {
            var marker = (JsonObject)ServerComponents[i].DeepClone();
            marker["uniqueId"] = i;
            operations.Add(new JsonObject { ["type"] = "add", ["ssrComponentId"] = i + 1, ["marker"] = marker });
        }
        return new JsonObject { ["batchId"] = batchId, ["operations"] = operations }.ToJsonString();
    }

    /// <summary>The hidden inputs of a static form (antiforgery token, handler name), decoded, by name.</summary>
    public static Dictionary<string, string> HiddenInputs(string html)
    {
        var fields = new Dictionary<string, string>();
        foreach (Match input in InputPattern().Matches(html))
        {
            var tag = input.Value;
            if (Attribute(tag, "type") != "hidden" || Attribute(tag, "name") is not { } name) continue;
            fields[name] = Attribute(tag, "value") ?? "";
        }
        return fields;
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $@"\s{name}=""(?<value>[^""]*)""");
        return match.Success ? WebUtility.HtmlDecode(match.Groups["value"].Value) : null;
    }

    [GeneratedRegex(@"<input\b[^>]*>")]
    private static partial Regex InputPattern();
}
