using AngleSharp;
using AngleSharp.Dom;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Portal.Tests.Infrastructure;

/// <summary>
/// Text as a reader sees it on the line: easy Japanese shows readings over kanji as
/// &lt;ruby&gt;漢字&lt;rp&gt;(&lt;/rp&gt;&lt;rt&gt;かんじ&lt;/rt&gt;&lt;rp&gt;)&lt;/rp&gt;&lt;/ruby&gt;, and <c>TextContent</c> would run the
/// readings into the words (漢字(かんじ)). These read the words without the readings, so a test compares them with the
/// resource text as plain text (<c>PortalText.Get</c>, <c>RubyText.Plain</c>) in every language alike.
/// </summary>
public static class ReaderText
{
    /// <summary>The element's text without readings (&lt;rt&gt;) and their fallback brackets (&lt;rp&gt;).</summary>
    public static string ShownText(this IElement element)
    {
        if (element.QuerySelector("rt, rp") is null) return element.TextContent;
        var copy = (IElement)element.Clone();
        foreach (var reading in copy.QuerySelectorAll("rt, rp").ToList()) reading.Remove();
        return copy.TextContent;
    }

    /// <summary>Everything a rendered component shows, without readings.</summary>
    public static string ShownText<TComponent>(this IRenderedComponent<TComponent> component) where TComponent : IComponent =>
        string.Concat(component.Nodes.Select(node => node is IElement element ? element.ShownText() : node.TextContent));

    /// <summary>A whole HTML page (an HTTP test's response) as a document to query; read its elements with <see cref="ShownText(IElement)"/>.</summary>
    public static IDocument Page(string html) =>
        BrowsingContext.New(Configuration.Default).OpenAsync(request => request.Content(html)).GetAwaiter().GetResult();

    /// <summary>In a real browser: the element's text without readings (the first element the locator finds).</summary>
    public static Task<string> ShownTextAsync(this Microsoft.Playwright.ILocator locator) =>
        locator.First.EvaluateAsync<string>("e => { const c = e.cloneNode(true); c.querySelectorAll('rt, rp').forEach(r => r.remove()); return c.textContent; }");

    /// <summary>
    /// In a real browser: waits until the first element <paramref name="selector"/> finds shows <paramref name="expected"/>
    /// (readings aside, white space collapsed), or contains it, as <c>Expect(…).ToHaveTextAsync</c> waits for a plain
    /// text. The browser checks at each frame and finds the element again each time: a live update may replace it (a
    /// crowding page's rows are redrawn).
    /// </summary>
    public static async Task ExpectShownAsync(this Microsoft.Playwright.IPage page, string selector, string expected, bool contains = false)
    {
        var wanted = Collapse(expected);
        try
        {
            await page.WaitForFunctionAsync(ShownScript + """
                ([selector, wanted, contains]) => {
                    const e = document.querySelector(selector);
                    if (!e) return false;
                    const text = shown(e);
                    return contains ? text.includes(wanted) : text === wanted;
                }
                """, new object[] { selector, wanted, contains }, new() { Timeout = 15_000 });
        }
        catch (TimeoutException)
        {
            var now = await page.EvaluateAsync<string?>(ShownScript + "selector => { const e = document.querySelector(selector); return e ? shown(e) : null; }", selector);
            throw new Xunit.Sdk.XunitException($"{selector} shows \"{now ?? "(no such element)"}\"; expected it {(contains ? "to contain" : "to be")} \"{wanted}\".");
        }
    }

    /// <summary>Defines shown(e) for the function that follows: the element's text without readings, white space collapsed.</summary>
    private const string ShownScript = """
        const shown = e => { const c = e.cloneNode(true); c.querySelectorAll('rt, rp').forEach(r => r.remove()); return c.textContent.replace(/\s+/g, ' ').trim(); };

        """;

    private static string Collapse(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    /// <summary>
    /// Easy Japanese: text of the page outside any &lt;ruby&gt; that holds an easy-Japanese interface text written with readings, as
    /// plain: a short one where it stands as a word of its own ("中央区 · 2026/12/07", so that a resident's own words
    /// that merely contain a word like 道路 do not count), a longer fixed part between placeholders anywhere.
    /// Left aside: what is plain by nature (a title, an option, a text area, scripts) and what MudBlazor draws from a
    /// string parameter (a field's label and helper text, a table pager's words; docs/languages.md).
    /// </summary>
    public static List<string> BareInterfaceTexts(this IDocument page)
    {
        var found = new List<string>();
        var walker = page.CreateTreeWalker(page.Body!, FilterSettings.Text);
        for (var node = walker.ToNext(); node is not null; node = walker.ToNext())
        {
            var text = node.TextContent.Trim();
            if (text.Length == 0 || !text.Any(Portal.Core.Languages.RubyText.IsKanji) || node.ParentElement is not { } parent) continue;
            if (parent.Closest(PlainByNature) is not null) continue;
            var words = System.Text.RegularExpressions.Regex.Split(text, @"[\s·、,，:：/()（）]+");
            foreach (var (key, piece) in EasyPieces.Value)
                if (piece.Length >= LongPiece ? text.Contains(piece, StringComparison.Ordinal) : words.Contains(piece))
                {
                    found.Add($"{key} in <{parent.LocalName} class=\"{parent.ClassName}\">: {text}");
                    break;
                }
        }
        return found;
    }

    private const string PlainByNature = "ruby, title, option, textarea, script, style, template, .policy-text, [data-field], " +
        // MudBlazor's string parameters: a field's label (and its copy in the outline's notch), helper text, a table pager's words.
        ".mud-input-label, .mud-input-helper-text, .mud-input-outlined-border, .mud-table-pagination";

    /// <summary>Parts at least this long are the interface's own wherever they appear.</summary>
    private const int LongPiece = 4;

    /// <summary>Each easy-Japanese text that carries readings, plain, cut at its placeholders: (key, part with a kanji).</summary>
    private static readonly Lazy<(string Key, string Piece)[]> EasyPieces = new(ReadEasyPieces);

    private static (string, string)[] ReadEasyPieces()
    {
        var resources = new System.Resources.ResourceManager("Portal.Web.Resources.SharedResource", typeof(Portal.Web.SharedResource).Assembly);
        var set = resources.GetResourceSet(System.Globalization.CultureInfo.GetCultureInfo("ja-Easy"), createIfNotExists: true, tryParents: false)!;
        var pieces = new List<(string, string)>();
        foreach (System.Collections.DictionaryEntry entry in set)
        {
            if (entry.Value is not string written || !Portal.Core.Languages.RubyText.HasReadings(written)) continue;
            foreach (var piece in System.Text.RegularExpressions.Regex.Split(Portal.Core.Languages.RubyText.Plain(written), @"\{\d+[^}]*\}"))
                if (piece.Trim() is { Length: >= 2 } part && part.Any(Portal.Core.Languages.RubyText.IsKanji))
                    pieces.Add(((string)entry.Key, part));
        }
        Assert.True(pieces.Count > 500, $"only {pieces.Count} easy-Japanese texts with readings read");
        return [.. pieces.OrderByDescending(p => p.Item2.Length)];
    }

    /// <summary>The text of a whole HTML page's body, without readings.</summary>
    public static string ShownIn(string html) => Page(html).Body!.ShownText();
}
