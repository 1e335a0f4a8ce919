using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor.Services;
using Portal.Core.Offices;
using Portal.Core.Queues;
using Portal.Data.Database;
using Portal.Data.Offices;
using Portal.Web.Live;
using Portal.Web.Queues;
using Portal.Web.Languages;

namespace Portal.Tests.Queues;

/// <summary>
/// A bUnit context for queue pages over a real SQLite queue world, whose changes reach the pages through a
/// real live bus, so tests see pages change the way residents and staff do.
/// </summary>
public abstract class QueuePageTest : BunitContext, IAsyncLifetime
{
    protected QueueWorld World { get; private set; } = null!;
    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    protected QueuePageTest()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddPortalLocalization();
        Services.AddMudServices();
        // The ticket page offers Web Push; without a key the button says this portal does not offer it.
        Services.AddSingleton(new Portal.Web.Notifications.WebPushKey(null));
        JSInterop.Mode = JSRuntimeMode.Loose;
    }

    public async ValueTask InitializeAsync()
    {
        World = await QueueWorld.CreateAsync(DatabaseProvider.Sqlite);
        // Inline: bUnit's renderer does one thing at a time, and these tests look at a page right after the change that
        // re-renders it (the thread-pool delivery of production is LiveBusTests' and the browser tests' business).
        var bus = new InProcessLiveBus(NullLogger<InProcessLiveBus>.Instance, deliverInline: true);
        World.Signals.Forward = new LiveQueueSignals(bus);
        Services.AddSingleton<ILiveBus>(bus);
        Services.AddSingleton(World.Service);
        Services.AddSingleton<TimeProvider>(World.Time);
        Services.AddSingleton<IQueueSetupRepository>(World.Setup);
        Services.AddSingleton(new Portal.Core.Accounts.StaffScopes(new Portal.Data.Accounts.UserAccountRepository(World.Db)));
        Services.AddSingleton(World.SetupService);
        Services.AddSingleton<IOfficeRepository>(new OfficeRepository(World.Db));
        // The light pages' views come from the node's queue feeds, as in the running portal.
        Services.AddLogging();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new QueueOptions()));
        Services.AddSingleton<Microsoft.Extensions.Hosting.IHostApplicationLifetime, NoLifetime>();
        Services.AddSingleton<Portal.Web.Queues.Streams.QueueWordBook>();
        Services.AddSingleton<Portal.Web.Queues.Streams.QueueFeeds>();
        await ConfigureAsync();
    }

    /// <summary>Authorization and anything else the page under test needs.</summary>
    protected abstract Task ConfigureAsync();

    public new async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        World.Dispose();
        GC.SuppressFinalize(this);
    }
}

/// <summary>A host that never stops, for the services that listen for the application's end.</summary>
public sealed class NoLifetime : Microsoft.Extensions.Hosting.IHostApplicationLifetime
{
    public CancellationToken ApplicationStarted => CancellationToken.None;
    public CancellationToken ApplicationStopping => CancellationToken.None;
    public CancellationToken ApplicationStopped => CancellationToken.None;
    public void StopApplication() { }
}
