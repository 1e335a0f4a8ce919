using Microsoft.Playwright;

namespace Portal.Bench.Load;

/// <summary>
/// A few interactive pages in a real headless Chromium (Debian's, as the browser tests use), in the same run as the
/// protocol clients: each page's MutationObserver notes Date.now() when the element a selector names shows the
/// expected text, so the bench can compare with the protocol clients' times on the same clock.
/// </summary>
public sealed class ChromiumPages : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private const string Observe = """
        selector => {
          window.__benchExpect = null;
          window.__benchSeen = 0;
          const look = () => {
            const shown = document.querySelector(selector);
            if (window.__benchExpect && !window.__benchSeen && shown && shown.textContent.trim() === window.__benchExpect) window.__benchSeen = Date.now();
          };
          new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IPage> _pages = [];

    private ChromiumPages(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string? MissingReason => File.Exists(ExecutablePath) ? null : $"no Chromium at {ExecutablePath}";

    /// <summary>Opens <paramref name="count"/> tabs of <paramref name="path"/>, each in its own context with <paramref name="cookie"/> (a Cookie header) if given.</summary>
    public static async Task<ChromiumPages> OpenAsync(Uri site, string path, int count, string? cookie, string watchedSelector)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
        var pages = new ChromiumPages(playwright, browser);
        var cookies = (cookie ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(c => c.Split('=', 2)).Where(p => p.Length == 2)
            .Select(p => new Cookie { Name = p[0], Value = p[1], Url = site.ToString() }).ToList();
        for (var i = 0; i < count; i++)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.ToString(), Locale = "ja-JP" });
            if (cookies.Count > 0) await context.AddCookiesAsync(cookies);
            var page = await context.NewPageAsync();
            await page.GotoAsync(path);
            // The router focuses the h1 after the first interactive render: the circuit is up (as PortalBrowser waits).
            await page.Locator("h1[tabindex]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            await page.EvaluateAsync(Observe, watchedSelector);
            pages._pages.Add(page);
        }
        return pages;
    }

    public int Count => _pages.Count;

    /// <summary>From now on, each page notes when the watched element shows <paramref name="text"/>.</summary>
    public Task ExpectAsync(string text) =>
        Task.WhenAll(_pages.Select(p => p.EvaluateAsync("d => { window.__benchSeen = 0; window.__benchExpect = d; }", text)));

    /// <summary>Date.now() at which each page showed the text, 0 where it has not yet.</summary>
    public async Task<long[]> SeenAsync() => await Task.WhenAll(_pages.Select(p => p.EvaluateAsync<long>("() => window.__benchSeen")));

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
