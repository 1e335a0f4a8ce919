using System.Globalization;
using Microsoft.Extensions.Localization;
using Portal.Core.Offices;
using Portal.Core.Reports;
using Portal.Core.Reports.Open311;
using Portal.Core.Languages;
using Portal.Core.Rules;
using Portal.Core.Time;
using Portal.Web.Languages;

namespace Portal.Web.Reports.Open311;

/// <summary>
/// Open311 GeoReport v2 under /open311/v2: the city's categories as services, published reports as
/// requests, and new reports from partner apps that hold an API key. Reads are public and never carry
/// personal data; a POST needs an API key, not a session, so it is exempt from antiforgery.
/// </summary>
public static class Open311Endpoints
{
    public const string Prefix = "/open311/v2";
    public const string Source = "open311";

    public static IEndpointRouteBuilder MapOpen311(this IEndpointRouteBuilder app)
    {
        var v2 = app.MapGroup(Prefix);
        v2.MapGet("/services.{format}", ListServices).AllowAnonymous();
        v2.MapGet("/services/{code}.{format}", DefineService).AllowAnonymous();
        v2.MapGet("/requests.{format}", ListRequests).AllowAnonymous();
        v2.MapGet("/requests/{id}.{format}", GetRequest).AllowAnonymous();
        v2.MapPost("/requests.{format}", PostRequest).AllowAnonymous().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> ListServices(string format, IReportCategoryRepository categories, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (BadFormat(format, l) is { } bad) return bad;
        var services = await categories.ListAsync(includeInactive: false, ct);
        return Open311Output.List(Open311Output.FormatOf(format), "services", "service", services.Select(ServiceFields));
    }

    private static async Task<IResult> DefineService(string code, string format, IReportCategoryRepository categories, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (BadFormat(format, l) is { } bad) return bad;
        var fmt = Open311Output.FormatOf(format);
        var category = await categories.GetAsync(code, ct);
        if (category is not { IsActive: true }) return Open311Output.Error(fmt, StatusCodes.Status404NotFound, l["ReportApi_UnknownService"]);
        return Open311Output.Single(fmt, "service_definition",
            [new Field("service_code", category.Code), new Field("attributes", category.Questions.Select(AttributeFields).ToList())]);
    }

    /// <summary>
    /// A category question as a GeoReport v2 attribute: every question is a variable the client fills in, its prompt the
    /// description, a choice's options the values (key and name). Japanese texts, as every name of this interface.
    /// </summary>
    private static IReadOnlyList<Field> AttributeFields(CategoryQuestion question, int index) =>
    [
        new("variable", true),
        new("code", question.Code),
        new("datatype", question.Kind switch { QuestionKind.Number => "number", QuestionKind.Choice => "singlevaluelist", _ => "string" }),
        new("required", question.Required),
        new("datatype_description", question.Kind switch
        {
            QuestionKind.Number => "数値",
            QuestionKind.Choice => "値のkeyを1つ",
            _ => string.Create(CultureInfo.InvariantCulture, $"{ReportAnswers.MaxTextLength}文字まで"),
        }),
        new("order", index + 1),
        new("description", Ruby.Plain(question.Prompt.Japanese)),
        new("values", question.Options.Select(o => (IReadOnlyList<Field>)[new("key", o.Key), new("name", Ruby.Plain(o.Label.Japanese))]).ToList()),
    ];

    private static async Task<IResult> ListRequests(HttpContext context, string format, IOpen311RequestRepository requests, IOfficeRepository offices,
        IReportCategoryRepository categories, TimeProvider time, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (BadFormat(format, l) is { } bad) return bad;
        var fmt = Open311Output.FormatOf(format);
        var q = context.Request.Query;

        List<long>? ids = null;
        if (!string.IsNullOrWhiteSpace(q["service_request_id"]))
        {
            ids = [];
            foreach (var part in q["service_request_id"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!long.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var id))
                    return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_BadId"]);
                ids.Add(id);
            }
        }
        if (!TryParseTime(q["start_date"], out var start) || !TryParseTime(q["end_date"], out var end))
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_BadDate"]);
        bool? open;
        switch (q["status"].ToString().Trim().ToLowerInvariant())
        {
            case "" or "open,closed" or "closed,open": open = null; break;
            case "open": open = true; break;
            case "closed": open = false; break;
            default: return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_BadStatus"]);
        }
        var code = string.IsNullOrWhiteSpace(q["service_code"]) ? null : q["service_code"].ToString().Trim();

        var query = Open311Window.Apply(ids, code, start, end, open, time.GetUtcNow());
        var found = await requests.SearchAsync(query, ct);
        return await RequestListAsync(context, fmt, found, offices, categories, ct);
    }

