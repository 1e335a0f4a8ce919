using Microsoft.Data.Sqlite;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.ScaleOut;

/// <summary>
/// Two portal nodes on Kestrel at 127.0.0.1, as behind a load balancer: one SQLite database file, one Redis server of
/// the tests' own, and each its own data folder, so that the only keys they can share are those in Redis. Node A starts
/// (and migrates) first. Where redis-server is not installed nothing starts and the tests skip.
/// </summary>
public sealed class TwoNodes : IAsyncLifetime
{
    private readonly string _shared = PortalAppFactory.NewDataFolder();
    private RedisServer? _redis;
    private PortalAppFactory? _a, _b;

    public PortalAppFactory A => _a ?? throw new InvalidOperationException("No nodes: redis-server is not installed.");
    public PortalAppFactory B => _b ?? throw new InvalidOperationException("No nodes: redis-server is not installed.");

    public async ValueTask InitializeAsync()
    {
        if (RedisServer.ExecutablePath is null) return;
        _redis = await RedisServer.StartNewAsync();
        Directory.CreateDirectory(_shared);
        var database = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_shared, "portal.db"), Pooling = true }.ToString();
        PortalAppFactory Node(params (string Key, string Value)[] more)
        {
            var settings = new Dictionary<string, string?>
            {
                ["Database:ConnectionString"] = database,
                ["Redis:Configuration"] = _redis.Configuration,
            };
            foreach (var (key, value) in more) settings[key] = value;
            return PortalAppFactory.With(settings);
        }
        _a = Node();
        _ = _a.ServerAddress;
        // B's notification worker looks for work only when woken on B: notices enqueued on A are delivered by A,
        // so that their live signal has to cross to B.
        _b = Node(("Notifications:PollSeconds", "3600"));
        _ = _b.ServerAddress;
    }

    public async ValueTask DisposeAsync()
    {
        if (_b is not null) await _b.DisposeAsync();
        if (_a is not null) await _a.DisposeAsync();
        if (_redis is not null) await _redis.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_shared, recursive: true); } catch (IOException) { }
    }
}
