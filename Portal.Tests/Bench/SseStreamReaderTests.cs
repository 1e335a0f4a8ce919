extern alias bench;

using System.Text;
using bench::Portal.Bench.Load;

namespace Portal.Tests.Bench;

/// <summary>
/// The SSE load client reads a response straight off a socket, in whatever pieces the kernel hands over. These
/// tests hold its reader to HTTP/1.1 chunking and to the event-stream format, at every place a read can split.
/// </summary>
public class SseStreamReaderTests
{
    private sealed record Event(string Type, string Data, string LastId);

    private sealed class Collected
    {
        public List<Event> Events { get; } = [];
        public SseStreamReader Reader { get; }

        public Collected() => Reader = new SseStreamReader((type, data, id) =>
            Events.Add(new Event(Encoding.UTF8.GetString(type), Encoding.UTF8.GetString(data), Encoding.UTF8.GetString(id))));
    }

    private const string Head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-cache\r\nTransfer-Encoding: chunked\r\n\r\n";

    /// <summary>A body as Kestrel sends a streamed response: each flush one chunk.</summary>
    private static string Chunked(params string[] chunks) =>
        string.Concat(chunks.Select(c => $"{Encoding.UTF8.GetByteCount(c):x}\r\n{c}\r\n"));

    private static readonly string TwoEventsAndAComment = Head + Chunked(
        "id: 41\nevent: ticket\ndata: {\"state\":\"waiting\",\"ahead\":3,\"nowCalling\":[\"A0011\"]}\n\n",
        ": keep-alive\n\n",
        "id: 42\nevent: ticket\ndata: {\"state\":\"waiting\",\"ahead\":2,\"nowCalling\":[\"A0012\",\"受付\"]}\n\n");

    private static Collected Read(byte[] response, params int[] splits)
    {
        var collected = new Collected();
        var from = 0;
        foreach (var at in splits.Append(response.Length))
        {
            collected.Reader.Feed(response.AsSpan(from, at - from));
            from = at;
        }
        return collected;
    }

    private static void AssertTwoEvents(Collected c)
    {
        Assert.Null(c.Reader.Error);
        Assert.Equal(
            [
                new Event("ticket", "{\"state\":\"waiting\",\"ahead\":3,\"nowCalling\":[\"A0011\"]}", "41"),
                new Event("ticket", "{\"state\":\"waiting\",\"ahead\":2,\"nowCalling\":[\"A0012\",\"受付\"]}", "42"),
            ], c.Events);
        Assert.Equal(1, c.Reader.Comments);
        Assert.Equal("42", Encoding.UTF8.GetString(c.Reader.LastEventId));
    }

    [Fact]
    public void A_chunked_response_in_one_read_gives_its_events_ids_and_comments()
    {
        var c = Read(Encoding.UTF8.GetBytes(TwoEventsAndAComment));

        Assert.Equal(200, c.Reader.StatusCode);
        Assert.True(c.Reader.IsEventStream);
        Assert.True(c.Reader.Chunked);
        AssertTwoEvents(c);
        Assert.False(c.Reader.Ended);
    }

    [Fact]
    public void Every_split_into_two_reads_gives_the_same_events()
    {
        // Splits land in the head, its end, chunk sizes, CRLFs, field names, data (inside a UTF-8 character too) and blank lines.
        var response = Encoding.UTF8.GetBytes(TwoEventsAndAComment);
        for (var at = 1; at < response.Length; at++)
            AssertTwoEvents(Read(response, at));
    }

    [Fact]
    public void One_byte_at_a_time_gives_the_same_events()
    {
        var response = Encoding.UTF8.GetBytes(TwoEventsAndAComment);
        AssertTwoEvents(Read(response, Enumerable.Range(1, response.Length - 1).ToArray()));
    }

    [Fact]
    public void An_event_split_over_chunks_is_one_event()
    {
        var response = Encoding.UTF8.GetBytes(Head + Chunked("id: 7\nda", "ta: {\"ahead\"", ":1}\n", "\n"));

        var c = Read(response);

        Assert.Equal([new Event("message", "{\"ahead\":1}", "7")], c.Events);
    }

    [Fact]
    public void Data_lines_join_with_line_feeds_and_every_line_ending_counts()
    {
        // CRLF, CR and LF endings; "data:x" without the space; the space after the colon is dropped once.
        var response = Encoding.UTF8.GetBytes(Head + Chunked("data:first\r\ndata:  second\rdata: third\n\r\n"));

        var c = Read(response);

        Assert.Equal([new Event("message", "first\n second\nthird", "")], c.Events);
    }

