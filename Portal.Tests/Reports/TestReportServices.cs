using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Geography;
using Portal.Core.Notifications;
using Portal.Core.Reports;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Database;
using Portal.Data.Notifications;
using Portal.Data.Offices;
using Portal.Data.Reports;

namespace Portal.Tests.Reports;

/// <summary>The report service over a real database with its real repositories, for tests of what it writes.</summary>
internal static class TestReportServices
{
    /// <param name="outbox">Where the repository writes the notices of a change, in the change's transaction.</param>
    public static ReportService Create(PortalDatabase db, TimeProvider time, INoticeOutbox outbox, IOutboxSignal? signal = null,
        ReportFollowUpOptions? followUp = null, Portal.Core.Reports.Alerts.ReportFollowNotices? follows = null,
        Portal.Core.Reports.Routing.ReportRouter? router = null)
    {
        var reports = new ReportRepository(db, time, outbox);
        var offices = new OfficeRepository(db).ListAsync(CancellationToken.None).GetAwaiter().GetResult();
        return new ReportService(reports, new ReportCategoryRepository(db), new NearestOfficeLocator(offices), new DuplicateFinder(reports),
            new AuditTrail(new AuditLogRepository(db), time), time, new StaffScopes(new UserAccountRepository(db)), signal, followUp: followUp, follows: follows, router: router);
    }
}
