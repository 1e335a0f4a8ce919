using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace Portal.Bench.Load;

/// <summary>
/// The Blazor Server hub speaks only "blazorpack": SignalR's MessagePack hub protocol under Blazor's own name
/// (blazor.web.js builds a MessagePackHubProtocol and renames it). The messages it reads and writes are plain
/// MessagePack hub messages, render batches arriving as binary arguments, so the stock protocol, renamed, talks to it.
/// </summary>
public sealed class BlazorPackProtocol : IHubProtocol
{
    private readonly MessagePackHubProtocol _inner = new();

    public string Name => "blazorpack";
    public int Version => _inner.Version;
    public TransferFormat TransferFormat => TransferFormat.Binary;
    public bool IsVersionSupported(int version) => _inner.IsVersionSupported(version);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
        _inner.TryParseMessage(ref input, binder, out message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => _inner.WriteMessage(message, output);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => _inner.GetMessageBytes(message);
}
