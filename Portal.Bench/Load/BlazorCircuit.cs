using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;

namespace Portal.Bench.Load;

/// <summary>
/// One interactive page without a browser: it fetches the prerendered page, opens the circuit over /_blazor as
/// blazor.web.js does (StartCircuit, then UpdateRootComponents with the page's component markers and state),
/// acknowledges every render batch (OnRenderCompleted, or the server stops sending after a few), and answers the
/// page's JavaScript calls as a browser that has nothing to do would: success, a fresh JS object reference where
/// one is expected (module imports, watchers), nothing otherwise. It keeps the .NET object references the page
/// hands to JavaScript so that the bench can call [JSInvokable] methods as the page's scripts do.
/// </summary>
public sealed partial class BlazorCircuit : IAsyncDisposable
{
    // JSCallResultType.JSObjectReference: the caller expects a handle to a JS object.
    private const int JSObjectReferenceResult = 1;

    private readonly HubConnection _hub;
    private readonly ConcurrentDictionary<string, long> _dotNetObjects = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _calls = new();
    private long _nextJsObject;
    private long _nextCallId;
    private Watch? _watch;
    private (byte[] Pattern, TaskCompletionSource Ready)? _readyText;

    private BlazorCircuit(HubConnection hub) => _hub = hub;

    public string? CircuitId { get; private set; }
    public int RenderBatches;
    public string? Error { get; private set; }

    /// <summary>Called with every render batch as it arrives (its receive time in Stopwatch ticks), before it is acknowledged.</summary>
    public Action<BlazorCircuit, long, byte[]>? OnRenderBatch { get; set; }

