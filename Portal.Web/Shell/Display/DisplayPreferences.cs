namespace Portal.Web.Shell.Display;

/// <summary>How large the portal's text is: 100 %, 125 % and 150 % of the browser's own size (css/display.css).</summary>
public enum TextSize { Standard, Large, ExtraLarge }

/// <summary>
/// A browser's text size and contrast, kept in a cookie so that the server renders the first paint right: the page's
/// &lt;html&gt; element carries <see cref="TextSizeAttribute"/> and <see cref="ContrastAttribute"/>, which css/display.css
/// turns into the root font size and the high-contrast colours. The cookie is readable by script (the offline page
/// applies it) and holds nothing but these two choices: "standard.normal", "x-large.high".
/// </summary>
public sealed record DisplayPreferences(TextSize TextSize, bool HighContrast)
{
    public const string CookieName = ".ChibaPortal.Display";

    /// <summary>The attribute names on &lt;html&gt;; a light page that renders its own &lt;html&gt; sets them from <see cref="From"/>.</summary>
    public const string TextSizeAttributeName = "data-text-size";
    public const string ContrastAttributeName = "data-contrast";

    public static readonly DisplayPreferences Standard = new(TextSize.Standard, false);

    public static readonly IReadOnlyList<TextSize> Sizes = Enum.GetValues<TextSize>();

    public static DisplayPreferences From(HttpRequest request) => Parse(request.Cookies[CookieName]);

    public static DisplayPreferences Parse(string? value)
    {
        var parts = (value ?? "").Split('.');
        return new DisplayPreferences(
            ParseSize(parts[0]) ?? TextSize.Standard,
            parts is [_, "high"]);
    }

    /// <summary>The size a form or the cookie names ("standard", "large", "x-large"), or null for anything else.</summary>
    public static TextSize? ParseSize(string? name) => Sizes.Cast<TextSize?>().FirstOrDefault(size => NameOf(size!.Value) == name);

    public static string NameOf(TextSize size) => size switch
    {
        TextSize.Large => "large",
        TextSize.ExtraLarge => "x-large",
        _ => "standard",
    };

    public string CookieValue => NameOf(TextSize) + "." + (HighContrast ? "high" : "normal");

    /// <summary>The value of data-text-size on &lt;html&gt;; none at the standard size.</summary>
    public string? TextSizeAttribute => TextSize == TextSize.Standard ? null : NameOf(TextSize);

    /// <summary>The value of data-contrast on &lt;html&gt;; none at the normal contrast.</summary>
    public string? ContrastAttribute => HighContrast ? "high" : null;
}
