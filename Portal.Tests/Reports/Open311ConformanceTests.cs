using System.Net;
using System.Text.Json;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Reports;
using Portal.Core.Reports.Open311;
using Portal.Tests.Infrastructure;
using Portal.Web.Reports.Open311;

namespace Portal.Tests.Reports;

/// <summary>
/// Open311 GeoReport v2 over HTTP, as a partner app sees it: every method in JSON and XML, the filters,
/// the 90-day window and 1,000 cap, the error format and codes, and posting with an API key.
/// </summary>
public sealed class Open311ConformanceTests(PortalAppFactory app) : IClassFixture<PortalAppFactory>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const string V2 = "/open311/v2";

    private static DateTimeOffset Now => DateTimeOffset.UtcNow;

    private async Task<(HttpStatusCode Status, string ContentType, string Body)> GetAsync(string path)
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.GetAsync(path, Ct);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType ?? "", await response.Content.ReadAsStringAsync(Ct));
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(string format, Dictionary<string, string> fields)
    {
        using var client = app.CreateBrowserlessClient();
        using var response = await client.PostAsync($"{V2}/requests.{format}", new FormUrlEncodedContent(fields), Ct);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(Ct));
    }

    private static JsonElement[] Json(string body) => JsonDocument.Parse(body).RootElement.EnumerateArray().ToArray();

    private static long[] JsonIds(string body) => Json(body).Select(r => r.GetProperty("service_request_id").GetInt64()).ToArray();

    private static long[] XmlIds(string body) =>
        XDocument.Parse(body).Root!.Elements("request").Select(r => long.Parse(r.Element("service_request_id")!.Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static void AssertJsonError(string body, int code)
    {
        var error = Assert.Single(Json(body));
        Assert.Equal(code, error.GetProperty("code").GetInt32());
        Assert.False(string.IsNullOrWhiteSpace(error.GetProperty("description").GetString()));
    }

    private static void AssertXmlError(string body, int code)
    {
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("errors", root.Name.LocalName);
        var error = Assert.Single(root.Elements("error"));
        Assert.Equal(code.ToString(System.Globalization.CultureInfo.InvariantCulture), error.Element("code")!.Value);
        Assert.False(string.IsNullOrWhiteSpace(error.Element("description")!.Value));
    }

    private async Task<string> IssueKeyAsync() =>
        (await app.Services.GetRequiredService<Open311ApiKeyService>().IssueAsync(Actor.System, "テストアプリ", Ct)).PlainKey;

    [Fact]
    public async Task Services_list_the_active_categories_in_JSON_and_XML()
    {
        var json = await GetAsync($"{V2}/services.json");
        var xml = await GetAsync($"{V2}/services.xml");

        Assert.Equal((HttpStatusCode.OK, "application/json"), (json.Status, json.ContentType));
        Assert.Equal((HttpStatusCode.OK, "application/xml"), (xml.Status, xml.ContentType));
        var services = Json(json.Body);
        var pothole = services.Single(s => s.GetProperty("service_code").GetString() == "road-pothole");
        Assert.Equal("道路の穴・陥没", pothole.GetProperty("service_name").GetString());
        Assert.Equal("Pothole or sunken road", pothole.GetProperty("description").GetString());
        Assert.False(pothole.GetProperty("metadata").GetBoolean());
        Assert.Equal("realtime", pothole.GetProperty("type").GetString());
        Assert.Equal("road", pothole.GetProperty("group").GetString());
        Assert.Contains("道路の穴・陥没", pothole.GetProperty("keywords").GetString());

        var root = XDocument.Parse(xml.Body).Root!;
        Assert.Equal("services", root.Name.LocalName);
        Assert.Equal(services.Select(s => s.GetProperty("service_code").GetString()), root.Elements("service").Select(s => s.Element("service_code")!.Value));
        var xmlPothole = root.Elements("service").Single(s => s.Element("service_code")!.Value == "road-pothole");
        Assert.Equal(("道路の穴・陥没", "false", "realtime", "road"),
            (xmlPothole.Element("service_name")!.Value, xmlPothole.Element("metadata")!.Value, xmlPothole.Element("type")!.Value, xmlPothole.Element("group")!.Value));
    }

    /// <summary>
    /// Category questions as GeoReport v2 attributes (issue 17, item 6): the street light's service says it has metadata,
    /// its definition lists the questions with their datatypes and values, and a POST's attribute[code] fields become
    /// the report's answers, a value outside the list refused with a 400 that names the attribute.
    /// </summary>
    [Fact]
    public async Task A_service_with_questions_serves_them_as_attributes_and_a_post_answers_them_with_attribute_fields()
    {
        var services = Json((await GetAsync($"{V2}/services.json")).Body);
        Assert.True(services.Single(s => s.GetProperty("service_code").GetString() == "road-street-light").GetProperty("metadata").GetBoolean());
        Assert.False(services.Single(s => s.GetProperty("service_code").GetString() == "park-bench").GetProperty("metadata").GetBoolean());

        var definition = JsonDocument.Parse((await GetAsync($"{V2}/services/road-street-light.json")).Body).RootElement;
        var attributes = definition.GetProperty("attributes").EnumerateArray().ToArray();
        Assert.Equal([("pole-number", "string", 1), ("light-state", "singlevaluelist", 2)],
            attributes.Select(a => (a.GetProperty("code").GetString(), a.GetProperty("datatype").GetString(), a.GetProperty("order").GetInt32())));
        Assert.All(attributes, a => Assert.True(a.GetProperty("variable").GetBoolean()));
        Assert.Equal("電柱・街灯の番号（分かれば）", attributes[0].GetProperty("description").GetString());
        Assert.Equal([("off", "消えている"), ("flickering", "点滅している"), ("on-in-daytime", "昼もついている")],
            attributes[1].GetProperty("values").EnumerateArray().Select(v => (v.GetProperty("key").GetString(), v.GetProperty("name").GetString())));
        var xml = XDocument.Parse((await GetAsync($"{V2}/services/road-street-light.xml")).Body).Root!;
        Assert.Equal(["off", "flickering", "on-in-daytime"],
            xml.Element("attributes")!.Elements("attribute").Last().Element("values")!.Elements("value").Select(v => v.Element("key")!.Value));

        var key = await IssueKeyAsync();
        Dictionary<string, string> Fields(string state) => new()
        {
            ["api_key"] = key, ["service_code"] = "road-street-light", ["lat"] = "35.6083", ["long"] = "140.1233",
            ["description"] = "街灯が点滅しています " + state, ["attribute[pole-number]"] = "千葉 12-3", ["attribute[light-state]"] = state,
        };
        var wrong = await PostAsync("json", Fields("blinking"));
        var filed = await PostAsync("json", Fields("flickering"));

        Assert.Equal(HttpStatusCode.BadRequest, wrong.Status);
        AssertJsonError(wrong.Body, 400);
        Assert.Contains("attribute[light-state]", Json(wrong.Body)[0].GetProperty("description").GetString());
        Assert.Equal(HttpStatusCode.OK, filed.Status);
        var stored = (await app.Services.GetRequiredService<IReportRepository>().GetAsync(Assert.Single(JsonIds(filed.Body)), Ct))!;
        Assert.Equal([new ReportAnswer("pole-number", "千葉 12-3"), new ReportAnswer("light-state", "flickering")], stored.Answers);
    }

    [Fact]
    public async Task A_service_definition_has_no_extra_attributes_and_an_unknown_code_is_404()
    {
        var json = await GetAsync($"{V2}/services/park-bench.json");
        var xml = await GetAsync($"{V2}/services/park-bench.xml");
        Assert.Equal(HttpStatusCode.OK, json.Status);
        var definition = JsonDocument.Parse(json.Body).RootElement;
        Assert.Equal("park-bench", definition.GetProperty("service_code").GetString());
        Assert.Equal(0, definition.GetProperty("attributes").GetArrayLength());
        var root = XDocument.Parse(xml.Body).Root!;
        Assert.Equal(("service_definition", "park-bench", 0), (root.Name.LocalName, root.Element("service_code")!.Value, root.Element("attributes")!.Elements().Count()));

        var unknownJson = await GetAsync($"{V2}/services/no-such-service.json");
        var unknownXml = await GetAsync($"{V2}/services/no-such-service.xml");
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (unknownJson.Status, unknownXml.Status));
        AssertJsonError(unknownJson.Body, 404);
        AssertXmlError(unknownXml.Body, 404);
    }

    [Fact]
    public async Task Requests_show_published_reports_only_with_the_spec_fields_and_no_personal_data()
    {
        var resident = await app.CreateAccountAsync(Role.Resident, name: "通報 花子");
        var open = await ReportSeeds.SubmitAsync(app, "road-pothole", Now.AddDays(-1), "道路に穴があります", resident.Id, "通報 花子", resident.Email);
        var fixedOne = await ReportSeeds.SubmitAsync(app, "park-bench", Now.AddDays(-2), "ベンチが壊れています");
        await ReportSeeds.MoveAsync(app, fixedOne, ReportStatus.Accepted, Now.AddDays(-2).AddHours(1), "受け付けました", "内部メモ-受付");
        await ReportSeeds.MoveAsync(app, fixedOne, ReportStatus.Fixed, Now.AddDays(-1).AddHours(-1), "修理しました", "内部メモ-修理");
        var hidden = await ReportSeeds.SubmitAsync(app, "road-pothole", Now.AddDays(-1), "非公開の通報");
        await ReportSeeds.MoveAsync(app, hidden, ReportStatus.Hidden, Now);
        var ids = string.Join(",", open.Id, fixedOne.Id, hidden.Id);

        var json = await GetAsync($"{V2}/requests.json?service_request_id={ids}");
        var xml = await GetAsync($"{V2}/requests.xml?service_request_id={ids}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (json.Status, xml.Status));
        Assert.Equal([open.Id, fixedOne.Id], JsonIds(json.Body));
        Assert.Equal([open.Id, fixedOne.Id], XmlIds(xml.Body));
        var done = Json(json.Body)[1];
        Assert.Equal("closed", done.GetProperty("status").GetString());
        Assert.Equal("修理しました", done.GetProperty("status_notes").GetString());
        Assert.Equal("ベンチ・設備の破損", done.GetProperty("service_name").GetString());
        Assert.Equal("park-bench", done.GetProperty("service_code").GetString());
        Assert.Equal("中央区役所", done.GetProperty("agency_responsible").GetString());
        Assert.Equal(ReportTests.Chiba.Latitude, done.GetProperty("lat").GetDouble());
        Assert.Equal(ReportTests.Chiba.Longitude, done.GetProperty("long").GetDouble());
        Assert.EndsWith("+09:00", done.GetProperty("requested_datetime").GetString());
        Assert.EndsWith("+09:00", done.GetProperty("updated_datetime").GetString());
        string[] fields = ["service_request_id", "status", "status_notes", "service_name", "service_code", "description", "agency_responsible",
            "service_notice", "requested_datetime", "updated_datetime", "expected_datetime", "address", "address_id", "zipcode", "lat", "long", "media_url"];
        Assert.Equal(fields, done.EnumerateObject().Select(p => p.Name));
        var xmlRequest = XDocument.Parse(xml.Body).Root!.Elements("request").First();
        Assert.Equal("service_requests", xmlRequest.Parent!.Name.LocalName);
        Assert.Equal(fields, xmlRequest.Elements().Select(e => e.Name.LocalName));
        Assert.Equal("open", xmlRequest.Element("status")!.Value);

        foreach (var body in new[] { json.Body, xml.Body })
        {
            Assert.DoesNotContain("通報 花子", body);
            Assert.DoesNotContain(resident.Email, body);
            Assert.DoesNotContain("内部メモ", body);
            Assert.DoesNotContain("非公開の通報", body);
        }
    }

    [Fact]
    public async Task A_report_stored_with_control_characters_is_still_served_as_valid_XML_and_JSON_to_everyone()
    {
        // Stored as it came, before any input rule: every C0 control but tab and line breaks, DEL, C1 controls and a non-character.
        var controls = string.Concat(Enumerable.Range(0, 0x20).Where(c => c is not (0x09 or 0x0A or 0x0D)).Select(c => (char)c));
        var hostile = await ReportSeeds.SubmitAsync(app, "park-bench", Now.AddDays(-1), $"ベンチ{controls}\u007F\u0085\u009F\uFFFEです");
        var plain = await ReportSeeds.SubmitAsync(app, "park-bench", Now.AddDays(-2), "ふつうの通報");
        var ids = $"{hostile.Id},{plain.Id}";

        var xml = await GetAsync($"{V2}/requests.xml?service_request_id={ids}");
        var json = await GetAsync($"{V2}/requests.json?service_request_id={ids}");

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (xml.Status, json.Status));
        Assert.Equal(["ベンチです", "ふつうの通報"], XDocument.Parse(xml.Body).Root!.Elements("request").Select(r => r.Element("description")!.Value));
        Assert.Equal(["ベンチです", "ふつうの通報"], Json(json.Body).Select(r => r.GetProperty("description").GetString()));
    }

    [Fact]
    public async Task A_lone_surrogate_in_a_text_leaves_both_formats_valid()
    {
        // A database may keep a lone surrogate half (SQL Server's nvarchar does): the JSON writer would throw on it.
        IReadOnlyList<Field> fields = [new("description", "穴\uD800です")];

        foreach (var format in new[] { Open311Output.Xml, Open311Output.Json })
        {
            var body = await ExecuteAsync(Open311Output.List(format, "service_requests", "request", [fields]));
            Assert.Contains("穴です", body);
        }
        static async Task<string> ExecuteAsync(Microsoft.AspNetCore.Http.IResult result)
        {
            var context = new Microsoft.AspNetCore.Http.DefaultHttpContext
            {
                RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider(),
            };
            context.Response.Body = new MemoryStream();
            await result.ExecuteAsync(context);
            return System.Text.Encoding.UTF8.GetString(((MemoryStream)context.Response.Body).ToArray());
        }
    }

    [Fact]
    public async Task Requests_filter_by_service_status_and_dates_and_default_to_the_last_90_days()
    {
        var recent = await ReportSeeds.SubmitAsync(app, "other-graffiti", Now.AddDays(-3), "落書きがあります");
        var closed = await ReportSeeds.SubmitAsync(app, "other-graffiti", Now.AddDays(-4), "落書き（対応済み）");
        await ReportSeeds.MoveAsync(app, closed, ReportStatus.Fixed, Now.AddDays(-1));
        var old = await ReportSeeds.SubmitAsync(app, "other-graffiti", Now.AddDays(-120), "古い落書き");
        var otherService = await ReportSeeds.SubmitAsync(app, "litter-dumping", Now.AddDays(-3), "不法投棄");

        var byDefault = JsonIds((await GetAsync($"{V2}/requests.json?service_code=other-graffiti")).Body);
        Assert.Contains(recent.Id, byDefault);
        Assert.Contains(closed.Id, byDefault);
        Assert.DoesNotContain(old.Id, byDefault);
        Assert.DoesNotContain(otherService.Id, byDefault);

        var openOnly = XmlIds((await GetAsync($"{V2}/requests.xml?service_code=other-graffiti&status=open")).Body);
        Assert.Contains(recent.Id, openOnly);
        Assert.DoesNotContain(closed.Id, openOnly);
        var closedOnly = JsonIds((await GetAsync($"{V2}/requests.json?service_code=other-graffiti&status=closed")).Body);
        Assert.Equal([closed.Id], closedOnly);

        var start = Uri.EscapeDataString(W3c(Now.AddDays(-125)));
        var end = Uri.EscapeDataString(W3c(Now.AddDays(-115)));
        Assert.Equal([old.Id], JsonIds((await GetAsync($"{V2}/requests.json?service_code=other-graffiti&start_date={start}&end_date={end}")).Body));
        Assert.Equal([old.Id], XmlIds((await GetAsync($"{V2}/requests.xml?service_code=other-graffiti&start_date={start}&end_date={end}")).Body));
    }

    private static string W3c(DateTimeOffset utc) => Portal.Web.Reports.Open311.Open311Output.Time(utc);

    [Fact]
    public async Task One_request_is_a_one_element_list_and_an_unknown_or_unpublished_one_is_404()
    {
        var report = await ReportSeeds.SubmitAsync(app, "park-trees", Now.AddHours(-5), "枝が伸びています");
        var withdrawn = await ReportSeeds.SubmitAsync(app, "park-trees", Now.AddHours(-5), "取り下げ", (await app.CreateAccountAsync(Role.Resident)).Id);
        var repo = app.Services.GetRequiredService<IReportRepository>();
        await repo.SaveAsync(withdrawn, withdrawn.Withdraw(withdrawn.ReporterId!.Value, Now), Ct);

        Assert.Equal([report.Id], JsonIds((await GetAsync($"{V2}/requests/{report.Id}.json")).Body));
        Assert.Equal([report.Id], XmlIds((await GetAsync($"{V2}/requests/{report.Id}.xml")).Body));

        foreach (var id in new[] { withdrawn.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "999999999", "abc" })
        {
            var json = await GetAsync($"{V2}/requests/{id}.json");
            var xml = await GetAsync($"{V2}/requests/{id}.xml");
            Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (json.Status, xml.Status));
            AssertJsonError(json.Body, 404);
            AssertXmlError(xml.Body, 404);
        }
    }

    [Theory]
    [InlineData("/requests.{0}?start_date=yesterday")]
    [InlineData("/requests.{0}?status=pending")]
    [InlineData("/requests.{0}?service_request_id=1,x")]
    public async Task Bad_input_is_400_in_the_spec_error_format(string pathFormat)
    {
        var json = await GetAsync(V2 + string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, "json"));
        var xml = await GetAsync(V2 + string.Format(System.Globalization.CultureInfo.InvariantCulture, pathFormat, "xml"));
        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (json.Status, xml.Status));
        AssertJsonError(json.Body, 400);
        AssertXmlError(xml.Body, 400);
    }

    [Fact]
    public async Task An_unknown_format_is_400()
    {
        var response = await GetAsync($"{V2}/services.html");
        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        AssertJsonError(response.Body, 400);
    }

    [Fact]
    public async Task A_post_with_a_valid_key_creates_a_report_visible_through_GET_without_the_reporters_details()
    {
        var key = await IssueKeyAsync();
        var fields = new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "road-street-light", ["lat"] = "35.6083", ["long"] = "140.1233",
            ["description"] = "交差点の街灯が消えています", ["email"] = "partner-user@example.jp", ["first_name"] = "太郎", ["last_name"] = "千葉",
            ["device_id"] = "device-1",
        };

        var json = await PostAsync("json", fields);
        var xml = await PostAsync("xml", fields);

        Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (json.Status, xml.Status));
        var id = Assert.Single(JsonIds(json.Body));
        var xmlId = Assert.Single(XmlIds(xml.Body));
        Assert.NotEqual(id, xmlId);
        var shown = Assert.Single(Json((await GetAsync($"{V2}/requests/{id}.json")).Body));
        Assert.Equal(("open", "road-street-light", "交差点の街灯が消えています"),
            (shown.GetProperty("status").GetString(), shown.GetProperty("service_code").GetString(), shown.GetProperty("description").GetString()));
        var stored = (await app.Services.GetRequiredService<IReportRepository>().GetAsync(id, Ct))!;
        Assert.Equal(("open311", "partner-user@example.jp", (long?)null, (string?)null), (stored.Source, stored.ContactEmail, stored.ReporterId, stored.ReporterName));
        var listed = (await GetAsync($"{V2}/requests.json?service_request_id={id}")).Body;
        Assert.DoesNotContain("partner-user@example.jp", listed);
        Assert.DoesNotContain("太郎", listed);
    }

    [Fact]
    public async Task A_retried_post_with_the_same_device_and_client_token_is_one_report()
    {
        var key = await IssueKeyAsync();
        var fields = new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "litter-scattered", ["lat"] = "35.6083", ["long"] = "140.1233",
            ["description"] = "ごみが散乱しています", ["device_id"] = "device-2", ["client_token"] = Guid.NewGuid().ToString("N"),
        };
        var first = JsonIds((await PostAsync("json", fields)).Body);
        var again = JsonIds((await PostAsync("json", fields)).Body);
        Assert.Equal(first, again);
    }

    [Fact]
    public async Task A_description_with_a_control_character_is_refused_with_the_reason_and_files_nothing()
    {
        var key = await IssueKeyAsync();
        var fields = new Dictionary<string, string>
        {
            ["api_key"] = key, ["service_code"] = "road-pothole", ["lat"] = "35.6083", ["long"] = "140.1233",
            ["description"] = "歩道に穴\u0001があります", ["device_id"] = "device-4", ["client_token"] = Guid.NewGuid().ToString("N"),
        };

        var json = await PostAsync("json", fields);
        var xml = await PostAsync("xml", fields);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (json.Status, xml.Status));
        AssertJsonError(json.Body, 400);
        AssertXmlError(xml.Body, 400);
        Assert.Equal(Browser.PortalText.Ja("ReportApi_BadText"), Assert.Single(Json(json.Body)).GetProperty("description").GetString());
        // Nothing was filed under the client's token: the corrected request with it files the report.
        fields["description"] = "歩道に穴があります";
        var filed = await PostAsync("json", fields);
        Assert.Equal(HttpStatusCode.OK, filed.Status);
        var report = await app.Services.GetRequiredService<IReportRepository>().GetAsync(Assert.Single(JsonIds(filed.Body)), Ct);
        Assert.Equal("歩道に穴があります", report!.Description);
    }

    [Fact]
    public async Task A_client_token_used_again_for_a_different_request_is_refused_and_files_nothing()
    {
        var key = await IssueKeyAsync();
        var token = Guid.NewGuid().ToString("N");
        Dictionary<string, string> Fields(string description, string lat = "35.6083") => new()
        {
            ["api_key"] = key, ["service_code"] = "litter-scattered", ["lat"] = lat, ["long"] = "140.1233",
            ["description"] = description, ["device_id"] = "device-3", ["client_token"] = token,
        };
        var first = JsonIds((await PostAsync("json", Fields("ごみが散乱しています"))).Body);

        var otherText = await PostAsync("json", Fields("ベンチが壊れています"));
        var otherPlace = await PostAsync("xml", Fields("ごみが散乱しています", lat: "35.6090"));

        Assert.Equal((HttpStatusCode.Conflict, HttpStatusCode.Conflict), (otherText.Status, otherPlace.Status));
        AssertJsonError(otherText.Body, 409);
        AssertXmlError(otherPlace.Body, 409);
        Assert.Contains("client_token", otherText.Body);
        var reports = app.Services.GetRequiredService<IReportRepository>();
        var filed = await reports.GetAsync(Assert.Single(first), Ct);
        Assert.Equal("ごみが散乱しています", filed!.Description);
        Assert.Equal(first, JsonIds((await PostAsync("json", Fields("ごみが散乱しています"))).Body));
    }

    [Fact]
    public async Task A_missing_unknown_or_revoked_key_is_refused_with_403()
    {
        var keys = app.Services.GetRequiredService<Open311ApiKeyService>();
        var issued = await keys.IssueAsync(Actor.System, "失効するアプリ", Ct);
        Dictionary<string, string> Fields(string? key)
        {
            var f = new Dictionary<string, string> { ["service_code"] = "road-pothole", ["lat"] = "35.6083", ["long"] = "140.1233", ["description"] = "穴" };
            if (key is not null) f["api_key"] = key;
            return f;
        }
        Assert.Equal(HttpStatusCode.OK, (await PostAsync("json", Fields(issued.PlainKey))).Status);
        Assert.True(await keys.RevokeAsync(Actor.System, issued.Key.Id, Ct));

        foreach (var key in new[] { null, "o311_unknown", issued.PlainKey })
        {
            var json = await PostAsync("json", Fields(key));
            var xml = await PostAsync("xml", Fields(key));
            Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (json.Status, xml.Status));
            AssertJsonError(json.Body, 403);
            AssertXmlError(xml.Body, 403);
        }
    }

    public static TheoryData<string, string?, string?, string?, string> BadPosts => new()
    {
        // service_code, lat, long, address_string, description
        { "road-pothole", null, null, "千葉市中央区中央4-5-1", "穴があります" },
        { "road-pothole", "35.68", "139.76", null, "東京の穴" },
        { "road-pothole", "north", "east", null, "穴" },
        { "no-such-service", "35.6083", "140.1233", null, "穴" },
        { "road-pothole", "35.6083", "140.1233", null, "" },
        { "road-pothole", "35.6083", "140.1233", null, new string('あ', 4001) },
    };

    [Theory]
    [MemberData(nameof(BadPosts))]
    public async Task A_post_that_cannot_become_a_report_is_400(string service, string? lat, string? lon, string? address, string description)
    {
        var key = await IssueKeyAsync();
        var fields = new Dictionary<string, string> { ["api_key"] = key, ["service_code"] = service, ["description"] = description };
        if (lat is not null) fields["lat"] = lat;
        if (lon is not null) fields["long"] = lon;
        if (address is not null) fields["address_string"] = address;

        var json = await PostAsync("json", fields);
        var xml = await PostAsync("xml", fields);

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (json.Status, xml.Status));
        AssertJsonError(json.Body, 400);
        AssertXmlError(xml.Body, 400);
    }

    [Fact]
    public async Task A_post_outside_the_city_says_so_and_one_without_coordinates_asks_for_them()
    {
        var key = await IssueKeyAsync();
        using var client = app.CreateBrowserlessClient();
        async Task<string> Description(Dictionary<string, string> f)
        {
            using var response = await client.PostAsync($"{V2}/requests.json?culture=en", new FormUrlEncodedContent(f), Ct);
            return Json(await response.Content.ReadAsStringAsync(Ct))[0].GetProperty("description").GetString()!;
        }
        Assert.Contains("outside Chiba City", await Description(new() { ["api_key"] = key, ["service_code"] = "road-pothole", ["lat"] = "35.68", ["long"] = "139.76", ["description"] = "穴" }));
        Assert.Contains("Location required", await Description(new() { ["api_key"] = key, ["service_code"] = "road-pothole", ["address_string"] = "中央4-5-1", ["description"] = "穴" }));
    }

    [Fact]
    public async Task A_list_never_holds_more_than_1000_requests_nor_reports_older_than_90_days_by_default()
    {
        using var own = new PortalAppFactory();
        await ReportSeeds.BulkAsync(own, "road-sidewalk", 1001, Now.AddMinutes(-1));
        var old = await ReportSeeds.SubmitAsync(own, "road-sidewalk", Now.AddDays(-91), "古い通報");
        using var client = own.CreateBrowserlessClient();

        var json = Json(await client.GetStringAsync($"{V2}/requests.json", Ct));
        var xml = XDocument.Parse(await client.GetStringAsync($"{V2}/requests.xml", Ct)).Root!.Elements("request").ToList();

        Assert.Equal((1000, 1000), (json.Length, xml.Count));
        Assert.DoesNotContain(old.Id, json.Select(r => r.GetProperty("service_request_id").GetInt64()));
        var times = json.Select(r => DateTimeOffset.Parse(r.GetProperty("requested_datetime").GetString()!, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(times.OrderByDescending(t => t), times);
    }
}
