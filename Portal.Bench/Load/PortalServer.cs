using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Portal.Bench.Load;

/// <summary>Server memory at one moment: resident set from /proc, and the managed heap after a forced collection.</summary>
public sealed record ServerMemory(long ResidentBytes, long ManagedHeapBytes, long CommittedBytes);

/// <summary>
/// The portal as it is deployed, in its own process: Portal.Web published in Release and started with `dotnet`,
/// Production environment, on 127.0.0.1 at a free port and a database file of the bench's choosing. Plain HTTP on
/// loopback (RequireHttps off; TLS ends at the city's proxy), counter hours ignored (the bench runs at any hour),
/// warnings-only logging, workstation GC (DOTNET_gcServer=0) so the heap after a collection is one number, and the
/// bench's memory hook (<see cref="StartupHook"/>) so it can be asked for a collection and its heap.
/// </summary>
public sealed class PortalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _hookFolder;
    private readonly StreamWriter _log;
    private bool _stopped;

    private PortalServer(Process process, Uri address, string hookFolder, StreamWriter log)
    {
        _process = process;
        Address = address;
        _hookFolder = hookFolder;
        _log = log;
    }

    public Uri Address { get; }
    public int ProcessId => _process.Id;

    /// <summary>Publishes Portal.Web (Release) next to the bench's output and returns the folder.</summary>
    public static async Task<string> PublishAsync()
    {
        var root = RepositoryRoot();
        var output = Path.Combine(root, "Portal.Bench", "bin", "portal-server");
        var publish = Process.Start(new ProcessStartInfo("dotnet", ["publish", Path.Combine(root, "Portal.Web"), "-c", "Release", "-o", output, "-v", "q", "--nologo"])
        {
            RedirectStandardOutput = true,
        })!;
        var log = await publish.StandardOutput.ReadToEndAsync();
        await publish.WaitForExitAsync();
        if (publish.ExitCode != 0) throw new InvalidOperationException("dotnet publish Portal.Web failed:\n" + log);
        return output;
    }

    /// <param name="environment">Variables set over the defaults above (ASPNETCORE_ENVIRONMENT=Development seeds the demo data).</param>
    public static async Task<PortalServer> StartAsync(string publishFolder, string dataFolder, IReadOnlyDictionary<string, string>? environment = null)
    {
        var port = FreePort();
        var hookFolder = Path.Combine(dataFolder, "hook");
        Directory.CreateDirectory(hookFolder);
        var start = new ProcessStartInfo("dotnet", [Path.Combine(publishFolder, "Portal.Web.dll")])
        {
            WorkingDirectory = publishFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = "Production",
                ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
                ["Portal__DataFolder"] = dataFolder,
                ["Security__RequireHttps"] = "false",
                ["Queues__IgnoreHours"] = "true",
                ["Logging__LogLevel__Default"] = "Warning",
                ["DOTNET_gcServer"] = "0",
                ["DOTNET_STARTUP_HOOKS"] = typeof(StartupHook).Assembly.Location,
                [StartupHook.FolderVariable] = hookFolder,
            },
        };
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) start.Environment[name] = value;
        var process = Process.Start(start)!;
        // The server's own output goes to a file beside its database, read when something fails.
        var log = new StreamWriter(Path.Combine(dataFolder, "server.log")) { AutoFlush = true };
        void Write(string? line)
        {
            if (line is null) return;
            lock (log) if (log.BaseStream is not null) log.WriteLine(line);
        }
        process.OutputDataReceived += (_, e) => Write(e.Data);
        process.ErrorDataReceived += (_, e) => Write(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var server = new PortalServer(process, new Uri($"http://127.0.0.1:{port}/"), hookFolder, log);
        using var http = new HttpClient { BaseAddress = server.Address, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"The portal exited with {process.ExitCode}; see {dataFolder}/server.log.");
            try
            {
                if ((await http.GetAsync("healthz")).StatusCode == HttpStatusCode.OK) return server;
            }
            catch (HttpRequestException) { }
            if (clock.Elapsed > TimeSpan.FromMinutes(5)) throw new TimeoutException("The portal did not answer /healthz within five minutes.");
            await Task.Delay(200);
        }
    }

    /// <summary>Signs in through the sign-in form, as a browser posts it; returns the Cookie header with the session.</summary>
    public async Task<string> SignInAsync(string email, string password)
    {
        var jar = new CookieContainer();
        using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = jar, AllowAutoRedirect = false }) { BaseAddress = Address };
        var form = ComponentMarkers.HiddenInputs(await http.GetStringAsync("account/signin"));
        form["Input.Email"] = email;
        form["Input.Password"] = password;
        using var response = await http.PostAsync("account/signin", new FormUrlEncodedContent(form));
        var cookie = jar.GetCookieHeader(Address);
        if (!cookie.Contains(".ChibaPortal.Session", StringComparison.Ordinal))
            throw new InvalidOperationException($"Sign-in of {email} failed ({(int)response.StatusCode}); no session cookie.");
        return cookie;
    }

    /// <summary>Forces two full collections in the server, then reads its heap and its resident set.</summary>
    public async Task<ServerMemory> MeasureAsync()
    {
        var answer = Path.Combine(_hookFolder, StartupHook.AnswerFile);
        File.Delete(answer);
        await File.WriteAllTextAsync(Path.Combine(_hookFolder, StartupHook.RequestFile), "");
        var clock = Stopwatch.StartNew();
        while (!File.Exists(answer))
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1)) throw new TimeoutException("The server's memory hook did not answer.");
            await Task.Delay(50);
        }
        var values = (await File.ReadAllLinesAsync(answer)).Select(l => l.Split('=')).ToDictionary(p => p[0], p => long.Parse(p[1], CultureInfo.InvariantCulture));
        return new ServerMemory(ResidentBytes(), values["heap"], values["committed"]);
    }

    /// <summary>VmRSS of the server process, from /proc.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                return long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
        throw new InvalidOperationException("No VmRSS in /proc status.");
    }

    /// <summary>CPU time the server has used so far.</summary>
    public TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }

    /// <summary>Stops the server (the process this class started, by its id) and closes its log; again does nothing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_stopped) return;
        _stopped = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        lock (_log) _log.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ChibaPortal.sln"))) return dir.FullName;
        throw new InvalidOperationException("Run the bench from inside the repository (ChibaPortal.sln not found above " + AppContext.BaseDirectory + ").");
    }
}
