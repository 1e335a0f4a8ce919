using Portal.Core.Reports.Alerts;

namespace Portal.Web.Reports.Alerts;

/// <summary>
/// The POST of a one-click "stop these messages" link (<see cref="UnsubscribeLinks"/>): from the confirm page's form, or a
/// mail client's RFC 8058 one-click POST ("List-Unsubscribe=One-Click") to the address in the List-Unsubscribe header, the
/// same address as the page. No sign-in and no antiforgery token: the signed token is the whole permission, and it only
/// stops one follow or one alert of its owner. It answers with the page again, which then says it has stopped (or that
/// the link cannot be used).
/// </summary>
public static class UnsubscribeEndpoints
{
    public static string PathOf(string token) => UnsubscribeLinks.PathPrefix + Uri.EscapeDataString(token);

    public static void MapUnsubscribe(this IEndpointRouteBuilder app) =>
        app.MapPost(UnsubscribeLinks.PathPrefix + "{token}", async (string token, ReportAlertService alerts, HttpContext context) =>
            {
                // A link that is not the portal's stops nothing; the page it leads back to says so (an empty 404 here would be
                // re-run as a POST to the not-found page and refused there).
                await alerts.UnsubscribeAsync(token, context.RequestAborted);
                return Results.Redirect(PathOf(token), permanent: false, preserveMethod: false);
            })
            .AllowAnonymous()
            .DisableAntiforgery()
            // Before the page's own endpoint, which also takes POSTs to this address for its forms.
            .WithOrder(-1);
}
