using System.Globalization;
using Dapper;
using Portal.Core.Geography;
using Portal.Core.Languages;
using Portal.Core.Reports.Themes;
using Portal.Data.Database;

namespace Portal.Data.Reports;

public sealed class ReportThemeRepository(PortalDatabase db) : IReportThemeRepository
{
    private const string Columns = """
        Code, TitleText AS Title, PromptText AS Prompt, CoverText AS Cover, StartDate, EndDate, CategoryCodes, WardIds,
        CircleLatitude, CircleLongitude, CircleRadiusMeters, ClosedUtc
        """;

    public async Task<IReadOnlyList<ReportTheme>> ListAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var rows = await connection.QueryAsync<ThemeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ReportTheme ORDER BY StartDate DESC, Code", cancellationToken: ct));
        return rows.Select(r => r.ToTheme()).ToList();
    }

    public async Task<ReportTheme?> GetAsync(string code, CancellationToken ct)
    {
        await using var connection = await db.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ThemeRow>(new CommandDefinition(
            $"SELECT {Columns} FROM ReportTheme WHERE Code = @code", new { code }, cancellationToken: ct));
        return row?.ToTheme();
    }

    public Task SaveAsync(ReportTheme t, DateTimeOffset now, CancellationToken ct) =>
        db.WriteAsync(async (connection, transaction) =>
        {
            var parameters = new
            {
                t.Code, t.Title, t.Prompt, t.Cover, StartDate = Day(t.StartDate), EndDate = Day(t.EndDate),
                CategoryCodes = string.Join(',', t.CategoryCodes), WardIds = string.Join(',', t.Area.WardIds),
                CircleLatitude = t.Area.Circle?.Centre.Latitude, CircleLongitude = t.Area.Circle?.Centre.Longitude,
                CircleRadiusMeters = t.Area.Circle?.RadiusMeters, t.ClosedUtc, now,
            };
            var updated = await connection.ExecuteAsync(new CommandDefinition("""
                UPDATE ReportTheme SET TitleText = @Title, PromptText = @Prompt, CoverText = @Cover, StartDate = @StartDate, EndDate = @EndDate,
                    CategoryCodes = @CategoryCodes, WardIds = @WardIds, CircleLatitude = @CircleLatitude, CircleLongitude = @CircleLongitude,
                    CircleRadiusMeters = @CircleRadiusMeters, ClosedUtc = @ClosedUtc, UpdatedUtc = @now
                WHERE Code = @Code
                """, parameters, transaction, cancellationToken: ct));
            if (updated == 0)
                await connection.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO ReportTheme (Code, TitleText, PromptText, CoverText, StartDate, EndDate, CategoryCodes, WardIds,
                                             CircleLatitude, CircleLongitude, CircleRadiusMeters, ClosedUtc, CreatedUtc, UpdatedUtc)
                    VALUES (@Code, @Title, @Prompt, @Cover, @StartDate, @EndDate, @CategoryCodes, @WardIds,
                            @CircleLatitude, @CircleLongitude, @CircleRadiusMeters, @ClosedUtc, @now, @now)
                    """, parameters, transaction, cancellationToken: ct));
            return updated;
        }, ct);

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed class ThemeRow
    {
        public string Code { get; set; } = "";
        public LocalizedText Title { get; set; } = null!;
        public LocalizedText Prompt { get; set; } = null!;
        public LocalizedText? Cover { get; set; }
        public string StartDate { get; set; } = "";
        public string EndDate { get; set; } = "";
        public string CategoryCodes { get; set; } = "";
        public string WardIds { get; set; } = "";
        public double? CircleLatitude { get; set; }
        public double? CircleLongitude { get; set; }
        public int? CircleRadiusMeters { get; set; }
        public DateTimeOffset? ClosedUtc { get; set; }

        public ReportTheme ToTheme() => new(Code, Title, Prompt, Cover,
            DateOnly.ParseExact(StartDate, "yyyy-MM-dd", CultureInfo.InvariantCulture), DateOnly.ParseExact(EndDate, "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Codes(CategoryCodes),
            new ThemeArea(Codes(WardIds),
                CircleLatitude is { } lat && CircleLongitude is { } lon && CircleRadiusMeters is { } r ? new ThemeCircle(new GeoPoint(lat, lon), r) : null),
            ClosedUtc);

        private static List<string> Codes(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }
}
