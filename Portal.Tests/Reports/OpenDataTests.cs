using System.Net;
using System.Text.Json;
using Portal.Core.Accounts;
using Portal.Core.Reports;
using Portal.Tests.Infrastructure;
using Portal.Web.Reports.OpenData;

namespace Portal.Tests.Reports;

/// <summary>The open data files: what the public map shows, and never anything personal or internal.</summary>
public sealed class OpenDataTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<(HttpStatusCode Status, string? ContentType, byte[] Bytes, string Text)> GetAsync(string path)
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync(path, Ct);
        var bytes = await response.Content.ReadAsByteArrayAsync(Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, bytes, System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF'));
    }

    /// <summary>A report with a public name and an e-mail, internal notes and a public response.</summary>
    private async Task<(Report Report, UserAccount Reporter)> PersonalReportAsync(string category)
    {
        var reporter = await app.CreateAccountAsync(Role.Resident, name: "個人 情報子");
        var report = await ReportSeeds.SubmitAsync(app, category, Now.AddDays(-2), $"穴があります {Guid.NewGuid():N}", reporter.Id, "個人 情報子", reporter.Email);
        await ReportSeeds.MoveAsync(app, report, ReportStatus.InProgress, Now.AddDays(-1), "対応しています", "内部メモ-秘密");
        return (report, reporter);
    }

    private static List<string[]> CsvRows(string text) =>
        text.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Select(line => line.Split(',')).ToList();

    [Fact]
    public async Task The_CSV_holds_published_reports_without_personal_data_or_internal_notes()
    {
        var (report, reporter) = await PersonalReportAsync("road-sign-mirror");
        var hidden = await ReportSeeds.SubmitAsync(app, "road-sign-mirror", Now.AddDays(-1), "非公開の通報");
        await ReportSeeds.MoveAsync(app, hidden, ReportStatus.Hidden, Now);

        var csv = await GetAsync("/open-data/reports.csv");

        Assert.Equal((HttpStatusCode.OK, "text/csv"), (csv.Status, csv.ContentType));
        Assert.Equal([0xEF, 0xBB, 0xBF], csv.Bytes[..3]);
        var rows = CsvRows(csv.Text);
        Assert.Equal(OpenDataEndpoints.Columns, rows[0]);
        var row = rows.Single(r => r[0] == report.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var values = OpenDataEndpoints.Columns.Zip(row).ToDictionary(p => p.First, p => p.Second);
        Assert.Equal(("road-sign-mirror", "標識・カーブミラー", "Sign or curve mirror", "road", "in_progress", "chuo", "中央区役所", report.Description),
            (values["category_code"], values["category_name_ja"], values["category_name_en"], values["field"], values["public_status"], values["ward_id"],
             values["ward_name_ja"], values["description"]));
        Assert.EndsWith("+09:00", values["created"]);
        Assert.DoesNotContain("個人 情報子", csv.Text);
        Assert.DoesNotContain(reporter.Email, csv.Text);
        Assert.DoesNotContain("内部メモ", csv.Text);
        Assert.DoesNotContain("非公開の通報", csv.Text);
    }

    [Fact]
    public async Task Control_characters_stored_in_a_description_never_reach_the_files()
    {
        var marker = Guid.NewGuid().ToString("N")[..8];
        var report = await ReportSeeds.SubmitAsync(app, "road-other", Now.AddDays(-2), $"穴\u0001\u001B\u0085が{marker}\u007Fあります");
        await ReportSeeds.MoveAsync(app, report, ReportStatus.InProgress, Now.AddDays(-1), "対応しています");

        var geo = await GetAsync("/open-data/reports.geojson");
        var csv = await GetAsync("/open-data/reports.csv");

        var feature = JsonDocument.Parse(geo.Text).RootElement.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == report.Id);
        Assert.Equal($"穴が{marker}あります", feature.GetProperty("properties").GetProperty("description").GetString());
        var line = Assert.Single(csv.Text.Split("\r\n"), l => l.Contains(marker, StringComparison.Ordinal));
        Assert.EndsWith($"穴が{marker}あります", line);
        Assert.DoesNotContain(csv.Text, c => c < ' ' && c is not ('\r' or '\n') || c is >= '\u007F' and <= '\u009F');
    }

    [Fact]
    public async Task The_GeoJSON_is_a_feature_collection_of_points_without_personal_data()
    {
        var (report, reporter) = await PersonalReportAsync("road-other");

        var geo = await GetAsync("/open-data/reports.geojson");

        Assert.Equal((HttpStatusCode.OK, "application/geo+json"), (geo.Status, geo.ContentType));
        var root = JsonDocument.Parse(geo.Text).RootElement;
        Assert.Equal("FeatureCollection", root.GetProperty("type").GetString());
        var feature = root.GetProperty("features").EnumerateArray().Single(f => f.GetProperty("id").GetInt64() == report.Id);
        Assert.Equal("Point", feature.GetProperty("geometry").GetProperty("type").GetString());
        Assert.Equal([ReportTests.Chiba.Longitude, ReportTests.Chiba.Latitude],
            feature.GetProperty("geometry").GetProperty("coordinates").EnumerateArray().Select(c => c.GetDouble()));
        var properties = feature.GetProperty("properties");
        Assert.Equal(OpenDataEndpoints.Columns, properties.EnumerateObject().Select(p => p.Name));
        Assert.Equal(("road-other", "in_progress", 0), (properties.GetProperty("category_code").GetString(), properties.GetProperty("public_status").GetString(),
            properties.GetProperty("support_count").GetInt32()));
        Assert.DoesNotContain("個人 情報子", geo.Text);
        Assert.DoesNotContain(reporter.Email, geo.Text);
        Assert.DoesNotContain("内部メモ", geo.Text);
    }

    [Fact]
    public async Task The_files_take_the_public_list_filters()
    {
        var park = await ReportSeeds.SubmitAsync(app, "park-other", Now.AddDays(-40), "公園のその他");
        var fixedPark = await ReportSeeds.SubmitAsync(app, "park-other", Now.AddDays(-10), "公園のその他（対応済み）");
        await ReportSeeds.MoveAsync(app, fixedPark, ReportStatus.Fixed, Now);
        var day = Portal.Core.Time.JapanTime.ToJapan(Now.AddDays(-10)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

        static IEnumerable<long> Ids(string csv) => CsvRows(csv).Skip(1).Select(r => long.Parse(r[0], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal([fixedPark.Id, park.Id], Ids((await GetAsync("/open-data/reports.csv?category=park-other")).Text));
        Assert.Equal([fixedPark.Id], Ids((await GetAsync("/open-data/reports.csv?category=park-other&status=fixed")).Text));
        Assert.Equal([fixedPark.Id], Ids((await GetAsync($"/open-data/reports.csv?category=park-other&from={day}&to={day}")).Text));
        Assert.Empty(Ids((await GetAsync("/open-data/reports.csv?category=park-other&ward=mihama")).Text));
        var geo = JsonDocument.Parse((await GetAsync("/open-data/reports.geojson?category=park-other&status=received")).Text).RootElement;
        Assert.Equal([park.Id], geo.GetProperty("features").EnumerateArray().Select(f => f.GetProperty("id").GetInt64()));
    }

    [Theory]
    [InlineData("/open-data/reports.csv?status=pending")]
    [InlineData("/open-data/reports.geojson?from=25-11-2026")]
    public async Task A_bad_filter_is_400(string path)
    {
        Assert.Equal(HttpStatusCode.BadRequest, (await GetAsync(path)).Status);
    }
}
