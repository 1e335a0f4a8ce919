using System.Text;
using System.Text.Json;

namespace Portal.Tests.Queues;

/// <summary>
/// Reads a server-sent event stream as a browser's EventSource does: fields up to a blank line make an event, lines
/// starting with a colon are comments. Each read waits for what it expects, failing after a generous bound on the whole
/// wait: keep-alive comments arrive more often than the bound, so a bound per line would let a lost event hang the test.
/// </summary>
public sealed class ServerSentEvents(Stream stream) : IDisposable
{
    private static readonly TimeSpan Bound = Infrastructure.Eventually.DefaultWithin;
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public sealed record Event(string? Id, string Name, string Data)
    {
        public JsonElement Json => JsonDocument.Parse(Data).RootElement;

        public string Text(string property) => Json.GetProperty(property).GetString() ?? "";
    }

    /// <summary>The next event, past any comment lines.</summary>
    public Task<Event> NextAsync() => NextWhereAsync(static _ => true);

    /// <summary>The first event <paramref name="wanted"/> accepts, past comments and events it does not.</summary>
    public async Task<Event> NextWhereAsync(Func<Event, bool> wanted)
    {
        using var bound = Bounded();
        try
        {
            while (true)
                if (await ReadAsync(bound.Token) is { } e && wanted(e)) return e;
        }
        catch (OperationCanceledException) when (!TestContext.Current.CancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The event stream sent no wanted event within {Bound.TotalSeconds:0} s.");
        }
    }

    /// <summary>The next comment line, past any events (which are returned in <see cref="Skipped"/>).</summary>
    public async Task<string> NextCommentAsync()
    {
        using var bound = Bounded();
        while (true)
        {
            var line = await LineAsync(bound.Token);
            if (line.StartsWith(':')) return line;
            if (line.Length > 0) _fields.Add(line);
            else if (Dispatch() is { } e) Skipped.Add(e);
        }
    }

    private static CancellationTokenSource Bounded()
    {
        var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        return bound;
    }

    /// <summary>Events read past while looking for a comment.</summary>
    public List<Event> Skipped { get; } = [];

    private readonly List<string> _fields = [];

    /// <summary>One event, or null for a comment line.</summary>
    private async Task<Event?> ReadAsync(CancellationToken ct)
    {
        while (true)
        {
            var line = await LineAsync(ct);
            if (line.StartsWith(':')) return null;
            if (line.Length > 0)
            {
                _fields.Add(line);
                continue;
            }
            if (Dispatch() is { } e) return e;
        }
    }

    private Event? Dispatch()
    {
        string? id = null, name = "message";
        var data = new List<string>();
        foreach (var field in _fields)
        {
            var colon = field.IndexOf(':');
            var (key, value) = colon < 0 ? (field, "") : (field[..colon], field[(colon + 1)..].TrimStart(' '));
            switch (key)
            {
                case "id": id = value; break;
                case "event": name = value; break;
                case "data": data.Add(value); break;
            }
        }
        _fields.Clear();
        return data.Count == 0 ? null : new Event(id, name, string.Join('\n', data));
    }

    private async Task<string> LineAsync(CancellationToken ct) =>
        await _reader.ReadLineAsync(ct) ?? throw new EndOfStreamException("The event stream ended.");

    public void Dispose() => _reader.Dispose();
}
