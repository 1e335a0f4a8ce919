using System.Diagnostics;
using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Localization;

namespace Portal.Web.Hosting;

/// <summary>
/// The page shown when a request fails outside Development. Written directly, not rendered by Blazor,
/// so that it works whatever failed (a form post with a stale antiforgery token cannot be re-run as a page).
/// A bad request stays a 400 with its own message; anything else is a 500 with a reference to quote.
/// </summary>
public static class ErrorPage
{
    public static async Task WriteAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var bad = error is BadHttpRequestException;
        context.Response.StatusCode = bad ? ((BadHttpRequestException)error!).StatusCode : StatusCodes.Status500InternalServerError;
        context.Response.ContentType = "text/html; charset=utf-8";
        var l = context.RequestServices.GetRequiredService<IStringLocalizer<SharedResource>>();
        var reference = Activity.Current?.Id ?? context.TraceIdentifier;
        string E(string text) => WebUtility.HtmlEncode(text);
        var title = bad ? l["Error_BadRequestTitle"] : l["Error_Title"];
        var body = bad ? l["Error_BadRequestBody"] : l["Error_Body"];
        await context.Response.WriteAsync($"""
            <!DOCTYPE html>
            <html lang="{PortalCultures.HtmlLang}">
            <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1.0">
            <title>{E(title)} | {E(l["App_Name"])}</title><link rel="stylesheet" href="/css/portal.css"></head>
            <body>
            <header class="static-bar"><a href="/" class="portal-brand">{E(l["App_Name"])}</a></header>
            <main id="main" class="static-main">
            <h1>{E(title)}</h1>
            <p>{E(body)}</p>
            <p class="static-muted">{E(l["Error_RequestId"])}: <code>{E(reference)}</code></p>
            <p><a href="/">{E(l["NotAllowed_Home"])}</a></p>
            </main>
            </body>
            </html>
            """);
    }
}
