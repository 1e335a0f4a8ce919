using Portal.Core.Notifications;

namespace Portal.Web.Notifications;

public static class NotificationServices
{
    /// <summary>
    /// Notifications: the channels configuration switches on (in-app always; e-mail and LINE when configured; Web Push
    /// when it has keys) and delivery. The worker claims due deliveries from the outbox, renders them from the resx
    /// templates in the notice's language and sends each on its channel's <see cref="INoticeSender"/>, so Development
    /// needs no outside service. Enqueuers call <see cref="IOutboxSignal"/> after their commit to wake the worker at once.
    /// </summary>
    public static IServiceCollection AddNotifications(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        services.AddNotificationChannels(config, dataFolder);
        services.Configure<NotificationOptions>(config.GetSection(NotificationOptions.Section));
        services.AddSingleton<OutboxSignal>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxSignal>());
        services.AddSingleton<INoticeTemplates, ResourceNoticeTemplates>();
        services.AddSingleton<NoticeRenderer>();
        services.AddSingleton<INoticeSender, InAppNoticeSender>();
        services.AddSingleton<NoticeAdminService>();
        services.AddHostedService<NoticeDeliveryWorker>();
        return services;
    }
}
