using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using Portal.Tests.Infrastructure;
using Portal.Web.Live;

namespace Portal.Tests.Live;

public sealed class LiveBusTests
{
    [Fact]
    public async Task A_signal_reaches_the_topic_s_subscribers_and_no_one_else()
    {
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var chuo = new TaskCompletionSource<string?>();
        var mihamaCalls = 0;
        using var a = bus.Subscribe("queue:office:chuo", p => { chuo.TrySetResult(p); return Task.CompletedTask; });
        using var b = bus.Subscribe("queue:office:mihama", _ => { mihamaCalls++; return Task.CompletedTask; });

        bus.Publish("queue:office:chuo", "A-012");

        Assert.Equal("A-012", await Eventually.DoneAsync(chuo.Task));
        Assert.Equal(0, mihamaCalls);
    }

    [Fact]
    public async Task A_failing_subscriber_does_not_stop_the_others_and_a_disposed_one_hears_nothing()
    {
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var heard = new TaskCompletionSource();
        var disposedCalls = 0;
        using var failing = bus.Subscribe("t", _ => throw new InvalidOperationException("page gone"));
        using var healthy = bus.Subscribe("t", _ => { heard.TrySetResult(); return Task.CompletedTask; });
        bus.Subscribe("t", _ => { disposedCalls++; return Task.CompletedTask; }).Dispose();

        bus.Publish("t");

        await Eventually.DoneAsync(heard.Task);
        Assert.Equal(0, disposedCalls);
    }

    [Fact]
    public async Task A_subscriber_that_works_before_its_first_await_holds_back_neither_the_publisher_nor_the_others()
    {
        // A page's handler that reads the database before it awaits anything (SQLite's reads complete synchronously) ran on
        // the publisher's thread: a counter's "call next" waited for it, and so did every subscriber after it, the ticket
        // pages' broadcast included.
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        using var busy = new ManualResetEventSlim();
        var other = new TaskCompletionSource();
        using var slow = bus.Subscribe("queue:office:chuo", _ =>
        {
            busy.Wait(Eventually.DefaultWithin * 2);
            return Task.CompletedTask;
        });
        using var fast = bus.Subscribe("queue:office:chuo", _ => { other.TrySetResult(); return Task.CompletedTask; });
        try
        {
            await Eventually.DoneAsync(Task.Run(() => bus.Publish("queue:office:chuo"), TestContext.Current.CancellationToken), what: "the publisher to return");
            await Eventually.DoneAsync(other.Task, what: "the other subscriber to hear");
        }
        finally
        {
            busy.Set();
        }
    }

    [Theory]
    [InlineData("ja", "en")]
    [InlineData("en", "ja")]
    public async Task A_handler_runs_in_its_subscriber_s_culture_and_the_publisher_keeps_its_own(string reader, string publisher)
    {
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance);
        var heard = new TaskCompletionSource<(string Culture, string UICulture)>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = await Task.Run(() =>
        {
            ReaderCulture.Use(reader);
            return bus.Subscribe("queue:office:chuo", _ =>
            {
                heard.TrySetResult((CultureInfo.CurrentCulture.Name, CultureInfo.CurrentUICulture.Name));
                return Task.CompletedTask;
            });
        }, TestContext.Current.CancellationToken);

        var publisherAfter = await ReaderCulture.ElsewhereAsync(publisher, () =>
        {
            bus.Publish("queue:office:chuo");
            return Task.FromResult(CultureInfo.CurrentUICulture.Name);
        });

        Assert.Equal((reader, reader), await Eventually.DoneAsync(heard.Task));
        Assert.Equal(publisher, publisherAfter);
    }
}
