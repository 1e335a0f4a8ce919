using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports.Routing;
using Portal.Data.Notifications;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications;
using Portal.Web.Notifications;
using Portal.Web.Reports.Routing;

namespace Portal.Tests.Reports.Routing;

/// <summary>A referral by webhook: a real HTTP listener on 127.0.0.1 checks the signature; a 500 is tried again with the outbox's backoff.</summary>
public sealed class ReferralWebhookTests : IDisposable
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _test = TestDatabase.CreateSqlite();

    public void Dispose() => _test.Dispose();

    [Fact]
    public async Task The_body_gets_the_report_signed_and_a_failed_try_is_made_again_until_it_succeeds_or_fails_for_good()
    {
        await using var listener = await LocalHttpServer.StartAsync();
        var fails = 1;
        listener.Respond = _ => Interlocked.Decrement(ref fails) >= 0 ? new LocalHttpServer.Answer(500) : new LocalHttpServer.Answer(204, "");
        var f = new RoutingFixture(_test.Database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero)),
            ActiveChannels.Of(NoticeChannel.Webhook));
        const string secret = "road-office-secret-2026";
        var admin = Actor.For(await f.AccountAsync(Role.Admin), null);
        var body = await f.BodyAsync(admin, ReferralDelivery.Webhook, new Uri(listener.Address, "/chiba/referrals").ToString(), secret);
        var staff = Actor.For(await f.AccountAsync(Role.Staff, "chuo"), null);
        var report = (await f.Reports.SubmitAsync(RoutingFixture.Draft(), await f.AccountAsync(Role.Resident), "web", Ct)).Value!;
        Assert.True((await f.Service.ReferAsync(staff, report.Id, new ReferralInput { OutsideBodyId = body.Id, Message = "県道です" }, Ct)).Succeeded);

        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var sender = new WebhookSender(f.Service, services.GetRequiredService<IHttpClientFactory>(), f.Time);
        var worker = new NoticeDeliveryWorker(new NoticeDeliveryRepository(f.Db), NoticeRendererTests.ResourceRenderer(), [sender], new OutboxSignal(),
            Options.Create(f.Links), f.Time, NullLogger<NoticeDeliveryWorker>.Instance);

        await worker.RunOnceAsync(Ct);
        var afterFailure = Assert.Single(await f.Service.ReferralsAsync(staff, report.Id, Ct));
        Assert.Equal((ReferralDeliveryState.Pending, 1), (afterFailure.State, afterFailure.Attempts));
        Assert.Contains("500", afterFailure.LastError);

        // Not due before the backoff: the next round sends nothing; after it, the try succeeds.
        await worker.RunOnceAsync(Ct);
        Assert.Single(listener.Requests);
        f.Time.Advance(TimeSpan.FromHours(1));
        await worker.RunOnceAsync(Ct);
        Assert.Equal(ReferralDeliveryState.Sent, Assert.Single(await f.Service.ReferralsAsync(staff, report.Id, Ct)).State);

        var received = listener.Requests[^1];
        Assert.Equal(("POST", "/chiba/referrals"), (received.Method, received.Path));
        Assert.True(WebhookSignature.Verify(secret, received.Header(WebhookSignature.TimestampHeader)!, received.BodyText,
            received.Header(WebhookSignature.SignatureHeader)!, f.Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-0000000", received.Header(WebhookSignature.TimestampHeader)!, received.BodyText,
            received.Header(WebhookSignature.SignatureHeader)!, f.Time.GetUtcNow(), TimeSpan.FromMinutes(5)));
        using var json = System.Text.Json.JsonDocument.Parse(received.BodyText);
        Assert.Equal(report.Id, json.RootElement.GetProperty("report").GetProperty("id").GetInt64());
        Assert.Equal("県道です", json.RootElement.GetProperty("referral").GetProperty("message").GetString());
        Assert.Equal($"https://portal.example.jp/reports/{report.Id}", json.RootElement.GetProperty("report").GetProperty("url").GetString());
    }

    [Fact]
    public async Task A_webhook_that_keeps_failing_is_marked_failed_after_the_last_try()
    {
        await using var listener = await LocalHttpServer.StartAsync();
        listener.Respond = _ => new LocalHttpServer.Answer(503);
        var f = new RoutingFixture(_test.Database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero)),
            ActiveChannels.Of(NoticeChannel.Webhook));
        var admin = Actor.For(await f.AccountAsync(Role.Admin), null);
        var body = await f.BodyAsync(admin, ReferralDelivery.Webhook, listener.Address.ToString(), "jr-east-secret-000000");
        var staff = Actor.For(await f.AccountAsync(Role.Staff, "chuo"), null);
        var report = (await f.Reports.SubmitAsync(RoutingFixture.Draft(), null, "web", Ct)).Value!;
        await f.Service.ReferAsync(staff, report.Id, new ReferralInput { OutsideBodyId = body.Id }, Ct);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var worker = new NoticeDeliveryWorker(new NoticeDeliveryRepository(f.Db), NoticeRendererTests.ResourceRenderer(),
            [new WebhookSender(f.Service, services.GetRequiredService<IHttpClientFactory>(), f.Time)], new OutboxSignal(), Options.Create(f.Links), f.Time,
            NullLogger<NoticeDeliveryWorker>.Instance);

        for (var i = 0; i < f.Links.MaxAttempts; i++)
        {
            await worker.RunOnceAsync(Ct);
            f.Time.Advance(TimeSpan.FromDays(1));
        }

        Assert.Equal(f.Links.MaxAttempts, listener.Requests.Count);
        Assert.Equal(ReferralDeliveryState.Failed, Assert.Single(await f.Service.ReferralsAsync(staff, report.Id, Ct)).State);
    }
}
