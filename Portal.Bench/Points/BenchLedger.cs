using Dapper;
using Microsoft.Data.Sqlite;
using Portal.Core.Notifications;
using Portal.Core.Points;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Points;

namespace Portal.Bench.Points;

/// <summary>
/// A fresh migrated SQLite database (file, WAL, the app's own connection settings) with residents, their wallets
/// and a programme's funding account and a partner, ready for postings through the real ledger.
/// </summary>
public sealed class BenchLedger : IDisposable
{
    private readonly string _folder;

    private BenchLedger(string folder, PortalDatabase db, PointsLedgerService service, long[] residents)
    {
        _folder = folder;
        Database = db;
        Service = service;
        Residents = residents;
    }

    public PortalDatabase Database { get; }
    public PointsLedgerService Service { get; }
    public long[] Residents { get; }
    public long FundingId { get; private set; }
    public long PartnerId { get; private set; }

    public static async Task<BenchLedger> CreateAsync(int residents)
    {
        var folder = Path.Combine(Path.GetTempPath(), "chiba-portal-bench", "ledger-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var cs = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "portal.db"), Pooling = true }.ToString();
        var db = new PortalDatabase(SqlDialect.For(DatabaseProvider.Sqlite), cs);
        db.Migrate();
        var ids = await db.WriteAsync(async (connection, transaction) =>
        {
            var list = new long[residents];
            for (var i = 0; i < residents; i++)
            {
                list[i] = await connection.ExecuteScalarAsync<long>("""
                    INSERT INTO UserAccount (Email, DisplayName, PasswordHash, Role, SecurityStamp, CreatedUtc)
                    VALUES (@email, '市民', 'x', 'Resident', 'x', '2026-11-25T00:00:00.0000000Z'); SELECT last_insert_rowid();
                    """, new { email = $"bench{i}@example.jp" }, transaction);
            }
            return list;
        }, CancellationToken.None);
        var ledger = new PointLedgerRepository(db, new NoticeOutbox(db, ActiveChannels.InAppOnly));
        var bench = new BenchLedger(folder, db, new PointsLedgerService(ledger, new PointsOptions(), TimeProvider.System), ids);
        foreach (var id in ids) await ledger.WalletOfAsync(id, CancellationToken.None);
        bench.FundingId = (await ledger.OpenAccountAsync(PointAccountKind.Funding, "funding:bench", "ベンチ事業", CancellationToken.None)).Id;
        bench.PartnerId = (await ledger.OpenAccountAsync(PointAccountKind.Partner, "partner:bench", "ベンチ交換先", CancellationToken.None)).Id;
        return bench;
    }

    public Task<LedgerResult> EarnAsync(long resident, string key) =>
        Service.CreditAsync(resident, FundingId, 50, key, "ベンチ", null, CancellationToken.None);

    public Task<LedgerResult> SpendAsync(long resident, string key) =>
        Service.DebitAsync(resident, PartnerId, 30, PointTransactionKind.Redeem, key, "ベンチ", null, CancellationToken.None);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
