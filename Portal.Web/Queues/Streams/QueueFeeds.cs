using System.Collections.Concurrent;
using System.IO.Pipelines;
using Microsoft.Extensions.Options;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Web.Live;

namespace Portal.Web.Queues.Streams;

/// <summary>A resident's ticket page's stream: its ticket as last seen, in the language the page was opened in.</summary>
public sealed class TicketStream(PipeWriter output, QueueWords words, Ticket ticket, OfficeFeed feed) : EventStream(output, words, 1)
{
    /// <summary>Updated by the office's broadcasts; a reference written whole, so a catch-up reading it sees one or the other.</summary>
    public Ticket Ticket { get; internal set; } = ticket;

    protected override void CatchUp() => feed.CatchUp(this);
}

/// <summary>A crowding page's stream: one slot per office.</summary>
public sealed class CrowdingStream(PipeWriter output, QueueWords words, QueueFeeds feeds, int offices) : EventStream(output, words, offices)
{
    protected override void CatchUp() => feeds.CatchUp(this);
}

/// <summary>An office's line as one broadcast sent it, numbered, with the crowding page's JSON of it in each language once asked for.</summary>
public sealed class OfficeFrame(OfficeLine line, long sequence, int languages)
{
    // References, so that threads of one broadcast filling a language at once never see half of one.
    private readonly CrowdingJson?[] _crowding = new CrowdingJson?[languages];

    public OfficeLine Line { get; } = line;
    public long Sequence { get; } = sequence;

    /// <summary>The office on the crowding page in the words' language, and its version.</summary>
    public CrowdingJson Crowding(WardOffice office, QueueWords words)
    {
        if (Volatile.Read(ref _crowding[words.Index]) is { } made) return made;
        var json = JsonScratch.Start();
        OfficeCrowding.Of(office, Line, words).WriteJson(json);
        var bytes = JsonScratch.Written().ToArray();
        var entry = new CrowdingJson(bytes, EventStream.VersionOf(bytes));
        Volatile.Write(ref _crowding[words.Index], entry);
        return entry;
    }
}

/// <summary>An office's JSON for the crowding page in one language, and its version.</summary>
public sealed record CrowdingJson(byte[] Json, ulong Version);

/// <summary>
/// The live side of one office on this node: its open ticket pages' streams, one live-bus subscription for all of them
/// (made when the first page of the office opens), and the line they are shown from. A signal reads the office's
/// snapshot once (<see cref="TicketService.LineAsync"/>) and works out each page's event from it in memory; signals
/// that arrive while a broadcast runs are folded into one more broadcast after it.
/// </summary>
public sealed class OfficeFeed
{
    private readonly QueueFeeds _owner;
    private readonly ConcurrentDictionary<TicketStream, byte> _streams = new();
    private readonly Lock _subscribing = new();
    private IDisposable? _subscription;
    private OfficeFrame? _frame;
    private long _sequence;
    private int _refresh; // 0 idle, 1 broadcasting, 2 broadcasting and asked again

    internal OfficeFeed(QueueFeeds owner, WardOffice office, int index)
    {
        _owner = owner;
        Office = office;
        Index = index;
    }

    public WardOffice Office { get; }

    /// <summary>The office's place in the crowding page's slots.</summary>
    public int Index { get; }

    /// <summary>The line the last broadcast sent; null before the first.</summary>
    public OfficeFrame? Frame => Volatile.Read(ref _frame);

    public int StreamCount => _streams.Count;

    /// <summary>The office's one subscription to its live topic on this node.</summary>
    internal void Subscribe()
    {
        if (Volatile.Read(ref _subscription) is not null) return;
        lock (_subscribing)
            _subscription ??= _owner.Bus.Subscribe(QueueTopics.Office(Office.Id), _ =>
            {
                Changed();
                return Task.CompletedTask;
            });
    }

    internal void Unsubscribe()
    {
        lock (_subscribing)
        {
            _subscription?.Dispose();
            _subscription = null;
        }
    }

