using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Portal.Bench.Load;

/// <summary>
/// Many phones holding a page's event stream open, as EventSource does, without a browser and without a task, a
/// thread-pool work item or a receive buffer per connection: each phone is a socket and an
/// <see cref="SseStreamReader"/>; one thread (or a few) waits on all their sockets with epoll, reads each readable
/// socket once into the thread's one buffer with the kernel's arrival time (<see cref="LinuxSockets.Receive"/>) and
/// feeds its reader. So the client costs one epoll wake-up per burst and one read per event, and never more than its
/// threads' share of the cores it shares with the server. Per round, every phone watches for the first event whose
/// data holds a given byte pattern and notes when it reached the socket (kernel time) and when the client read it.
/// </summary>
public sealed class SsePhones : IDisposable
{
    /// <summary>Connections per loopback source address: well inside the 28,000 ephemeral ports of each.</summary>
    public const int PhonesPerSourceAddress = 4000;

    private readonly Uri _site;
    private readonly IPEndPoint _server;
    private readonly SsePhone[] _phones;
    private readonly Poller[] _pollers;
    private int _count;
    private long _events, _bytes;
    private int _ready, _seen, _broken;

    /// <param name="capacity">The most phones this client will open.</param>
    /// <param name="threads">Threads reading the sockets; one keeps the client to one core's share.</param>
    public SsePhones(Uri site, int capacity, int threads = 1)
    {
        _site = site;
        _server = new IPEndPoint(IPAddress.Parse(site.Host), site.Port);
        _phones = new SsePhone[capacity];
        _pollers = Enumerable.Range(0, threads).Select(i => new Poller(this, i)).ToArray();
    }

    public IReadOnlyList<SsePhone> Phones => new ArraySegment<SsePhone>(_phones, 0, Volatile.Read(ref _count));

    /// <summary>Events received by every phone so far.</summary>
    public long Events => Interlocked.Read(ref _events);

    /// <summary>Bytes received by every phone so far (response heads, chunk framing and events).</summary>
    public long Bytes => Interlocked.Read(ref _bytes);

    /// <summary>Phones that have had their first event or failed.</summary>
    public int Ready => Volatile.Read(ref _ready);

    /// <summary>Phones that saw the pattern of the current watch.</summary>
    public int Seen => Volatile.Read(ref _seen);

    /// <summary>Phones whose stream failed or closed.</summary>
    public int Broken => Volatile.Read(ref _broken);

    internal void CountEvent() => Interlocked.Increment(ref _events);
    internal void CountBytes(int count) => Interlocked.Add(ref _bytes, count);
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
        if (_count + paths.Count > _phones.Length) throw new ArgumentException($"This client holds at most {_phones.Length} phones.", nameof(paths));
        var clock = Stopwatch.StartNew();
        var waiting = () => Volatile.Read(ref _count) - Ready;
        foreach (var path in paths)
        {
            while (waiting() >= window)
            {
                if (clock.Elapsed > timeout) throw new TimeoutException($"{waiting()} streams had no first event after {timeout.TotalSeconds:F0} s.");
                await Task.Delay(1);
            }
            var index = _count;
            var phone = new SsePhone(this, index, path);
            _phones[index] = phone;
            Volatile.Write(ref _count, index + 1);
            if (phone.Connect(_server, SourceAddress(index), Request(_site, path)))
                _pollers[index % _pollers.Length].Add(phone);
            if ((index + 1) % 1000 == 0) progress?.Invoke(index + 1);
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
        foreach (var phone in Phones) phone.Watch(pattern);
    }

    /// <summary>CPU time the reading threads have run so far: the client's cost, without the bench around it.</summary>
    public TimeSpan ReadingCpuTime() => _pollers.Aggregate(TimeSpan.Zero, (sum, p) => sum + p.CpuTime());

    /// <summary>Bytes the phones' readers hold between events, summed (the client's own buffers, sockets aside).</summary>
    public long ReaderBytes() => Phones.Sum(p => (long)p.Reader.BufferedCapacity);

    public void Dispose()
    {
        foreach (var poller in _pollers) poller.Dispose();
        foreach (var phone in Phones) phone.Dispose();
    }

    /// <summary>One thread, one epoll instance, one receive buffer, for its share of the phones.</summary>
    private sealed class Poller : IDisposable
    {
        private readonly SsePhones _owner;
        private readonly int _epoll = LinuxSockets.EpollCreate();
        private readonly Thread _thread;
        private readonly TaskCompletionSource<int> _threadId = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private volatile bool _stopping;

        public Poller(SsePhones owner, int number)
        {
            _owner = owner;
            _thread = new Thread(Run) { IsBackground = true, Name = $"SSE phones {number}" };
            _thread.Start();
        }

