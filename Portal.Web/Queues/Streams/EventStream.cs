using System.Buffers;
using System.Globalization;
using System.IO.Hashing;
using System.IO.Pipelines;
using System.Text.Json;

namespace Portal.Web.Queues.Streams;

/// <summary>
/// One open server-sent event stream (a ticket page or a crowding page). Events go straight into the response's
/// <see cref="PipeWriter"/> under the stream's own lock, so an office's broadcast, the shared keep-alive and the
/// stream's start never write at once. Nothing per stream but a few fields: no channel, no timer, no buffer.
/// <para>
/// A stream has slots (a ticket page one, the crowding page one per office). Per slot it keeps the version it last
/// sent, so an unchanged state is not sent again, and the sequence number of the office line it came from, so an
/// older line never overwrites a newer one. A flush the client is slow to take is awaited aside; events meanwhile
/// are not queued but noted, and once the flush is done <see cref="CatchUp"/> sends the newest state.
/// </para>
/// </summary>
public abstract class EventStream
{
    private readonly PipeWriter _output;
    private readonly ulong[] _sent;
    private readonly long[] _sequences;
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _ended = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _flushing, _behind, _closed;

    protected EventStream(PipeWriter output, QueueWords words, int slots)
    {
        _output = output;
        Words = words;
        _sent = new ulong[slots];
        _sequences = new long[slots];
        Bucket = Interlocked.Increment(ref s_opened);
    }

    private static int s_opened;

    /// <summary>The language the page was opened in: every event of the stream speaks it.</summary>
    public QueueWords Words { get; }

    /// <summary>Spreads the streams over the keep-alive timer's ticks.</summary>
    internal int Bucket { get; }

    /// <summary>Completes when the client went away or the server ended the stream.</summary>
    public Task Ended => _ended.Task;

    public bool IsClosed
    {
        get { lock (_gate) return _closed; }
    }

    /// <summary>The client already has this version in this slot: it reconnected with it as Last-Event-ID.</summary>
    public void Assume(int slot, ulong version)
    {
        lock (_gate) _sent[slot] = version;
    }

    /// <summary>
    /// Writes one event, <c>id: {id}</c>, <c>event: {name}</c>, <c>data: {"version":"{version}",…json}</c>, unless the
    /// slot already has this version or has one from a newer line (<paramref name="sequence"/>).
    /// </summary>
    public void Send(int slot, long sequence, ulong version, ReadOnlySpan<byte> name, ulong id, ReadOnlySpan<byte> json)
    {
        lock (_gate)
        {
            if (_closed || sequence < _sequences[slot]) return;
            _sequences[slot] = sequence;
            if (_sent[slot] == version) return;
            if (_flushing)
            {
                _behind = true;
                return;
            }
            _sent[slot] = version;
            try
            {
                WriteEvent(_output, name, id, version, json);
            }
            catch (InvalidOperationException)
            {
                // The response has completed under us: the client is gone.
                CloseLocked();
                return;
            }
            FlushLocked();
        }
    }

    /// <summary>A comment line, so proxies and phones' networks keep an idle stream open.</summary>
    public void KeepAlive()
    {
        lock (_gate)
        {
            if (_closed || _flushing) return;
            try
            {
                _output.Write(":\n\n"u8);
            }
            catch (InvalidOperationException)
            {
                CloseLocked();
                return;
            }
            FlushLocked();
        }
    }

    /// <summary>Ends the stream: the request that holds it returns.</summary>
    public void End()
    {
        lock (_gate) CloseLocked();
    }

    /// <summary>Sends the newest state after a slow flush that held events back.</summary>
    protected abstract void CatchUp();

    private void CloseLocked()
    {
        _closed = true;
        _ended.TrySetResult();
    }

    private void FlushLocked()
    {
        ValueTask<FlushResult> flush;
        try
        {
            flush = _output.FlushAsync();
        }
        catch (Exception e) when (e is InvalidOperationException or IOException)
        {
            CloseLocked();
            return;
        }
        if (flush.IsCompletedSuccessfully)
        {
            if (flush.Result is { IsCompleted: true } or { IsCanceled: true }) CloseLocked();
            return;
        }
        _flushing = true;
        _ = AwaitFlushAsync(flush);
    }

    private async Task AwaitFlushAsync(ValueTask<FlushResult> flush)
    {
        bool open;
        try
        {
            var result = await flush.ConfigureAwait(false);
            open = !result.IsCompleted && !result.IsCanceled;
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or OperationCanceledException)
        {
            open = false;
        }
        bool behind;
        lock (_gate)
        {
            _flushing = false;
            if (!open)
            {
                CloseLocked();
                return;
            }
            behind = _behind;
            _behind = false;
        }
        if (behind) CatchUp();
    }

    /// <summary>An event as the stream contract writes it (docs/queue-streams.md).</summary>
    public static void WriteEvent(IBufferWriter<byte> output, ReadOnlySpan<byte> name, ulong id, ulong version, ReadOnlySpan<byte> json)
    {
        output.Write("id: "u8);
        WriteHex(output, id);
        output.Write("\nevent: "u8);
        output.Write(name);
        output.Write("\ndata: "u8);
        WriteVersioned(output, version, json);
        output.Write("\n\n"u8);
    }

    /// <summary><paramref name="json"/>, an object, with <c>"version"</c> as its first property: the events' data and the snapshots' bodies.</summary>
    public static void WriteVersioned(IBufferWriter<byte> output, ulong version, ReadOnlySpan<byte> json)
    {
        output.Write("{\"version\":\""u8);
        WriteHex(output, version);
        output.Write(json.Length > 2 ? "\","u8 : "\""u8);
        output.Write(json[1..]);
    }

    /// <summary>The version of a JSON body: 16 hexadecimal digits of its hash, the same on every node.</summary>
    public static ulong VersionOf(ReadOnlySpan<byte> json) => XxHash3.HashToUInt64(json);

    /// <summary>A version as it travels (16 lowercase hexadecimal digits); 0 for anything that is not one.</summary>
    public static ulong ParseVersion(string? text) =>
        text is { Length: 16 } && ulong.TryParse(text, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var v) ? v : 0;

    public static string FormatVersion(ulong version) => version.ToString("x16", CultureInfo.InvariantCulture);

    private static void WriteHex(IBufferWriter<byte> output, ulong value)
    {
        var span = output.GetSpan(16);
        value.TryFormat(span, out var written, "x16", CultureInfo.InvariantCulture);
        output.Advance(written);
    }
}

/// <summary>
/// A JSON writer and its buffer per thread, for the events a broadcast builds one after another: each is written,
/// hashed and copied to its stream before the next, so nothing is allocated per event.
/// </summary>
internal static class JsonScratch
{
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;
    [ThreadStatic] private static Utf8JsonWriter? t_json;

    /// <summary>An empty writer of this thread's.</summary>
    public static Utf8JsonWriter Start()
    {
        var buffer = t_buffer ??= new ArrayBufferWriter<byte>(1024);
        buffer.ResetWrittenCount();
        var json = t_json ??= new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = QueueWords.Encoder, SkipValidation = true });
        json.Reset(buffer);
        return json;
    }

    /// <summary>What the thread's writer wrote since <see cref="Start"/>; valid until the next Start on this thread.</summary>
    public static ReadOnlySpan<byte> Written()
    {
        t_json!.Flush();
        return t_buffer!.WrittenSpan;
    }
}
