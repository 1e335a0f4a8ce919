using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Data.Database;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Reports;

/// <summary>Reports put straight into a running portal's database, for the tests of what it publishes.</summary>
internal static class ReportSeeds
{
    public static async Task<Report> SubmitAsync(PortalAppFactory app, string category, DateTimeOffset created, string description,
        long? reporterId = null, string? publicName = null, string? email = null, GeoPoint? at = null, string ward = "chuo")
    {
        var repo = app.Services.GetRequiredService<IReportRepository>();
        var report = Report.Submit(Guid.NewGuid().ToString("N"), reporterId, publicName, email, ReportKind.Problem, category, description,
            at ?? ReportTests.Chiba, ward, "web", created);
        return await repo.SubmitAsync(report, [], TestContext.Current.CancellationToken);
    }

    public static async Task MoveAsync(PortalAppFactory app, Report report, ReportStatus to, DateTimeOffset at, string? publicResponse = null, string? note = null)
    {
        var repo = app.Services.GetRequiredService<IReportRepository>();
        await repo.SaveAsync(report, report.MoveTo(to, 1, publicResponse, note, at), TestContext.Current.CancellationToken);
    }

    /// <summary>Many reports in one transaction: fast enough to test the 1,000-request cap.</summary>
    public static async Task BulkAsync(PortalAppFactory app, string category, int count, DateTimeOffset newest)
    {
        var db = app.Services.GetRequiredService<PortalDatabase>();
        var rows = Enumerable.Range(0, count).Select(i => new
        {
            Key = $"bulk-{Guid.NewGuid():N}", Category = category, Created = newest.AddMinutes(-i),
        }).ToList();
        await db.WriteAsync(async (connection, transaction) => await connection.ExecuteAsync(new CommandDefinition("""
            INSERT INTO Report (IdempotencyKey, Kind, CategoryCode, Description, Latitude, Longitude, WardId, Status, SupportCount, Source, CreatedUtc, UpdatedUtc)
            VALUES (@Key, 'Problem', @Category, 'まとめて登録', 35.6083, 140.1233, 'chuo', 'Received', 0, 'web', @Created, @Created)
            """, rows, transaction, cancellationToken: TestContext.Current.CancellationToken)), TestContext.Current.CancellationToken);
    }
}
