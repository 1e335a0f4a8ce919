using System.Diagnostics;
using System.Net;
using Microsoft.Data.Sqlite;
using Portal.Bench.Queues;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Web.Accounts;

namespace Portal.Bench.Load;

/// <summary>
/// What the load steps against the published portal share (`circuits`, `sse`): the run itself (the database they
/// hand the server, with the bench's office, staff member and tickets; the server; the load average and the server's
/// warnings), the staff member's sign-in through the form, and waiting for a condition or for quiet.
/// </summary>
public static class QueueLoadSetup
{
    public const string StaffPassword = "Bench-Staff-2026";


    /// <summary>Tickets a run with <paramref name="measuredRounds"/> calls needs called, at most: the warm-up's and the measured ones.</summary>
    public static int CalledTickets(int measuredRounds) => ServerWarmUp.MaxRounds + measuredRounds;

    /// <summary>
    /// One run of a load step: a fresh folder with the database and <paramref name="tickets"/> tickets, Portal.Web
    /// published and started on it, <paramref name="measure"/>, the server stopped, the result printed with the load
    /// average before and after and the server's warnings; the folder is deleted afterwards.
    /// </summary>
    public static async Task<T> RunAgainstPortalAsync<T>(string step, int tickets, Func<PortalServer, List<IssuedTicket>, Task<T>> measure, Action<T> print)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chiba-portal-bench", step + "-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            Console.WriteLine($"Preparing {tickets} tickets in {folder} ...");
            var issued = await PrepareAsync(folder, tickets);
            Console.WriteLine("Publishing Portal.Web (Release) ...");
            var published = await PortalServer.PublishAsync();
            await using var server = await PortalServer.StartAsync(published, folder);
            Console.WriteLine($"Portal running as process {server.ProcessId} at {server.Address}");
            var loadBefore = LoadAverages();
            var result = await measure(server, issued);
            await server.DisposeAsync();
            print(result);
            Console.WriteLine($"Load average (1, 5, 15 min) before: {loadBefore}; after: {LoadAverages()}");
            PrintServerLog(Path.Combine(folder, "server.log"));
            return result;
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    /// <summary>
    /// The database the server will open: migrated, with the bench's office and staff member, and the tickets, as the
    /// kiosk's TicketService.IssueAsync writes them; written before the server starts, so the plain tokens (which
    /// the database only holds hashed) are known to the bench as they are to the residents holding the receipts.
    /// All tickets are in one service: a ticket page shows the numbers called for its own service, so with one line
    /// every call changes every open page (the number called, the people ahead): the widest fan-out.
    /// </summary>
    private static async Task<List<IssuedTicket>> PrepareAsync(string folder, int tickets)
    {
        var clock = Stopwatch.StartNew();
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite),
            new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db"), Pooling = true }.ToString());
        db.Migrate();
        var office = await BenchQueueOffice.CreateAsync(db, new NoSignals(), new AspNetPasswordHasher().Hash(StaffPassword));
        var issued = await office.IssueAsync(tickets, services: 1);
        SqliteConnection.ClearAllPools();
        Console.WriteLine($"{tickets} tickets issued in {clock.Elapsed.TotalSeconds:F0} s");
        return issued;
    }

    private sealed class NoSignals : IQueueSignals
    {
        public void Changed(string officeId, IEnumerable<long> ticketIds) { }
    }

    /// <summary>Signs the bench's staff member in through the sign-in form, as a browser posts it; returns the Cookie header.</summary>
    public static async Task<string> SignInAsync(Uri site)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = site };
        var form = ComponentMarkers.HiddenInputs(await http.GetStringAsync("account/signin"));
        form["Input.Email"] = BenchQueueOffice.StaffEmail;
        form["Input.Password"] = StaffPassword;
        using var response = await http.PostAsync("account/signin", new FormUrlEncodedContent(form));
        var cookie = jar.GetCookieHeader(site);
        if (!cookie.Contains(".ChibaPortal.Session", StringComparison.Ordinal))
            throw new InvalidOperationException($"Sign-in failed ({(int)response.StatusCode}); no session cookie.");
        return cookie;
    }

    /// <summary>
    /// Waits for a condition, looking every 5 ms: the clients note each update's time themselves, so looking more
    /// often would only take CPU from the server on the cores the bench shares with it.
    /// </summary>
    public static async Task<bool> WaitAsync(Func<bool> condition, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout) return false;
            await Task.Delay(5);
        }
        return true;
    }

    /// <summary>Waits until <paramref name="received"/> (a count of updates) has not moved for <paramref name="quiet"/>, or at most <paramref name="timeout"/>.</summary>
    public static async Task SettleAsync(Func<long> received, TimeSpan quiet, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = received();
        var since = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(20);
            var now = received();
            if (now != last) { last = now; since.Restart(); }
            else if (since.Elapsed >= quiet) return;
        }
    }

    /// <summary>The 1, 5 and 15 minute load averages as /proc/loadavg gives them.</summary>
    public static string LoadAverages() => string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));

    /// <summary>The server's warnings and errors during the run, if any (its log is deleted with the run's folder).</summary>
    private static void PrintServerLog(string file)
    {
        var lines = File.ReadAllLines(file);
        var problems = lines.Select((line, i) => (line, i)).Where(l => l.line.StartsWith("warn:", StringComparison.Ordinal) || l.line.StartsWith("fail:", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"Server log: {problems.Count} warnings and errors");
        foreach (var (line, i) in problems.Take(5))
            Console.WriteLine($"  {line} {(i + 1 < lines.Length ? lines[i + 1].Trim() : "")}");
    }
}

