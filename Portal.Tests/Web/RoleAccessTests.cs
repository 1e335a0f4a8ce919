using System.Net;
using Portal.Core.Accounts;
using Portal.Tests.Browser;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Web;

/// <summary>Who gets into which page: role by page, through real sign-ins and real requests.</summary>
[Collection(PortalAppCollection.Name)]
public sealed class RoleAccessTests(PortalAppFactory app)
{
    public enum Who { Anonymous, Resident, Staff, Admin, Kiosk }
    public enum Outcome { Shown, SignInFirst, NotAllowed, NotFound }

    public static TheoryData<string, Who, Outcome> Table()
    {
        var data = new TheoryData<string, Who, Outcome>();
        void Row(string page, Outcome anonymous, Outcome resident, Outcome staff, Outcome admin, Outcome kiosk)
        {
            data.Add(page, Who.Anonymous, anonymous);
            data.Add(page, Who.Resident, resident);
            data.Add(page, Who.Staff, staff);
            data.Add(page, Who.Admin, admin);
            data.Add(page, Who.Kiosk, kiosk);
        }
        const Outcome S = Outcome.Shown, I = Outcome.SignInFirst, N = Outcome.NotAllowed;
        Row("/", S, S, S, S, S);
        Row("/reports", S, S, S, S, S);
        Row("/reports/mine", I, S, N, N, N);
        Row("/reports/new", I, S, N, N, N);
        Row("/reports/supporters", I, S, N, N, N);
        Row("/reports/alerts", I, S, N, N, N);
        // The one-click stop link works for anyone holding it, signed in or not (a made-up token is told so).
        Row("/alerts/unsubscribe/not-a-token", S, S, S, S, S);
        Row("/for-you", I, S, N, N, N);
        Row("/for-you/my-data", I, S, N, N, N);
        Row("/for-you/check", S, S, S, S, S);
        Row("/account", I, S, S, S, S);
        Row("/account/password", I, S, S, S, S);
        Row("/account/email-verified", S, S, S, S, S);
        Row("/account/forgot", S, S, S, S, S);
        Row("/account/reset?token=x", S, S, S, S, S);
        Row("/account/reset-code", S, S, S, S, S);
        Row("/account/security", I, N, S, S, N);
        Row("/settings/channels", I, S, N, N, N);
        Row("/staff", I, N, S, S, N);
        Row("/staff/reports", I, N, S, S, N);
        Row("/staff/residents", I, N, S, S, N);
        Row("/staff/residents/1", I, N, S, S, N);
        Row("/staff/reports/1", I, N, S, S, N);
        Row("/staff/reports/new", I, N, S, S, N);
        Row("/admin", I, N, N, S, N);
        Row("/admin/accounts", I, N, N, S, N);
        Row("/admin/audit", I, N, N, S, N);
        Row("/admin/benefits", I, N, N, S, N);
        Row("/admin/benefits/child-allowance", I, N, N, S, N);
        Row("/staff/register", I, N, S, S, N);
        Row("/admin/report-categories", I, N, N, S, N);
        Row("/points", S, S, S, S, S);
        Row("/points/history", I, S, N, N, N);
        Row("/points/events", I, S, N, N, N);
        Row("/points/catalogue", I, S, N, N, N);
        Row("/points/vouchers", I, S, N, N, N);
        Row("/points/vouchers/1", I, S, N, N, N);
        Row("/points/donate", I, S, N, N, N);
        Row("/points/donations/1", I, S, N, N, N);
        Row("/points/checkin?t=x", I, S, N, N, N);
        Row("/staff/points/events", I, N, S, S, N);
        Row("/staff/points/events/1/checkin", I, N, S, S, N);
        Row("/admin/points/programmes", I, N, N, S, N);
        Row("/admin/points/catalogue", I, N, N, S, N);
        Row("/admin/points/adjustments", I, N, N, S, N);
        Row("/admin/points/residents", I, N, N, S, N);
        Row("/admin/points/residents/1", I, N, N, S, N);
        Row("/admin/points/reports", I, N, N, S, N);
        Row("/admin/points/reports.csv", I, N, N, S, N);
        Row("/admin/points/integrity", I, N, N, S, N);
        Row("/kiosk", I, N, N, N, S);
        Row("/notifications", I, S, S, S, S);
        Row("/settings/notifications", I, S, N, N, N);
        Row("/admin/notifications", I, N, N, S, N);
        Row("/admin/retention", I, N, N, S, N);
        Row("/queue", S, S, S, S, S);
        Row("/staff/queue", I, N, S, S, N);
        Row("/staff/queue/stats", I, N, S, S, N);
        Row("/staff/queue/stats.csv", I, N, S, S, N);
        Row("/admin/queues", I, N, N, S, N);
        Row("/kiosk/tickets", I, N, N, N, S);
        Row("/kiosk/board", I, N, N, N, S);
        // A link that names no ticket: the ticket page's own message, with 404, whoever asks (nobody is sent to sign in).
        Row("/queue/t/AAAAAAAAAAAAAAAAAAAAAA", Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound, Outcome.NotFound);
        return data;
    }

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Page_access_by_role(string page, Who who, Outcome expected)
    {
        using var client = who == Who.Anonymous
            ? app.CreateBrowserlessClient()
            : await app.SignedInClientAsync(await app.CreateAccountAsync(Enum.Parse<Role>(who.ToString())));

        using var response = await client.GetAsync(page, TestContext.Current.CancellationToken);

        var actual = response.StatusCode switch
        {
            HttpStatusCode.OK => Outcome.Shown,
            HttpStatusCode.NotFound => Outcome.NotFound,
            HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/account/signin") => Outcome.SignInFirst,
            HttpStatusCode.Redirect when response.Headers.Location!.OriginalString.Contains("/not-allowed") => Outcome.NotAllowed,
            _ => throw new Xunit.Sdk.XunitException($"{page} as {who}: unexpected {(int)response.StatusCode} {response.Headers.Location}"),
        };
        Assert.Equal(expected, actual);
    }

