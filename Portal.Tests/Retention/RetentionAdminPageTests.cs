using System.Globalization;
using System.Security.Claims;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using Portal.Core.Audit;
using Portal.Core.Retention;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Retention;
using Portal.Tests.Infrastructure;
using Portal.Web.Reports.Photos;
using Portal.Web.Retention;
using Portal.Web.Security;
using Portal.Web.Languages;

namespace Portal.Tests.Retention;

/// <summary>/admin/retention: the periods in words, the recent runs, and "run now" recorded under the administrator.</summary>
public sealed class RetentionAdminPageTests : BunitContext
{
    private readonly TestDatabase _test = TestDatabase.CreateSqlite();
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _time = new(new DateTimeOffset(2026, 12, 6, 1, 0, 0, TimeSpan.Zero));
    private const string Admin = "suzuki@city.chiba.jp";
    private readonly string _photos = Path.Combine(Path.GetTempPath(), "chibaportal-tests", Guid.NewGuid().ToString("N"));

    public RetentionAdminPageTests()
    {
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = new CultureInfo("ja");
        Services.AddPortalLocalization();
        Services.AddMudServices();
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddSingleton(new RetentionService(new RetentionRepository(_test.Database, new FilePhotoStore(_photos)),
            new RetentionPolicy(new RetentionOptions { ClosedTicketDays = 45, AbandonedUploadHours = 36 }), new AuditTrail(new AuditLogRepository(_test.Database), _time), _time));
        Services.AddScoped<RequestOrigin>();
        Services.AddScoped<CurrentActor>();
        AddAuthorization().SetAuthorized(Admin).SetRoles("Admin").SetClaims(
            new Claim(ClaimTypes.NameIdentifier, "7"), new Claim(ClaimTypes.Email, Admin));
        Render<MudPopoverProvider>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        _test.Dispose();
        if (Directory.Exists(_photos)) Directory.Delete(_photos, recursive: true);
    }

    [Fact]
    public void The_periods_are_said_in_words_from_the_configuration()
    {
        var page = Render<RetentionAdmin>();

        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='retention-none']")));
        var periods = page.Find("[data-testid='retention-periods']").TextContent;
        Assert.Contains("番号札の日が終わった後の夜に削除", periods);
        Assert.Contains("45日が過ぎた後の夜", periods);
        Assert.Contains("365日", periods);
        Assert.Contains("5年", periods);
        Assert.Contains("36時間たっても報告が送信されていなければ", periods);
        Assert.Contains("3:30", page.Markup);
    }

    [Fact]
    public async Task Run_now_removes_what_is_due_shows_the_run_and_records_it_under_the_administrator()
    {
        var log = new AuditLogRepository(_test.Database);
        var old = Guid.NewGuid().ToString("N");
        await log.AppendAsync(new AuditEntry(0, new DateTimeOffset(2020, 4, 1, 0, 0, 0, TimeSpan.Zero), null, "x", "Admin", "account.created", "account", old, null, null),
            Xunit.TestContext.Current.CancellationToken);
        var page = Render<RetentionAdmin>();
        page.WaitForAssertion(() => Assert.NotNull(page.Find("[data-testid='retention-none']")));

        await page.Find("[data-testid='retention-run']").ClickAsync(new());

        page.WaitForAssertion(() => Assert.Contains("1件を削除しました", page.Find("[data-testid='retention-result']").TextContent));
        var row = page.Find("[data-testid='retention-runs'] tbody tr").TextContent;
        Assert.Contains(Admin, row);
        Assert.Contains("監査記録：1件（2021/12/06より前）", row);
        var audit = await log.SearchAsync(new AuditQuery(Action: RetentionAudit.Applied), Xunit.TestContext.Current.CancellationToken);
        Assert.Equal((Admin, (long?)7), (Assert.Single(audit).ActorName, audit[0].ActorId));
        Assert.Empty(await log.SearchAsync(new AuditQuery(EntityId: old), Xunit.TestContext.Current.CancellationToken));
    }

    /// <summary>
    /// A run's counts name their kinds in the reader's words: in easy Japanese with readings over the kanji. They once
    /// passed the kind to the sentence as a plain string, its kanji bare (seen only once a run had happened).
    /// </summary>
    [Fact]
    public async Task A_run_s_counts_in_easy_Japanese_show_every_kind_with_its_readings()
    {
        await Services.GetRequiredService<RetentionService>().RunAsync(Portal.Core.Audit.Actor.System with { Name = RetentionService.Nightly },
            Xunit.TestContext.Current.CancellationToken);
        CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("ja-Easy");

        var page = Render<RetentionAdmin>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll(".retention-counts li")));
        Assert.All(page.FindAll(".retention-counts li"), count => Assert.NotEmpty(count.QuerySelectorAll("ruby rt")));
        Assert.Empty(ReaderText.Page(page.Markup).BareInterfaceTexts());
    }
}
