using System.Net;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;
using Portal.Core.Accounts;
using Portal.Tests.Infrastructure;
using Portal.Web.Security;
using static Microsoft.Playwright.Assertions;

namespace Portal.Tests.Browser;

/// <summary>
/// A page left open across a server restart (a deployment, a crash) must come back by itself: kiosks in ward
/// offices have nobody to press reload. The test restarts the portal for real: it stops the server and starts a
/// new one on the same port and data folder, which knows nothing of the page's circuit.
/// </summary>
public sealed class ReconnectTests(ChromiumFixture chromium)
{
    [Fact]
    public async Task An_open_page_reloads_by_itself_after_a_server_restart_and_works_again()
    {
        ChromiumFixture.SkipUnlessInstalled();
        var dataFolder = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));
        RestartablePortalServer? server = null;
        try
        {
            server = new RestartablePortalServer(dataFolder, port: 0);
            var address = server.ServerAddress;
            var kiosk = await server.CreateAccountAsync(Role.Kiosk);
            await using var browser = await PortalBrowser.OpenAsync(chromium, address);
            var page = browser.Page;
            await browser.SignInQuietlyAsync(kiosk);
            await browser.VisitAndCheckAsync(Policies.HomeOf(Role.Kiosk));
            await AssertClockTicksAsync(page);
            var office = await browser.HeadingAsync();

            // A mark that only this copy of the page carries: a reload clears it.
            await page.EvaluateAsync("() => { window.portalBeforeRestart = true; }");
            var reloaded = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            page.Load += (_, _) => reloaded.TrySetResult();

            await server.DisposeAsync();
            server = null;
            await Expect(page.Locator("#components-reconnect-modal")).ToBeVisibleAsync();
            await Accessibility.AssertNoSeriousViolationsAsync(page, $"/kiosk while reconnecting ({browser.Language})");

            server = new RestartablePortalServer(dataFolder, address.Port);
            Assert.Equal(address, server.ServerAddress);

            await reloaded.Task.WaitAsync(TimeSpan.FromSeconds(45), TestContext.Current.CancellationToken);
            await browser.WaitUntilReadyAsync();
            Assert.True(await page.EvaluateAsync<bool>("() => window.portalBeforeRestart === undefined"), "The page did not reload.");
            Assert.Equal("/kiosk", new Uri(page.Url).AbsolutePath);
            await Expect(page.Locator("#components-reconnect-modal")).ToBeHiddenAsync();
            // Still signed in (the keys and the database outlived the restart), and live on the new server's circuit.
            Assert.Equal(office, await browser.HeadingAsync());
            await AssertClockTicksAsync(page);
        }
        finally
        {
            if (server is not null) await server.DisposeAsync();
            SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>The kiosk clock is rendered on the server every second: it moves only while the circuit is alive.</summary>
    private static async Task AssertClockTicksAsync(IPage page)
    {
        var clock = page.Locator(".kiosk-clock");
        var shown = await clock.InnerTextAsync();
        await Expect(clock).Not.ToHaveTextAsync(shown, new() { Timeout = 10_000 });
    }

    /// <summary>A portal server on a chosen port and data folder, so that another can take its place.</summary>
    private sealed class RestartablePortalServer : PortalAppFactory
    {
        public RestartablePortalServer(string dataFolder, int port)
            : base(new Dictionary<string, string?> { ["Portal:DataFolder"] = dataFolder }) =>
            UseKestrel(k => k.Listen(IPAddress.Loopback, port));
    }
}
