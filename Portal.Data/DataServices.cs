using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Accounts;
using Portal.Core.Audit;
using Portal.Core.Benefits;
using Portal.Core.Legal;
using Portal.Core.Notifications;
using Portal.Core.Offices;
using Portal.Core.Points;
using Portal.Core.Queues;
using Portal.Core.Reports;
using Portal.Core.Reports.Alerts;
using Portal.Core.Reports.Open311;
using Portal.Core.Reports.OpenData;
using Portal.Core.Reports.Photos;
using Portal.Core.Reports.Statistics;
using Portal.Core.Reports.Supporters;
using Portal.Core.Retention;
using Portal.Data.Accounts;
using Portal.Data.Audit;
using Portal.Data.Benefits;
using Portal.Data.Database;
using Portal.Data.Legal;
using Portal.Data.Notifications;
using Portal.Data.Offices;
using Portal.Data.Points;
using Portal.Data.Queues;
using Portal.Data.Reports;
using Portal.Data.Retention;

namespace Portal.Data;

/// <summary>
/// The data layer's side of the wiring: every Core contract this layer fulfils, by capability, over one
/// <see cref="PortalDatabase"/>. The web host calls <see cref="AddPortalData"/> once (its composition root is the only
/// place outside this project that names a type of it); everything else asks for the Core contracts.
/// </summary>
public static class DataServices
{
    public static IServiceCollection AddPortalData(this IServiceCollection services, Func<IServiceProvider, PortalDatabase> database) =>
        services.AddSingleton(database)
            .AddAccountData()
            .AddNotificationData()
            .AddReportData()
            .AddForYouData()
            .AddQueueData()
            .AddPointsData()
            .AddRetentionData()
            .AddPolicyData();

    /// <summary>Accounts, their security and data care, offices, and the audit log every capability writes to.</summary>
    public static IServiceCollection AddAccountData(this IServiceCollection services) => services
        .AddSingleton<IUserAccountRepository, UserAccountRepository>()
        .AddSingleton<IAuditLog, AuditLogRepository>()
        .AddSingleton<IOfficeRepository, OfficeRepository>()
        .AddSingleton<IPasswordResetStore, PasswordResetRepository>()
        .AddSingleton<ITwoFactorStore, TwoFactorRepository>()
        .AddSingleton<IAccountDataReader, AccountDataRepository>()
        .AddSingleton<IAccountDeletionStore, AccountDeletionRepository>();

    /// <summary>
    /// The outbox every capability writes its notices to (in the same transaction as the change that makes them), the
    /// deliveries, the resident's notices and choices, and the channels' addresses. Needs <see cref="ActiveChannels"/>.
    /// </summary>
    public static IServiceCollection AddNotificationData(this IServiceCollection services) => services
        .AddSingleton<INoticeOutbox, NoticeOutbox>()
        .AddSingleton<INoticeQueue, NoticeQueue>()
        .AddSingleton<INoticeDeliveryRepository, NoticeDeliveryRepository>()
        .AddSingleton<INoticeInbox, NoticeInboxRepository>()
        .AddSingleton<INoticeStatistics, NoticeStatisticsRepository>()
        .AddSingleton<INoticePreferences, NoticePreferenceRepository>()
        .AddSingleton<IChannelAddressRepository, ChannelAddressRepository>();

    /// <summary>ChibaRepo: reports, categories, the form's uploads, supporter tasks, Open311 clients and requests, open data and statistics.</summary>
    public static IServiceCollection AddReportData(this IServiceCollection services) => services
        .AddSingleton<IReportRepository, ReportRepository>()
        .AddSingleton<IReportAlertRepository, ReportAlertRepository>()
        .AddSingleton<IReportCategoryRepository, ReportCategoryRepository>()
        .AddSingleton<Portal.Core.Reports.Themes.IReportThemeRepository, ReportThemeRepository>()
        .AddSingleton<Portal.Core.Reports.Routing.IReportRoutingRepository, ReportRoutingRepository>()
        .AddSingleton<IPhotoUploadLog, PhotoUploadRepository>()
        .AddSingleton<ISupporterTaskRepository, SupporterTaskRepository>()
        .AddSingleton<IOpen311ApiKeyRepository, Open311ApiKeyRepository>()
        .AddSingleton<IOpen311RequestRepository, Open311RequestRepository>()
        .AddSingleton<IReportExportRepository, ReportExportRepository>()
        .AddSingleton<IReportStatisticsRepository, ReportStatisticsRepository>();

    /// <summary>For You: the register, consents, the benefit catalogue and the nightly results.</summary>
    public static IServiceCollection AddForYouData(this IServiceCollection services) => services
        .AddSingleton<IResidentRegister, ResidentRegisterRepository>()
        .AddSingleton<IConsentStore, ConsentRepository>()
        .AddSingleton<IBenefitCatalog, BenefitCatalogRepository>()
        .AddSingleton<IEligibilityResults, EligibilityResultRepository>();

    /// <summary>Ward-office queues: setup, tickets with their notices, counter sessions.</summary>
    public static IServiceCollection AddQueueData(this IServiceCollection services) => services
        .AddSingleton<IQueueSetupRepository, QueueSetupRepository>()
        .AddSingleton<ITicketRepository, TicketRepository>()
        .AddSingleton<ICounterSessionRepository, CounterSessionRepository>();

    /// <summary>City Points: one ledger (shared by the programme, catalogue and adjustment stores that post through it).</summary>
    public static IServiceCollection AddPointsData(this IServiceCollection services) => services
        .AddSingleton<PointLedgerRepository>()
        .AddSingleton<IPointLedger>(sp => sp.GetRequiredService<PointLedgerRepository>())
        .AddSingleton<IPointProgrammeRepository, PointProgrammeRepository>()
        .AddSingleton<IPointCatalogRepository, PointCatalogRepository>()
        .AddSingleton<IPointAdjustmentRepository, PointAdjustmentRepository>();

    public static IServiceCollection AddRetentionData(this IServiceCollection services) =>
        services.AddSingleton<IRetentionStore, RetentionRepository>();

    public static IServiceCollection AddPolicyData(this IServiceCollection services) =>
        services.AddSingleton<IPolicyAcceptanceStore, PolicyAcceptanceRepository>();
}