    /// <summary>The office changed (or may have): one broadcast runs, and one more after it if asked again meanwhile.</summary>
    public void Changed()
    {
        while (true)
        {
            var state = Volatile.Read(ref _refresh);
            if (state == 2) return;
            if (Interlocked.CompareExchange(ref _refresh, state + 1, state) != state) continue;
            // Off the signalling thread: a staff member's request that published the signal does not wait for the pages.
            if (state == 0) ThreadPool.UnsafeQueueUserWorkItem(static feed => _ = feed.RefreshLoopAsync(), this, preferLocal: false);
            return;
        }
    }

    private async Task RefreshLoopAsync()
    {
        while (true)
        {
            Volatile.Write(ref _refresh, 1);
            try
            {
                await RefreshAsync();
            }
            catch (Exception e)
            {
                // The pages keep what they show; the next signal or the minute's refresh tries again.
                _owner.Log.LogWarning(e, "The live queue pages of {Office} could not be refreshed.", Office.Id);
            }
            if (Interlocked.CompareExchange(ref _refresh, 0, 1) == 1) return;
        }
    }

    private async Task RefreshAsync()
    {
        var line = await _owner.Queues.LineAsync(Office.Id, CancellationToken.None);
        if (Frame is { } current && ReferenceEquals(current.Line, line)) return;
        var frame = new OfficeFrame(line, Interlocked.Add(ref _sequence, 2), _owner.Words.All.Count);
        Volatile.Write(ref _frame, frame);

        var left = new ConcurrentQueue<TicketStream>();
        ForEachInParallel(KeysOf(_streams), stream => Deliver(stream, frame, left));
        _owner.Broadcast(this, frame);
        foreach (var stream in left) await RereadAsync(stream, frame);
    }

    /// <summary>
    /// Hundreds of streams per worker: the node's cores share the work of a broadcast, and the first pages hear it
    /// while the last ones are still being written.
    /// </summary>
    /// <summary>The streams open now, copied once (ConcurrentDictionary.Keys would copy them too, into a collection of its own).</summary>
    internal static List<T> KeysOf<T>(ConcurrentDictionary<T, byte> streams) where T : notnull
    {
        var keys = new List<T>(streams.Count);
        foreach (var (key, _) in streams) keys.Add(key);
        return keys;
    }

    internal static void ForEachInParallel<T>(IList<T> items, Action<T> each)
    {
        const int perWorker = 256;
        if (items.Count <= perWorker)
        {
            foreach (var item in items) each(item);
            return;
        }
        Parallel.ForEach(Partitioner.Create(items, loadBalance: true), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, each);
    }

    /// <summary>
    /// Broadcasts are numbered with even sequences; a state read for one page when it opens, after the broadcast
    /// numbered <paramref name="sequence"/>, goes out as the odd number after it: newer than that broadcast's frame (which
    /// a catch-up may send again, and must not put back), older than the next broadcast.
    /// </summary>
    internal static long FreshAfter(long sequence) => sequence | 1;

    /// <summary>
    /// A new ticket page's stream, and its first event unless it already has the state (Last-Event-ID). The position was
    /// read when the frame numbered <paramref name="sequence"/> was the newest: a broadcast that ran since wins over it.
    /// The office is subscribed already (<see cref="QueueFeeds.FollowAsync(Ticket, QueueWords, PipeWriter, ulong, CancellationToken)"/>
    /// does it before reading the position).
    /// </summary>
    internal void Add(TicketStream stream, TicketPosition position, long sequence)
    {
        _streams.TryAdd(stream, 0);
        stream.Ticket = position.Ticket;
        Send(stream, FreshAfter(sequence), position);
        if (Frame is { } frame && frame.Sequence > sequence) Deliver(stream, frame, left: null);
    }

    internal void Remove(TicketStream stream) => _streams.TryRemove(stream, out _);

    internal void CatchUp(TicketStream stream)
    {
        if (Frame is { } frame) Deliver(stream, frame, left: null);
    }

    private void Deliver(TicketStream stream, OfficeFrame frame, ConcurrentQueue<TicketStream>? left)
    {
        var known = stream.Ticket;
        if (!frame.Line.TryFind(known.Id, out _, out _) && known.IsActive)
        {
            // Served or a no-show since (it left the line), or the line is older than the ticket: the database says which.
            if (left is not null) left.Enqueue(stream);
            else _ = RereadAsync(stream, frame);
            return;
        }
        var position = frame.Line.PositionOf(known);
        stream.Ticket = position.Ticket;
        Send(stream, frame.Sequence, position);
    }

