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
        long? reporterId = null, string? publicName = null, string? email = null, GeoPoint? at = null, string ward = "chuo", string? theme = null)
    {
        var repo = app.Services.GetRequiredService<IReportRepository>();
        var report = Report.Submit(Guid.NewGuid().ToString("N"), reporterId, publicName, email, ReportKind.Problem, category, description,
            at ?? ReportTests.Chiba, ward, "web", created, themeCode: theme);
        return await repo.SubmitAsync(report, [], TestContext.Current.CancellationToken);
    }

    public static async Task MoveAsync(PortalAppFactory app, Report report, ReportStatus to, DateTimeOffset at, string? publicResponse = null, string? note = null)
    {
        var repo = app.Services.GetRequiredService<IReportRepository>();
        await repo.SaveAsync(report, report.MoveTo(to, 1, publicResponse, note, at), TestContext.Current.CancellationToken);
    }

    /// <summary>A theme report open from yesterday for a month (Japan days), over the whole city, with a code of its own.</summary>
    public static async Task<Portal.Core.Reports.Themes.ReportTheme> OpenThemeAsync(PortalAppFactory app)
    {
        var time = app.Services.GetRequiredService<TimeProvider>();
        var today = Portal.Core.Time.JapanTime.Today(time);
        var theme = new Portal.Core.Reports.Themes.ReportTheme($"theme-{Guid.NewGuid():N}"[..20],
            Portal.Core.Languages.LocalizedText.Of("通学路の危険箇所", "Dangerous spots on school routes"),
            Portal.Core.Languages.LocalizedText.Of("危ないと感じた場所を教えてください。", "Tell us where it feels dangerous."),
            Portal.Core.Languages.LocalizedText.Of("通学路の合同点検に使います。", "Used for the joint inspection."),
            today.AddDays(-1), today.AddMonths(1), ["road-sidewalk", "road-street-light"], Portal.Core.Reports.Themes.ThemeArea.WholeCity);
        await app.Services.GetRequiredService<Portal.Core.Reports.Themes.IReportThemeRepository>().SaveAsync(theme, time.GetUtcNow(), TestContext.Current.CancellationToken);
        return theme;
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
