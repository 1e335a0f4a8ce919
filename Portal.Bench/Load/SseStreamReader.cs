using System.Buffers.Text;
using System.Numerics;
using System.Text;

namespace Portal.Bench.Load;

/// <summary>Called for every complete server-sent event: its type ("message" when it named none), data and the last id seen.</summary>
public delegate void SseEventSink(ReadOnlySpan<byte> eventType, ReadOnlySpan<byte> data, ReadOnlySpan<byte> lastEventId);

/// <summary>
/// One HTTP/1.1 response carrying server-sent events, read from raw bytes as they come off a socket, in pieces of
/// any size: the status line and headers, then the body (chunked, as Kestrel sends a response it streams, or plain
/// until the connection closes), then the event stream as the WHATWG HTML standard defines it (lines ending in
/// LF, CRLF or CR; "field: value"; a line starting with ":" a comment; a blank line ends an event; data lines
/// joined by LF; "id" kept across events). Nothing is turned into a string: the reader keeps only the bytes of an
/// unfinished header block, line, event's data and last id, in arrays sized to what the stream needed, so
/// thousands of readers cost a few hundred bytes each once their first event has passed.
/// </summary>
public sealed class SseStreamReader(SseEventSink sink)
{
    /// <summary>A line or a header block longer than this is a broken stream, not an event.</summary>
    public const int MaxLineBytes = 64 * 1024;

    private enum Body { Head, ChunkSize, ChunkExtension, ChunkData, ChunkDataEnd, Plain, Ended }

    private static ReadOnlySpan<byte> HeadEnd => "\r\n\r\n"u8;

    private Body _body = Body.Head;
    private byte[]? _head;
    private int _headLength;
    private long _chunkLeft;
    private bool _chunkSizeDigits;

    private byte[]? _line;
    private int _lineLength;
    private bool _afterCr;
    private byte[]? _data;
    private int _dataLength;
    private bool _hasData;
    private byte[]? _type;
    private int _typeLength;
    private byte[]? _id;
    private int _idLength;

    public int StatusCode { get; private set; }
    public bool IsEventStream { get; private set; }
    public bool Chunked { get; private set; }
    public bool HeadersDone => _body > Body.Head;

    /// <summary>The response ended (last chunk) or could not be read; <see cref="Error"/> says which.</summary>
    public bool Ended => _body == Body.Ended;

    public string? Error { get; private set; }
    public int Events { get; private set; }
    public int Comments { get; private set; }
    public ReadOnlySpan<byte> LastEventId => _id.AsSpan(0, _idLength);

    /// <summary>Bytes this reader holds between calls (its buffers' sizes), for the client's memory per connection.</summary>
    public int BufferedCapacity => (_head?.Length ?? 0) + (_line?.Length ?? 0) + (_data?.Length ?? 0) + (_type?.Length ?? 0) + (_id?.Length ?? 0);