    /// <summary>The back office's second dimension: whose ward a page's data belongs to.</summary>
    public enum Scope { OwnOffice, OtherOffice, CityWide, Admin }
    public enum ScopeOutcome { Shown, Refused }

    /// <summary>
    /// Pages and files whose data belongs to a ward (Mihama here), or to the whole city, by who asks: staff of Mihama,
    /// staff of Chuo, Chuo staff with the city-wide permission, an administrator. "Refused" is the localized refusal (or
    /// the reader's own ward's figures instead), never the data.
    /// </summary>
    public static TheoryData<string, Scope, ScopeOutcome> ScopeTable()
    {
        var data = new TheoryData<string, Scope, ScopeOutcome>();
        void Row(string page, ScopeOutcome own, ScopeOutcome other, ScopeOutcome cityWide, ScopeOutcome admin)
        {
            data.Add(page, Scope.OwnOffice, own);
            data.Add(page, Scope.OtherOffice, other);
            data.Add(page, Scope.CityWide, cityWide);
            data.Add(page, Scope.Admin, admin);
        }
        const ScopeOutcome S = ScopeOutcome.Shown, R = ScopeOutcome.Refused;
        // A Mihama report's staff page.
        Row("/staff/reports/{mihama-report}", S, R, S, S);
        // Mihama's queue statistics as a file.
        Row("/staff/queue/stats.csv?office=mihama", S, R, S, S);
        // The whole city's report statistics (every ward's rows), and the register import with registration letters.
        Row("/staff/reports/statistics.csv", R, R, S, S);
        Row("/staff/register", R, R, S, S);
        return data;
    }

