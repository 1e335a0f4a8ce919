using System.Globalization;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Portal.Core.Notifications;
using Portal.Core.Queues;
using Portal.Core.Rules;
using Portal.Core.Accounts;
using Portal.Web.Security;

using Portal.Web.Notifications.WebPush;

namespace Portal.Web.Queues.Streams;

/// <summary>
/// The HTTP side of the light queue pages: their server-sent event streams, the snapshots the pages read when the
/// screen or the network comes back, and the notice form's post. The contract, for the pages' script and the load
/// bench, is in docs/queue-streams.md:
/// <list type="bullet">
/// <item><c>GET /queue/t/{token}/events</c>: <c>text/event-stream</c>, <c>Cache-Control: no-store</c>; the first event at
/// once unless Last-Event-ID is the current version; each event <c>id: {version}</c>, <c>event: ticket</c>, one
/// <c>data:</c> line of JSON (<see cref="TicketView.WriteJson"/> with <c>"version"</c> first); comment lines to keep it
/// open; 404 for an unknown, malformed or expired token.</item>
/// <item><c>GET /queue/t/{token}/state</c>: the same JSON; 404 likewise.</item>
/// <item><c>GET /queue/events</c>: <c>event: office</c>, one JSON per office (<see cref="OfficeCrowding.WriteJson"/>),
/// all of them at once on connecting; the id is the whole page's version.</item>
/// <item><c>GET /queue/state</c>: <c>{"version","offices":[…]}</c>.</item>
/// </list>
/// Texts are in the request's language (the culture cookie, or <c>?culture=</c>), fixed for a stream when it connects.
/// </summary>
public static class QueueStreamEndpoints
{
    public const string TicketEvents = "/queue/t/{token}/events";
    public const string TicketState = "/queue/t/{token}/state";
    public const string CrowdingEvents = "/queue/events";
    public const string CrowdingState = "/queue/state";
    public const string Notify = "/queue/t/{token}/notify";
    public const string GiveBack = "/queue/t/{token}/give-back";

    /// <summary>What the give-back form's post says back, as <c>?giveback=</c> on the ticket page: it was called already.</summary>
    public const string GiveBackTooLate = "called";

    /// <summary>What the notice form's post says back, as <c>?notify=</c> on the ticket page.</summary>
    public const string NotifyEmailInvalid = "email";

    public static IEndpointRouteBuilder MapQueueStreams(this IEndpointRouteBuilder app)
    {
        app.MapGet(TicketEvents, TicketEventsAsync).AllowAnonymous();
        app.MapGet(TicketState, TicketStateAsync).AllowAnonymous();
        app.MapGet(CrowdingEvents, CrowdingEventsAsync).AllowAnonymous();
        app.MapGet(CrowdingState, CrowdingStateAsync).AllowAnonymous();
        app.MapPost(Notify, NotifyAsync).AllowAnonymous();
        app.MapPost(GiveBack, GiveBackAsync).AllowAnonymous();
        return app;
    }

    /// <summary>The ticket page's links to its stream and snapshot, in the page's language.</summary>
    public static string TicketLink(string template, string token, QueueWords words) =>
        template.Replace("{token}", Uri.EscapeDataString(token), StringComparison.Ordinal) + "?culture=" + words.Culture.Name;

    // A body keeps the status-page middleware from answering a stream's or a script's 404 with the HTML not-found page.
    private static IResult NotFound() => Results.NotFound(new { error = "not-found" });

    private static async Task<IResult> TicketEventsAsync(HttpContext context, string token, TicketService queues, QueueFeeds feeds)
    {
        var ct = context.RequestAborted;
        if (await queues.TicketOfTokenAsync(token, ct) is not { } ticket) return NotFound();
        await StartStreamAsync(context);
        await UntilGoneAsync(feeds.FollowAsync(ticket, Words(feeds), context.Response.BodyWriter, LastEventId(context), ct));
        return Results.Empty;
    }

    private static async Task<IResult> TicketStateAsync(HttpContext context, string token, TicketService queues, QueueFeeds feeds)
    {
        var ct = context.RequestAborted;
        if (await queues.TicketOfTokenAsync(token, ct) is not { } ticket || await feeds.FeedAsync(ticket.OfficeId, ct) is not { } feed)
            return NotFound();
        var view = TicketView.Of(await feeds.PositionAsync(ticket, ct), feed.Office, Words(feeds));
        StartSnapshot(context);
        WriteSnapshot(context, view);
        await context.Response.BodyWriter.FlushAsync(ct);
        return Results.Empty;
    }

    private static async Task<IResult> CrowdingEventsAsync(HttpContext context, QueueFeeds feeds)
    {
        await StartStreamAsync(context);
        await UntilGoneAsync(feeds.FollowAsync(Words(feeds), context.Response.BodyWriter, LastEventId(context), context.RequestAborted));
        return Results.Empty;
    }