    private static async Task<IResult> GetRequest(HttpContext context, string id, string format, IOpen311RequestRepository requests, IOfficeRepository offices,
        IReportCategoryRepository categories, IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (BadFormat(format, l) is { } bad) return bad;
        var fmt = Open311Output.FormatOf(format);
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var reportId))
            return Open311Output.Error(fmt, StatusCodes.Status404NotFound, l["ReportApi_UnknownRequest"]);
        var found = await requests.SearchAsync(new Open311RequestQuery([reportId], null, null, null, null, 1), ct);
        if (found.Count == 0) return Open311Output.Error(fmt, StatusCodes.Status404NotFound, l["ReportApi_UnknownRequest"]);
        return await RequestListAsync(context, fmt, found, offices, categories, ct);
    }

    private static async Task<IResult> PostRequest(HttpContext context, string format, Open311ApiKeyService keys, ReportService reports,
        IStringLocalizer<SharedResource> l, CancellationToken ct)
    {
        if (BadFormat(format, l) is { } bad) return bad;
        var fmt = Open311Output.FormatOf(format);
        if (!context.Request.HasFormContentType)
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_FormRequired"]);
        var form = await context.Request.ReadFormAsync(ct);
        string? Value(string name) => string.IsNullOrWhiteSpace(form[name]) ? null : form[name].ToString().Trim();

        var key = await keys.AuthenticateAsync(Value("api_key"), ct);
        if (key is null) return Open311Output.Error(fmt, StatusCodes.Status403Forbidden, l["ReportApi_BadKey"]);

        if (Value("service_code") is not { } serviceCode)
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_ServiceRequired"]);
        if (Value("lat") is not { } latText || Value("long") is not { } lonText)
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_LocationRequired"]);
        if (!double.TryParse(latText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lat)
            || !double.TryParse(lonText, NumberStyles.Float, CultureInfo.InvariantCulture, out var lon))
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_BadLocation"]);
        var email = Value("email");
        if (email is { } address && (address.Length > 254 || !address.Contains('@', StringComparison.Ordinal)))
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l["ReportApi_BadEmail"]);

        var draft = new ReportDraft
        {
            IdempotencyKey = Open311IdempotencyKey.For(key.Id, Value("device_id"), Value("client_token")),
            CategoryCode = serviceCode,
            Description = form["description"].ToString(),
            Latitude = lat,
            Longitude = lon,
            Answers = Attributes(form),
        };
        CommandResult<Report> result;
        try
        {
            result = await reports.SubmitFromPartnerAsync(draft, email, Source, ct);
        }
        catch (RuleException e) when (e.Key == ReportErrors.KeyReused)
        {
            // The client's retry key with a different request: refused, as the ledger refuses a reused key.
            return Open311Output.Error(fmt, StatusCodes.Status409Conflict, l["ReportApi_TokenReused"]);
        }
        catch (RuleException e)
        {
            // A client token that names a report filed some other way: refused, never returned.
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, l[ErrorKey(e.Key)]);
        }
        if (!result.Succeeded)
            return Open311Output.Error(fmt, StatusCodes.Status400BadRequest, result.Errors[0] is var error && AttributeOf(error.PropertyName) is { } code
                ? l["ReportApi_Attribute", code, l[AttributeErrorKey(error.ErrorMessage)]]
                : l[ErrorKey(error.ErrorMessage)]);
        return Open311Output.List(fmt, "service_requests", "request",
            [[new Field("service_request_id", result.Value!.Id), new Field("service_notice", ""), new Field("account_id", null)]]);
    }

    /// <summary>GeoReport v2's <c>attribute[code]</c> fields: the answers to the service's questions, by code.</summary>
    private static Dictionary<string, string?> Attributes(IFormCollection form)
    {
        var answers = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (name, value) in form)
            if (name.StartsWith("attribute[", StringComparison.Ordinal) && name.EndsWith(']') && name.Length > "attribute[]".Length)
                answers[name["attribute[".Length..^1]] = value.ToString();
        return answers;
    }

    /// <summary>The question a failure names ("Answers[pole-number]"), or null.</summary>
    private static string? AttributeOf(string propertyName) =>
        propertyName.StartsWith(nameof(ReportDraft.Answers) + "[", StringComparison.Ordinal) && propertyName.EndsWith(']')
            ? propertyName[(nameof(ReportDraft.Answers).Length + 1)..^1] : null;

    private static string AttributeErrorKey(string key) => key switch
    {
        QuestionKeys.Required => "ReportApi_AttributeRequired",
        QuestionKeys.NotANumber => "ReportApi_AttributeNotANumber",
        QuestionKeys.NotAnOption => "ReportApi_AttributeNotAValue",
        QuestionKeys.TooLong => "ReportApi_AttributeTooLong",
        _ => "ReportApi_BadText",
    };

    /// <summary>The Open311 message for a rule of the report form.</summary>
    private static string ErrorKey(string reportKey) => reportKey switch
    {
        ReportValidationKeys.CategoryRequired or ReportErrors.UnknownCategory => "ReportApi_UnknownService",
        ReportValidationKeys.DescriptionRequired => "ReportApi_DescriptionRequired",
        ReportValidationKeys.DescriptionTooLong => "ReportApi_DescriptionTooLong",
        ReportValidationKeys.LocationRequired => "ReportApi_LocationRequired",
        ReportErrors.OutsideCity => "ReportApi_OutsideCity",
        Core.Text.SubmittedText.ValidationKey => "ReportApi_BadText",
        _ => "ReportApi_BadRequest",
    };

    private static IReadOnlyList<Field> ServiceFields(ReportCategory c) =>
    [
        new("service_code", c.Code),
        new("service_name", c.Name.Japanese),
        new("description", c.Name.EnglishOrJapanese()),
        // Services with questions carry attributes, served by services/{code}.
        new("metadata", c.Questions.Count > 0),
        new("type", "realtime"),
        // Every language's name, so that a client finds the service by the name its user knows.
        new("keywords", string.Join(", ", c.Name.Languages.OrderBy(l => l == Language.Japanese ? 0 : l == Language.English ? 1 : 2)
            .Select(l => Ruby.Plain(c.Name.Exact(l))).Distinct().Append(c.Field.ToString().ToLowerInvariant()))),
        new("group", c.Field.ToString().ToLowerInvariant()),
    ];

    private static async Task<IResult> RequestListAsync(HttpContext context, string fmt, IReadOnlyList<Open311Request> found, IOfficeRepository offices,
        IReportCategoryRepository categories, CancellationToken ct)
    {
        var wards = (await offices.ListAsync(ct)).ToDictionary(o => o.Id);
        var names = (await categories.ListAsync(includeInactive: true, ct)).ToDictionary(c => c.Code);
        // Who handles each request now: the outside body it was referred to, else its section; else its ward office.
        var handlers = await context.RequestServices.GetRequiredService<Core.Reports.Routing.ReportRoutingService>()
            .HandlerNamesAsync(found.Select(r => r.Id).ToList(), ct);
        var site = $"{context.Request.Scheme}://{context.Request.Host}";
        return Open311Output.List(fmt, "service_requests", "request", found.Select(r => (IReadOnlyList<Field>)
        [
            new("service_request_id", r.Id),
            new("status", r.IsOpen ? "open" : "closed"),
            new("status_notes", r.StatusNotes ?? ""),
            new("service_name", names.TryGetValue(r.ServiceCode, out var c) ? c.Name.Japanese : r.ServiceCode),
            new("service_code", r.ServiceCode),
            new("description", r.Description),
            new("agency_responsible", handlers.TryGetValue(r.Id, out var handler) ? Ruby.Plain(handler.Japanese)
                : wards.TryGetValue(r.WardId, out var w) ? w.Name.Japanese : r.WardId),
            new("service_notice", ""),
            new("requested_datetime", Open311Output.Time(r.RequestedUtc)),
            new("updated_datetime", Open311Output.Time(r.UpdatedUtc)),
            new("expected_datetime", ""),
            new("address", ""),
            new("address_id", ""),
            new("zipcode", ""),
            new("lat", r.Latitude),
            new("long", r.Longitude),
            new("media_url", r.FirstPublishedPhotoId is { } photo ? $"{site}/reports/photos/{photo.ToString(CultureInfo.InvariantCulture)}/display" : ""),
        ]));
    }

    private static IResult? BadFormat(string format, IStringLocalizer<SharedResource> l) =>
        Open311Output.IsFormat(format) ? null : Open311Output.Error(Open311Output.Json, StatusCodes.Status400BadRequest, l["ReportApi_BadFormat"]);

    /// <summary>
    /// A W3C date-time. One without an offset is Japan time; a "+" that a client forgot to escape in the
    /// query string arrives as a space and is read as the "+" it was.
    /// </summary>
    internal static bool TryParseTime(string? text, out DateTimeOffset? utc)
    {
        utc = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        text = text.Trim().Replace(' ', '+');
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var parsed)) return false;
        if (parsed.Kind == DateTimeKind.Unspecified)
        {
            utc = new DateTimeOffset(parsed, JapanTime.Zone.GetUtcOffset(parsed)).ToUniversalTime();
            return true;
        }
        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var withOffset)) return false;
        utc = withOffset.ToUniversalTime();
        return true;
    }
}