    /// <summary>Reads the next bytes of the response, calling the sink for each event they complete.</summary>
    public void Feed(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty && _body != Body.Ended)
        {
            switch (_body)
            {
                case Body.Head:
                    bytes = ReadHead(bytes);
                    break;
                case Body.Plain:
                    ReadEvents(bytes);
                    bytes = default;
                    break;
                case Body.ChunkSize:
                    bytes = ReadChunkSize(bytes);
                    break;
                case Body.ChunkExtension:
                {
                    var lf = bytes.IndexOf((byte)'\n');
                    if (lf < 0) return;
                    bytes = bytes[(lf + 1)..];
                    StartChunk();
                    break;
                }
                case Body.ChunkData:
                {
                    var take = (int)Math.Min(_chunkLeft, bytes.Length);
                    ReadEvents(bytes[..take]);
                    bytes = bytes[take..];
                    _chunkLeft -= take;
                    if (_chunkLeft == 0) _body = Body.ChunkDataEnd;
                    break;
                }
                case Body.ChunkDataEnd:
                {
                    // The CRLF after a chunk's data.
                    var b = bytes[0];
                    bytes = bytes[1..];
                    if (b == (byte)'\n') _body = Body.ChunkSize;
                    else if (b != (byte)'\r') Fail("no line break after a chunk");
                    break;
                }
            }
        }
    }

    /// <summary>The connection closed: a plain body ends here, anything else ended too early.</summary>
    public void Closed()
    {
        if (_body == Body.Ended) return;
        if (_body != Body.Plain) Error ??= "the connection closed in the middle of the response";
        _body = Body.Ended;
    }

    private void Fail(string error)
    {
        Error ??= error;
        _body = Body.Ended;
    }

    private ReadOnlySpan<byte> ReadHead(ReadOnlySpan<byte> bytes)
    {
        // The end of the head may straddle two reads: look for it in what was kept plus what came.
        var keep = Math.Min(_headLength, HeadEnd.Length - 1);
        int end;
        if (_headLength == 0 && (end = bytes.IndexOf(HeadEnd)) >= 0)
        {
            ParseHead(bytes[..end]);
            return bytes[(end + HeadEnd.Length)..];
        }
        var searchFrom = _headLength - keep;
        Append(ref _head, ref _headLength, bytes);
        if (_headLength > MaxLineBytes) { Fail("response head too long"); return default; }
        end = _head.AsSpan(searchFrom, _headLength - searchFrom).IndexOf(HeadEnd);
        if (end < 0) return default;
        end += searchFrom;
        ParseHead(_head.AsSpan(0, end));
        // What came after the head in this read is body.
        var consumedOfThisRead = end + HeadEnd.Length - (_headLength - bytes.Length);
        _head = null;
        _headLength = 0;
        return bytes[consumedOfThisRead..];
    }

    private void ParseHead(ReadOnlySpan<byte> head)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var status = lineEnd < 0 ? head : head[..lineEnd];
        // "HTTP/1.1 200 OK"
        var space = status.IndexOf((byte)' ');
        if (!status.StartsWith("HTTP/1."u8) || space < 0 || !Utf8Parser.TryParse(status[(space + 1)..], out int code, out _))
        {
            Fail("not an HTTP/1.x response");
            return;
        }
        StatusCode = code;
        var rest = lineEnd < 0 ? default : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            var end = rest.IndexOf("\r\n"u8);
            var line = end < 0 ? rest : rest[..end];
            rest = end < 0 ? default : rest[(end + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon < 0) continue;
            var name = line[..colon];
            var value = line[(colon + 1)..].Trim((byte)' ');
            if (Ascii.EqualsIgnoreCase(name, "Content-Type"u8))
                IsEventStream = value.Length >= 17 && Ascii.EqualsIgnoreCase(value[..17], "text/event-stream"u8);
            else if (Ascii.EqualsIgnoreCase(name, "Transfer-Encoding"u8))
                Chunked = value.Length >= 7 && Ascii.EqualsIgnoreCase(value[^7..], "chunked"u8);
        }
        if (StatusCode != 200) Fail($"HTTP {StatusCode}");
        else if (!IsEventStream) Fail("the response is not text/event-stream");
        else _body = Chunked ? Body.ChunkSize : Body.Plain;
    }

    private ReadOnlySpan<byte> ReadChunkSize(ReadOnlySpan<byte> bytes)
    {
        var i = 0;
        for (; i < bytes.Length; i++)
        {
            var b = bytes[i];
            var digit = b >= '0' && b <= '9' ? b - '0' : b >= 'a' && b <= 'f' ? b - 'a' + 10 : b >= 'A' && b <= 'F' ? b - 'A' + 10 : -1;
            if (digit >= 0)
            {
                if (_chunkLeft > int.MaxValue) { Fail("chunk too large"); return default; }
                _chunkLeft = _chunkLeft * 16 + digit;
                _chunkSizeDigits = true;
                continue;
            }
            if (b == (byte)'\r') continue;
            if (!_chunkSizeDigits) { Fail("no chunk size"); return default; }
            if (b == (byte)'\n')
            {
                StartChunk();
                return bytes[(i + 1)..];
            }
            // ";name=value" extensions, to the end of the line.
            _body = Body.ChunkExtension;
            return bytes[(i + 1)..];
        }
        return default;
    }

    private void StartChunk()
    {
        _chunkSizeDigits = false;
        if (_chunkLeft == 0)
        {
            // The last chunk: the server ended the stream.
            _body = Body.Ended;
            Closed();
            return;
        }
        _body = Body.ChunkData;
    }

    private void ReadEvents(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            if (_afterCr)
            {
                // A CR ended the last line; an LF right after it belongs to the same line break.
                _afterCr = false;
                if (bytes[0] == (byte)'\n')
                {
                    bytes = bytes[1..];
                    continue;
                }
            }
            var end = bytes.IndexOfAny((byte)'\n', (byte)'\r');
            if (end < 0)
            {
                if (_lineLength + bytes.Length > MaxLineBytes) { Fail("line too long"); return; }
                Append(ref _line, ref _lineLength, bytes);
                return;
            }
            _afterCr = bytes[end] == (byte)'\r';
            if (_lineLength == 0)
            {
                Line(bytes[..end]);
            }
            else
            {
                Append(ref _line, ref _lineLength, bytes[..end]);
                Line(_line.AsSpan(0, _lineLength));
                _lineLength = 0;
            }
            bytes = bytes[(end + 1)..];
        }
    }

    private void Line(ReadOnlySpan<byte> line)
    {
        if (line.IsEmpty)
        {
            Dispatch();
            return;
        }
        if (line[0] == (byte)':')
        {
            Comments++;
            return;
        }
        var colon = line.IndexOf((byte)':');
        var field = colon < 0 ? line : line[..colon];
        var value = colon < 0 ? default : line[(colon + 1)..];
        if (!value.IsEmpty && value[0] == (byte)' ') value = value[1..];

        if (field.SequenceEqual("data"u8))
        {
            if (_hasData) Append(ref _data, ref _dataLength, "\n"u8);
            Append(ref _data, ref _dataLength, value);
            _hasData = true;
        }
        else if (field.SequenceEqual("event"u8))
        {
            _typeLength = 0;
            Append(ref _type, ref _typeLength, value);
        }
        else if (field.SequenceEqual("id"u8) && value.IndexOf((byte)0) < 0)
        {
            _idLength = 0;
            Append(ref _id, ref _idLength, value);
        }
        // "retry" and unknown fields change nothing the bench measures.
    }

    private void Dispatch()
    {
        if (_hasData)
        {
            Events++;
            sink(_typeLength == 0 ? "message"u8 : _type.AsSpan(0, _typeLength), _data.AsSpan(0, _dataLength), LastEventId);
        }
        _hasData = false;
        _dataLength = 0;
        _typeLength = 0;
    }

    private static void Append(ref byte[]? buffer, ref int length, ReadOnlySpan<byte> bytes)
    {
        if (bytes.IsEmpty) return;
        var needed = length + bytes.Length;
        if (buffer is null || buffer.Length < needed)
        {
            var grown = new byte[Math.Max(32, (int)BitOperations.RoundUpToPowerOf2((uint)needed))];
            buffer?.AsSpan(0, length).CopyTo(grown);
            buffer = grown;
        }
        bytes.CopyTo(buffer.AsSpan(length));
        length = needed;
    }
}
