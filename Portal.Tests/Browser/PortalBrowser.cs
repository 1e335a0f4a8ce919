using System.Net;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// One person's browser: its own context (cookies, language) and one page on a portal server. Every page a
/// test visits through <see cref="VisitAndCheckAsync"/> is checked with axe-core and for horizontal
/// overflow in both languages, switching between them with the page's own language switch.
/// </summary>
public sealed class PortalBrowser : IAsyncDisposable
{
    public const string Japanese = "ja";
    public const string English = "en";

    /// <summary>A phone held upright (the size of a common recent model).</summary>
    public static readonly ViewportSize Phone = new() { Width = 390, Height = 844 };

    public static readonly ViewportSize Desktop = new() { Width = 1280, Height = 900 };

    private PortalBrowser(IBrowserContext context, IPage page, Uri server)
    {
        Context = context;
        Page = page;
        Server = server;
    }

    public IBrowserContext Context { get; }
    public IPage Page { get; }
    public Uri Server { get; }

    public static async Task<PortalBrowser> OpenAsync(ChromiumFixture chromium, Uri server, ViewportSize? viewport = null)
    {
        var browser = await chromium.GetBrowserAsync();
        var phone = viewport is { Width: < 600 };
        var context = await browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = server.ToString(),
            ViewportSize = viewport ?? Desktop,
            IsMobile = phone,
            HasTouch = phone,
            Locale = "ja-JP",
            TimezoneId = "Asia/Tokyo",
        });
        // Tests talk to the portal on 127.0.0.1 only: anything else (map tiles from the internet) is refused
        // at once, rather than left to hang on a closed network and hold up the page's load event.
        var origin = server.GetLeftPart(UriPartial.Authority);
        await context.RouteAsync(url => !url.StartsWith(origin, StringComparison.Ordinal), route => route.AbortAsync());
        context.SetDefaultTimeout(30_000);
        context.SetDefaultNavigationTimeout(30_000);
        SetDefaultExpectTimeout(20_000);
        var page = await context.NewPageAsync();
        return new PortalBrowser(context, page, server);
    }

    /// <summary>The page's path and query, as a person would see it in the address bar.</summary>
    public string CurrentPath => new Uri(Page.Url).PathAndQuery;

    /// <summary>The language the portal answers this browser in now (the culture cookie); Japanese at first.</summary>
    public string Language { get; private set; } = Japanese;

    public static string Other(string language) => language == Japanese ? English : Japanese;

    /// <summary>
    /// Opens <paramref name="path"/> (following any redirect) and checks it in both languages: in the browser's
    /// language first, then in the other one after the real language switch, where the browser stays.
    /// <paramref name="inEachLanguage"/> adds the test's own checks for each language.
    /// </summary>
    public async Task VisitAndCheckAsync(string path, Func<string, Task>? inEachLanguage = null)
    {
        await Page.GotoAsync(path);
        await CheckBothLanguagesAsync(inEachLanguage);
    }

    /// <summary>Checks the page that is open now in its language, switches language and checks it again.</summary>
    public async Task CheckBothLanguagesAsync(Func<string, Task>? inEachLanguage = null)
    {
        await WaitUntilReadyAsync();
        await CheckCurrentPageAsync(Language, inEachLanguage);
        await SwitchLanguageAsync(Other(Language));
        await CheckCurrentPageAsync(Language, inEachLanguage);
    }

    private async Task CheckCurrentPageAsync(string language, Func<string, Task>? inEachLanguage)
    {
        var where = $"{CurrentPath} ({language}, {Page.ViewportSize?.Width}x{Page.ViewportSize?.Height})";
        if (inEachLanguage is not null) await inEachLanguage(language);
        await AssertNoHorizontalOverflowAsync(where);
        await Accessibility.AssertNoSeriousViolationsAsync(Page, where);
    }

    /// <summary>Opens the language menu in the page header, chooses <paramref name="language"/> and waits for the page to come back in it.</summary>
    public async Task SwitchLanguageAsync(string language)
    {
        var menu = Page.Locator("details.language-menu");
        if (await menu.GetAttributeAsync("open") is null) await Page.Locator(".language-menu-button").ClickAsync();
        var option = Page.Locator($"button.language-option[value=\"{language}\"]");
        await Expect(option).ToHaveTextAsync(PortalText.Get("Language_Name", language));
        await option.ClickAsync();
        Language = language;
        await WaitUntilReadyAsync();
    }

    /// <summary>
    /// Waits for the page to be in the browser's language, loaded, and (for interactive pages) running on
    /// its circuit. The interactive router's FocusOnNavigate moves focus to the h1 after its first interactive
    /// render, and gives the h1 a tabindex to do so: that is the sign that the circuit is up.
    /// </summary>
    public async Task WaitUntilReadyAsync()
    {
        await Expect(Page.Locator("html")).ToHaveAttributeAsync("lang", Portal.Web.Hosting.PortalCultures.HtmlLangOf(Language));
        await Page.WaitForLoadStateAsync(LoadState.Load);
        if (await IsInteractivePageAsync())
            await Expect(Page.Locator("h1[tabindex]").First).ToBeAttachedAsync();
        // A static page's islands (the bell, For You's forms) each start on the circuit of their own.
        await Expect(Page.Locator("[data-island]:not([data-interactive])")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// Static pages use the plain static layout (sign-in, sign-up, password) or the main layout marked
    /// data-static-page (/points, /for-you, /reports: static HTML with interactive islands); every other page is interactive.
    /// </summary>
    public async Task<bool> IsInteractivePageAsync() =>
        await Page.Locator("header.static-bar, main[data-static-page]").CountAsync() == 0;

    /// <summary>
    /// The window is as wide as the viewport the test asked for, the page is no wider than the window
    /// (document.documentElement.scrollWidth &lt;= window.innerWidth), and no visible element is cut off at the
    /// window's right edge, as a fixed app bar or a scrolling table would be without widening the document.
    /// The first check matters on a phone: Chromium with IsMobile widens its layout viewport to fit a page that is
    /// too wide (zoomed out, as a phone shows it), and then scrollWidth and innerWidth agree although the page
    /// does not fit the 390 px screen.
    /// </summary>
    public async Task AssertNoHorizontalOverflowAsync(string where)
    {
        var widths = await Page.EvaluateAsync<int[]>("() => [document.documentElement.scrollWidth, window.innerWidth]");
        var cutOff = await CutOffElementsAsync();
        if (Page.ViewportSize is { Width: var intended })
            Assert.True(widths[1] == intended,
                $"{where} made the browser widen its window from {intended} to {widths[1]} px to fit the page (scrollWidth {widths[0]}). " +
                $"Past the edge: {await CutOffElementsAsync(intended)}");
        Assert.True(widths[0] <= widths[1],
            $"{where} is wider than the window: scrollWidth {widths[0]} > innerWidth {widths[1]}. Past the edge: {cutOff}");
        Assert.True(cutOff.Length == 0, $"{where} has elements cut off at the window's right edge ({widths[1]}px): {cutOff}");
    }

    /// <summary>
    /// For a screen that shows everything at once and is never scrolled (a kiosk's ticket machine, a calling board):
    /// the page scrolls neither way, no visible element reaches past the window's right or bottom edge, and within
    /// <paramref name="root"/> no element's content overflows its own box (text spilling over a neighbour or clipped).
    /// </summary>
    public async Task AssertFitsTheScreenAsync(string where, string root)
    {
        var sizes = await Page.EvaluateAsync<int[]>(
            "() => [document.documentElement.scrollWidth, document.documentElement.scrollHeight, window.innerWidth, window.innerHeight]");
        var cutOff = await CutOffElementsAsync(bottom: sizes[3]);
        var overflowing = await OverflowingElementsAsync(root);
        Assert.True(sizes[0] <= sizes[2] && sizes[1] <= sizes[3],
            $"{where} scrolls: the page is {sizes[0]}x{sizes[1]} px in a {sizes[2]}x{sizes[3]} window. Past the edges: {cutOff}");
        Assert.True(cutOff.Length == 0, $"{where} has elements cut off at the window's edges ({sizes[2]}x{sizes[3]}): {cutOff}");
        Assert.True(overflowing.Length == 0, $"{where} has content overflowing its box: {overflowing}");
    }

    /// <summary>
    /// Visible elements that reach past <paramref name="edge"/> px (the window's width when not given), or past
    /// <paramref name="bottom"/> px when given.
    /// </summary>
    private Task<string> CutOffElementsAsync(int? edge = null, int? bottom = null) => Page.EvaluateAsync<string>("""
        ([edge, bottom]) => {
            const right = edge ?? window.innerWidth;
            // An element inside a box that clips its content (a map's layers, say) is only seen within that box.
            const clippedInside = (e, overflow, within) => {
                for (let a = e.parentElement; a && a !== document.body; a = a.parentElement) {
                    const style = getComputedStyle(a);
                    if (['hidden', 'clip'].includes(style[overflow]) && within(a.getBoundingClientRect())) return true;
                }
                return false;
            };
            return [...document.querySelectorAll('body *')]
            .filter(e => {
                const r = e.getBoundingClientRect();
                if (r.width <= 0 || !e.checkVisibility({ opacityProperty: true, visibilityProperty: true })) return false;
                const pastRight = r.right > right + 1 && !clippedInside(e, 'overflowX', box => box.right <= right + 1);
                const pastBottom = bottom != null && r.bottom > bottom + 1 && !clippedInside(e, 'overflowY', box => box.bottom <= bottom + 1);
                return pastRight || pastBottom;
            })
            .slice(0, 8)
            .map(e => {
                const r = e.getBoundingClientRect();
                return `<${e.tagName.toLowerCase()}${e.id ? ' id=' + e.id : ''} class="${e.className?.baseVal ?? e.className}"> right ${Math.round(r.right)} bottom ${Math.round(r.bottom)}`;
            })
            .join(', ');
        }
        """, new object?[] { edge, bottom });

    /// <summary>Visible elements within <paramref name="root"/> whose content is larger than their own box.</summary>
    private Task<string> OverflowingElementsAsync(string root) => Page.EvaluateAsync<string>("""
        root => [...document.querySelectorAll(root + ', ' + root + ' *')]
            .filter(e => e instanceof HTMLElement && e.clientWidth > 1 && e.clientHeight > 1
                && e.checkVisibility({ opacityProperty: true, visibilityProperty: true })
                && (e.scrollWidth > e.clientWidth + 1 || e.scrollHeight > e.clientHeight + 1))
            .slice(0, 8)
            .map(e => `<${e.tagName.toLowerCase()} class="${e.className}"> content ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}: ${e.innerText.slice(0, 40)}`)
            .join(', ')
        """, root);

    /// <summary>
    /// Signs in through the real sign-in form and waits for <paramref name="expectedPath"/>, the role's home page.
    /// Both pages are checked like any visited page; <paramref name="onLanding"/> adds checks of the landing page.
    /// </summary>
    public async Task SignInAsync(UserAccount account, string expectedPath, Func<string, Task>? onLanding = null)
    {
        await VisitAndCheckAsync("/account/signin");
        await Page.Locator("#email").FillAsync(account.Email);
        await Page.Locator("#password").FillAsync(PortalAppFactory.Password);
        await Page.Locator("form.static-form:has(#email) button[type=submit]").ClickAsync();
        await Page.WaitForURLAsync(url => new Uri(url).AbsolutePath == expectedPath);
        await CheckBothLanguagesAsync(onLanding);
    }

    /// <summary>
    /// Signs in without the form, for tests about other pages: the real sign-in form is posted over HTTP and the
    /// session cookie it sets goes into this browser. Nothing is visited; the next visit is signed in.
    /// </summary>
    public async Task SignInQuietlyAsync(UserAccount account)
    {
        var cookies = new CookieContainer();
        using var client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies, UseCookies = true })
        {
            BaseAddress = Server,
        };
        using var response = await PortalAppFactory.PostSignInAsync(client, account.Email, PortalAppFactory.Password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var session = cookies.GetCookies(Server)[".ChibaPortal.Session"]
            ?? throw new InvalidOperationException("Signing in set no session cookie.");
        await Context.AddCookiesAsync([new Microsoft.Playwright.Cookie
        {
            Name = session.Name, Value = session.Value, Url = Server.GetLeftPart(UriPartial.Authority) + "/",
            HttpOnly = true, SameSite = SameSiteAttribute.Lax,
        }]);
    }

    /// <summary>
    /// Waits for a MudTable's rows from the server (cells carry data-label; the no-results row does not).
    /// The tables the tests open always have a row: the signed-in account and its sign-in are in them.
    /// </summary>
    public async Task WaitForTableRowsAsync() =>
        await Expect(Page.Locator(".mud-table-body td[data-label]").First).ToBeAttachedAsync();

    /// <summary>The text of the page's h1, once it has one.</summary>
    public async Task<string> HeadingAsync()
    {
        var heading = Page.Locator("h1").First;
        await Expect(heading).ToBeVisibleAsync();
        return (await heading.InnerTextAsync()).Trim();
    }

    public async ValueTask DisposeAsync() => await Context.CloseAsync();
}