        public void Add(SsePhone phone) => LinuxSockets.EpollAdd(_epoll, phone.Socket, (ulong)phone.Index);

        public TimeSpan CpuTime() => LinuxSockets.ThreadCpuTime(_threadId.Task.GetAwaiter().GetResult());

        private void Run()
        {
            _threadId.SetResult(LinuxSockets.CurrentThreadId());
            var buffer = new byte[16 * 1024];
            Span<ulong> ready = stackalloc ulong[256];
            while (!_stopping)
            {
                var count = LinuxSockets.EpollWait(_epoll, ready, 100);
                for (var i = 0; i < count; i++)
                    _owner._phones[ready[i]]?.ReadOnce(buffer);
            }
        }

        public void Dispose()
        {
            _stopping = true;
            _thread.Join();
            LinuxSockets.Close(_epoll);
        }
    }
}

/// <summary>One phone of <see cref="SsePhones"/>: a socket and a stream reader.</summary>
public sealed class SsePhone : IDisposable
{
    private readonly SsePhones _owner;
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
    }

    public int Index { get; }
    public string Path { get; }
    public SseStreamReader Reader { get; }
    internal Socket Socket { get; } = new(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
    public bool Failed => Volatile.Read(ref _failed) != 0;
    public string? Error { get; private set; }

    /// <summary>When the watched event reached this phone's socket (Unix ns, kernel clock), 0 until it has.</summary>
    public long SeenArrivedUnixNs => Interlocked.Read(ref _seenArrivedUnixNs);

    /// <summary>When the client read the watched event (Stopwatch ticks), 0 until it has.</summary>
    public long SeenReadAt => Interlocked.Read(ref _seenReadAt);

    /// <summary>Connects from <paramref name="source"/> and sends the request; false (and the phone failed) if that failed.</summary>
    internal bool Connect(IPEndPoint server, IPAddress source, byte[] request)
    {
        try
        {
            Socket.NoDelay = true;
            LinuxSockets.EnableReceiveTimestamps(Socket);
            LinuxSockets.BindSource(Socket, source);
            Socket.Connect(server);
            Socket.Send(request);
            return true;
        }
        catch (SocketException e)
        {
            return Fail($"connect: {e.SocketErrorCode} {e.Message}");
        }
    }

    internal void Watch(byte[] pattern)
    {
        Interlocked.Exchange(ref _seenArrivedUnixNs, 0);
        Interlocked.Exchange(ref _seenReadAt, 0);
        Volatile.Write(ref _pattern, pattern);
    }

    /// <summary>One read of what the socket holds (epoll reports it again while more is waiting).</summary>
    internal void ReadOnce(byte[] buffer)
    {
        if (Failed) return;
        switch (LinuxSockets.Receive(Socket, buffer, out var count, out var arrived, out var errno))
        {
            case LinuxSockets.ReadResult.Data:
                _arrivedUnixNs = arrived;
                _readAt = Stopwatch.GetTimestamp();
                _owner.CountBytes(count);
                Reader.Feed(buffer.AsSpan(0, count));
                if (Reader.Ended) Fail(Reader.Error ?? "the server ended the stream");
                break;
            case LinuxSockets.ReadResult.WouldBlock:
                break;
            case LinuxSockets.ReadResult.Closed:
                Reader.Closed();
                Fail(Reader.Error ?? "the server closed the connection");
                break;
            default:
                Fail($"recvmsg failed (errno {errno})");
                break;
        }
    }

    private void OnEvent(ReadOnlySpan<byte> type, ReadOnlySpan<byte> data, ReadOnlySpan<byte> lastEventId)
    {
        _owner.CountEvent();
        if (Reader.Events == 1) _owner.CountReady();
        var pattern = Volatile.Read(ref _pattern);
        if (pattern is null || _seenReadAt != 0 || data.IndexOf(pattern) < 0) return;
        Interlocked.Exchange(ref _seenArrivedUnixNs, _arrivedUnixNs);
        Interlocked.Exchange(ref _seenReadAt, _readAt);
        _owner.CountSeen();
    }

    /// <summary>Marks the phone failed (once) and closes its socket, which takes it out of epoll.</summary>
    private bool Fail(string error)
    {
        if (Interlocked.Exchange(ref _failed, 1) == 0)
        {
            Error = error;
            _owner.CountBroken();
            if (Reader.Events == 0) _owner.CountReady();
            Socket.Dispose();
        }
        return false;
    }

    public void Dispose()
    {
        Interlocked.Exchange(ref _failed, 1);
        Socket.Dispose();
    }
}
