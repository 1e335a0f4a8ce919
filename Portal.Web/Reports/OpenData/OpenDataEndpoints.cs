using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using CsvHelper;
using Microsoft.Extensions.Localization;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.OpenData;
using Portal.Core.Text;
using Portal.Core.Time;
using Portal.Web.Languages;
using Portal.Web.Reports.Open311;

namespace Portal.Web.Reports.OpenData;

/// <summary>
/// Published reports as open data, CSV and GeoJSON, streamed row by row. Only what the public map shows:
/// never the reporter's id, name or e-mail, nor staff notes. Filters as on the public list.
/// </summary>
public static class OpenDataEndpoints
{
    /// <summary>The columns of the CSV, and the property names of a GeoJSON feature, in this order.</summary>
    public static readonly string[] Columns =
    [
        "id", "kind", "category_code", "category_name_ja", "category_name_en", "field", "public_status", "ward_id", "ward_name_ja", "ward_name_en",
        "created", "updated", "latitude", "longitude", "support_count", "description",
    ];

    private const int FlushEvery = 200;

    /// <summary>
    /// RFC 4180 with a byte order mark, so that Excel in Japan opens the UTF-8 file with its Japanese text intact;
    /// text that a spreadsheet would run as a formula (a description starting with "=") is escaped.
    /// </summary>
    internal static readonly CsvWriterOptions CsvOptions = new() { WriteByteOrderMark = true, Injection = CsvInjection.Escape };

    public static IEndpointRouteBuilder MapOpenData(this IEndpointRouteBuilder app)
    {
        app.MapGet("/open-data/reports.csv", WriteCsvAsync).AllowAnonymous();
        app.MapGet("/open-data/reports.geojson", WriteGeoJsonAsync).AllowAnonymous();
        return app;
    }

    private static async Task WriteCsvAsync(HttpContext context, IReportExportRepository export, IReportCategoryRepository categories,
        IOfficeRepository offices, IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        if (!TryReadFilter(context.Request.Query, out var filter)) { await BadFilterAsync(context, l); return; }
        var names = await NamesAsync(categories, offices, ct);
        context.Response.ContentType = "text/csv; charset=utf-8";
        context.Response.Headers.ContentDisposition = "attachment; filename=\"chiba-reports.csv\"";
        await using var csv = CsvWriter.Create(context.Response.Body, CsvOptions, leaveOpen: true);
        await csv.WriteRecordAsync(Columns, ct);
        var count = 0;
        await foreach (var report in export.StreamPublishedAsync(filter, ct))
        {
            await csv.WriteRecordAsync(Values(report, names), ct);
            if (++count % FlushEvery == 0) await csv.FlushAsync(ct);
        }
        await csv.FlushAsync(ct);
    }