    private static async Task<IResult> CrowdingStateAsync(HttpContext context, QueueFeeds feeds)
    {
        var ct = context.RequestAborted;
        var (offices, version) = await feeds.CrowdingAsync(Words(feeds), ct);
        StartSnapshot(context);
        WriteSnapshot(context, offices, version);
        await context.Response.BodyWriter.FlushAsync(ct);
        return Results.Empty;
    }

    /// <summary>
    /// "Tell me when N are ahead" or "when called": a signed-in resident's account, else the e-mail address given, else
    /// this phone's push subscription (its sealed handle, from push.js; <see cref="PushSubscriptionHandle"/>). Back to the
    /// ticket page either way; a second post of the
    /// same kind replaces the first, so a double tap or a reload of the post makes one wish, not two.
    /// </summary>
    private static async Task<IResult> NotifyAsync(HttpContext context, string token, [FromForm] string? kind, [FromForm] string? email,
        [FromForm] string? push, TicketService queues, QueueFeeds feeds, PushSubscriptionHandle handles)
    {
        if (!TicketToken.LooksValid(token)) return Results.LocalRedirect("/queue");
        var page = "/queue/t/" + token;
        // Only the form's own two buttons send a kind: anything else goes back to the page unchanged.
        if (!Enum.TryParse<TicketNoticeKind>(kind, ignoreCase: true, out var wish) || !Enum.IsDefined(wish)) return Results.LocalRedirect(page + "#notify");
        var language = Words(feeds).Culture.Name;
        var address = email?.Trim() ?? "";
        NoticeRecipient recipient;
        if (context.User.PortalRole() == Role.Resident && context.User.AccountId() is { } accountId)
            recipient = new NoticeRecipient.Account(accountId);
        else if (address.Length > 0)
        {
            if (!System.Net.Mail.MailAddress.TryCreate(address, out var parsed) || parsed.Address != address)
                return Results.LocalRedirect($"{page}?notify={NotifyEmailInvalid}#notify");
            recipient = new NoticeRecipient.Address(NoticeChannel.Email, parsed.Address, language);
        }
        else if (handles.Open(push) is { } subscription)
            recipient = new NoticeRecipient.Address(NoticeChannel.WebPush, subscription.ToString(CultureInfo.InvariantCulture), language);
        else
            return Results.LocalRedirect($"{page}?notify={NotifyEmailInvalid}#notify");
        await queues.SubscribeAsync(token, wish, recipient, context.RequestAborted);
        // The page shows what was asked for (or that the ticket is over); the fragment brings the phone back to the form.
        return Results.LocalRedirect(page + "#notify");
    }

    /// <summary>
    /// "I no longer need this": the ticket leaves its line (<see cref="TicketService.GiveBackAsync"/>) and the page comes
    /// back showing so. The form's confirm field is what the button sends (a form post with the page's antiforgery token);
    /// a ticket called meanwhile is not given back, and the page says to come to the counter.
    /// </summary>
    private static async Task<IResult> GiveBackAsync(HttpContext context, string token, [FromForm] string? confirm, TicketService queues)
    {
        if (!TicketToken.LooksValid(token)) return Results.LocalRedirect("/queue");
        var page = "/queue/t/" + token;
        if (confirm != "yes") return Results.LocalRedirect(page);
        try
        {
            await queues.GiveBackAsync(token, context.RequestAborted);
            return Results.LocalRedirect(page);
        }
        catch (RuleException)
        {
            return Results.LocalRedirect($"{page}?giveback={GiveBackTooLate}");
        }
    }

    /// <summary>A stream ends when its client goes, whatever the stream was doing then: that is no error.</summary>
    private static async Task UntilGoneAsync(Task following)
    {
        try
        {
            await following;
        }
        catch (OperationCanceledException)
        {
        }
    }

    private static QueueWords Words(QueueFeeds feeds) => feeds.Words.For(CultureInfo.CurrentUICulture);

    private static ulong LastEventId(HttpContext context) => EventStream.ParseVersion(context.Request.Headers["Last-Event-ID"].ToString());

    private static async Task StartStreamAsync(HttpContext context)
    {
        var response = context.Response;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-store";
        // Proxies that buffer responses (nginx) would hold the events back.
        response.Headers["X-Accel-Buffering"] = "no";
        context.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        // The headers now: the page sees the stream open before its first event.
        await response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static void StartSnapshot(HttpContext context)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        context.Response.Headers.CacheControl = "no-store";
    }

    private static void WriteSnapshot(HttpContext context, TicketView view)
    {
        var json = JsonScratch.Start();
        view.WriteJson(json);
        var body = JsonScratch.Written();
        EventStream.WriteVersioned(context.Response.BodyWriter, EventStream.VersionOf(body), body);
    }

    private static void WriteSnapshot(HttpContext context, IReadOnlyList<OfficeCrowding> offices, ulong version)
    {
        var json = JsonScratch.Start();
        json.WriteStartObject();
        json.WriteStartArray("offices");
        foreach (var office in offices) office.WriteJson(json);
        json.WriteEndArray();
        json.WriteEndObject();
        EventStream.WriteVersioned(context.Response.BodyWriter, version, JsonScratch.Written());
    }
}