    [Fact]
    public void A_cr_at_the_end_of_one_read_and_its_lf_in_the_next_are_one_line_break()
    {
        var response = Encoding.UTF8.GetBytes(Head + Chunked("data: a\r\n\r\ndata: b\r\n\r\n"));
        var crInBody = Encoding.ASCII.GetString(response).IndexOf("data: a\r", StringComparison.Ordinal) + "data: a\r".Length;

        var c = Read(response, crInBody);

        Assert.Equal(["a", "b"], c.Events.Select(e => e.Data));
    }

    [Fact]
    public void The_id_outlives_its_event_and_an_event_without_data_is_not_dispatched()
    {
        var response = Encoding.UTF8.GetBytes(Head + Chunked("id: 9\n\n", "data: x\n\n", "id\ndata: y\n\n"));

        var c = Read(response);

        // An "id" line with no value clears the last id, as the standard says.
        Assert.Equal([new Event("message", "x", "9"), new Event("message", "y", "")], c.Events);
    }

    [Fact]
    public void Comments_only_are_keep_alives_not_events()
    {
        var c = Read(Encoding.UTF8.GetBytes(Head + Chunked(":\n\n", ": ping\n\n")));

        Assert.Empty(c.Events);
        Assert.Equal(2, c.Reader.Comments);
    }

    [Fact]
    public void The_last_chunk_ends_the_stream_and_later_bytes_are_ignored()
    {
        var c = Read(Encoding.UTF8.GetBytes(Head + Chunked("data: x\n\n") + "0\r\n\r\n" + "garbage"));

        Assert.True(c.Reader.Ended);
        Assert.Null(c.Reader.Error);
        Assert.Single(c.Events);
    }

    [Fact]
    public void Chunk_extensions_are_skipped()
    {
        var c = Read(Encoding.UTF8.GetBytes(Head + "9;name=value\r\ndata: x\n\n\r\n"));

        Assert.Equal([new Event("message", "x", "")], c.Events);
    }

    [Fact]
    public void A_plain_body_runs_until_the_connection_closes()
    {
        var c = Read(Encoding.UTF8.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n\r\ndata: x\n\n"));
        c.Reader.Closed();

        Assert.False(c.Reader.Chunked);
        Assert.Single(c.Events);
        Assert.True(c.Reader.Ended);
        Assert.Null(c.Reader.Error);
    }

    [Fact]
    public void A_chunked_body_cut_off_is_an_error()
    {
        var c = Read(Encoding.UTF8.GetBytes(Head + "9\r\ndata"));
        c.Reader.Closed();

        Assert.NotNull(c.Reader.Error);
    }

    [Theory]
    [InlineData("HTTP/1.1 404 Not Found\r\nContent-Type: text/html\r\nContent-Length: 3\r\n\r\nno!", "HTTP 404")]
    [InlineData("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 3\r\n\r\nyes", "not text/event-stream")]
    [InlineData("SSH-2.0-OpenSSH\r\n\r\n", "not an HTTP")]
    public void A_response_that_is_no_event_stream_is_an_error(string response, string error)
    {
        var c = Read(Encoding.UTF8.GetBytes(response));

        Assert.True(c.Reader.Ended);
        Assert.Contains(error, c.Reader.Error);
        Assert.Empty(c.Events);
    }

    [Fact]
    public void Reader_keeps_small_buffers_once_its_head_has_passed()
    {
        var c = Read(Encoding.UTF8.GetBytes(TwoEventsAndAComment), 40);

        // The split kept the head in a buffer until it was complete; that buffer is dropped after.
        Assert.InRange(c.Reader.BufferedCapacity, 1, 256);
    }

    [Fact]
    public void The_request_is_what_event_source_sends_with_last_event_id_on_reconnect()
    {
        var site = new Uri("http://127.0.0.1:5123/");

        var first = Encoding.ASCII.GetString(SsePhones.Request(site, "queue/t/abc/events"));
        var again = Encoding.ASCII.GetString(SsePhones.Request(site, "queue/t/abc/events", "42"u8));

        Assert.StartsWith("GET /queue/t/abc/events HTTP/1.1\r\nHost: 127.0.0.1:5123\r\nAccept: text/event-stream\r\n", first);
        Assert.EndsWith("\r\n\r\n", first);
        Assert.DoesNotContain("Last-Event-ID", first);
        Assert.Contains("\r\nLast-Event-ID: 42\r\n", again);
    }

    [Fact]
    public void Phones_spread_over_loopback_source_addresses()
    {
        Assert.Equal("127.0.0.2", SsePhones.SourceAddress(0).ToString());
        Assert.Equal("127.0.0.2", SsePhones.SourceAddress(SsePhones.PhonesPerSourceAddress - 1).ToString());
        Assert.Equal("127.0.0.3", SsePhones.SourceAddress(SsePhones.PhonesPerSourceAddress).ToString());
        Assert.Equal("127.0.0.5", SsePhones.SourceAddress(14_999).ToString());
    }
}
