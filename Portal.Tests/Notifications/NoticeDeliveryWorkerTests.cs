using System.Collections.Concurrent;
using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Languages;
using Portal.Core.Notifications;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Web.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>A channel for tests: records every send and does what the test tells it to.</summary>
public sealed class RecordingSender(NoticeChannel channel, Func<RenderedNotice, string, CancellationToken, Task>? behaviour = null) : INoticeSender
{
    public NoticeChannel Channel => channel;

    public ConcurrentQueue<(RenderedNotice Notice, string Destination)> Sends { get; } = new();

    public Func<RenderedNotice, string, CancellationToken, Task>? Behaviour { get; set; } = behaviour;

    public Task SendAsync(RenderedNotice notice, string destination, CancellationToken ct)
    {
        Sends.Enqueue((notice, destination));
        return Behaviour?.Invoke(notice, destination, ct) ?? Task.CompletedTask;
    }
}

/// <summary>The worker with a real database, the real templates and recording channels, on a clock the test drives.</summary>
public sealed class NoticeDeliveryWorkerTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 11, 25, 0, 0, 0, TimeSpan.Zero);
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private readonly TestDatabase _test = TestDatabase.CreateSqlite();
    private readonly FakeTimeProvider _time = new(Start);
    private readonly NotificationOptions _options = new() { MaxAttempts = 3, BatchSize = 10, LeaseSeconds = 60, PollSeconds = 3600, PublicBaseUrl = "https://portal.example.jp" };

    private PortalDatabase Db => _test.Database;

    public void Dispose() => _test.Dispose();

    private NoticeDeliveryWorker Worker(OutboxSignal? signal = null, params INoticeSender[] senders) =>
        new(new NoticeDeliveryRepository(Db), NoticeRendererTests.ResourceRenderer(), senders, signal ?? new OutboxSignal(), Options.Create(_options), _time,
            NullLogger<NoticeDeliveryWorker>.Instance);

    private async Task<long> ResidentWithEveryChannelAsync(string email)
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, email, "en");
        await using var connection = await Db.OpenAsync(Ct);
        await connection.ExecuteAsync("UPDATE UserAccount SET EmailVerifiedUtc = @Start WHERE Id = @id", new { Start, id });
        await connection.ExecuteAsync("INSERT INTO LineLink (AccountId, LineUserId, LinkedUtc) VALUES (@id, @line, @Start)", new { id, line = "U-" + email, Start });
        return id;
    }

    private NoticeOutbox Outbox(params NoticeChannel[] channels) => new(Db, ActiveChannels.Of(channels), _time);

    private async Task<List<(long Id, string Channel, string Status, int Attempts, string? LastError)>> DeliveriesAsync()
    {
        await using var connection = await Db.OpenAsync(Ct);
        return (await connection.QueryAsync<(long, string, string, int, string?)>(
            "SELECT Id, Channel, Status, Attempts, LastError FROM NoticeDelivery ORDER BY Id")).ToList();
    }

    [Fact]
    public async Task A_delivery_is_rendered_in_the_notice_s_language_sent_and_marked_sent()
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, "render@example.jp", "en");
        await Outbox().EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:render"), Ct);
        var inApp = new RecordingSender(NoticeChannel.InApp);

        Assert.Equal(1, await Worker(null, inApp).RunOnceAsync(Ct));

        var (notice, destination) = Assert.Single(inApp.Sends);
        Assert.Equal("Your points expire soon", notice.Title);
        Assert.Equal("300 points expire on 2027-03-31. Use them before then.", notice.Body);
        Assert.Equal("https://portal.example.jp/points", notice.Url);
        Assert.Equal(id.ToString(System.Globalization.CultureInfo.InvariantCulture), destination);
        Assert.Equal([("Sent", 1)], (await DeliveriesAsync()).Select(d => (d.Status, d.Attempts)));
    }

    [Fact]
    public async Task A_digest_s_stop_link_is_written_out_in_full_in_its_text_and_handed_to_the_channel()
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, "digest@example.jp", "en");
        await Outbox().EnqueueAsync(new Notice(NoticeKind.ReportAlertDigest, new NoticeRecipient.Account(id), "alert:1:digest:2026-11-25",
            new Dictionary<string, string>
            {
                ["newCount"] = "1", ["changedCount"] = "0", ["newReports"] = "#45", ["changedReports"] = "-", ["unsubscribe"] = "/alerts/unsubscribe/CfDJ8token",
            }, "/reports/alerts"), Ct);
        var inApp = new RecordingSender(NoticeChannel.InApp);

        Assert.Equal(1, await Worker(null, inApp).RunOnceAsync(Ct));

        var (notice, _) = Assert.Single(inApp.Sends);
        Assert.Equal("https://portal.example.jp/alerts/unsubscribe/CfDJ8token", notice.UnsubscribeUrl);
        Assert.Contains("Stop this alert: https://portal.example.jp/alerts/unsubscribe/CfDJ8token", notice.Body);
    }

    public static TheoryData<string> Languages => [.. OfferedLanguages.Standard.All];

    [Theory]
    [MemberData(nameof(Languages))]
    public async Task A_resident_s_notice_goes_out_in_the_language_they_chose(string language)
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, $"lang-{language}@example.jp", language);
        await Outbox().EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:lang"), Ct);
        var inApp = new RecordingSender(NoticeChannel.InApp);

        Assert.Equal(1, await Worker(null, inApp).RunOnceAsync(Ct));

        var (notice, _) = Assert.Single(inApp.Sends);
        Assert.Equal(language, notice.Culture);
        Assert.Equal(Portal.Core.Languages.RubyText.Plain(Browser.PortalText.Get("Notice_PointsExpiring_Subject", language)), notice.Title);
    }

    [Fact]
    public async Task A_failing_channel_is_retried_with_backoff_then_given_up_while_the_others_are_sent()
    {
        var id = await ResidentWithEveryChannelAsync("retry@example.jp");
        await Outbox(NoticeChannel.Email).EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:retry"), Ct);
        var inApp = new RecordingSender(NoticeChannel.InApp);
        var email = new RecordingSender(NoticeChannel.Email, (_, _, _) => throw new IOException("SMTP server not answering"));
        var worker = Worker(null, inApp, email);

        await worker.RunOnceAsync(Ct);
        var afterFirst = await DeliveriesAsync();
        Assert.Equal(("Sent", 1), (afterFirst[0].Status, afterFirst[0].Attempts));
        Assert.Equal(("Pending", 1), (afterFirst[1].Status, afterFirst[1].Attempts));
        Assert.Contains("SMTP server not answering", afterFirst[1].LastError);

        // The first wait is 30 s give or take a fifth: not due after 20 s, due after 40 s.
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(0, await worker.RunOnceAsync(Ct));
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(1, await worker.RunOnceAsync(Ct));
        // The second is 2 min give or take a fifth.
        _time.Advance(TimeSpan.FromSeconds(90));
        Assert.Equal(0, await worker.RunOnceAsync(Ct));
        _time.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await worker.RunOnceAsync(Ct));

        var dead = (await DeliveriesAsync())[1];
        Assert.Equal(("Dead", 3), (dead.Status, dead.Attempts));
        Assert.StartsWith("gave up after 3 attempts", dead.LastError);
        Assert.Equal(3, email.Sends.Count);
        Assert.Single(inApp.Sends);
        _time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await worker.RunOnceAsync(Ct));
    }

    [Fact]
    public async Task A_refused_push_goes_to_the_dead_letters_at_once_and_its_subscription_is_forgotten()
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, "push@example.jp");
        await using (var connection = await Db.OpenAsync(Ct))
            await connection.ExecuteAsync("INSERT INTO PushSubscription (AccountId, Endpoint, P256dh, Auth, CreatedUtc) VALUES (@id, 'https://push.example/x', 'k', 'a', @Start)", new { id, Start });
        await Outbox(NoticeChannel.WebPush).EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:push"), Ct);
        var push = new RecordingSender(NoticeChannel.WebPush, (_, _, _) => throw new NoticeRejectedException("410 Gone", addressGone: true));

        await Worker(null, new RecordingSender(NoticeChannel.InApp), push).RunOnceAsync(Ct);

        var delivery = (await DeliveriesAsync()).Single(d => d.Channel == "WebPush");
        Assert.Equal(("Dead", 1, "rejected: 410 Gone"), (delivery.Status, delivery.Attempts, delivery.LastError));
        await using var check = await Db.OpenAsync(Ct);
        Assert.Equal(0, await check.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM PushSubscription"));
    }

    [Fact]
    public async Task A_notice_missing_a_value_goes_to_the_dead_letters_without_being_sent()
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, "hole@example.jp");
        await Outbox().EnqueueAsync(new Notice(NoticeKind.TicketNear, new NoticeRecipient.Account(id), "ticket:hole",
            new Dictionary<string, string> { ["ticketNumber"] = "A-1" }, null), Ct);
        var inApp = new RecordingSender(NoticeChannel.InApp);

        await Worker(null, inApp).RunOnceAsync(Ct);

        Assert.Empty(inApp.Sends);
        var delivery = Assert.Single(await DeliveriesAsync());
        Assert.Equal("Dead", delivery.Status);
        Assert.Contains("\"office\"", delivery.LastError);
    }

    /// <summary>
    /// The worker stops in the middle of a batch, during a send on <paramref name="crashOn"/> (the provider got the
    /// message; the worker never heard back). A new worker on the same database must not make that channel deliver
    /// it twice: e-mail goes to the dead letters for an admin, LINE is sent again with the same retry key, which
    /// LINE drops as a repeat. Deliveries of the batch the old worker never began are sent once by the new one.
    /// </summary>
    [Theory]
    [InlineData(NoticeChannel.Email)]
    [InlineData(NoticeChannel.Line)]
    public async Task A_restart_in_the_middle_of_a_batch_never_delivers_a_notice_twice_on_one_channel(NoticeChannel crashOn)
    {
        var id = await ResidentWithEveryChannelAsync($"restart-{crashOn}@example.jp");
        var outbox = Outbox(NoticeChannel.Email, NoticeChannel.Line);
        for (var i = 0; i < 3; i++) await outbox.EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, $"points:restart:{i}"), Ct);
        var delivered = new Dictionary<NoticeChannel, ConcurrentDictionary<long, int>>();
        foreach (var channel in new[] { NoticeChannel.InApp, NoticeChannel.Email, NoticeChannel.Line })
            delivered[channel] = new ConcurrentDictionary<long, int>();
        using var host = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var crashed = false;
        RecordingSender Provider(NoticeChannel channel) => new(channel, (notice, _, ct) =>
        {
            // What reaches the person. LINE and in-app keep one copy per retry key (the delivery id); e-mail keeps every copy.
            var copies = delivered[channel].AddOrUpdate(notice.DeliveryId, 1, (_, n) => n + 1);
            if (channel == crashOn && !crashed)
            {
                crashed = true;
                host.Cancel();
                ct.ThrowIfCancellationRequested();
            }
            return Task.CompletedTask;
        });
        var before = new[] { Provider(NoticeChannel.InApp), Provider(NoticeChannel.Email), Provider(NoticeChannel.Line) };

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Worker(null, before).RunOnceAsync(host.Token));
        Assert.True(crashed);
        var stranded = (await DeliveriesAsync()).Where(d => d.Status == "Sending").ToList();
        Assert.NotEmpty(stranded);

        // A new worker, after the old one's lease has run out.
        _time.Advance(TimeSpan.FromSeconds(_options.LeaseSeconds + 1));
        var after = new[] { Provider(NoticeChannel.InApp), Provider(NoticeChannel.Email), Provider(NoticeChannel.Line) };
        await Worker(null, after).RunOnceAsync(Ct);

        var rows = await DeliveriesAsync();
        Assert.Equal(9, rows.Count);
        Assert.DoesNotContain(rows, r => r.Status is "Sending" or "Pending");
        Assert.All(delivered[NoticeChannel.Email].Values, copies => Assert.Equal(1, copies));
        var interrupted = rows.First(r => r.Channel == crashOn.ToString());
        if (crashOn == NoticeChannel.Email)
        {
            Assert.Equal(("Dead", DeliveryRules.InterruptedReason), (interrupted.Status, interrupted.LastError));
            Assert.Equal(8, rows.Count(r => r.Status == "Sent"));
        }
        else
        {
            // Sent twice to LINE with the same key: LINE shows it once.
            Assert.Equal(("Sent", 2), (interrupted.Status, interrupted.Attempts));
            Assert.Equal(2, delivered[NoticeChannel.Line][interrupted.Id]);
            Assert.Equal(9, rows.Count(r => r.Status == "Sent"));
        }
        // Every delivery but the interrupted one reached its channel exactly once.
        foreach (var row in rows.Where(r => r.Id != interrupted.Id))
            Assert.Equal(1, delivered[Enum.Parse<NoticeChannel>(row.Channel)][row.Id]);
    }

    [Fact]
    public async Task The_running_worker_wakes_on_a_signal_without_waiting_for_its_poll()
    {
        var id = await NoticeDeliveryRepositoryContractTests.ResidentAsync(Db, "signal@example.jp");
        var signal = new OutboxSignal();
        var sent = new TaskCompletionSource();
        var inApp = new RecordingSender(NoticeChannel.InApp, (_, _, _) => { sent.TrySetResult(); return Task.CompletedTask; });
        using var worker = Worker(signal, inApp);
        await worker.StartAsync(Ct);
        try
        {
            // The first (empty) round passes and the worker waits on its hour-long poll, which the fake clock never ends.
            await Eventually.TrueAsync(() => signal.Waiting > 0, what: "the worker waits on its poll");
            await Outbox().EnqueueAsync(NoticeDeliveryRepositoryContractTests.PointsNotice(id, "points:signal"), Ct);
            signal.Notify();

            await Eventually.DoneAsync(sent.Task, what: "the woken worker sends the notice");
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
        Assert.Single(inApp.Sends);
    }
}
