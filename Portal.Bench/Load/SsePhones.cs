using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Bench.Load;

/// <summary>
/// Many phones holding a page's event stream open, as EventSource does, without a browser and without a task or a
/// receive buffer per connection: each phone is a socket, one zero-byte receive (SocketAsyncEventArgs) that
/// completes when data is waiting, and an <see cref="SseStreamReader"/>. On completion the phone reads everything
/// waiting into its thread's one buffer with the kernel's arrival time (<see cref="LinuxSockets.Receive"/>), feeds
/// the reader and waits again. Per round, every phone watches for the first event whose data holds a given byte
/// pattern and notes when it arrived (kernel time) and when the client read it (Stopwatch).
/// </summary>
public sealed class SsePhones : IDisposable
{
    /// <summary>Connections per loopback source address: well inside the 28,000 ephemeral ports of each.</summary>
    public const int PhonesPerSourceAddress = 4000;

    private readonly List<SsePhone> _phones = [];
    private readonly Uri _site;
    private readonly IPEndPoint _server;
    private long _events;
    private int _ready;
    private int _seen;
    private int _broken;

    public SsePhones(Uri site)
    {
        _site = site;
        _server = new IPEndPoint(IPAddress.Parse(site.Host), site.Port);
    }

    public IReadOnlyList<SsePhone> Phones => _phones;

    /// <summary>Events received by every phone so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Phones that saw the pattern of the current watch.</summary>
    public int Seen => Volatile.Read(ref _seen);

    /// <summary>Phones whose stream failed or closed.</summary>
    public int Broken => Volatile.Read(ref _broken);

    /// <summary>Phones that have had their first event or failed.</summary>
    public int Ready => Volatile.Read(ref _ready);

    internal void CountEvent() => Interlocked.Increment(ref _events);
    internal void CountReady() => Interlocked.Increment(ref _ready);
    internal void CountSeen() => Interlocked.Increment(ref _seen);
    internal void CountBroken() => Interlocked.Increment(ref _broken);

    /// <summary>127.0.0.2, 127.0.0.3, ...: the source address of the <paramref name="index"/>th phone.</summary>
    public static IPAddress SourceAddress(int index) => new([127, 0, 0, (byte)(2 + index / PhonesPerSourceAddress)]);

    /// <summary>The request EventSource sends, with Last-Event-ID when it reconnects.</summary>
    public static byte[] Request(Uri site, string path, ReadOnlySpan<byte> lastEventId = default)
    {
        var text = new StringBuilder()
            .Append("GET /").Append(path.TrimStart('/')).Append(" HTTP/1.1\r\n")
            .Append("Host: ").Append(site.Authority).Append("\r\n")
            .Append("Accept: text/event-stream\r\n")
            .Append("Cache-Control: no-cache\r\n")
            .Append("Accept-Language: ja-JP,ja;q=0.9\r\n")
            .Append("User-Agent: ChibaPortal.Bench SsePhones\r\n");
        if (!lastEventId.IsEmpty) text.Append("Last-Event-ID: ").Append(Encoding.UTF8.GetString(lastEventId)).Append("\r\n");
        return Encoding.ASCII.GetBytes(text.Append("\r\n").ToString());
    }

    /// <summary>
    /// Opens a stream for each path, at most <paramref name="window"/> waiting for their first event at a time, and
    /// returns when each has its first event (the state at once, as the contract promises) or failed.
    /// </summary>
    public async Task OpenAsync(IReadOnlyList<string> paths, int window, TimeSpan timeout, Action<int>? progress = null)
    {
        var clock = Stopwatch.StartNew();
        var waiting = () => _phones.Count - Ready;
        foreach (var path in paths)
        {
            while (waiting() >= window)
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"{waiting()} streams had no first event after {timeout.TotalSeconds:F0} s.");
                await Task.Delay(1);
            }
            var phone = new SsePhone(this, _phones.Count, path);
            _phones.Add(phone);
            phone.Connect(_server, SourceAddress(phone.Index), Request(_site, path));
            if (_phones.Count % 1000 == 0) progress?.Invoke(_phones.Count);
        }
        while (waiting() > 0)
        {
            if (clock.Elapsed > timeout) throw new TimeoutException($"{waiting()} streams had no first event after {timeout.TotalSeconds:F0} s.");
            await Task.Delay(5);
        }
    }

    /// <summary>From now on, each phone notes the first event whose data holds <paramref name="pattern"/>.</summary>
    public void Watch(byte[] pattern)
    {
        Volatile.Write(ref _seen, 0);
        foreach (var phone in _phones) phone.Watch(pattern);
    }

    /// <summary>Waits until no phone has received an event for <paramref name="quiet"/>, or at most <paramref name="timeout"/>.</summary>
    public async Task SettleAsync(TimeSpan quiet, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        var last = Events;
        var since = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            await Task.Delay(20);
            var now = Events;
            if (now != last) { last = now; since.Restart(); }
            else if (since.Elapsed >= quiet) return;
        }
    }

    /// <summary>Bytes the phones' readers hold between events, summed (the client's own buffers, sockets aside).</summary>
    public long ReaderBytes() => _phones.Sum(p => (long)p.Reader.BufferedCapacity);

    public void Dispose()
    {
        foreach (var phone in _phones) phone.Dispose();
    }
}

