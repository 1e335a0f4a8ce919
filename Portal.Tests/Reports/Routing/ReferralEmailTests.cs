using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Reports.Routing;
using Portal.Data.Notifications;
using Portal.Data.Reports;
using Portal.Tests.Infrastructure;
using Portal.Tests.Notifications;
using Portal.Tests.Notifications.Email;
using Portal.Web;
using Portal.Web.Languages;
using Portal.Web.Notifications;
using Portal.Web.Notifications.Email;

namespace Portal.Tests.Reports.Routing;

/// <summary>A referral by e-mail: through the outbox and the MailKit sender to the tests' SMTP server on 127.0.0.1.</summary>
public sealed class ReferralEmailTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private readonly TestDatabase _test = TestDatabase.CreateSqlite();
    private readonly LocalSmtpServer _smtp = new();
    private ServiceProvider _services = null!;

    public ValueTask InitializeAsync()
    {
        _services = new ServiceCollection().AddLogging().AddPortalLocalization().BuildServiceProvider();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _smtp.DisposeAsync();
        _test.Dispose();
    }

    [Fact]
    public async Task The_body_gets_the_report_in_Japanese_with_its_place_its_link_and_only_its_published_photos()
    {
        var f = new RoutingFixture(_test.Database, new FakeTimeProvider(new DateTimeOffset(2026, 12, 8, 1, 0, 0, TimeSpan.Zero)), ActiveChannels.Of(NoticeChannel.Email));
        var admin = Actor.For(await f.AccountAsync(Role.Admin), null);
        var body = await f.BodyAsync(admin, ReferralDelivery.Email, "road@pref.chiba.example");
        var staff = Actor.For(await f.AccountAsync(Role.Staff, "chuo"), null);
        var repository = new ReportRepository(f.Db, f.Time, f.Outbox);
        var report = await repository.SubmitAsync(Report.Submit(Guid.NewGuid().ToString("N"), null, null, null, ReportKind.Problem, "road-pothole",
            "国道の歩道に穴があります", ReportTests.Chiba, "chuo", "web", f.Time.GetUtcNow()), [new NewPhoto("published", 800, 600), new NewPhoto("private", 800, 600)], Ct);
        var photos = await repository.PhotosAsync(report.Id, Ct);
        var published = photos.Single(p => p.StorageKey == "published");
        var unpublished = photos.Single(p => p.StorageKey == "private");
        await repository.SavePhotoAsync(published with { IsPublished = true }, Ct);
        Assert.True((await f.Service.ReferAsync(staff, report.Id, new ReferralInput { OutsideBodyId = body.Id, Message = "国道16号のため県の管理です" }, Ct)).Succeeded);

        var sender = new EmailSender(new SmtpMailer(Options.Create(new EmailOptions
        {
            Host = "127.0.0.1", Port = _smtp.Port, Security = EmailSecurity.None, FromAddress = "noreply@city.chiba.example", FromName = "ちばポータル", TimeoutSeconds = 10,
        })), _services.GetRequiredService<IStringLocalizer<SharedResource>>());
        var worker = new NoticeDeliveryWorker(new NoticeDeliveryRepository(f.Db), NoticeRendererTests.ResourceRenderer(), [sender], new OutboxSignal(),
            Options.Create(f.Links), f.Time, NullLogger<NoticeDeliveryWorker>.Instance);
        await worker.RunOnceAsync(Ct);

        var (_, to, message) = await _smtp.NextAsync();
        Assert.Equal(["road@pref.chiba.example"], to);
        Assert.Contains($"No.{report.Id}", message.Subject);
        var text = message.TextBody;
        Assert.Contains("千葉県 千葉土木事務所 ご担当者様", text);
        Assert.Contains("国道の歩道に穴があります", text);
        Assert.Contains("中央区役所", text);
        Assert.Contains("国道16号のため県の管理です", text);
        Assert.Contains($"https://portal.example.jp/reports/{report.Id}", text);
        Assert.Contains($"https://portal.example.jp/reports/photos/{published.Id}/display", text);
        Assert.DoesNotContain($"/reports/photos/{unpublished.Id}/", text);
        Assert.Equal(ReferralDeliveryState.Sent, Assert.Single(await f.Service.ReferralsAsync(staff, report.Id, Ct)).State);
    }
}
