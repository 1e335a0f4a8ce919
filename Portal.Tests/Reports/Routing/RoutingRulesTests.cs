using Portal.Core.Reports.Routing;

namespace Portal.Tests.Reports.Routing;

/// <summary>Where a report goes, what an outside body needs, and how a referral webhook is signed.</summary>
public sealed class RoutingRulesTests
{
    private static readonly ReportRoute[] Routes =
    [
        new("road-pothole", null, 1),
        new("road-pothole", "mihama", 2),
        new("park-bench", "chuo", 3),
    ];

    [Theory]
    [InlineData("road-pothole", "mihama", 2L)]
    [InlineData("road-pothole", "wakaba", 1L)]
    [InlineData("park-bench", "chuo", 3L)]
    [InlineData("park-bench", "midori", null)]
    [InlineData("litter-dumping", "chuo", null)]
    public void A_ward_s_own_line_wins_else_the_category_s_city_wide_default_else_none(string category, string ward, long? section) =>
        Assert.Equal(section, RoutingTable.SectionFor(Routes, category, ward));

    [Fact]
    public void The_ward_line_wins_whichever_order_the_table_lists_it_in() =>
        Assert.Equal(2, RoutingTable.SectionFor(Routes.Reverse(), "road-pothole", "mihama"));

    private static OutsideBodyInput Webhook(string url, string? secret, bool kept = false) => new()
    {
        Code = "jr-east-chiba", Name = new() { ["ja"] = "JR東日本 千葉支社" }, Kind = OutsideBodyKind.Railway, Delivery = ReferralDelivery.Webhook,
        WebhookUrl = url, NewSecret = secret, HasSecret = kept,
    };

    [Theory]
    [InlineData("https://hooks.example.jp/chiba", "0123456789abcdef", false, true)]
    [InlineData("http://127.0.0.1:8080/hook", "0123456789abcdef", false, true)]
    [InlineData("http://hooks.example.jp/chiba", "0123456789abcdef", false, false)]
    [InlineData("ftp://hooks.example.jp/chiba", "0123456789abcdef", false, false)]
    [InlineData("https://hooks.example.jp/chiba", "short", false, false)]
    [InlineData("https://hooks.example.jp/chiba", null, false, false)]
    [InlineData("https://hooks.example.jp/chiba", null, true, true)]
    public void A_webhook_needs_https_or_this_machine_and_a_secret_of_16_characters_unless_one_is_kept(string url, string? secret, bool kept, bool valid) =>
        Assert.Equal(valid, new OutsideBodyInputValidator().Validate(Webhook(url, secret, kept)).IsValid);

    [Theory]
    [InlineData("road@pref.chiba.example", true)]
    [InlineData("not-an-address", false)]
    [InlineData("", false)]
    public void An_e_mail_body_needs_an_address(string email, bool valid) =>
        Assert.Equal(valid, new OutsideBodyInputValidator().Validate(new OutsideBodyInput
        {
            Code = "pref-road", Name = new() { ["ja"] = "千葉県 千葉土木事務所" }, Kind = OutsideBodyKind.PrefectureRoadOffice, Email = email,
        }).IsValid);

    [Fact]
    public void A_section_needs_a_plain_code_and_a_Japanese_name()
    {
        var validator = new SectionInputValidator();
        Assert.True(validator.Validate(new SectionInput { Code = "doboku-chuo-mihama", Name = new() { ["ja"] = "中央・美浜土木事務所" } }).IsValid);
        Assert.False(validator.Validate(new SectionInput { Code = "Doboku Chuo", Name = new() { ["ja"] = "中央・美浜土木事務所" } }).IsValid);
        Assert.False(validator.Validate(new SectionInput { Code = "doboku", Name = new() { ["en"] = "Road office" } }).IsValid);
    }

    private static readonly DateTimeOffset Now = new(2026, 12, 8, 3, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_signature_verifies_over_the_exact_body_and_timestamp_with_the_same_secret_only()
    {
        const string secret = "chiba-webhook-secret-0001";
        const string body = """{"event":"report.referred","report":{"id":12}}""";
        var timestamp = Now.ToUnixTimeSeconds();
        var signature = WebhookSignature.Sign(secret, timestamp, body);

        Assert.StartsWith("sha256=", signature);
        Assert.Equal(64, signature.Length - "sha256=".Length);
        Assert.True(WebhookSignature.Verify(secret, timestamp.ToString(), body, signature, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, timestamp.ToString(), body.Replace("12", "13"), signature, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify(secret, (timestamp + 1).ToString(), body, signature, Now, TimeSpan.FromMinutes(5)));
        Assert.False(WebhookSignature.Verify("another-secret-000000", timestamp.ToString(), body, signature, Now, TimeSpan.FromMinutes(5)));
        // A captured request replayed later is refused.
        Assert.False(WebhookSignature.Verify(secret, timestamp.ToString(), body, signature, Now.AddMinutes(6), TimeSpan.FromMinutes(5)));
    }

    [Fact]
    public void The_payload_carries_the_report_and_its_published_photo_links_as_a_list()
    {
        var json = ReferralPayload.Json(new Dictionary<string, string>
        {
            ["reportId"] = "41", ["category"] = "道路の穴・陥没", ["categoryCode"] = "road-pothole", ["description"] = "国道の穴", ["place"] = "幕張町（花見川区役所）",
            ["ward"] = "hanamigawa", ["lat"] = "35.65", ["lon"] = "140.05", ["photos"] = "https://p.example/1\nhttps://p.example/2", ["message"] = "",
            ["body"] = "千葉県 千葉土木事務所",
        }, "https://portal.example.jp/reports/41", 7, Now);

        using var doc = System.Text.Json.JsonDocument.Parse(json);
        var report = doc.RootElement.GetProperty("report");
        Assert.Equal(41, report.GetProperty("id").GetInt64());
        Assert.Equal("国道の穴", report.GetProperty("description").GetString());
        Assert.Equal(["https://p.example/1", "https://p.example/2"], report.GetProperty("photos").EnumerateArray().Select(p => p.GetString()));
        Assert.Equal(35.65, report.GetProperty("lat").GetDouble());
        Assert.Equal(System.Text.Json.JsonValueKind.Null, doc.RootElement.GetProperty("referral").GetProperty("message").ValueKind);
        Assert.Equal("report.referred", doc.RootElement.GetProperty("event").GetString());
    }
}
