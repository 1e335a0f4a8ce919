using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Portal.Web.Security;

/// <summary>Limits on form posts that guess passwords or create accounts, per client address.</summary>
public static class RateLimits
{
    public const string SignIn = "sign-in";
    public const string SignUp = "sign-up";
    public const string DataExport = "data-export";

    public static void Add(RateLimiterOptions options, Hosting.SecurityOptions security)
    {
        options.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        options.AddPolicy(SignIn, context => PostsPerClient(context, security.SignInAttemptsPerMinute, TimeSpan.FromMinutes(1)));
        options.AddPolicy(SignUp, context => PostsPerClient(context, security.SignUpsPerHour, TimeSpan.FromHours(1)));
        // A resident's data export gathers everything they have: once a minute per account is plenty.
        options.AddPolicy(DataExport, context => RateLimitPartition.GetFixedWindowLimiter(
            context.User.AccountId()?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? RequestOrigin.From(context) ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 1, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
        options.OnRejected = async (context, ct) =>
        {
            var localizer = context.HttpContext.RequestServices.GetRequiredService<Microsoft.Extensions.Localization.IStringLocalizer<SharedResource>>();
            context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
            await context.HttpContext.Response.WriteAsync(localizer["Error_TooManyRequests"], ct);
        };
    }

    // Showing the form is free; only submitting it counts.
    private static RateLimitPartition<string> PostsPerClient(HttpContext context, int permits, TimeSpan window) =>
        HttpMethods.IsPost(context.Request.Method)
            ? RateLimitPartition.GetFixedWindowLimiter(RequestOrigin.From(context) ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = window, QueueLimit = 0 })
            : RateLimitPartition.GetNoLimiter("get");
}
