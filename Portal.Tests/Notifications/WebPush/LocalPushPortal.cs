using Portal.Tests.Infrastructure;

namespace Portal.Tests.Notifications.WebPush;

/// <summary>
/// A portal server whose Web Push accepts subscriptions on a local push service (which answers 201 and records what it
/// is sent), so tests can subscribe with a <see cref="PushReceiver"/> playing the browser. Shared by a test class.
/// </summary>
public sealed class LocalPushPortal : IAsyncLifetime
{
    public PortalAppFactory App { get; private set; } = null!;
    public LocalHttpServer PushService { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        PushService = await LocalHttpServer.StartAsync();
        PushService.Respond = _ => new LocalHttpServer.Answer(201, "");
        App = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Notifications:WebPush:AllowLoopbackEndpoints"] = "true",
            ["Notifications:WebPush:SubscriptionsPerHour"] = "1000",
        });
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await PushService.DisposeAsync();
    }
}
