using System.Text.RegularExpressions;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;
using Portal.Web;
using Portal.Web.Notifications;

namespace Portal.Tests.Notifications;

/// <summary>Every kind's template, filled in the notice's language whatever language the worker runs in.</summary>
public sealed partial class NoticeRendererTests
{
    internal static NoticeRenderer ResourceRenderer()
    {
        var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions { ResourcesPath = "Resources" }), NullLoggerFactory.Instance);
        return new NoticeRenderer(new ResourceNoticeTemplates(new StringLocalizer<SharedResource>(factory)));
    }

    /// <summary>Values for every kind, as an enqueuer gives them.</summary>
    internal static IReadOnlyDictionary<string, string> SampleValues(NoticeKind kind) => kind switch
    {
        NoticeKind.TicketNear => new Dictionary<string, string> { ["ticketNumber"] = "A-012", ["office"] = "中央区役所", ["peopleAhead"] = "3" },
        NoticeKind.TicketCalled => new Dictionary<string, string> { ["ticketNumber"] = "A-012", ["office"] = "中央区役所", ["counter"] = "3番窓口" },
        NoticeKind.ReportStatusChanged => new Dictionary<string, string>
            { ["reportId"] = "45", ["category.ja"] = "道路の穴", ["category.en"] = "Pothole", ["category"] = "road-pothole", ["status"] = "Fixed" },
        NoticeKind.SupporterReminder or NoticeKind.SupporterTaskCancelled => new Dictionary<string, string>
            { ["taskTitle"] = "公園の落書き消し", ["taskStart"] = "2026-12-05 09:00", ["meetingPlace"] = "稲毛海浜公園 南口" },
        NoticeKind.BenefitNewlyEligible => new Dictionary<string, string> { ["benefitName"] = "子ども医療費助成" },
        NoticeKind.PointsExpiring => new Dictionary<string, string> { ["points"] = "1,200", ["expiryDate"] = "2027-03-31" },
        NoticeKind.PasswordReset => new Dictionary<string, string> { ["name"] = "千葉 花子", ["minutes"] = "60" },
        NoticeKind.AccountDisabled or NoticeKind.AccountEnabled => new Dictionary<string, string> { ["name"] = "千葉 花子", ["reason"] = "ご本人からの依頼のため" },
        NoticeKind.AccountLocked => new Dictionary<string, string> { ["name"] = "千葉 花子", ["until"] = "2026-12-07 15:30" },
        NoticeKind.ReportFixedCheck => new Dictionary<string, string>
            { ["reportId"] = "45", ["category.ja"] = "道路の穴", ["category.en"] = "Pothole", ["category"] = "road-pothole", ["status"] = "Fixed", ["until"] = "2026-12-31" },
        NoticeKind.ReportReopenRequested => new Dictionary<string, string>
            { ["reportId"] = "45", ["category.ja"] = "道路の穴", ["category.en"] = "Pothole", ["category"] = "road-pothole" },
        NoticeKind.ReportFollowedUpdate => new Dictionary<string, string>
            { ["reportId"] = "45", ["category.ja"] = "道路の穴", ["category.en"] = "Pothole", ["category"] = "road-pothole", ["status"] = "InProgress",
              ["unsubscribe"] = "https://portal.example.jp/alerts/unsubscribe/abc" },
        NoticeKind.ReportAlertDigest => new Dictionary<string, string>
            { ["newCount"] = "2", ["changedCount"] = "1", ["newReports"] = "#45, #46", ["changedReports"] = "#12",
              ["unsubscribe"] = "https://portal.example.jp/alerts/unsubscribe/abc" },
        NoticeKind.ReportReferred => new Dictionary<string, string>
            { ["reportId"] = "45", ["category.ja"] = "道路の穴", ["category.en"] = "Pothole", ["category"] = "road-pothole",
              ["body.ja"] = "千葉県 千葉土木事務所", ["body"] = "千葉県 千葉土木事務所" },
        NoticeKind.ReportReferral => new Dictionary<string, string>
            { ["reportId"] = "45", ["category"] = "道路の穴", ["description"] = "国道の穴", ["place"] = "幕張町（花見川区役所）",
              ["photos"] = "https://portal.example.jp/reports/photos/7/display", ["message"] = "県の管理です", ["body"] = "千葉県 千葉土木事務所" },
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    public static TheoryData<NoticeKind, string> EveryKindInEveryLanguage()
    {
        var data = new TheoryData<NoticeKind, string>();
        foreach (var kind in Enum.GetValues<NoticeKind>())
            foreach (var culture in ResourceRenderer().Cultures)
                data.Add(kind, culture);
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public void Every_kind_has_a_subject_and_body_in_both_languages_with_every_value_filled(NoticeKind kind, string culture)
    {
        var text = ResourceRenderer().Render(kind, culture, SampleValues(kind));

        Assert.False(string.IsNullOrWhiteSpace(text.Subject));
        Assert.False(string.IsNullOrWhiteSpace(text.Body));
        Assert.DoesNotContain("{", text.Subject + text.Body);
        var shown = text.Subject + text.Body;
        foreach (var name in NoticeValues.Required(kind).Where(n => !NoticeValues.Terms.Contains(n) && n != NoticeValues.Category))
            Assert.Contains(SampleValues(kind)[name], shown);
    }

    [Fact]
    public void A_report_notice_reads_in_Japanese_or_English_with_the_category_and_status_in_that_language()
    {
        var renderer = ResourceRenderer();
        var values = SampleValues(NoticeKind.ReportStatusChanged);

        var ja = renderer.Render(NoticeKind.ReportStatusChanged, "ja", values);
        var en = renderer.Render(NoticeKind.ReportStatusChanged, "en", values);

        Assert.Equal("ちばレポ No.45 の状況が「対応済み」になりました", ja.Subject);
        Assert.Contains("「道路の穴」", ja.Body);
        Assert.Equal("Report No. 45 is now \"Fixed\"", en.Subject);
        Assert.Contains("\"Pothole\"", en.Body);
    }

    [Fact]
    public void The_notice_s_language_wins_over_the_worker_s()
    {
        var caller = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            var ja = ResourceRenderer().Render(NoticeKind.PointsExpiring, "ja", SampleValues(NoticeKind.PointsExpiring));
            Assert.Equal("ポイントの有効期限が近づいています", ja.Subject);
            Assert.Equal("en", CultureInfo.CurrentUICulture.Name);

            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja");
            var en = ResourceRenderer().Render(NoticeKind.PointsExpiring, "en-US", SampleValues(NoticeKind.PointsExpiring));
            Assert.Equal("Your points expire soon", en.Subject);
        }
        finally
        {
            CultureInfo.CurrentUICulture = caller;
        }
    }

    [Fact]
    public void A_language_the_portal_does_not_write_falls_back_to_Japanese()
    {
        var text = ResourceRenderer().Render(NoticeKind.BenefitNewlyEligible, "fr", SampleValues(NoticeKind.BenefitNewlyEligible));
        Assert.Equal("新しく受けられる制度があります", text.Subject);
    }

    [Theory]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public void A_missing_value_is_a_clear_failure_not_a_hole(NoticeKind kind, string culture)
    {
        foreach (var name in NoticeValues.Required(kind))
        {
            var values = SampleValues(kind).Where(v => v.Key != name && !v.Key.StartsWith(name + ".", StringComparison.Ordinal)).ToDictionary();
            var error = Assert.Throws<NoticeTemplateException>(() => ResourceRenderer().Render(kind, culture, values));
            Assert.Contains($"\"{name}\"", error.Message);
            Assert.Contains(kind.ToString(), error.Message);
        }
    }

    [Fact]
    public void The_plain_value_serves_when_no_value_is_given_for_the_language()
    {
        var values = new Dictionary<string, string> { ["reportId"] = "7", ["category"] = "Graffiti", ["status"] = "InProgress" };
        var text = ResourceRenderer().Render(NoticeKind.ReportStatusChanged, "ja", values);
        Assert.Contains("「Graffiti」", text.Body);
        Assert.Contains("「対応中」", text.Subject);
    }

    [Fact]
    public void A_template_of_its_own_can_be_tested_without_resources()
    {
        var renderer = new NoticeRenderer(new FixedTemplates("Hello {name}", "Bye {name}"));
        Assert.Equal(new NoticeText("Hello 花子", "Bye 花子"), renderer.Render(NoticeKind.TicketNear, "ja", new Dictionary<string, string> { ["name"] = "花子" }));
        Assert.Throws<NoticeTemplateException>(() => new NoticeRenderer(new FixedTemplates("Hello {name", "")).Render(NoticeKind.TicketNear, "ja", new Dictionary<string, string>()));
    }

    [Fact]
    public void Every_kind_channel_and_delivery_status_has_a_name_in_both_languages()
    {
        var keys = Enum.GetNames<NoticeKind>().Select(k => "NoticeKind_" + k)
            .Concat(Enum.GetNames<NoticeChannel>().Select(c => "NoticeChannel_" + c))
            .Concat(Enum.GetNames<DeliveryStatus>().Select(s => "DeliveryStatus_" + s));
        foreach (var key in keys)
        {
            Assert.False(string.IsNullOrWhiteSpace(Browser.PortalText.Ja(key)), key);
            Assert.False(string.IsNullOrWhiteSpace(Browser.PortalText.En(key)), key);
        }
    }

    /// <summary>A language's own resource file, read as written (no fallback to its parent or to Japanese).</summary>
    private static Dictionary<string, string> OwnTexts(string language)
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(root.FullName, "ChibaPortal.sln"))) root = root.Parent!;
        var file = language == Portal.Core.Languages.Language.Japanese ? "SharedResource.resx" : $"SharedResource.{language}.resx";
        return System.Xml.Linq.XDocument.Load(Path.Combine(root.FullName, "Portal.Web", "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => d.Attribute("name")!.Value, d => d.Element("value")!.Value);
    }

    [Fact]
    public void Every_kind_has_its_own_template_in_every_configured_language()
    {
        var missing = (from culture in ResourceRenderer().Cultures
                       let own = OwnTexts(culture)
                       from kind in Enum.GetValues<NoticeKind>()
                       from part in new[] { "Subject", "Body" }
                       where !own.ContainsKey($"Notice_{kind}_{part}")
                       select $"{culture}: Notice_{kind}_{part}").ToList();
        Assert.True(missing.Count == 0, "Notice templates missing (they would go out in another language): " + string.Join(", ", missing));
    }

    [Theory]
    [MemberData(nameof(EveryKindInEveryLanguage))]
    public void Every_kind_renders_from_its_own_language_s_template_as_plain_text(NoticeKind kind, string culture)
    {
        var own = OwnTexts(culture);
        var text = ResourceRenderer().Render(kind, culture, SampleValues(kind));

        foreach (var (part, rendered) in new[] { ("Subject", text.Subject), ("Body", text.Body) })
        {
            Assert.True(own.TryGetValue($"Notice_{kind}_{part}", out var template), $"No Notice_{kind}_{part} in the {culture} resources.");
            // Every fixed piece of the language's own template is in the notice: it was not filled from a fallback.
            foreach (var piece in Placeholder().Split(Portal.Core.Languages.RubyText.Plain(template)).Where(p => p.Trim().Length > 0))
                Assert.Contains(piece, rendered);
            // A notice is plain text: easy Japanese's readings are dropped, not sent as 《》.
            Assert.DoesNotContain("《", rendered);
        }
    }

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Placeholder();

    [Theory]
    [InlineData("ja-Easy", "ja-Easy")]
    [InlineData("zh-CN", "zh-Hans")]
    [InlineData("zh-Hans", "zh-Hans")]
    [InlineData("ko-KR", "ko")]
    [InlineData("vi", "vi")]
    [InlineData("en-GB", "en")]
    [InlineData("fr", "ja")]
    [InlineData(null, "ja")]
    public void A_notice_is_written_in_the_offered_language_nearest_the_one_asked_for(string? asked, string written) =>
        Assert.Equal(written, ResourceRenderer().CultureOf(asked).Name);

    [Fact]
    public void A_city_text_value_reads_in_the_notice_s_language_and_falls_back_along_its_chain()
    {
        var values = new Dictionary<string, string> { ["ticketNumber"] = "A-012" };
        NoticeValues.AddText(values, NoticeValues.Office, Portal.Core.Languages.LocalizedText.Of("中央区役所", "Chuo Ward Office").With("vi", "Văn phòng quận Chuo"));
        NoticeValues.AddText(values, NoticeValues.Counter, Portal.Core.Languages.LocalizedText.Of("3番窓口"));
        var renderer = new NoticeRenderer(new FixedTemplates("{ticketNumber}", "{office} / {counter}"));

        Assert.Equal("中央区役所 / 3番窓口", renderer.Render(NoticeKind.TicketCalled, "ja", values).Body);
        // English has the office's English name; the counter, written in Japanese only, falls back to it.
        Assert.Equal("Chuo Ward Office / 3番窓口", renderer.Render(NoticeKind.TicketCalled, "en", values).Body);
        Assert.Equal(["counter.ja", "office.en", "office.ja", "office.vi"], values.Keys.Where(k => k.Contains('.')).Order(StringComparer.Ordinal));
        // The plain name holds the Japanese, the lookup's last resort.
        Assert.Equal("中央区役所", values[NoticeValues.Office]);
    }

    [Fact]
    public void A_city_text_value_drops_easy_Japanese_readings_because_notices_are_plain_text()
    {
        var values = new Dictionary<string, string> { ["ticketNumber"] = "A-012", ["counter"] = "3" };
        NoticeValues.AddText(values, NoticeValues.Office, Portal.Core.Languages.LocalizedText.Of("中央区役所《ちゅうおうくやくしょ》")
            .With("ja-Easy", "中央区役所《ちゅうおうくやくしょ》"));
        var renderer = new NoticeRenderer(new FixedTemplates("{ticketNumber}", "{office}"));

        Assert.Equal("中央区役所", values["office.ja-Easy"]);
        Assert.Equal("中央区役所", values[NoticeValues.Office]);
        Assert.Equal("中央区役所", renderer.Render(NoticeKind.TicketCalled, "ja-Easy", values).Body);
    }

    [Theory]
    [MemberData(nameof(Cultures))]
    public void A_ticket_notice_names_the_office_and_counter_in_each_language_the_notices_are_written_in(string culture)
    {
        var office = Portal.Core.Languages.LocalizedText.From(new Dictionary<string, string?>
        {
            ["ja"] = "中央区役所", ["ja-Easy"] = "中央区役所《ちゅうおうくやくしょ》", ["en"] = "Chuo Ward Office", ["zh-Hans"] = "中央区役所", ["ko"] = "주오구청", ["vi"] = "Văn phòng quận Chuo",
        });
        var counter = Portal.Web.Hosting.DemoQueues.CounterName(3);
        var values = new Dictionary<string, string> { ["ticketNumber"] = "A-012", ["counter"] = "" };
        NoticeValues.AddText(values, NoticeValues.Office, office);
        NoticeValues.AddText(values, NoticeValues.Counter, counter);

        var text = ResourceRenderer().Render(NoticeKind.TicketCalled, culture, values);

        // The template's language (the renderer's choice for this culture) decides which names it reads.
        // Notices are plain text: names without their readings.
        var language = ResourceRenderer().CultureOf(culture).Name;
        Assert.Contains(Portal.Core.Languages.RubyText.Plain(office.For(language)), text.Body);
        Assert.Contains(Portal.Core.Languages.RubyText.Plain(counter.For(language)), text.Body);
    }

    public static TheoryData<string> Cultures() => [.. ResourceRenderer().Cultures];

    private sealed class FixedTemplates(string subject, string body) : INoticeTemplates
    {
        public NoticeTemplate Get(NoticeKind kind, CultureInfo culture) => new(subject, body);
        public string? Term(string name, string code, CultureInfo culture) => null;
    }

    /// <summary>Each C0 and C1 control, a non-character and a lone surrogate, as a stored name might hold them.</summary>
    public static TheoryData<int> Unwanted =>
        [.. Enumerable.Range(0, 0x20).Concat(Enumerable.Range(0x7F, 0x21)).Where(c => c is not (0x09 or 0x0A or 0x0D)), 0x0A, 0xFFFE, 0xD83D];

    [Theory]
    [MemberData(nameof(Unwanted))]
    public void A_stored_value_holding_a_control_character_goes_out_clean_and_as_a_mail_that_reads_back(int codePoint)
    {
        var unwanted = ((char)codePoint).ToString();
        var values = new Dictionary<string, string> { ["name"] = $"千葉{unwanted}花子", ["reason"] = $"ご本人{unwanted}の依頼" };

        var text = ResourceRenderer().Render(NoticeKind.AccountDisabled, "ja", values);

        Assert.True(Portal.Core.Text.SubmittedText.IsClean(text.Subject, multiline: false));
        Assert.True(Portal.Core.Text.SubmittedText.IsClean(text.Body));
        var name = codePoint == 0x0A ? "千葉\n花子" : "千葉花子"; // a line break stays in a body, not in a subject
        Assert.Contains(name, text.Body);
        // The e-mail writer: the message is written and parsed back with the same subject and text.
        var mail = Portal.Web.Notifications.Email.NoticeMail.Compose(new MimeKit.MailboxAddress("ちばポータル", "noreply@example.jp"),
            new MimeKit.MailboxAddress("", "hanako@example.jp"), "ja", text.Subject, [text.Body], null, null, "フッター");
        using var stream = new MemoryStream();
        mail.WriteTo(stream, TestContext.Current.CancellationToken);
        stream.Position = 0;
        var read = MimeKit.MimeMessage.Load(stream, TestContext.Current.CancellationToken);
        Assert.Equal(text.Subject, read.Subject);
        Assert.Contains(name, read.TextBody);
        // The JSON of LINE and push messages.
        using var json = System.Text.Json.JsonDocument.Parse(System.Text.Json.JsonSerializer.Serialize(new { title = text.Subject, body = text.Body }));
        Assert.Equal(text.Body, json.RootElement.GetProperty("body").GetString());
    }
}
