using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Core.Notifications;
using Portal.Web.Notifications.Email;
using Portal.Web.Notifications.Line;
using Portal.Web.Notifications.WebPush;
using Portal.Web.Security;

namespace Portal.Web.Notifications;

/// <summary>The public VAPID key browsers subscribe with; null when Web Push is off.</summary>
public sealed record WebPushKey(string? PublicKey);

/// <summary>
/// Wires the external delivery channels from configuration: e-mail when Notifications:Email has a host and a
/// sender address, LINE when Notifications:Line has a channel access token, Web Push whenever it has keys
/// (made on first run unless switched off). In-app is always on. Each channel that is on registers its
/// <see cref="INoticeSender"/>; the outbox only writes deliveries for channels in <see cref="ActiveChannels"/>.
/// </summary>
public static class NotificationChannels
{
    public static ActiveChannels AddNotificationChannels(this IServiceCollection services, IConfiguration config, string dataFolder)
    {
        services.Configure<EmailOptions>(config.GetSection(EmailOptions.Section));
        services.Configure<LineOptions>(config.GetSection(LineOptions.Section));
        services.Configure<WebPushOptions>(config.GetSection(WebPushOptions.Section));
        var email = config.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions();
        var line = config.GetSection(LineOptions.Section).Get<LineOptions>() ?? new LineOptions();
        var push = config.GetSection(WebPushOptions.Section).Get<WebPushOptions>() ?? new WebPushOptions();
        var channels = new List<NoticeChannel>();

        // E-mail: the SMTP code serves both the notices and the address verification.
        services.AddSingleton<SmtpMailer>();
        services.AddSingleton<EmailVerification>();
        if (email.IsConfigured)
        {
            services.AddSingleton<INoticeSender, EmailSender>();
            channels.Add(NoticeChannel.Email);
        }

        // LINE: the Messaging API for pushes, LINE Login for linking.
        services.AddHttpClient(LineSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, line.TimeoutSeconds)));
        if (line.CanPush)
        {
            services.AddSingleton<INoticeSender, LineSender>();
            channels.Add(NoticeChannel.Line);
        }

        // Web Push: needs nothing but its own key pair.
        services.AddHttpClient(WebPushSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(Math.Max(1, push.TimeoutSeconds)));
        var keys = VapidKeys.LoadOrCreate(push, dataFolder);
        services.AddSingleton(new WebPushKey(keys?.PublicKey));
        // What a page without an account posts to name this phone's subscription (the ticket page's notice form).
        services.AddSingleton<PushSubscriptionHandle>();
        if (keys is not null)
        {
            services.AddSingleton(keys);
            services.AddSingleton<INoticeSender, WebPushSender>();
            channels.Add(NoticeChannel.WebPush);
        }
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(PushSubscriptionEndpoints.RateLimit, context =>
            HttpMethods.IsGet(context.Request.Method)
                ? RateLimitPartition.GetNoLimiter("get")
                : RateLimitPartition.GetFixedWindowLimiter(RequestOrigin.From(context) ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, push.SubscriptionsPerHour), Window = TimeSpan.FromHours(1), QueueLimit = 0,
                })));

        // Referrals to outside bodies by webhook: always on (its sender is wired with the reports, AddReports).
        channels.Add(NoticeChannel.Webhook);
        var active = ActiveChannels.Of([.. channels]);
        services.AddSingleton(active);
        // What residents' settings offer them: the channels on, and whether a LINE account can be linked here.
        services.AddSingleton(new ChannelOffer(active.Channels, line.CanLink));
        services.AddSingleton<NoticeSettingsService>();
        return active;
    }

    public static void MapNotificationChannels(this IEndpointRouteBuilder app)
    {
        app.MapGet(EmailVerification.Path, async (string? token, EmailVerification verification, CancellationToken ct) =>
            Results.LocalRedirect("/account/email-verified?result=" + (await verification.VerifyAsync(token, ct)).ToString().ToLowerInvariant()))
            .AllowAnonymous();
        app.MapLineLinking();
        app.MapPushSubscriptions();
    }
}
