using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Core.Time;
using Portal.Data.Notifications;

namespace Portal.Web.Hosting;

/// <summary>
/// A few notices for the demo resident (resident@demo.chiba-portal.jp), one of each kind a resident meets first,
/// written through the outbox so the worker delivers them like any other. Each has a fixed key: seeded once.
/// </summary>
public static class DemoNotices
{
    public static async Task SeedAsync(IServiceProvider services, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        var resident = await sp.GetRequiredService<IUserAccountRepository>().GetByEmailAsync(DemoData.Resident.Email, ct);
        if (resident is null) return;
        var outbox = sp.GetRequiredService<INoticeOutbox>();
        var today = JapanTime.Today(sp.GetRequiredService<TimeProvider>());
        var to = new NoticeRecipient.Account(resident.Id);
        var report = (await sp.GetRequiredService<IReportRepository>().ListByReporterAsync(resident.Id, ct)).FirstOrDefault();
        var reportId = report?.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "1";
        var reportValues = new Dictionary<string, string>
        {
            [NoticeValues.ReportId] = reportId, [NoticeValues.Category] = "road-pothole", [NoticeValues.Status] = nameof(PublicStatus.InProgress),
        };
        // The category's name in every language it is written in, as ReportService gives it.
        if (await sp.GetRequiredService<IReportCategoryRepository>().GetAsync("road-pothole", ct) is { } pothole)
            NoticeValues.AddText(reportValues, NoticeValues.Category, pothole.Name);

        Notice[] notices =
        [
            new(NoticeKind.ReportStatusChanged, to, "demo:report-status", reportValues, $"/reports/{reportId}"),
            new(NoticeKind.SupporterReminder, to, "demo:supporter-reminder", new Dictionary<string, string>
            {
                [NoticeValues.TaskTitle] = "稲毛海浜公園の清掃", [NoticeValues.TaskStart] = today.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) + " 09:30",
                [NoticeValues.MeetingPlace] = "稲毛海浜公園 花の美術館前",
            }, "/reports/supporters"),
            new(NoticeKind.BenefitNewlyEligible, to, "demo:benefit", new Dictionary<string, string>
            {
                ["benefitName.ja"] = "子ども医療費助成", ["benefitName.en"] = "Child medical expense subsidy", [NoticeValues.BenefitName] = "子ども医療費助成",
            }, "/benefits"),
            new(NoticeKind.PointsExpiring, to, "demo:points-expiring", new Dictionary<string, string>
            {
                [NoticeValues.Points] = "1,200", [NoticeValues.ExpiryDate] = new DateOnly(today.Month > 3 ? today.Year + 1 : today.Year, 3, 31).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            }, "/points"),
        ];
        var added = 0;
        foreach (var notice in notices)
            if (await outbox.EnqueueAsync(notice, ct)) added++;
        if (added > 0) sp.GetRequiredService<IOutboxSignal>().Notify();
    }
}
