using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Portal.Core.Notifications;
using Portal.Web.Security;

namespace Portal.Web.Notifications.WebPush;

/// <summary>What a browser posts: PushSubscription.toJSON() plus a label for the device list.</summary>
public sealed record PushSubscriptionBody(string? Endpoint, PushSubscriptionKeys? Keys, string? DeviceLabel);

public sealed record PushSubscriptionKeys(string? P256dh, string? Auth);

public sealed record PushEndpointBody(string? Endpoint);

/// <summary>What the service worker posts when the browser changed its subscription: the new one, and the old one's endpoint and secret.</summary>
public sealed record PushRenewalBody(string? Endpoint, PushSubscriptionKeys? Keys, string? OldEndpoint, string? OldAuth);

/// <summary>
/// Where browsers save and remove their push subscriptions. A signed-in resident's subscription belongs to the
/// account; on a ticket page someone who is not signed in may subscribe too, and gets the new subscription's id,
/// which the queue keeps with the ticket.
/// </summary>
public static class PushSubscriptionEndpoints
{
    public const string Path = "/notifications/push/subscriptions";
    public const string RenewPath = Path + "/renew";
    public const string RateLimit = "push-subscriptions";

    public const int MaxEndpointLength = 2048;
    public const int MaxLabelLength = 100;

    /// <summary>The push services of the browsers people use; a subscription pointing anywhere else is refused.</summary>
    public static readonly string[] KnownPushHosts =
        ["fcm.googleapis.com", "android.googleapis.com", "updates.push.services.mozilla.com", ".push.apple.com", ".notify.windows.com"];

    // A body keeps the status-page middleware from re-running a 404 as a page for a DELETE or a JSON post.
    private static IResult NotFound() => Results.NotFound(new { error = "not-found" });

    public static void MapPushSubscriptions(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, SaveAsync).AllowAnonymous().RequireRateLimiting(RateLimit);
        app.MapPost(RenewPath, RenewAsync).AllowAnonymous().RequireRateLimiting(RateLimit);
        app.MapDelete(Path, DeleteByEndpointAsync).AllowAnonymous().RequireRateLimiting(RateLimit);
        app.MapDelete(Path + "/{id:long}", DeleteOwnAsync).RequireAuthorization(Policies.SignedIn);
    }

    private static async Task<IResult> SaveAsync(HttpContext context, [FromBody] PushSubscriptionBody body,
        IChannelAddressRepository addresses, IOptions<WebPushOptions> options, TimeProvider time, PushSubscriptionHandle handles)
    {
        if (context.RequestServices.GetService<VapidKeys>() is null) return NotFound();
        var problem = Validate(body, options.Value);
        if (problem is not null) return Results.BadRequest(new { error = problem });
        var label = body.DeviceLabel is { Length: > 0 } l ? l.Trim()[..Math.Min(l.Trim().Length, MaxLabelLength)] : null;
        var id = await addresses.SavePushSubscriptionAsync(context.User.AccountId(), body.Endpoint!, body.Keys!.P256dh!.TrimEnd('='), body.Keys.Auth!.TrimEnd('='),
            label, time.GetUtcNow(), context.RequestAborted);
        // The handle names this subscription in a form of a page without an account (the ticket page's notice form).
        return Results.Ok(new { id, handle = handles.Seal(id) });
    }

    /// <summary>
    /// The service worker's answer to pushsubscriptionchange. The renewed subscription takes the old one's place (same
    /// id, same account) when the old endpoint and its secret match a stored subscription; without that proof (the
    /// browser forgot the old one) it is saved as this browser's new subscription, like a press of the button.
    /// </summary>
    private static async Task<IResult> RenewAsync(HttpContext context, [FromBody] PushRenewalBody body,
        IChannelAddressRepository addresses, IOptions<WebPushOptions> options, TimeProvider time)
    {
        if (context.RequestServices.GetService<VapidKeys>() is null) return NotFound();
        var problem = Validate(new PushSubscriptionBody(body.Endpoint, body.Keys, null), options.Value);
        if (problem is not null) return Results.BadRequest(new { error = problem });
        var (endpoint, p256dh, auth) = (body.Endpoint!, body.Keys!.P256dh!.TrimEnd('='), body.Keys.Auth!.TrimEnd('='));
        if (body.OldEndpoint is { Length: > 0 and <= MaxEndpointLength } oldEndpoint && Decode(body.OldAuth) is { Length: 16 }
            && await addresses.RenewPushSubscriptionAsync(oldEndpoint, body.OldAuth!.TrimEnd('='), endpoint, p256dh, auth, context.RequestAborted) is { } renewed)
            return Results.Ok(new { id = renewed, renewed = true });
        var id = await addresses.SavePushSubscriptionAsync(context.User.AccountId(), endpoint, p256dh, auth, null, time.GetUtcNow(), context.RequestAborted);
        return Results.Ok(new { id, renewed = false });
    }

    private static async Task<IResult> DeleteByEndpointAsync(HttpContext context, [FromBody] PushEndpointBody body, IChannelAddressRepository addresses)
    {
        if (string.IsNullOrEmpty(body.Endpoint) || body.Endpoint.Length > MaxEndpointLength) return Results.BadRequest();
        return await addresses.DeletePushSubscriptionByEndpointAsync(body.Endpoint, context.User.AccountId(), context.RequestAborted)
            ? Results.NoContent()
            : NotFound();
    }

    private static async Task<IResult> DeleteOwnAsync(HttpContext context, long id, IChannelAddressRepository addresses) =>
        context.User.AccountId() is { } accountId && await addresses.DeletePushSubscriptionAsync(id, accountId, context.RequestAborted)
            ? Results.NoContent()
            : NotFound();

    /// <summary>Why a posted subscription is refused, or null when it is one the portal may push to.</summary>
    public static string? Validate(PushSubscriptionBody? body, WebPushOptions options)
    {
        if (body?.Endpoint is not { Length: > 0 and <= MaxEndpointLength } endpoint) return "endpoint";
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || !IsAllowedEndpoint(uri, options)) return "endpoint";
        // An uncompressed P-256 point, and a 16-byte authentication secret.
        if (Decode(body.Keys?.P256dh) is not { Length: 65 } point || point[0] != 0x04) return "p256dh";
        if (Decode(body.Keys?.Auth) is not { Length: 16 }) return "auth";
        if (body.DeviceLabel is { Length: > MaxLabelLength * 4 }) return "deviceLabel";
        return null;
    }

    public static bool IsAllowedEndpoint(Uri uri, WebPushOptions options)
    {
        if (uri.Scheme == Uri.UriSchemeHttp)
            return options.AllowLoopbackEndpoints && uri.Host == "127.0.0.1";
        if (uri.Scheme != Uri.UriSchemeHttps || !string.IsNullOrEmpty(uri.UserInfo)) return false;
        var host = uri.IdnHost.ToLowerInvariant();
        return KnownPushHosts.Concat(options.AllowedEndpointHosts).Any(allowed =>
            allowed.StartsWith('.') ? host.EndsWith(allowed.ToLowerInvariant(), StringComparison.Ordinal) : host == allowed.ToLowerInvariant());
    }

    private static byte[]? Decode(string? base64Url)
    {
        if (string.IsNullOrEmpty(base64Url) || base64Url.Length > 128) return null;
        try
        {
            return WebEncoders.Base64UrlDecode(base64Url.TrimEnd('='));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
