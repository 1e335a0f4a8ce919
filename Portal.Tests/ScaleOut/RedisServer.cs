using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Portal.Tests.ScaleOut;

/// <summary>
/// A redis-server of the test's own, a child process on a free 127.0.0.1 port with nothing written to disk; never the
/// machine's service. <see cref="StopAsync"/> and <see cref="StartAsync"/> restart it on the same port.
/// </summary>
public sealed class RedisServer : IAsyncDisposable
{
    public const string PathVariable = "PORTAL_REDIS_SERVER";
    private static readonly string[] Candidates = ["/usr/bin/redis-server", "/usr/local/bin/redis-server"];

    private Process? _process;

    private RedisServer(string executable, int port) => (Executable, Port) = (executable, port);

    public string Executable { get; }
    public int Port { get; }

    /// <summary>What the portal's Redis:Configuration is set to for this server.</summary>
    public string Configuration => $"127.0.0.1:{Port}";

    /// <summary>PORTAL_REDIS_SERVER when set, else Debian's place for it; null when there is no such file.</summary>
    public static string? ExecutablePath =>
        (Environment.GetEnvironmentVariable(PathVariable) is { Length: > 0 } path ? [path] : Candidates).FirstOrDefault(File.Exists);

    /// <summary>Skips the calling test, with the reason, where redis-server is not installed.</summary>
    public static void SkipUnlessInstalled()
    {
        if (ExecutablePath is null)
            Infrastructure.Skips.Because("redis-server not found: install Debian's redis-server package (.ci/run does) to run the scale-out tests");
    }

    public static async Task<RedisServer> StartNewAsync()
    {
        SkipUnlessInstalled();
        var server = new RedisServer(ExecutablePath!, FreePort());
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--port", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1",
                     "--save", "", "--appendonly", "no" })
            start.ArgumentList.Add(argument);
        var process = _process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await Infrastructure.Eventually.TrueAsync(async () => process.HasExited
            ? throw new InvalidOperationException($"redis-server exited with {process.ExitCode} on port {Port}.")
            : await AnswersAsync(), what: $"redis-server answers on port {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is not { } process) return;
        _process = null;
        if (!process.HasExited) process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
        process.Dispose();
    }

    public ValueTask DisposeAsync() => new(StopAsync());

    private async Task<bool> AnswersAsync()
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(IPAddress.Loopback, Port);
            var stream = client.GetStream();
            await stream.WriteAsync("PING\r\n"u8.ToArray());
            var buffer = new byte[16];
            var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
            return System.Text.Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal);
        }
        catch (Exception e) when (e is SocketException or IOException or TimeoutException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
