using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using MimeKit;

namespace Portal.Tests.Notifications.Email;

/// <summary>
/// A small SMTP server on 127.0.0.1 for tests: it speaks enough ESMTP for MailKit (EHLO, MAIL, RCPT, DATA, RSET,
/// QUIT), keeps every message it accepts as a parsed <see cref="MimeMessage"/>, and answers RCPT for chosen
/// addresses with a chosen reply, so a test can make the server refuse a recipient for good or for now.
/// </summary>
public sealed class LocalSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;
    private readonly ConcurrentQueue<(string From, string[] To, MimeMessage Message)> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    public LocalSmtpServer()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>The portal's settings that switch e-mail on and send it here, with any more the test wants.</summary>
    public Dictionary<string, string?> PortalSettings(params (string Key, string Value)[] more)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Notifications:Email:Host"] = "127.0.0.1",
            ["Notifications:Email:Port"] = Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:Email:Security"] = "None",
            ["Notifications:Email:FromAddress"] = "noreply@city.chiba.example",
        };
        foreach (var (key, value) in more) settings[key] = value;
        return settings;
    }

    /// <summary>RCPT replies by address, for example "550 5.1.1 No such user".</summary>
    public ConcurrentDictionary<string, string> RecipientReplies { get; } = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<(string From, string[] To, MimeMessage Message)> Received => _received.ToList();

    /// <summary>Waits for the next accepted message (bounded, so a broken sender fails the test instead of hanging it).</summary>
    public async Task<(string From, string[] To, MimeMessage Message)> NextAsync(int index = 0)
    {
        while (_received.Count <= index)
            Assert.True(await _arrived.WaitAsync(Infrastructure.Eventually.DefaultWithin), "No message reached the SMTP server.");
        return _received.ElementAt(index);
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException) { return; }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();
        var reader = new StreamReader(stream, Encoding.Latin1);
        var writer = new StreamWriter(stream, Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
        string? from = null;
        var to = new List<string>();
        try
        {
            await writer.WriteLineAsync("220 localhost test SMTP ready");
            while (await reader.ReadLineAsync(_stop.Token) is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-localhost");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "MAIL":
                        from = Address(line);
                        to.Clear();
                        await writer.WriteLineAsync("250 2.1.0 OK");
                        break;
                    case "RCPT":
                        var recipient = Address(line);
                        if (RecipientReplies.TryGetValue(recipient, out var reply))
                        {
                            await writer.WriteLineAsync(reply);
                        }
                        else
                        {
                            to.Add(recipient);
                            await writer.WriteLineAsync("250 2.1.5 OK");
                        }
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync(_stop.Token) is { } dataLine && dataLine != ".")
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        var message = await MimeMessage.LoadAsync(new MemoryStream(Encoding.Latin1.GetBytes(data.ToString())));
                        _received.Enqueue((from ?? "", to.ToArray(), message));
                        _arrived.Release();
                        await writer.WriteLineAsync("250 2.0.0 Queued");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 5.5.2 Command not recognized");
                        break;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException) { }
    }

    private static string Address(string line)
    {
        var start = line.IndexOf('<');
        var end = line.IndexOf('>', start + 1);
        return start >= 0 && end > start ? line[(start + 1)..end] : "";
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }
}
