using Microsoft.Playwright;

namespace Portal.Bench.Load;

/// <summary>
/// A few ticket pages in a real headless Chromium (Debian's, as the browser tests use), in the same run as the
/// protocol clients: each page's MutationObserver notes Date.now() when the number called appears in its "now
/// calling" list, so the bench can compare with the protocol clients' times on the same clock.
/// </summary>
public sealed class ChromiumTicketPages : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private const string Observe = """
        () => {
          window.__benchExpect = null;
          window.__benchSeen = 0;
          const look = () => {
            const list = document.querySelector("[data-testid=now-calling]");
            if (window.__benchExpect && !window.__benchSeen && list && list.textContent.includes(window.__benchExpect)) window.__benchSeen = Date.now();
          };
          new MutationObserver(look).observe(document.body, { subtree: true, childList: true, characterData: true });
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly List<IPage> _pages = [];

    private ChromiumTicketPages(IPlaywright playwright, IBrowser browser)
    {
        _playwright = playwright;
        _browser = browser;
    }

    public static string? MissingReason => File.Exists(ExecutablePath) ? null : $"no Chromium at {ExecutablePath}";

    public static async Task<ChromiumTicketPages> OpenAsync(Uri site, IEnumerable<string> tokens)
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-dev-shm-usage"],
            Timeout = 60_000,
        });
        var pages = new ChromiumTicketPages(playwright, browser);
        foreach (var token in tokens)
        {
            var context = await browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = site.ToString(), Locale = "ja-JP" });
            var page = await context.NewPageAsync();
            await page.GotoAsync($"queue/t/{token}");
            // The router focuses the h1 after the first interactive render: the circuit is up (as PortalBrowser waits).
            await page.Locator("h1[tabindex]").First.WaitForAsync(new LocatorWaitForOptions { State = WaitForSelectorState.Attached, Timeout = 120_000 });
            await page.EvaluateAsync(Observe);
            pages._pages.Add(page);
        }
        return pages;
    }

    public int Count => _pages.Count;

    /// <summary>From now on, each page notes when <paramref name="display"/> appears among the numbers called.</summary>
    public Task ExpectAsync(string display) =>
        Task.WhenAll(_pages.Select(p => p.EvaluateAsync("d => { window.__benchSeen = 0; window.__benchExpect = d; }", display)));

    /// <summary>Date.now() at which each page showed the number, 0 where it has not yet.</summary>
    public async Task<long[]> SeenAsync() => await Task.WhenAll(_pages.Select(p => p.EvaluateAsync<long>("() => window.__benchSeen")));

    public async ValueTask DisposeAsync()
    {
        await _browser.CloseAsync();
        _playwright.Dispose();
    }
}