    /// <summary>Opens the page at <paramref name="path"/> and waits until it is <paramref name="ready"/>.</summary>
    public static async Task<BlazorCircuit> OpenAsync(HttpClient http, Uri site, string path, string? cookie, PageReady ready, TimeSpan timeout)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site, path));
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var markers = ComponentMarkers.Parse(await response.Content.ReadAsStringAsync());
        if (markers.ServerComponents.Count == 0) throw new InvalidOperationException($"{path} has no interactive server components.");

        var builder = new HubConnectionBuilder().WithUrl(new Uri(site, "_blazor"), HttpTransportType.WebSockets, o =>
        {
            // Straight to the WebSocket, where blazor.web.js ends up after its negotiate request.
            o.SkipNegotiation = true;
            if (cookie is not null) o.Headers["Cookie"] = cookie;
        });
        // The one protocol the hub accepts (see BlazorPackProtocol), registered last so it replaces the default JSON one.
        builder.Services.AddSingleton<IHubProtocol, BlazorPackProtocol>();
        var hub = builder.Build();
        // A busy server in these runs: wait long for its keep-alives before giving up on it.
        hub.ServerTimeout = TimeSpan.FromMinutes(5);
        hub.HandshakeTimeout = TimeSpan.FromMinutes(2);
        var circuit = new BlazorCircuit(hub);
        try
        {
            await circuit.ConnectAsync(site, path, markers, ready, timeout);
        }
        catch
        {
            await circuit.DisposeAsync();
            throw;
        }
        return circuit;
    }

    private async Task ConnectAsync(Uri site, string path, ComponentMarkers markers, PageReady when, TimeSpan timeout)
    {
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (when.JsCall is { } call) _calls[call] = ready;
        if (when.RenderedText is { } text) _readyText = (RenderBatchText.Pattern(text), ready);
        _hub.On<long, byte[]>("JS.RenderBatch", OnRenderBatchAsync);
        _hub.On<long, string, string, int, long, int>("JS.BeginInvokeJS", OnBeginInvokeJSAsync);
        _hub.On<string, bool, string>("JS.EndInvokeDotNet", (_, _, _) => { });
        _hub.On<string>("JS.Error", error => Error ??= error);
        _hub.On<long>("JS.EndUpdateRootComponents", _ => { });
        _hub.Closed += e =>
        {
            Error ??= "connection closed: " + (e?.Message ?? "by the server");
            return Task.CompletedTask;
        };

        using var cancel = new CancellationTokenSource(timeout);
        await _hub.StartAsync(cancel.Token);
        CircuitId = await _hub.InvokeAsync<string?>("StartCircuit", site.ToString(), new Uri(site, path).ToString(), "[]", markers.ApplicationState, cancel.Token)
                    ?? throw new InvalidOperationException("The server refused to start the circuit.");
        await _hub.SendAsync("UpdateRootComponents", markers.AddOperations(), markers.ApplicationState, cancel.Token);
        await ready.Task.WaitAsync(cancel.Token);
    }

    private async Task OnRenderBatchAsync(long batchId, byte[] batch)
    {
        var received = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref RenderBatches);
        OnRenderBatch?.Invoke(this, received, batch);
        _watch?.Look(received, batch);
        if (_readyText is var (pattern, ready) && RenderBatchText.Contains(batch, pattern)) ready.TrySetResult();
        await _hub.SendAsync("OnRenderCompleted", batchId, null);
    }

    private async Task OnBeginInvokeJSAsync(long asyncHandle, string identifier, string argsJson, int resultType, long targetInstanceId, int callType)
    {
        foreach (Match m in DotNetObjectPattern().Matches(argsJson))
            _dotNetObjects[identifier] = long.Parse(m.Groups["id"].Value, CultureInfo.InvariantCulture);
        if (asyncHandle != 0)
        {
            object? result = resultType == JSObjectReferenceResult ? new Dictionary<string, long> { ["__jsObjectId"] = Interlocked.Increment(ref _nextJsObject) } : null;
            await _hub.SendAsync("EndInvokeJSFromDotNet", asyncHandle, true, JsonSerializer.Serialize(new object?[] { asyncHandle, true, result }));
        }
        if (_calls.TryGetValue(identifier, out var call)) call.TrySetResult();
    }

    [GeneratedRegex(@"""__dotNetObject""\s*:\s*(?<id>\d+)")]
    private static partial Regex DotNetObjectPattern();

    /// <summary>
    /// Calls a [JSInvokable] method on the .NET object the page passed to the JavaScript function
    /// <paramref name="passedTo"/>, as that script would (DotNetObjectReference.invokeMethodAsync).
    /// </summary>
    public Task InvokeDotNetAsync(string passedTo, string method, params object[] args)
    {
        if (!_dotNetObjects.TryGetValue(passedTo, out var objectId))
            throw new InvalidOperationException($"The page never passed a .NET object to {passedTo}.");
        var callId = Interlocked.Increment(ref _nextCallId).ToString(CultureInfo.InvariantCulture);
        return _hub.SendAsync("BeginInvokeDotNetFromJS", callId, null, method, objectId, JsonSerializer.Serialize(args));
    }

    /// <summary>
    /// From now on, notes the first render batch that carries <paramref name="text"/> (as the batch's string table
    /// holds it: a length prefix, then UTF-8), with its receive time in Stopwatch ticks.
    /// </summary>
    public Watch WatchFor(string text, Action? seen = null) => _watch = new Watch(text, seen);

    public sealed class Watch(string text, Action? seen)
    {
        private readonly byte[] _pattern = RenderBatchText.Pattern(text);
        private long _at;

        /// <summary>When the text arrived (Stopwatch ticks), or 0.</summary>
        public long SeenAt => Interlocked.Read(ref _at);

        /// <summary>Render batches that arrived since the watch began.</summary>
        public int Batches;

        internal void Look(long received, byte[] batch)
        {
            Interlocked.Increment(ref Batches);
            if (SeenAt != 0 || !RenderBatchText.Contains(batch, _pattern)) return;
            if (Interlocked.CompareExchange(ref _at, received, 0) == 0) seen?.Invoke();
        }
    }

    public async ValueTask DisposeAsync() => await _hub.DisposeAsync();
}

/// <summary>When a page counts as open: its script called a JavaScript function, or a render batch carried a text.</summary>
public sealed record PageReady(string? JsCall = null, string? RenderedText = null)
{
    public static PageReady Called(string identifier) => new(JsCall: identifier);

    public static PageReady Shows(string text) => new(RenderedText: text);
}