    private async Task RereadAsync(TicketStream stream, OfficeFrame frame)
    {
        try
        {
            var ticket = await _owner.Queues.TicketAsync(stream.Ticket.Id, CancellationToken.None);
            if (ticket is null)
            {
                stream.End();
                return;
            }
            // Still waiting or called but unknown to the line: the line is the older, and a newer broadcast follows.
            if (ticket.IsActive) return;
            stream.Ticket = ticket;
            Send(stream, frame.Sequence, frame.Line.PositionOf(ticket));
        }
        catch (Exception e)
        {
            _owner.Log.LogWarning(e, "A ticket page's ticket could not be read again.");
        }
    }

    private void Send(TicketStream stream, long sequence, TicketPosition position)
    {
        var view = TicketView.Of(position, Office, stream.Words);
        var json = JsonScratch.Start();
        view.WriteJson(json);
        var body = JsonScratch.Written();
        var version = EventStream.VersionOf(body);
        stream.Send(0, sequence, version, "ticket"u8, version, body);
    }

    /// <summary>Keep-alive for the streams of this tick's bucket; streams whose ticket's link expired are ended.</summary>
    internal void KeepAlive(int bucket, int buckets, DateTimeOffset now)
    {
        foreach (var (stream, _) in _streams)
        {
            if (stream.Bucket % buckets != bucket) continue;
            if (!stream.Ticket.IsTokenValid(now)) stream.End();
            else stream.KeepAlive();
        }
    }

    internal void EndAll()
    {
        foreach (var (stream, _) in _streams) stream.End();
    }
}

/// <summary>
/// The live queue pages of this node: an <see cref="OfficeFeed"/> per office for the ticket pages, the crowding pages'
/// streams, and one keep-alive timer for all of them. Streams are ended when the node stops, so that a deployment
/// does not wait for phones to hang up; their pages reconnect to another node or to this one when it is back.
/// </summary>
public sealed class QueueFeeds : IDisposable
{
    private readonly IOfficeRepository _offices;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<CrowdingStream, byte> _crowding = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private readonly ITimer _timer;
    private readonly int _keepAliveTicks;
    private IReadOnlyList<OfficeFeed>? _feeds;
    private long _ticks;

    /// <summary>How often every office with open pages is read again, to catch a change no signal told of (a lost Redis message).</summary>
    public const int RefreshEveryTicks = 60;

