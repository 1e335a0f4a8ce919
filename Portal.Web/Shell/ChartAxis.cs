using Portal.Web.Languages;

namespace Portal.Web.Shell;

/// <summary>
/// Labels for the axis of a MudBlazor bar or line chart. MudBlazor 9 writes those labels into the chart's SVG as
/// markup, not as text, so a category, ward or service name written like <c>&lt;img …&gt;</c> became an element.
/// Every axis label goes through here: encoded once, the browser shows it as the very text it is. (Donut and pie
/// legends render their labels as text and take them as they are.)
/// </summary>
public static class ChartAxis
{
    public static string[] Labels(IEnumerable<string> texts) => texts.Select(Ruby.Encode).ToArray();
}
