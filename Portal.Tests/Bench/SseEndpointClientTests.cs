extern alias bench;

using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using bench::Portal.Bench.Load;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Queues;
using Portal.Tests.Infrastructure;
using Portal.Tests.Queues;

namespace Portal.Tests.Bench;

/// <summary>
/// The SSE load client against the portal's real ticket stream (docs/queue-streams.md), so that a change in what the
/// endpoint sends shows here and not as a bench that waits for events it can no longer read: the reader's events,
/// ids and data as the contract defines them, and the phones seeing a staff call with its number.
/// </summary>
[Collection(PortalAppCollection.Name)]
public sealed class SseEndpointClientTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private TicketService Queues => app.Services.GetRequiredService<TicketService>();

    /// <summary>A service of its own in one office with a counter open for it, as the bench's office has.</summary>
    private async Task<(OfficeService Service, Actor Staff)> CounterAsync()
    {
        var service = await QueueHttpTests.ServiceAsync(app);
        var counterId = await app.Services.GetRequiredService<IQueueSetupRepository>().SaveCounterAsync(
            new Counter(0, service.OfficeId, Portal.Core.Languages.LocalizedText.Of("ベンチ窓口" + service.Code[^4..]), 91, true, [service.Id]), Ct);
        var staff = Actor.For(await app.CreateAccountAsync(Role.Staff, service.OfficeId), "127.0.0.1");
        await Queues.TakeCounterAsync(staff, service.OfficeId, counterId, [service.Id], Ct);
        return (service, staff);
    }

    [Fact]
    public async Task The_reader_takes_the_ticket_stream_apart_as_the_contract_writes_it()
    {
        Assert.SkipUnless(LinuxSockets.Supported, "The load client reads sockets with Linux's recvmsg.");
        var (service, staff) = await CounterAsync();
        var ahead = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        var mine = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        var events = new List<(string Type, string Data, string Id)>();
        var reader = new SseStreamReader((type, data, id) =>
        {
            lock (events) events.Add((Encoding.UTF8.GetString(type), Encoding.UTF8.GetString(data), Encoding.UTF8.GetString(id)));
        });
        var site = app.ServerAddress;
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        await socket.ConnectAsync(site.Host, site.Port, Ct);
        await socket.SendAsync(SsePhones.Request(site, SseLoad.EventsPath(mine.Token)), Ct);

        // Byte by byte as the kernel might hand them over, until the first event; then whatever comes.
        var buffer = new byte[512];
        async Task ReadUntilAsync(int count)
        {
            while (events.Count < count)
            {
                var read = await socket.ReceiveAsync(buffer, Ct).AsTask().WaitAsync(TimeSpan.FromSeconds(60), Ct);
                Assert.NotEqual(0, read);
                for (var i = 0; i < read; i++) reader.Feed(buffer.AsSpan(i, 1));
                Assert.Null(reader.Error);
            }
        }
        await ReadUntilAsync(1);
        Assert.Equal(200, reader.StatusCode);
        Assert.True(reader.IsEventStream);
        Assert.True(reader.Chunked);

        await Queues.CallNextAsync(staff, Ct);
        await ReadUntilAsync(2);

        foreach (var (type, data, id) in events)
        {
            Assert.Equal("ticket", type);
            Assert.Matches("^[0-9a-f]{16}$", id);
            using var json = JsonDocument.Parse(data);
            Assert.Equal(id, json.RootElement.GetProperty("version").GetString());
            Assert.Equal(mine.Ticket.Display, json.RootElement.GetProperty("number").GetString());
        }
        using (var first = JsonDocument.Parse(events[0].Data))
            Assert.Equal(("waiting", 1), (first.RootElement.GetProperty("state").GetString(), first.RootElement.GetProperty("ahead").GetInt32()));
        using (var next = JsonDocument.Parse(events[1].Data))
        {
            Assert.Equal(0, next.RootElement.GetProperty("ahead").GetInt32());
            Assert.Equal(ahead.Ticket.Display, next.RootElement.GetProperty("nowCalling")[0].GetProperty("number").GetString());
        }
        // What the bench watches for: the called number as a JSON string in the event's data.
        Assert.Contains($"\"{ahead.Ticket.Display}\"", events[1].Data);
        Assert.Equal(events[1].Id, Encoding.UTF8.GetString(reader.LastEventId));
    }

    [Fact]
    public async Task Phones_on_the_portal_see_a_call_reach_every_ticket_behind_it()
    {
        Assert.SkipUnless(LinuxSockets.Supported, "The load client reads sockets with Linux's recvmsg.");
        var (service, staff) = await CounterAsync();
        var called = await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct);
        var behind = new List<IssuedTicket>();
        for (var i = 0; i < 12; i++) behind.Add(await Queues.IssueAsync(service.OfficeId, service.Id, TicketLane.WalkIn, Ct));
        using var phones = new SsePhones(app.ServerAddress, behind.Count);

        // One phone in ten reads English, as in the bench: index 9 here.
        await phones.OpenAsync(behind.Select((t, i) => SseLoad.EventsPath(t.Token, i)).ToList(), window: 4, TimeSpan.FromSeconds(60));
        Assert.Equal(0, phones.Broken);
        phones.Watch(Encoding.UTF8.GetBytes($"\"{called.Ticket.Display}\""));
        await Queues.CallNextAsync(staff, Ct);

        await Eventually.TrueAsync(() => phones.Seen == behind.Count, TimeSpan.FromSeconds(60), "every phone sees the call");
        Assert.All(phones.Phones, p => Assert.NotEqual(0, p.SeenArrivedUnixNs));
        Assert.Equal(0, phones.Broken);
    }
}
