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

    /// <summary>The text of a whole HTML page's body, without readings.</summary>
    public static string ShownIn(string html) => Page(html).Body!.ShownText();
}