/// <summary>
/// The counter console at /staff/queue over its real circuit, signed in as the bench's staff member: "call next" and
/// "finish" are its N and F keys, sent as queue.js sends a key press (the [JSInvokable] ShortcutAsync on the .NET
/// object the console handed to watchShortcuts).
/// </summary>
public sealed class CounterConsoleDriver : IAsyncDisposable
{
    private readonly BlazorCircuit _circuit;

    private CounterConsoleDriver(BlazorCircuit circuit) => _circuit = circuit;

    public static async Task<CounterConsoleDriver> OpenAsync(HttpClient http, Uri site, string cookie) =>
        new(await BlazorCircuit.OpenAsync(http, site, "staff/queue", cookie, PageReady.Called("watchShortcuts"), TimeSpan.FromMinutes(1)));

    public Task CallNextAsync() => _circuit.InvokeDotNetAsync("watchShortcuts", "ShortcutAsync", "N");

    public Task FinishAsync() => _circuit.InvokeDotNetAsync("watchShortcuts", "ShortcutAsync", "F");

    /// <summary>Notes when the console itself shows <paramref name="display"/> (the number it called).</summary>
    public BlazorCircuit.Watch WatchFor(string display) => _circuit.WatchFor(display);

    public ValueTask DisposeAsync() => _circuit.DisposeAsync();
}

/// <summary>
/// Rounds before the measured ones, until the server's code has settled: a deployed server has run its updates for
/// hours, so what it runs is at its final tier. Here tiered compilation lags: the fan-out's methods run thousands of
/// times a round, but a call's own path (the console's handler, the write, the snapshot) once or twice, and its
/// methods reach the JIT's 30 calls only after a dozen rounds or more; on a busy machine the JIT's thread then took a
/// third of the server's CPU in the rounds, and a quiet run that stopped warming at 9 rounds still compiled 1,449
/// methods in its 10 measured ones. So: at least <see cref="MinRounds"/> (past the 30 calls of a method called once
/// a round), then more until a round and the quiet after it compiled fewer than <see cref="FewMethods"/> methods (at
/// most <see cref="MaxRounds"/>).
/// </summary>
public sealed class ServerWarmUp(PortalServer server)
{
    public const int MinRounds = 32, MaxRounds = 60, FewMethods = 25;

    private long _compiled;

    public int Rounds { get; private set; }
    public bool Warm { get; private set; }

    /// <summary>The server's compiled methods when it was found warm, to compare with the count after the measured rounds.</summary>
    public long CompiledWhenWarm { get; private set; }

    /// <summary>Call before each round, after the previous round's work has settled; true once the rounds are measured.</summary>
    public async Task<bool> BeforeRoundAsync()
    {
        if (Warm) return true;
        if (Rounds >= MinRounds - 1)
        {
            await server.WaitForCompilationAsync(TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(3));
            var compiled = await server.CompiledMethodsAsync();
            if (Rounds >= MinRounds && (compiled - _compiled < FewMethods || Rounds >= MaxRounds))
            {
                Warm = true;
                CompiledWhenWarm = compiled;
                Console.WriteLine($"  warm after {Rounds} rounds: the last one compiled {compiled - _compiled} methods");
                return true;
            }
            _compiled = compiled;
        }
        Rounds++;
        return false;
    }
}