    public QueueFeeds(TicketService queues, ILiveBus bus, IOfficeRepository offices, QueueWordBook words, TimeProvider time,
        IOptions<QueueOptions> options, IHostApplicationLifetime lifetime, ILogger<QueueFeeds> log)
    {
        Queues = queues;
        Bus = bus;
        Words = words;
        Log = log;
        _offices = offices;
        _time = time;
        _keepAliveTicks = Math.Max(1, options.Value.StreamKeepAliveSeconds);
        // One timer for every stream of the node: each second it keeps alive the streams of one bucket, so a node with
        // 15,000 open pages writes a thousand comment lines a second rather than 15,000 at once.
        _timer = time.CreateTimer(_ => Tick(), null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
        lifetime.ApplicationStopping.Register(EndAll);
    }

    internal TicketService Queues { get; }
    internal ILiveBus Bus { get; }
    internal ILogger Log { get; }
    public QueueWordBook Words { get; }

    /// <summary>The office's feed, made (with the list of offices, read once) on first use; null for an unknown office.</summary>
    public async Task<OfficeFeed?> FeedAsync(string officeId, CancellationToken ct) =>
        (await FeedsAsync(ct)).FirstOrDefault(f => f.Office.Id == officeId);

    public async Task<IReadOnlyList<OfficeFeed>> FeedsAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _feeds) is { } feeds) return feeds;
        await _loading.WaitAsync(ct);
        try
        {
            return _feeds ??= (await _offices.ListAsync(ct)).Select((office, i) => new OfficeFeed(this, office, i)).ToList();
        }
        finally
        {
            _loading.Release();
        }
    }

    /// <summary>
    /// A ticket as its page shows it now: from the office's line when the line has the ticket as the database does (or
    /// the ticket is over), else worked out afresh, since the line is older than a change no signal told this node of.
    /// </summary>
    public async Task<TicketPosition> PositionAsync(Ticket ticket, CancellationToken ct)
    {
        var line = await Queues.LineAsync(ticket.OfficeId, ct);
        var agrees = line.TryFind(ticket.Id, out var known, out _)
            ? known.State == ticket.State && known.ServiceId == ticket.ServiceId && known.CounterId == ticket.CounterId
            : !ticket.IsActive;
        return agrees ? line.PositionOf(ticket) : PositionOf(await Queues.StatusOfAsync(ticket, ct));
    }

    /// <summary>What the ticket page shows of a ticket's status.</summary>
    public static TicketPosition PositionOf(TicketStatus status) =>
        new(status.Ticket, status.Service, status.PeopleAhead, status.Estimate, status.CounterName, status.NowCalling);

    /// <summary>
    /// Follows a ticket page until its client goes, in the language it connected in. The first event is the ticket as
    /// it is now, unless <paramref name="lastEventId"/> (a reconnecting page's Last-Event-ID) says the page has it.
    /// </summary>
    public async Task FollowAsync(Ticket ticket, QueueWords words, PipeWriter output, ulong lastEventId, CancellationToken aborted)
    {
        var feed = await FeedAsync(ticket.OfficeId, aborted) ?? throw new InvalidOperationException($"No office {ticket.OfficeId}.");
        // Subscribed before the state is read (the office's first page makes the subscription): a change committed
        // between the two would otherwise reach no broadcast, and the page would show the older state until the next.
        feed.Subscribe();
        // The newest broadcast before the ticket's state is read: one that runs meanwhile wins over the first event.
        var sequence = feed.Frame?.Sequence ?? 0;
        var position = await PositionAsync(ticket, aborted);
        var stream = new TicketStream(output, words, ticket, feed);
        using var registration = aborted.Register(static s => ((EventStream)s!).End(), stream);
        if (lastEventId != 0) stream.Assume(0, lastEventId);
        feed.Add(stream, position, sequence);
        try
        {
            await stream.Ended;
        }
        finally
        {
            feed.Remove(stream);
        }
    }

    /// <summary>Follows a crowding page until its client goes: every office at once, unless its Last-Event-ID is the current state.</summary>
    public async Task FollowAsync(QueueWords words, PipeWriter output, ulong lastEventId, CancellationToken aborted)
    {
        var feeds = await FeedsAsync(aborted);
        var stream = new CrowdingStream(output, words, this, feeds.Count);
        using var registration = aborted.Register(static s => ((EventStream)s!).End(), stream);
        // Each office as it is now, as the page was drawn, not as the feed's last broadcast had it: a change whose
        // broadcast is still running would otherwise reach a page just opened as an older state, then the newer.
        var sequences = new long[feeds.Count];
        var offices = new CrowdingJson[feeds.Count];
        for (var i = 0; i < feeds.Count; i++)
        {
            feeds[i].Subscribe();
            sequences[i] = feeds[i].Frame?.Sequence ?? 0;
            offices[i] = await CrowdingJsonAsync(feeds[i], words, aborted);
        }
        var page = Combine(offices.Select(o => o.Version));
        _crowding.TryAdd(stream, 0);
        try
        {
            if (lastEventId != 0 && lastEventId == page)
                for (var i = 0; i < feeds.Count; i++) stream.Assume(i, offices[i].Version);
            for (var i = 0; i < feeds.Count; i++)
                stream.Send(i, OfficeFeed.FreshAfter(sequences[i]), offices[i].Version, "office"u8, page, offices[i].Json);
            // Broadcasts that ran since the offices were read.
            CatchUp(stream);
            await stream.Ended;
        }
        finally
        {
            _crowding.TryRemove(stream, out _);
        }
    }

    /// <summary>The crowding page's offices as they are now, in the words' language, for the page and its snapshot.</summary>
    public async Task<(IReadOnlyList<OfficeCrowding> Offices, ulong Version)> CrowdingAsync(QueueWords words, CancellationToken ct)
    {
        var list = new List<OfficeCrowding>();
        var versions = new List<ulong>();
        foreach (var feed in await FeedsAsync(ct))
        {
            var crowding = OfficeCrowding.Of(feed.Office, await Queues.LineAsync(feed.Office.Id, ct), words);
            var json = JsonScratch.Start();
            crowding.WriteJson(json);
            versions.Add(EventStream.VersionOf(JsonScratch.Written()));
            list.Add(crowding);
        }
        return (list, Combine(versions));
    }

    /// <summary>An office's crowding JSON from its line as it is now: the last broadcast's, when that broadcast had this line.</summary>
    private async Task<CrowdingJson> CrowdingJsonAsync(OfficeFeed feed, QueueWords words, CancellationToken ct)
    {
        var line = await Queues.LineAsync(feed.Office.Id, ct);
        var frame = feed.Frame is { } last && ReferenceEquals(last.Line, line) ? last : new OfficeFrame(line, 0, Words.All.Count);
        return frame.Crowding(feed.Office, words);
    }

    /// <summary>An office changed: each crowding page gets its new JSON, in its language, with the page's new version as id.</summary>
    internal void Broadcast(OfficeFeed changed, OfficeFrame frame)
    {
        if (_crowding.IsEmpty || _feeds is not { } feeds) return;
        // Each language's JSON and page version once, before the streams share them.
        var texts = Words.All.Select(words => (Office: frame.Crowding(changed.Office, words), Page: PageVersion(feeds, words))).ToArray();
        OfficeFeed.ForEachInParallel(OfficeFeed.KeysOf(_crowding), stream =>
        {
            var (office, page) = texts[stream.Words.Index];
            stream.Send(changed.Index, frame.Sequence, office.Version, "office"u8, page, office.Json);
        });
    }

    internal void CatchUp(CrowdingStream stream)
    {
        if (_feeds is not { } feeds) return;
        var id = PageVersion(feeds, stream.Words);
        foreach (var feed in feeds)
            if (feed.Frame is { } frame)
            {
                var office = frame.Crowding(feed.Office, stream.Words);
                stream.Send(feed.Index, frame.Sequence, office.Version, "office"u8, id, office.Json);
            }
    }

    /// <summary>The crowding page's version in a language: its offices' versions together.</summary>
    private static ulong PageVersion(IReadOnlyList<OfficeFeed> feeds, QueueWords words) =>
        Combine(feeds.Select(f => f.Frame is { } frame ? frame.Crowding(f.Office, words).Version : 0));

    private static ulong Combine(IEnumerable<ulong> versions)
    {
        Span<byte> bytes = stackalloc byte[8];
        var hash = new System.IO.Hashing.XxHash3();
        foreach (var version in versions)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt64LittleEndian(bytes, version);
            hash.Append(bytes);
        }
        return hash.GetCurrentHashAsUInt64();
    }

    private void Tick()
    {
        if (Volatile.Read(ref _feeds) is not { } feeds) return;
        var tick = Interlocked.Increment(ref _ticks);
        var bucket = (int)(tick % _keepAliveTicks);
        var now = _time.GetUtcNow();
        try
        {
            foreach (var feed in feeds) feed.KeepAlive(bucket, _keepAliveTicks, now);
            foreach (var (stream, _) in _crowding)
                if (stream.Bucket % _keepAliveTicks == bucket) stream.KeepAlive();
            if (tick % RefreshEveryTicks == 0)
                foreach (var feed in feeds.Where(f => f.StreamCount > 0 || !_crowding.IsEmpty)) feed.Changed();
        }
        catch (Exception e)
        {
            Log.LogWarning(e, "Keeping the live queue pages' streams alive failed.");
        }
    }

    private void EndAll()
    {
        if (Volatile.Read(ref _feeds) is { } feeds)
            foreach (var feed in feeds) feed.EndAll();
        foreach (var (stream, _) in _crowding) stream.End();
    }

    public void Dispose()
    {
        _timer.Dispose();
        EndAll();
        if (Volatile.Read(ref _feeds) is { } feeds)
            foreach (var feed in feeds) feed.Unsubscribe();
        _loading.Dispose();
    }
}
