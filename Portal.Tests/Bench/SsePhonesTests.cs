extern alias bench;

using System.Net;
using System.Text;
using bench::Portal.Bench.Load;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Bench;

/// <summary>
/// The SSE load client over real sockets, against a bare Kestrel endpoint that streams events as any ASP.NET Core
/// endpoint would (chunked, flushed per event): phones open from several loopback addresses, get the first event at
/// once, see a broadcast event with the kernel's arrival time, and notice when the server ends a stream.
/// </summary>
public sealed class SsePhonesTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TaskCompletionSource _broadcast = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private WebApplication? _app;
    private Uri _site = null!;

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.MapGet("/events/{n:int}", async (int n, HttpContext context) =>
        {
            context.Response.ContentType = "text/event-stream";
            await context.Response.WriteAsync($"id: {n}-1\nevent: ticket\ndata: {{\"state\":\"waiting\",\"ahead\":{n}}}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await _broadcast.Task.WaitAsync(context.RequestAborted);
            await context.Response.WriteAsync($": keep-alive\n\nid: {n}-2\nevent: ticket\ndata: {{\"nowCalling\":[\"A0012\"]}}\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            // Odd phones' streams end here; the others stay open until the test stops the server.
            if (n % 2 == 0) await Task.Delay(Timeout.Infinite, context.RequestAborted);
        });
        await _app.StartAsync(Ct);
        _site = new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    [Fact]
    public async Task Phones_get_the_first_event_at_once_then_see_the_watched_event_with_its_arrival_time()
    {
        Assert.SkipUnless(LinuxSockets.Supported, "The load client reads sockets with Linux's recvmsg.");
        using var phones = new SsePhones(_site, 20, threads: 2);

        await phones.OpenAsync(Enumerable.Range(0, 20).Select(n => $"events/{n}").ToList(), window: 8, TimeSpan.FromSeconds(30));

        Assert.Equal(20, phones.Ready);
        Assert.Equal(0, phones.Broken);
        Assert.All(phones.Phones, p => Assert.Equal(1, p.Reader.Events));

        phones.Watch(Encoding.UTF8.GetBytes("\"A0012\""));
        var sentUnixNs = (TimeProvider.System.GetUtcNow() - DateTimeOffset.UnixEpoch).Ticks * 100;
        _broadcast.SetResult();
        await Eventually.TrueAsync(() => phones.Seen == 20, TimeSpan.FromSeconds(60), "every phone sees the broadcast");

        Assert.All(phones.Phones, p =>
        {
            Assert.NotEqual(0, p.SeenReadAt);
            // The kernel's clock and ours agree to well within a second on one machine.
            Assert.InRange(p.SeenArrivedUnixNs, sentUnixNs - 1_000_000_000, sentUnixNs + 60_000_000_000);
            Assert.Equal(1, p.Reader.Comments);
            Assert.Equal($"{p.Index}-2", Encoding.UTF8.GetString(p.Reader.LastEventId));
        });
        // The ten streams the server ended are counted broken, with the reason.
        await Eventually.TrueAsync(() => phones.Broken == 10, TimeSpan.FromSeconds(60), "the ended streams are counted broken");
        Assert.All(phones.Phones.Where(p => p.Index % 2 == 1), p => Assert.Equal("the server ended the stream", p.Error));
    }

    [Fact]
    public async Task A_path_that_is_no_event_stream_fails_its_phone_with_the_status()
    {
        Assert.SkipUnless(LinuxSockets.Supported, "The load client reads sockets with Linux's recvmsg.");
        using var phones = new SsePhones(_site, 1);

        await phones.OpenAsync(["no/such/page"], window: 1, TimeSpan.FromSeconds(30));

        Assert.Equal(1, phones.Broken);
        Assert.Equal("HTTP 404", phones.Phones[0].Error);
    }
}
