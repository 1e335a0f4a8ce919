using Microsoft.Playwright;

[assembly: AssemblyFixture(typeof(Portal.Tests.Browser.ChromiumFixture))]

namespace Portal.Tests.Browser;

/// <summary>
/// One headless Chromium for the whole test run: Debian's chromium package, never a browser that Playwright
/// downloads. Playwright's driver (node and its JavaScript) ships inside the Microsoft.Playwright package
/// and is copied next to the test assembly, so no "playwright install" step is needed. The browser starts
/// on first use, so a run without browser tests never starts it; where there is no Chromium every browser
/// test is skipped with the reason.
/// </summary>
public sealed class ChromiumFixture : IAsyncDisposable
{
    public const string DefaultPath = "/usr/bin/chromium";
    public const string PathVariable = "PORTAL_CHROMIUM";

    private static readonly string[] Arguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--no-first-run", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly SemaphoreSlim _gate = new(1, 1);
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public static string ExecutablePath =>
        Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? path : DefaultPath;

    /// <summary>Why browser tests cannot run here, or null when Chromium is installed.</summary>
    public static string? MissingReason => File.Exists(ExecutablePath)
        ? null
        : $"Chromium not found at {ExecutablePath}: install Debian's chromium package (.ci/run does) to run browser tests";

    /// <summary>Skips the calling test, with the reason (the runner prints it), when there is no Chromium.</summary>
    public static void SkipUnlessInstalled()
    {
        if (MissingReason is { } reason) Infrastructure.Skips.Because(reason);
    }

    /// <summary>The shared browser; skips the calling test when there is no Chromium.</summary>
    public async Task<IBrowser> GetBrowserAsync()
    {
        SkipUnlessInstalled();
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            if (_browser is { IsConnected: true }) return _browser;
            _playwright ??= await Playwright.CreateAsync();
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ExecutablePath,
                Headless = true,
                Args = Arguments,
                Timeout = 60_000,
            });
            return _browser;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// A browser of its own with a profile on disk, for what Chromium only does outside an incognito profile (every
    /// context of the shared browser is one): deciding whether a site can be installed. The caller closes it.
    /// </summary>
    public async Task<IBrowserContext> LaunchWithProfileAsync(string profileFolder, BrowserTypeLaunchPersistentContextOptions options)
    {
        SkipUnlessInstalled();
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            _playwright ??= await Playwright.CreateAsync();
        }
        finally
        {
            _gate.Release();
        }
        options.ExecutablePath = ExecutablePath;
        options.Headless = true;
        options.Args = Arguments;
        options.Timeout = 60_000;
        return await _playwright.Chromium.LaunchPersistentContextAsync(profileFolder, options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null) await _browser.CloseAsync();
        _playwright?.Dispose();
        _gate.Dispose();
    }
}