    [Theory]
    [MemberData(nameof(ScopeTable))]
    public async Task Page_access_by_ward_scope(string page, Scope who, ScopeOutcome expected)
    {
        var ct = TestContext.Current.CancellationToken;
        var account = who switch
        {
            Scope.OwnOffice => await app.CreateAccountAsync(Role.Staff, "mihama"),
            Scope.OtherOffice => await app.CreateAccountAsync(Role.Staff, "chuo"),
            Scope.CityWide => await app.CreateCityWideStaffAsync("chuo"),
            _ => await app.CreateAccountAsync(Role.Admin),
        };
        // Reports of two wards, so the whole city's figures hold more than the reader's own ward.
        var text = $"美浜区の報告 {Guid.NewGuid():N}";
        var mihama = await Reports.ReportSeeds.SubmitAsync(app, "road-pothole", DateTimeOffset.UtcNow.AddDays(-1), text, ward: "mihama");
        await Reports.ReportSeeds.SubmitAsync(app, "road-pothole", DateTimeOffset.UtcNow.AddDays(-1), "中央区の報告", ward: "chuo");
        using var client = await app.SignedInClientAsync(account);

        using var response = await client.GetAsync(page.Replace("{mihama-report}", mihama.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Forbidden, $"{page} as {who}: {(int)response.StatusCode}");
        var refusal = PortalText.Get(ScopeErrors.OtherOffice, "ja");
        var shown = page switch
        {
            _ when page.StartsWith("/staff/reports/{", StringComparison.Ordinal) => body.Contains(text, StringComparison.Ordinal) && !body.Contains(refusal, StringComparison.Ordinal),
            _ when page.StartsWith("/staff/queue/stats.csv", StringComparison.Ordinal) =>
                response.StatusCode == HttpStatusCode.OK && response.Content.Headers.ContentDisposition?.FileName?.Contains("mihama", StringComparison.Ordinal) == true,
            _ when page.StartsWith("/staff/reports/statistics.csv", StringComparison.Ordinal) => body.Contains("ward,mihama,", StringComparison.Ordinal) && body.Contains("ward,chuo,", StringComparison.Ordinal),
            _ => body.Contains("id=\"register-file\"", StringComparison.Ordinal) && !body.Contains("id=\"register-refused\"", StringComparison.Ordinal),
        };
        Assert.Equal(expected, shown ? ScopeOutcome.Shown : ScopeOutcome.Refused);
        if (page == "/staff/register" && !shown) Assert.Contains(PortalText.Get(ScopeErrors.CityWideNeeded, "ja"), body);
    }

    [Fact]
    public async Task A_resident_opening_a_staff_page_sees_a_localized_refusal_and_never_the_content()
    {
        var resident = await app.CreateAccountAsync(Role.Resident);
        using var client = await app.SignedInClientAsync(resident);

        using var refused = await client.GetAsync("/admin/audit", TestContext.Current.CancellationToken);
        var html = await client.GetStringAsync(refused.Headers.Location, TestContext.Current.CancellationToken);

        Assert.Contains("このページは表示できません", html);
        Assert.DoesNotContain("誰が・いつ・どこから", html);
    }

    [Fact]
    public async Task Each_role_lands_on_its_own_home_after_signing_in()
    {
        foreach (var (role, home) in new[] { (Role.Resident, "/"), (Role.Staff, "/staff"), (Role.Admin, "/admin"), (Role.Kiosk, "/kiosk") })
        {
            var account = await app.CreateAccountAsync(role);
            using var client = app.CreateBrowserlessClient();
            using var response = await PortalAppFactory.PostSignInAsync(client, account.Email, PortalAppFactory.Password);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(home, PathOf(response));
        }
    }

    [Fact]
    public async Task Signing_in_returns_to_the_page_asked_for_but_never_to_another_site()
    {
        var staff = await app.CreateAccountAsync(Role.Staff);
        using var client = app.CreateBrowserlessClient();
        using var local = await PortalAppFactory.PostSignInAsync(client, staff.Email, PortalAppFactory.Password, "/account");
        Assert.Equal("/account", PathOf(local));

        using var other = app.CreateBrowserlessClient();
        using var foreign = await PortalAppFactory.PostSignInAsync(other, staff.Email, PortalAppFactory.Password, "//evil.example/");
        Assert.Equal("/staff", PathOf(foreign));
        Assert.Equal(app.ServerAddress.Authority, new Uri(app.ServerAddress, foreign.Headers.Location!).Authority);
    }

    private string PathOf(HttpResponseMessage response) => new Uri(app.ServerAddress, response.Headers.Location!).PathAndQuery;
}
