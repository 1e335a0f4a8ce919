using System.Text;
using System.Text.Json;

namespace Portal.Tests.Queues;

/// <summary>
/// Reads a server-sent event stream as a browser's EventSource does: fields up to a blank line make an event, lines
/// starting with a colon are comments. Each read waits for what it expects, failing after a generous bound.
/// </summary>
public sealed class ServerSentEvents(Stream stream) : IDisposable
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly StreamReader _reader = new(stream, Encoding.UTF8);

    public sealed record Event(string? Id, string Name, string Data)
    {
        public JsonElement Json => JsonDocument.Parse(Data).RootElement;

        public string Text(string property) => Json.GetProperty(property).GetString() ?? "";
    }

    /// <summary>The next event, past any comment lines.</summary>
    public async Task<Event> NextAsync()
    {
        while (true)
            if (await ReadAsync() is { } e) return e;
    }

    /// <summary>The next comment line, past any events (which are returned in <see cref="Skipped"/>).</summary>
    public async Task<string> NextCommentAsync()
    {
        while (true)
        {
            var line = await LineAsync();
            if (line.StartsWith(':')) return line;
            if (line.Length > 0) _fields.Add(line);
            else if (Dispatch() is { } e) Skipped.Add(e);
        }
    }

    /// <summary>Events read past while looking for a comment.</summary>
    public List<Event> Skipped { get; } = [];

    private readonly List<string> _fields = [];

    /// <summary>One event, or null for a comment line.</summary>
    private async Task<Event?> ReadAsync()
    {
        while (true)
        {
            var line = await LineAsync();
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

    private async Task<string> LineAsync()
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(Bound);
        return await _reader.ReadLineAsync(bound.Token) ?? throw new EndOfStreamException("The event stream ended.");
    }

    public void Dispose() => _reader.Dispose();
}
