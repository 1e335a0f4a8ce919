using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Languages;
using Portal.Core.Legal;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;
using Portal.Web.Hosting;
using Portal.Web.Legal;

namespace Portal.Tests.Legal;

/// <summary>The documents, the contact page, the footer and sign-up over real HTTP, against the whole app.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class PolicyPagesHttpTests(PortalAppFactory app)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> PagesInEachLanguage()
    {
        var data = new TheoryData<string, string>();
        foreach (var path in new[] { "/terms", "/privacy", "/accessibility", "/terms/1", "/privacy/1", "/accessibility/1", "/contact" })
            foreach (var language in OfferedLanguages.Standard.All)
                data.Add(path, language);
        return data;
    }

    private static string VersionLine(PolicyVersion version, string language) =>
        string.Format(PortalText.Get("Policies_VersionLine", language), version.Number,
            version.EffectiveDate.ToString(PortalText.Get("Policies_DateFormat", language), CultureInfo.GetCultureInfo(language)));

    [Theory]
    [MemberData(nameof(PagesInEachLanguage))]
    public async Task Each_document_and_the_contact_page_open_to_anyone_in_each_language_as_plain_HTML_with_the_footer(string path, string language)
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync($"{path}?culture={language}", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"<html lang=\"{PortalCultures.HtmlLangOf(language)}\"", html);
        // Static: readable without a circuit (no interactive component is started on the page).
        Assert.DoesNotContain("\"type\":\"server\"", html);
        Assert.Contains("<footer class=\"portal-footer\">", html);
        foreach (var link in new[] { "/terms", "/privacy", "/accessibility", "/contact" })
            Assert.Contains($"href=\"{link}\"", html);
        // What the reader sees: easy Japanese's readings over kanji (<rt>) left aside.
        var shown = ReaderText.ShownIn(html);
        if (path == "/contact")
        {
            Assert.Contains(PortalText.Get("Policies_ContactHours", language), shown);
            var chuo = (await app.Services.GetRequiredService<Portal.Core.Offices.IOfficeRepository>().GetAsync("chuo", Ct))!;
            Assert.Contains(Portal.Core.Languages.RubyText.Plain(chuo.Name.For(language)), shown);
            return;
        }
        var kind = PolicyKinds.TryParse(path.Split('/')[1], out var k) ? k : throw new InvalidOperationException(path);
        var version = PolicyLibrary.Embedded.Catalog.Versions(kind)[^1];
        Assert.Equal(PortalText.Get("Policies_Title_" + PolicyKinds.Code(kind), language), ReaderText.Page(html).QuerySelector("h1")!.ShownText());
        Assert.Contains(VersionLine(version, language), shown);
        // Every portal language has its own text of every document: no fallback and no fallback note.
        var text = PolicyLibrary.Embedded.Text(version, language);
        Assert.Equal((language, false), (text.Language, text.IsFallback));
        Assert.Contains($"<div class=\"policy-text\" lang=\"{PortalCultures.HtmlLangOf(language)}\">", html);
        Assert.DoesNotContain(PortalText.Get("Policies_ShownInOriginal", language), shown, StringComparison.Ordinal);
        // Easy Japanese shows its readings as ruby, never the 《》 notation it is written in; no other language has ruby
        // (Chinese keeps 《》 as a title's brackets).
        var body = ReaderText.Page(html).QuerySelector("div.policy-text")!;
        Assert.Equal(language == PortalCultures.EasyJapanese, body.QuerySelector("ruby rt") is not null);
        if (language == PortalCultures.EasyJapanese) Assert.DoesNotContain("《", body.InnerHtml);
    }

    [Fact]
    public async Task A_version_that_does_not_exist_is_not_found()
    {
        using var client = app.CreateBrowserlessClient();

        using var response = await client.GetAsync("/terms/99", Ct);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_privacy_policy_states_each_service_and_the_retention_periods_of_this_portal()
    {
        using var client = app.CreateBrowserlessClient();

        var html = await client.GetStringAsync("/privacy", Ct);

        foreach (var section in new[] { "id=\"chibarepo\"", "id=\"points\"", "id=\"queues\"", "id=\"for-you\"", "id=\"notifications\"", "id=\"your-data\"" })
            Assert.Contains(section, html);
        Assert.Contains("整理券の日から30日後", html);
        Assert.Contains("365日間", html);
        Assert.Contains("5年間", html);
        Assert.Contains("href=\"/account/delete\"", html);
        Assert.Contains("/account/export", html);
    }

    [Fact]
    public async Task The_privacy_policy_follows_the_retention_settings_of_the_server()
    {
        await using var configured = PortalAppFactory.With(new Dictionary<string, string?>
        {
            ["Retention:ClosedTicketDays"] = "45", ["Retention:DeliveredNoticeDays"] = "400", ["Retention:AuditYears"] = "7",
        });
        using var client = configured.CreateBrowserlessClient();

        var html = await client.GetStringAsync("/privacy?culture=en", Ct);

        Assert.Contains("45 days after the ticket", html);
        Assert.Contains("kept for 400 days", html);
        Assert.Contains("kept for 7 years", html);
    }

    [Fact]
    public async Task The_accessibility_policy_shows_the_date_and_result_of_the_portals_own_audit()
    {
        var audit = app.Services.GetRequiredService<AccessibilityAudit>();
        using var client = app.CreateBrowserlessClient();

        var html = await client.GetStringAsync("/accessibility", Ct);

        Assert.Contains("JIS X 8341-3:2016", html);
        Assert.Contains(PortalText.Ja("Policies_AuditTitle"), html);
        Assert.Contains(audit.CheckedTo!.Value.ToString(PortalText.Ja("Policies_DateFormat"), CultureInfo.GetCultureInfo("ja")), html);
        Assert.Contains(WebUtility.HtmlEncode(string.Format(PortalText.Ja("Policies_AuditPassed"), audit.Checks)), html);
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/reports")]
    [InlineData("/queue")]
    [InlineData("/account/signin")]
    [InlineData("/not-found")]
    public async Task Every_layout_has_the_footer(string path)
    {
        using var client = app.CreateBrowserlessClient();

        var html = await client.GetStringAsync(path, Ct);

        Assert.Contains("<footer class=\"portal-footer\">", html);
        Assert.Contains("href=\"/privacy\"", html);
    }

    [Fact]
    public async Task Signing_up_records_the_versions_of_the_terms_and_privacy_policy_the_form_showed()
    {
        using var client = app.CreateBrowserlessClient();
        var form = await client.GetStringAsync("/account/signup", Ct);
        var shown = PortalAppFactory.HiddenValue(form, "Input.AcceptedPolicies");
        var inForce = PolicyLibrary.Embedded.Catalog.ToAcceptAt(DateTimeOffset.UtcNow);
        Assert.Equal(PolicyAcceptanceService.Describe(inForce), shown);
        foreach (var version in inForce)
            Assert.Contains($"href=\"{PolicyLinks.Of(version)}\"", form);
        var email = $"signup-{Guid.NewGuid():N}@test.chiba-portal.jp";

        using var response = await PostSignUpAsync(client, form, email, shown, Ct);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var account = await app.Services.GetRequiredService<Portal.Core.Accounts.IUserAccountRepository>().GetByEmailAsync(email, Ct);
        var accepted = await app.Services.GetRequiredService<PolicyAcceptanceService>().AcceptedAsync(account!.Id, Ct);
        Assert.Equal(inForce.Select(v => (v.Kind, v.Number)).Order(), accepted.Select(a => (a.Kind, a.Version)).Order());
        Assert.All(accepted, a => Assert.InRange(a.AcceptedUtc, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow));
        // The new resident goes straight on: nothing left to accept.
        using var home = await client.GetAsync("/", Ct);
        Assert.Equal(HttpStatusCode.OK, home.StatusCode);
    }

    [Fact]
    public async Task A_sign_up_form_showing_other_versions_than_those_in_force_is_shown_again_and_creates_no_account()
    {
        using var client = app.CreateBrowserlessClient();
        var form = await client.GetStringAsync("/account/signup", Ct);
        var email = $"stale-{Guid.NewGuid():N}@test.chiba-portal.jp";

        using var response = await PostSignUpAsync(client, form, email, "terms=99; privacy=99", Ct);
        var html = await response.Content.ReadAsStringAsync(Ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(PortalText.Ja("Policies_ChangedSinceShown"), html);
        Assert.Contains($"value=\"{email}\"", html);
        Assert.DoesNotMatch("<input[^>]*id=\"terms\"[^>]*checked", html);
        Assert.Null(await app.Services.GetRequiredService<Portal.Core.Accounts.IUserAccountRepository>().GetByEmailAsync(email, Ct));
    }

    internal static Task<HttpResponseMessage> PostSignUpAsync(HttpClient client, string form, string email, string shown, CancellationToken ct) =>
        client.PostAsync("/account/signup", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = PortalAppFactory.HiddenValue(form, "__RequestVerificationToken"),
            ["_handler"] = "signup",
            ["Input.Email"] = email,
            ["Input.DisplayName"] = "規約 確認",
            ["Input.Password"] = PortalAppFactory.Password,
            ["Input.ConfirmPassword"] = PortalAppFactory.Password,
            ["Input.AcceptTerms"] = "true",
            ["Input.AcceptedPolicies"] = shown,
        }), ct);
}