/// <summary>One phone of <see cref="SsePhones"/>: one socket, one waiting zero-byte receive, one stream reader.</summary>
public sealed class SsePhone : IDisposable
{
    [ThreadStatic] private static byte[]? t_buffer;

    private readonly SsePhones _owner;
    private readonly Socket _socket = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    private readonly SocketAsyncEventArgs _wait = new();
    private byte[]? _pattern;
    private long _arrivedUnixNs, _readAt;
    private long _seenArrivedUnixNs, _seenReadAt;
    private int _failed;

    internal SsePhone(SsePhones owner, int index, string path)
    {
        _owner = owner;
        Index = index;
        Path = path;
        Reader = new SseStreamReader(OnEvent);
        _wait.SetBuffer(Memory<byte>.Empty);
        _wait.Completed += (_, e) => OnReadable(e);
    }

    public int Index { get; }
    public string Path { get; }
    public SseStreamReader Reader { get; }
    public bool Failed => Volatile.Read(ref _failed) != 0;
    public string? Error { get; private set; }

    /// <summary>When the watched event reached this phone's socket (Unix ns, kernel clock), 0 until it has.</summary>
    public long SeenArrivedUnixNs => Interlocked.Read(ref _seenArrivedUnixNs);

    /// <summary>When the client read the watched event (Stopwatch ticks), 0 until it has.</summary>
    public long SeenReadAt => Interlocked.Read(ref _seenReadAt);

    internal void Connect(IPEndPoint server, IPAddress source, byte[] request)
    {
        try
        {
            _socket.NoDelay = true;
            LinuxSockets.EnableReceiveTimestamps(_socket);
            LinuxSockets.BindSource(_socket, source);
            _socket.Connect(server);
            _socket.Send(request);
        }
        catch (SocketException e)
        {
            Fail($"connect: {e.SocketErrorCode} {e.Message}");
            return;
        }
        WaitForData();
    }

    internal void Watch(byte[] pattern)
    {
        Interlocked.Exchange(ref _seenArrivedUnixNs, 0);
        Interlocked.Exchange(ref _seenReadAt, 0);
        Volatile.Write(ref _pattern, pattern);
    }

    private void WaitForData()
    {
        try
        {
            // A receive that completes at once (data already waiting) is read here; otherwise OnReadable runs later.
            while (!_socket.ReceiveAsync(_wait))
                if (!ReadWaiting(_wait)) return;
        }
        catch (ObjectDisposedException) { }
    }

    private void OnReadable(SocketAsyncEventArgs e)
    {
        if (ReadWaiting(e)) WaitForData();
    }

    /// <summary>Reads everything the socket holds; false when the stream is over.</summary>
    private bool ReadWaiting(SocketAsyncEventArgs e)
    {
        if (e.SocketError != SocketError.Success) return Fail($"socket error {e.SocketError}");
        var buffer = t_buffer ??= new byte[16 * 1024];
        while (true)
        {
            switch (LinuxSockets.Receive(_socket, buffer, out var count, out var arrived, out var errno))
            {
                case LinuxSockets.ReadResult.Data:
                    _arrivedUnixNs = arrived;
                    _readAt = Stopwatch.GetTimestamp();
                    Reader.Feed(buffer.AsSpan(0, count));
                    if (Reader.Ended) return Fail(Reader.Error ?? "the server ended the stream");
                    break;
                case LinuxSockets.ReadResult.WouldBlock:
                    return true;
                case LinuxSockets.ReadResult.Closed:
                    Reader.Closed();
                    return Fail(Reader.Error ?? "the server closed the connection");
                default:
                    return Fail($"recvmsg failed (errno {errno})");
            }
        }
    }

    private void OnEvent(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> lastEventId)
    {
        _owner.CountEvent();
        if (Reader.Events == 1 && !Failed) _owner.CountReady();
        var pattern = Volatile.Read(ref _pattern);
        if (pattern is null || _seenReadAt != 0 || data.IndexOf(pattern) < 0) return;
        Interlocked.Exchange(ref _seenArrivedUnixNs, _arrivedUnixNs);
        Interlocked.Exchange(ref _seenReadAt, _readAt);
        _owner.CountSeen();
    }

    private bool Fail(string error)
    {
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            Error = error;
            _owner.CountBroken();
            if (Reader.Events == 0) _owner.CountReady();
        }
        return false;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _failed, 1);
        _socket.Dispose();
        _wait.Dispose();
    }
}