    private static async Task WriteGeoJsonAsync(HttpContext context, IReportExportRepository export, IReportCategoryRepository categories,
        IOfficeRepository offices, IStringLocalizer<SharedResource> l)
    {
        var ct = context.RequestAborted;
        if (!TryReadFilter(context.Request.Query, out var filter)) { await BadFilterAsync(context, l); return; }
        var names = await NamesAsync(categories, offices, ct);
        context.Response.ContentType = "application/geo+json; charset=utf-8";
        await using var json = new Utf8JsonWriter(context.Response.Body, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        json.WriteStartObject();
        json.WriteString("type", "FeatureCollection");
        json.WriteStartArray("features");
        var count = 0;
        await foreach (var report in export.StreamPublishedAsync(filter, ct))
        {
            json.WriteStartObject();
            json.WriteString("type", "Feature");
            json.WriteNumber("id", report.Id);
            json.WriteStartObject("geometry");
            json.WriteString("type", "Point");
            json.WriteStartArray("coordinates");
            json.WriteNumberValue(report.Longitude);
            json.WriteNumberValue(report.Latitude);
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteStartObject("properties");
            var values = Values(report, names);
            for (var i = 0; i < Columns.Length; i++)
            {
                switch (Columns[i])
                {
                    case "id": json.WriteNumber("id", report.Id); break;
                    case "latitude": json.WriteNumber("latitude", report.Latitude); break;
                    case "longitude": json.WriteNumber("longitude", report.Longitude); break;
                    case "support_count": json.WriteNumber("support_count", report.MeTooCount); break;
                    default: json.WriteString(Columns[i], values[i]); break;
                }
            }
            json.WriteEndObject();
            json.WriteEndObject();
            if (++count % FlushEvery == 0) await json.FlushAsync(ct);
        }
        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private sealed record Names(IReadOnlyDictionary<string, ReportCategory> Categories, IReadOnlyDictionary<string, WardOffice> Wards);

    private static async Task<Names> NamesAsync(IReportCategoryRepository categories, IOfficeRepository offices, CancellationToken ct) =>
        new((await categories.ListAsync(includeInactive: true, ct)).ToDictionary(c => c.Code), (await offices.ListAsync(ct)).ToDictionary(o => o.Id));

    private static string[] Values(ReportSummary r, Names names)
    {
        names.Categories.TryGetValue(r.CategoryCode, out var category);
        names.Wards.TryGetValue(r.WardId, out var ward);
        return
        [
            r.Id.ToString(CultureInfo.InvariantCulture),
            r.Kind.ToString().ToLowerInvariant(),
            r.CategoryCode,
            category?.Name.Japanese ?? "",
            category?.Name.EnglishOrJapanese() ?? "",
            category?.Field.ToString().ToLowerInvariant() ?? "",
            StatusName(r.PublicStatus),
            r.WardId,
            ward?.Name.Japanese ?? "",
            ward?.Name.EnglishOrJapanese() ?? "",
            Open311Output.Time(r.CreatedUtc),
            Open311Output.Time(r.UpdatedUtc),
            r.Latitude.ToString("R", CultureInfo.InvariantCulture),
            r.Longitude.ToString("R", CultureInfo.InvariantCulture),
            r.MeTooCount.ToString(CultureInfo.InvariantCulture),
            // As Open311: a control character or lone surrogate stored in one report must not break the file for everyone.
            SubmittedText.Clean(r.Description),
        ];
    }

    /// <summary>received, in_progress, fixed, closed: the same words the status filter takes.</summary>
    public static string StatusName(PublicStatus status) => status switch
    {
        PublicStatus.Received => "received",
        PublicStatus.InProgress => "in_progress",
        PublicStatus.Fixed => "fixed",
        _ => "closed",
    };

    /// <summary>category, field, ward, status and the Japan dates from and to (both days included).</summary>
    internal static bool TryReadFilter(IQueryCollection q, out ReportFilter filter)
    {
        filter = new ReportFilter();
        string? Text(string name) => string.IsNullOrWhiteSpace(q[name]) ? null : q[name].ToString().Trim();
        PublicStatus? status = null;
        if (Text("status") is { } s)
        {
            status = Enum.GetValues<PublicStatus>().Select(p => (PublicStatus?)p).FirstOrDefault(p => StatusName(p!.Value) == s.ToLowerInvariant());
            if (status is null) return false;
        }
        ReportField? field = null;
        if (Text("field") is { } f)
        {
            if (!Enum.TryParse<ReportField>(f, ignoreCase: true, out var parsed) || !Enum.IsDefined(parsed)) return false;
            field = parsed;
        }
        DateTimeOffset? from = null, to = null;
        if (Text("from") is { } fromText)
        {
            if (!DateOnly.TryParseExact(fromText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
            from = JapanTime.StartOfDayUtc(day);
        }
        if (Text("to") is { } toText)
        {
            if (!DateOnly.TryParseExact(toText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day)) return false;
            to = JapanTime.StartOfDayUtc(day.AddDays(1));
        }
        filter = new ReportFilter(CategoryCode: Text("category"), Field: field, Status: status, WardId: Text("ward"), FromUtc: from, ToUtc: to);
        return true;
    }

    private static async Task BadFilterAsync(HttpContext context, IStringLocalizer<SharedResource> l)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync(l["OpenData_BadFilter"], context.RequestAborted);
    }
}
