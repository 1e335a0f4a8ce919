using System.Security.Cryptography;
using System.Threading.Channels;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.RateLimiting;
using Portal.Core.Accounts;
using Portal.Core.Notifications;
using Portal.Web.Notifications.Email;
using Portal.Web.Security;

namespace Portal.Web.Accounts;

/// <summary>
/// Wires account recovery (forgot password, ward-office codes) and two-factor sign-in: their settings, stores,
/// services, the background step that looks up reset requests, and the rate limits of their forms.
/// </summary>
public static class AccountSecurityServices
{
    public const string ResetRequestLimit = "password-reset-request";

    public static IServiceCollection AddAccountSecurity(this IServiceCollection services, IConfiguration config)
    {
        var reset = config.GetSection(PasswordResetOptions.Section).Get<PasswordResetOptions>() ?? new PasswordResetOptions();
        reset.EmailEnabled = (config.GetSection(EmailOptions.Section).Get<EmailOptions>() ?? new EmailOptions()).IsConfigured;
        services.AddSingleton(reset);
        services.AddSingleton(config.GetSection(TwoFactorOptions.Section).Get<TwoFactorOptions>() ?? new TwoFactorOptions());

        services.AddSingleton<ISecretProtector, DataProtectionSecretProtector>();
        services.AddSingleton<PasswordResetService>();
        services.AddSingleton<TwoFactorService>();
        services.AddSingleton<PendingSignIn>();
        services.AddSingleton<PasswordResetDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<PasswordResetDispatcher>());

        // Asking for reset links: per client address, posts only (the per-address limit is PasswordResetService's).
        services.Configure<RateLimiterOptions>(o => o.AddPolicy(ResetRequestLimit, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(RequestOrigin.From(context) ?? "unknown", _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = Math.Max(1, reset.RequestsPerClientPerHour), Window = TimeSpan.FromHours(1), QueueLimit = 0,
                })
                : RateLimitPartition.GetNoLimiter("get")));
        return services;
    }
}

/// <summary><see cref="ISecretProtector"/> on ASP.NET Core Data Protection: the key ring the session cookies use (shared through Redis on several nodes).</summary>
public sealed class DataProtectionSecretProtector(IDataProtectionProvider provider) : ISecretProtector
{
    private readonly IDataProtector _root = provider.CreateProtector("Portal.Secrets");

    public string Protect(string purpose, string secret) => _root.CreateProtector(purpose).Protect(secret);

    public string? Unprotect(string purpose, string protectedText)
    {
        try
        {
            return _root.CreateProtector(purpose).Unprotect(protectedText);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
    }
}

/// <summary>
/// The part of "forgot password" that depends on the address runs here, after the answer has gone: so the answer takes
/// the same time whether or not the address has an account. A request lost in a restart is asked again by the person;
/// the link itself waits in the outbox, which survives restarts.
/// </summary>
public sealed class PasswordResetDispatcher(PasswordResetService resets, IOutboxSignal outbox, ILogger<PasswordResetDispatcher> log) : BackgroundService
{
    private readonly Channel<Request> _requests = Channel.CreateBounded<Request>(new BoundedChannelOptions(1000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    /// <summary>Queues a request; false when a flood has filled the queue (the answer stays the same).</summary>
    public bool Enqueue(string email, string culture, string? ipAddress) => _requests.Writer.TryWrite(new Request(email, culture, ipAddress));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var request in _requests.Reader.ReadAllAsync(stoppingToken))
            {
                try
                {
                    if (await resets.IssueLinkAsync(request.Email, request.Culture, request.IpAddress, stoppingToken)) outbox.Notify();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    log.LogError(e, "A password reset request could not be handled.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private sealed record Request(string Email, string Culture, string? IpAddress);
}
